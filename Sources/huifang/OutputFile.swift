import ArgumentParser
import HuifangCore
import HuifangStore

#if canImport(Glibc)
    import Glibc
#endif

let outputHelp = ArgumentHelp(
    "Write to FILE instead of standard output: a regular file, replaced atomically (a link is followed); a device or FIFO is written in place; - is standard output. The folder must exist.",
    valueName: "FILE")
let forceHelp = ArgumentHelp("With -o, write even over a file huifang reads (huifang.yaml, calendars, projects/, events/, improvements/, plans/, .huifang/, .git/).")

/// `-o FILE`: where a command's output goes when it is not standard output.
///
/// The rules (issue 15): `-o` writes regular files only, atomically (temp file + fsync +
/// rename) when the target is a regular file or absent; a character device (`/dev/null`, a
/// terminal), a FIFO, a descriptor (`/dev/stdout`) or `-` is written as a stream, in place. A symbolic link is followed
/// and its target written (atomically at the target), never replaced by a file. A folder, a
/// socket or a block device is refused, and so is a missing parent folder (`-o` creates no
/// folders). A path inside the records, anything huifang reads or owns, is refused unless
/// `--force`: see `recordsPath`.
enum OutputFile {
    /// Where the bytes go, once links are followed.
    enum Target: Equatable {
        /// Standard output (`-o -`).
        case standardOutput
        /// A regular file that exists or will be created: replaced atomically.
        case file(path: String, mode: mode_t?)
        /// A character device, a FIFO, or a descriptor's file (/dev/stdout): opened and
        /// written in place (appending: a file the shell opened with >> keeps what it had).
        case stream(path: String)
    }

    /// Writes `text` to `output` (relative to the working folder). `repository` and `reads`
    /// (repository-relative files the records name: calendars, case analyses) say what is
    /// inside the records. Returns false when the text went to standard output (`-`), so that
    /// the caller does not announce a file.
    @discardableResult
    static func write(_ text: String, to output: String, force: Bool, repository: Repository, reads: [String] = []) throws -> Bool {
        try write(Array(text.utf8), to: output, force: force, repository: repository, reads: reads, onTerminal: nil) { Console.out(text) }
    }

    /// `write` of bytes; `standardOutput` writes them for `-o -`. A device that is a terminal
    /// gets `onTerminal` thrown instead when it is given (binary files: xlsx).
    @discardableResult
    static func write(_ bytes: [UInt8], to output: String, force: Bool, repository: Repository, reads: [String] = [],
                      onTerminal: CommandFailure?, standardOutput: () throws -> Void) throws -> Bool {
        let target = try resolve(output)
        if !force, let (root, relative) = recordsPath(target, repository: repository, reads: reads) {
            throw CommandFailure.usage(Message("error.output-over-records", ["output": output, "relative": relative, "root": root]),
                                       hint: Message("hint.output-over-records"))
        }
        switch target {
        case .standardOutput:
            try standardOutput()
            return false
        case .file(let path, let mode):
            do {
                try FileSystem.writeAtomically(bytes, to: path)
            } catch {
                throw CommandFailure(StoreError.io(error))
            }
            // A file that was there keeps its permissions (writeAtomically makes 0644).
            if let mode, mode & 0o7777 != 0o644 { chmod(path, mode & 0o7777) }
        case .stream(let path):
            let fd = open(path, O_WRONLY | O_APPEND | O_NOCTTY | O_CLOEXEC)
            guard fd >= 0 else { throw CommandFailure(StoreError.io(FileError(path: output, errno: errno, action: "write"))) }
            if let onTerminal, isatty(fd) == 1 {
                close(fd)
                throw onTerminal
            }
            let failure = Console.writeAll(fd, bytes: bytes)
            let closed = close(fd) == 0 ? 0 : errno
            if failure != 0 || closed != 0 {
                throw CommandFailure(StoreError.io(FileError(path: output, errno: failure != 0 ? failure : closed, action: "write")))
            }
        }
        return true
    }

    /// What `output` names, following symbolic links (at most 40, as the kernel does), and
    /// whether huifang may write there at all.
    static func resolve(_ output: String) throws -> Target {
        if output == "-" { return .standardOutput }
        guard !output.isEmpty else { throw CommandFailure.usage(Message("error.o-needs-file"), hint: Message("hint.o-needs-file")) }
        var path = output.hasPrefix("/") ? output : FileSystem.currentDirectory() + "/" + output
        for _ in 0..<40 {
            var st = stat()
            if lstat(path, &st) != 0 {
                let e = errno
                guard e == ENOENT else { throw failure(output, path, e) }
                try requireFolder(parent(of: path), output)
                return .file(path: path, mode: nil)
            }
            switch st.st_mode & S_IFMT {
            case S_IFLNK:
                var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
                let n = readlink(path, &buffer, buffer.count - 1)
                guard n >= 0 else { throw failure(output, path, errno) }
                let link = String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
                // /dev/stdout, /dev/fd/N, /proc/self/fd/N: a descriptor's file, whatever it is
                // (a pipe, a terminal, a file the shell opened with > or >>), is written in
                // place through the link, appending: never replaced by a new file.
                if path.hasPrefix("/proc/") || path.hasPrefix("/dev/fd/") {
                    var target = stat()
                    guard stat(path, &target) == 0 else { throw failure(output, path, errno) }
                    let kind = target.st_mode & S_IFMT
                    guard kind == S_IFREG || kind == S_IFCHR || kind == S_IFIFO else {
                        throw CommandFailure.usage(Message("error.o-not-file-link", ["output": output]))
                    }
                    return .stream(path: output)
                }
                path = link.hasPrefix("/") ? link : parent(of: path) + "/" + link
            case S_IFREG:
                return .file(path: path, mode: st.st_mode)
            case S_IFCHR, S_IFIFO:
                return .stream(path: path)
            case S_IFDIR:
                throw CommandFailure.usage(Message("error.o-folder", ["output": output]), hint: Message("hint.o-folder", ["output": output]))
            default:
                throw CommandFailure.usage(Message("error.o-not-file", ["output": output]), hint: Message("hint.o-not-file"))
            }
        }
        throw CommandFailure(StoreError.io(FileError(path: output, errno: ELOOP, action: "follow the link")))
    }

    /// The repository root and the repository-relative path when `target` lies inside the
    /// records of `repository` or of the repository that holds the target's folder: nil when
    /// it is outside. Inside the records: huifang.yaml; the calendar files and case-analysis
    /// files the records name (`reads`, for `repository`; calendars/ for another repository,
    /// whose configuration is not read); everything under projects/, events/, improvements/,
    /// plans/ (records), .huifang/ (cache, lock) and .git/ (history). Anything else in the
    /// repository folder (reports/, README.md, ...) is the user's to write.
    static func recordsPath(_ target: Target, repository: Repository, reads: [String]) -> (root: String, relative: String)? {
        let path: String
        switch target {
        case .standardOutput: return nil
        case .file(let p, _), .stream(let p): path = p
        }
        // The folder's real path (the file itself may not exist yet): the repository root
        // from `discover` is a real path too.
        guard let folder = FileSystem.realPath(parent(of: path)) else { return nil }
        let name = String(path[path.index(after: path.lastIndex(of: "/")!)...])
        let full = (folder == "/" ? "" : folder) + "/" + name
        var roots: [(String, Set<String>)] = [(repository.root, Set(reads))]
        if let other = try? Repository.discover(from: folder), other.root != repository.root { roots.append((other.root, [])) }
        for (root, named) in roots {
            guard full.hasPrefix(root + "/") else { continue }
            let relative = String(full.dropFirst(root.count + 1))
            let owned = ["projects/", "events/", "improvements/", "plans/", "assessments/", "needs/", ".huifang/", ".git/"]
            if relative == Repository.configFile || named.contains(relative) || owned.contains(where: { relative.hasPrefix($0) })
                || (root != repository.root && relative.hasPrefix("calendars/"))
            {
                return (root, relative)
            }
        }
        return nil
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The folder a new file goes into must exist: -o creates no folders.
    static func requireFolder(_ folder: String, _ output: String) throws {
        var st = stat()
        guard stat(folder, &st) == 0 else {
            let e = errno
            if e == EACCES || e == EPERM { throw CommandFailure(StoreError.io(FileError(path: folder, errno: e, action: "write into the folder"))) }
            throw CommandFailure(Message("error.output-no-folder", ["folder": folder, "output": output]), hint: Message("hint.output-no-folder"),
                                 code: 66)
        }
        guard st.st_mode & S_IFMT == S_IFDIR else {
            throw CommandFailure(Message("error.output-not-folder", ["folder": folder, "output": output]), hint: Message("hint.output-inside-folder"),
                                 code: 66)
        }
    }

    /// A failed lstat or readlink, as an error: permission (77), a path through a file (66).
    static func failure(_ output: String, _ path: String, _ e: Int32) -> CommandFailure {
        if e == ENOTDIR {
            return CommandFailure(Message("error.output-path-not-folder", ["output": output]), hint: Message("hint.output-inside-folder"),
                                  code: 66)
        }
        return CommandFailure(StoreError.io(FileError(path: output, errno: e, action: "write")))
    }
}
