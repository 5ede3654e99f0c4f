import Dispatch
import HuifangReport

#if canImport(Glibc)
    import Glibc
#endif

/// Terminal manners, as git has them: colour only on a terminal and never with NO_COLOR,
/// long output through the pager on a terminal only, a progress line for slow work.
enum Terminal {
    static let stdoutIsTerminal = isatty(1) == 1
    static let stderrIsTerminal = isatty(2) == 1

    static func env(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }

    /// Colour on standard output: a terminal, NO_COLOR unset, TERM not dumb.
    static let color: Bool = stdoutIsTerminal && env("NO_COLOR") == nil && env("TERM") != "dumb"

    /// Colour on standard error, as on standard output.
    static let stderrColor: Bool = stderrIsTerminal && env("NO_COLOR") == nil && env("TERM") != "dumb"

    /// The only escape sequences huifang writes (text holding them goes out through
    /// `Console.out(styled:)`).
    static func paint(_ s: String, _ code: String, _ on: Bool = color) -> String { on ? "\u{1B}[\(code)m" + s + "\u{1B}[0m" : s }
    static func red(_ s: String) -> String { paint(s, "31") }
    static func yellow(_ s: String) -> String { paint(s, "33") }
    static func bold(_ s: String) -> String { paint(s, "1") }

    /// Prints `text` through `$PAGER` (else `less -FRX`) when standard output is a terminal
    /// and the text is longer than the screen; else writes it directly. On the terminal, with
    /// or without the pager, the text is neutralised (`styled`: see `Console.out(styled:)`).
    static func page(_ raw: String, styled: Bool = false) {
        guard stdoutIsTerminal, raw.utf8.count > 0 else { return Console.out(raw) }
        let text = TerminalText.neutralise(raw, keepingStyles: styled)
        var size = winsize()
        let rows = ioctl(1, UInt(TIOCGWINSZ), &size) == 0 && size.ws_row > 0 ? Int(size.ws_row) : 24
        var lines = 0
        for b in text.utf8 where b == 10 { lines += 1 }
        let pager = env("PAGER") ?? "less -FRX"
        if lines < rows - 1 || pager.isEmpty || pager == "cat" { return Console.write(1, text) }
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return Console.write(1, text) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_adddup2(&actions, fds[0], 0)
        posix_spawn_file_actions_addclose(&actions, fds[1])
        defer { posix_spawn_file_actions_destroy(&actions) }
        var pid: pid_t = 0
        let args = ["/bin/sh", "-c", pager]
        var cargs = args.map { strdup($0) } + [nil]
        defer { for a in cargs { free(a) } }
        if env("LESS") == nil { setenv("LESS", "FRX", 0) }
        guard posix_spawn(&pid, "/bin/sh", &actions, nil, &cargs, environ) == 0 else {
            close(fds[0])
            close(fds[1])
            return Console.write(1, text)
        }
        close(fds[0])
        signal(SIGPIPE, SIG_IGN)
        Console.writeAll(fds[1], text)
        close(fds[1])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }

    /// Shows `message` on standard error if `work` takes longer than a second (on a terminal).
    static func progress<T>(_ message: String, _ work: () throws -> T) rethrows -> T {
        guard stderrIsTerminal else { return try work() }
        let shown = ProgressFlag()
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global())
        timer.schedule(deadline: .now() + 1)
        timer.setEventHandler {
            shown.set()
            Console.writeAll(2, "\r" + TerminalText.neutralise(message) + "…")
        }
        timer.resume()
        defer {
            timer.cancel()
            if shown.isSet { Console.writeAll(2, "\r\u{1B}[K") }
        }
        return try work()
    }
}

/// A flag set from the timer's thread and read on the main thread.
final class ProgressFlag: @unchecked Sendable {
    private var value = false
    private var lock = pthread_mutex_t()
    init() { pthread_mutex_init(&lock, nil) }
    deinit { pthread_mutex_destroy(&lock) }
    func set() {
        pthread_mutex_lock(&lock)
        value = true
        pthread_mutex_unlock(&lock)
    }
    var isSet: Bool {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        return value
    }
}
