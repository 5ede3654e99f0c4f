/* The floor of every huifang command on a large repository: what reading it costs at all.
 * Walks DIR with opendir/readdir, reads every .yaml file with open/read and runs libyaml's
 * event parser over it, single-threaded, with no tree and no decoding.
 *
 *   cc -O2 -o floor floor.c $(pkg-config --cflags --libs yaml-0.1)
 *   ./floor DIR
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

static long files, events, bytes;
static unsigned char *buffer;
static size_t capacity;

static void parse(const char *path) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) return;
    struct stat st;
    if (fstat(fd, &st) != 0) { close(fd); return; }
    if ((size_t)st.st_size > capacity) {
        capacity = st.st_size;
        buffer = realloc(buffer, capacity);
    }
    ssize_t n = read(fd, buffer, st.st_size);
    close(fd);
    if (n < 0) return;
    yaml_parser_t parser;
    yaml_event_t event;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, buffer, (size_t)n);
    for (;;) {
        if (!yaml_parser_parse(&parser, &event)) break;
        int type = event.type;
        yaml_event_delete(&event);
        events++;
        if (type == YAML_STREAM_END_EVENT) break;
    }
    yaml_parser_delete(&parser);
    files++;
    bytes += n;
}

static void walk(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (e->d_type == DT_DIR) {
            walk(path);
            continue;
        }
        size_t len = strlen(e->d_name);
        if (len > 5 && strcmp(e->d_name + len - 5, ".yaml") == 0) parse(path);
    }
    closedir(d);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: floor DIR\n");
        return 64;
    }
    walk(argv[1]);
    printf("%ld files, %ld bytes, %ld events\n", files, bytes, events);
    return 0;
}
