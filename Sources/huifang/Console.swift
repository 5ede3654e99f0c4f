import HuifangCore
import HuifangReport

#if canImport(Glibc)
    import Glibc
#endif

/// Writing results to stdout and messages to stderr. What reaches a terminal goes through
/// `TerminalText.neutralise` (records and arguments cannot drive the terminal); files and
/// pipes get the bytes as they are. A failed write to standard output is remembered and
/// ends the command with exit 74 (`finish`), never a silent exit 0.
enum Console {
    static func out(_ s: String) {
        write(1, Terminal.stdoutIsTerminal ? TerminalText.neutralise(s) : s)
    }

    /// `out` of text holding huifang's own colours (`Terminal.paint`) around pieces that
    /// went through `TerminalText.clean`.
    static func out(styled s: String) {
        write(1, Terminal.stdoutIsTerminal ? TerminalText.neutralise(s, keepingStyles: true) : s)
    }

    /// Messages: neutralised wherever they go (they are ours; an argument or a record quoted
    /// in one must not reach a terminal or a log as escape sequences).
    static func err(_ s: String) {
        writeAll(2, TerminalText.neutralise(s))
    }

    /// `err` of text holding colours (see `out(styled:)`), made with `Terminal.stderrColor`.
    static func err(styled s: String) {
        writeAll(2, TerminalText.neutralise(s, keepingStyles: true))
    }

    /// The first error writing standard output (errno), 0 when every write succeeded.
    nonisolated(unsafe) static var outputErrno: Int32 = 0

    /// Standard output was closed when huifang started (`>&-`): fd 1 then holds /dev/null,
    /// so that no file huifang opens can become standard output, and every write to it fails.
    nonisolated(unsafe) static var stdoutWasClosed = false

    /// Run first: descriptors 0, 1 and 2 that are closed are opened on /dev/null.
    static func guardStandardDescriptors() {
        for fd: Int32 in 0...2 where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            let opened = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY)
            if opened != fd, opened >= 0 { close(opened) }
            if fd == 1 { stdoutWasClosed = true }
        }
    }

    static func write(_ fd: Int32, _ s: String) {
        let e = fd == 1 && stdoutWasClosed && !s.isEmpty ? EBADF : writeAll(fd, s)
        if fd == 1, e != 0, outputErrno == 0 { outputErrno = e }
    }

    /// Flushes standard output (what ArgumentParser printed through stdio too) and, when
    /// anything could not be written, says so and exits 74 (EX_IOERR).
    static func finish() {
        if fflush(nil) != 0, outputErrno == 0 { outputErrno = errno == 0 ? EIO : errno }
        // Some file systems (NFS) report a failed write only when the file is closed.
        if close(1) != 0, errno != EBADF, errno != EINTR, outputErrno == 0 { outputErrno = errno }
        guard outputErrno != 0 else { return }
        let reason = String(cString: strerror(outputErrno))
        let c = MessageLanguage.catalogue
        writeAll(2, "huifang: " + labelled(c["msg.error"]) + c.text("error.stdout", ["reason": reason]) + "\n"
            + labelled(c["msg.hint"]) + c["hint.stdout"] + "\n")
        Glibc.exit(74)
    }

    /// Writes every byte; returns 0, or the errno of the write that failed.
    @discardableResult
    static func writeAll(_ fd: Int32, _ s: String) -> Int32 {
        s.isEmpty ? 0 : writeAll(fd, bytes: Array(s.utf8))
    }

    /// `path:line:col: error: message` and an indented hint, as compilers print them.
    /// Coloured when standard output is a colour terminal (`colour` says otherwise for stderr).
    static func format(_ f: Finding) -> String { format(f, colour: Terminal.color) }

    /// In the language of the messages (`MessageLanguage`): "error:"/"错误：", the message and
    /// hint from the finding's code.
    static func format(_ f: Finding, colour: Bool) -> String {
        // A finding without a code is English, labels and all (one with a code but no text of
        // its own in the catalogue was written in the language by the command).
        let c = f.code != nil ? MessageLanguage.catalogue : Catalogue(.en)
        let word = f.severity == .error ? Terminal.paint(c["msg.error"], "31", colour) : Terminal.paint(c["msg.warning"], "33", colour)
        var s = TerminalText.clean("\(f.path):\(f.line):\(f.column): ") + labelled(word, c["msg.error"]) + TerminalText.clean(c.message(f)) + "\n"
        if let hint = c.hint(f) { s += "  " + labelled(c["msg.hint"]) + TerminalText.clean(hint) + "\n" }
        return s
    }

    /// A label ("error:", "错误：") and what separates it from the text: a space after an
    /// ASCII colon, nothing after a full-width one. `plain` is the label without colours.
    static func labelled(_ label: String, _ plain: String? = nil) -> String {
        (plain ?? label).hasSuffix(":") ? label + " " : label
    }

    static func failure(_ f: CommandFailure) {
        let c = f.catalogue
        let (message, hint) = f.text(c)
        var s = "huifang: " + labelled(c["msg.error"]) + message + "\n"
        if let hint { s += labelled(c["msg.hint"]) + hint + "\n" }
        err(s)
    }
}
