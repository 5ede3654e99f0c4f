import HuifangCore
import HuifangReport

#if canImport(Glibc)
    import Glibc
#endif

/// Writing to the terminal: stdout for results, stderr for messages.
enum Console {
    static func out(_ s: String) {
        writeAll(1, s)
    }

    static func err(_ s: String) {
        writeAll(2, s)
    }

    static func writeAll(_ fd: Int32, _ s: String) {
        var bytes = Array(s.utf8)
        if bytes.isEmpty { return }
        var off = 0
        bytes.withUnsafeMutableBytes { raw in
            while off < raw.count {
                let n = write(fd, raw.baseAddress! + off, raw.count - off)
                if n <= 0 {
                    if errno == EINTR { continue }
                    return
                }
                off += n
            }
        }
    }

    static var isTerminal: Bool { isatty(1) == 1 }

    /// `path:line:col: error: message` and an indented hint, as compilers print them.
    static func format(_ f: Finding) -> String {
        let label = f.severity == .error ? Terminal.red("error:") : Terminal.yellow("warning:")
        var s = TerminalText.clean("\(f.path):\(f.line):\(f.column): ") + label + " " + TerminalText.clean(f.message) + "\n"
        if let hint = f.hint { s += "  hint: " + TerminalText.clean(hint) + "\n" }
        return s
    }

    static func failure(_ f: CommandFailure) {
        var s = "huifang: error: " + f.message + "\n"
        if let hint = f.hint { s += "hint: " + hint + "\n" }
        err(s)
    }
}
