import HuifangCore
import HuifangStore

#if canImport(Glibc)
    import Glibc
#endif

/// Lets a person write a record in `$VISUAL`, else `$EDITOR`, else `vi`, as `git commit`
/// does: an unchanged or emptied template aborts with nothing written; an invalid record is
/// shown as `line:col: message` and, on a terminal, the editor opens again with the text kept
/// (as `crontab -e` does). Without a terminal it never waits: an invalid record is an error.
struct EditorSession {
    /// What the editor starts with.
    var template: String
    /// File name suffix, so that editors pick YAML highlighting.
    var name: String

    /// Runs the loop; `accept` turns the saved text into a value or a list of problems.
    func run<T>(_ accept: (String) -> Result<T, EditProblems>) throws -> T {
        var text = template
        let interactive = isatty(0) == 1 && isatty(2) == 1
        // The draft may hold customers' words: a folder of its own (0700, a name no one can
        // guess or plant a link at), the file 0600.
        let folder = try EditorSession.privateFolder()
        let path = folder + "/" + name
        defer {
            unlink(path)
            rmdir(folder)
        }
        while true {
            do { try EditorSession.writePrivate(text, to: path) } catch { throw CommandFailure(StoreError.io(error)) }
            try openEditor(path)
            let saved: String
            do { saved = String(decoding: try FileSystem.read(path), as: UTF8.self) } catch { throw CommandFailure(StoreError.io(error)) }
            if saved == template || EditorSession.isBlank(saved) {
                throw CommandFailure(Message(saved == template ? "error.editor.unchanged" : "error.editor.empty"), hint: nil, code: 1)
            }
            switch accept(saved) {
            case .success(let value):
                return value
            case .failure(let found):
                let problems = found.lines
                for p in problems { Console.err(p + "\n") }
                guard interactive else {
                    throw CommandFailure.data(Message("error.editor.invalid"), hint: Message("hint.editor.invalid"))
                }
                Console.err(MessageLanguage.catalogue["editor.again"])
                var c: Int32 = 0
                repeat { c = getchar() } while c != 10 && c != EOF
                if c == EOF { throw CommandFailure.data(Message("error.editor.aborted")) }
                text = EditorSession.withProblems(saved, problems)
            }
        }
    }

    /// A new folder under $TMPDIR (else /tmp) that only this user can enter.
    static func privateFolder() throws -> String {
        var base = "/tmp"
        if let tmp = getenv("TMPDIR"), !String(cString: tmp).isEmpty { base = String(cString: tmp) }
        while base.count > 1 && base.hasSuffix("/") { base.removeLast() }
        var template = Array((base + "/huifang-edit-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw CommandFailure(StoreError.io(FileError(path: base, message: "cannot create a temporary folder: " + String(cString: strerror(errno)))))
        }
        return String(cString: made)
    }

    /// Writes the draft readable and writable by this user only (0600), replacing the file.
    static func writePrivate(_ text: String, to path: String) throws(FileError) {
        unlink(path)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw FileError(path: path, message: "cannot write: " + String(cString: strerror(errno))) }
        defer { close(fd) }
        fchmod(fd, 0o600)
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { raw in Glibc.write(fd, raw.baseAddress! + written, raw.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileError(path: path, message: "cannot write: " + String(cString: strerror(errno)))
            }
            written += n
        }
    }

    /// `line:col` of `key`'s value in edited text (of the key when it has no value, 1:1 when
    /// the key is missing), for problems found once the text was read as a record.
    static func position(of key: String, in text: String) -> String {
        DraftReader.position(of: key, in: text)
    }

    /// The edited text with the problems as comments at the end (replacing earlier ones).
    static func withProblems(_ text: String, _ problems: [String]) -> String {
        let marker = "# --- huifang: " + MessageLanguage.catalogue["editor.fix-these"] + " ---"
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let i = lines.firstIndex(of: marker) { lines.removeSubrange(i...) }
        while lines.last == "" { lines.removeLast() }
        let body = lines.joined(separator: "\n") + "\n"
        return body + marker + "\n" + problems.map { "# " + $0 }.joined(separator: "\n") + "\n"
    }

    /// Only comments and white space left: the person emptied the template.
    static func isBlank(_ text: String) -> Bool {
        text.split(separator: "\n").allSatisfy { line in
            let t = line.drop { $0 == " " || $0 == "\t" || $0 == "\r" }
            return t.isEmpty || t.hasPrefix("#")
        }
    }

    func openEditor(_ path: String) throws {
        var editor = "vi"
        for name in ["VISUAL", "EDITOR"] {
            if let v = getenv(name), !String(cString: v).isEmpty {
                editor = String(cString: v)
                break
            }
        }
        var pid: pid_t = 0
        let args = ["/bin/sh", "-c", editor + " \"$1\"", "sh", path]
        var cargs = args.map { strdup($0) } + [nil]
        defer { for a in cargs { free(a) } }
        let rc = posix_spawn(&pid, "/bin/sh", nil, nil, &cargs, environ)
        guard rc == 0 else {
            throw CommandFailure.usage(Message("error.editor.start", ["editor": editor]), hint: Message("hint.editor.start"))
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exited = (status & 0x7f) == 0
        let code = (status >> 8) & 0xff
        if !exited || code != 0 {
            throw CommandFailure(Message("error.editor.failed", ["editor": editor, "code": String(code)]), hint: nil, code: 1)
        }
    }
}

/// The problems of edited text as `line:col: message`, or the record.
func editedRecord<T>(_ decoded: (T?, [Finding])) -> Result<T, EditProblems> {
    let errors = decoded.1.filter { $0.severity == .error }
    if let value = decoded.0, errors.isEmpty { return .success(value) }
    let c = MessageLanguage.catalogue
    let lines = errors.map { "\($0.line):\($0.column): \(c.message($0))" }
    return .failure(EditProblems(lines: lines.isEmpty ? ["1:1: " + c["editor.incomplete"]] : lines))
}

/// What is wrong with an edited record, one `line:col: message` each.
struct EditProblems: Error {
    var lines: [String]
}
