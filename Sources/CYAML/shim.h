#ifndef HUIFANG_CYAML_SHIM_H
#define HUIFANG_CYAML_SHIM_H
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* Makes an initialized parser ready for a new input, as yaml_parser_delete followed by
 * yaml_parser_initialize would, but keeps its buffers, token queue and stacks: those two
 * calls cost five small and two 16 KB / 48 KB allocations per file, which on a large
 * repository is most of what malloc does. Whatever the parser still owns (tokens left in the
 * queue after an error, tag directives) is freed as yaml_parser_delete frees it (libyaml
 * 0.2.x); every other field is zeroed, as yaml_parser_initialize leaves it. */
static inline void huifang_yaml_parser_reset(yaml_parser_t *parser) {
    yaml_parser_t kept = *parser;
    while (kept.tokens.head != kept.tokens.tail) {
        yaml_token_delete(kept.tokens.head);
        kept.tokens.head++;
    }
    while (kept.tag_directives.top != kept.tag_directives.start) {
        kept.tag_directives.top--;
        free(kept.tag_directives.top->handle);
        free(kept.tag_directives.top->prefix);
    }
    memset(parser, 0, sizeof *parser);
    parser->raw_buffer.start = kept.raw_buffer.start;
    parser->raw_buffer.end = kept.raw_buffer.end;
    parser->raw_buffer.pointer = parser->raw_buffer.last = kept.raw_buffer.start;
    parser->buffer.start = kept.buffer.start;
    parser->buffer.end = kept.buffer.end;
    parser->buffer.pointer = parser->buffer.last = kept.buffer.start;
    parser->tokens.start = kept.tokens.start;
    parser->tokens.end = kept.tokens.end;
    parser->tokens.head = parser->tokens.tail = kept.tokens.start;
    parser->indents.start = parser->indents.top = kept.indents.start;
    parser->indents.end = kept.indents.end;
    parser->simple_keys.start = parser->simple_keys.top = kept.simple_keys.start;
    parser->simple_keys.end = kept.simple_keys.end;
    parser->states.start = parser->states.top = kept.states.start;
    parser->states.end = kept.states.end;
    parser->marks.start = parser->marks.top = kept.marks.start;
    parser->marks.end = kept.marks.end;
    parser->tag_directives.start = parser->tag_directives.top = kept.tag_directives.start;
    parser->tag_directives.end = kept.tag_directives.end;
}
#endif
