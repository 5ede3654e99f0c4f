import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Colour, pager and editor on a real terminal, driven through tmux (send-keys, capture-pane).
@Suite(.serialized) struct TerminalTests {
    /// Runs tmux and returns what it printed. Not through Foundation's `Process`: the tmux
    /// server that the first `new-session` forks would inherit Process's private descriptors,
    /// and `waitUntilExit()` then waits for the server instead of the client (seen hanging CI on
    /// a machine with no tmux server yet). posix_spawn with every descriptor above 2 closed, and
    /// waitpid on the client, do not have that problem.
    func tmux(_ args: [String]) -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(UUID().uuidString)").path
        defer { unlink(file) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, file, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // Close everything else the test process has open (a close that fails because the
        // descriptor went away meanwhile is ignored by glibc).
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? [] {
            if let fd = Int32(name), fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
        }
        let argv = ["tmux", "-L", "huifang-tests"] + args
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for a in cArgs { free(a) } }
        var pid: pid_t = 0
        guard posix_spawnp(&pid, "tmux", &actions, nil, &cArgs, environ) == 0 else { return "" }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
    }

    func waitFor(_ session: String, _ text: String, seconds: Double = 30) -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var screen = ""
        while Date() < deadline {
            screen = tmux(["capture-pane", "-p", "-t", session])
            if screen.contains(text) { return screen }
            usleep(100_000)
        }
        return screen
    }

    @Test func longListingsGoThroughThePagerAndColourOnlyOnATerminal() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        for i in 0..<40 {
            _ = r.run(["visit", "log", "acme-erp", "--method", "phone", "--summary", "电话回访\(i)", "--date", "2026-06-\(String(format: "%02d", i % 28 + 1))"])
        }
        let session = "pager-\(getpid())"
        _ = tmux(["new-session", "-d", "-s", session, "-x", "120", "-y", "20",
                  "env HUIFANG_TODAY=2026-11-24 PAGER='less -FRX' TERM=xterm \(HuifangRunner.binary) -C \(r.dir) visit list; sleep 30"])
        defer { _ = tmux(["kill-session", "-t", session]) }
        let screen = waitFor(session, ":")
        #expect(screen.contains("日期        编号"), "the listing is on the screen:\n\(screen)")
        #expect(screen.split(separator: "\n").last?.hasPrefix(":") == true, "less waits at its prompt:\n\(screen)")
        _ = tmux(["send-keys", "-t", session, "q"])
        // Piped, the same command neither pages nor colours.
        let piped = r.run(["status"], env: ["TERM": "xterm"])
        #expect(!piped.stdout.contains("\u{1B}["))
    }

    /// User trial: `report assessment` on a terminal printed raw Markdown (pipes, `###`). On a
    /// terminal the reports print aligned tables; piped, they stay Markdown.
    @Test func reportsOnATerminalAreAlignedTablesNotMarkdown() throws {
        let r = try AssessmentCommandTests.repository()
        defer { r.cleanup() }
        let session = "assess-\(getpid())"
        _ = tmux(["new-session", "-d", "-s", session, "-x", "200", "-y", "50",
                  "env HUIFANG_TODAY=2026-11-24 NO_COLOR=1 TERM=xterm \(HuifangRunner.binary) -C \(r.dir) --lang en report assessment --period 2026Q3; echo END-OF-REPORT; sleep 30"])
        defer { _ = tmux(["kill-session", "-t", session]) }
        _ = waitFor(session, "END-OF-REPORT")
        let screen = tmux(["capture-pane", "-p", "-S", "-", "-t", session])
        #expect(screen.contains("Quarterly assessment report 2026Q3"), "\(screen)")
        #expect(!screen.contains("| ") && !screen.contains("---|") && !screen.contains("### "), "Markdown on a terminal:\n\(screen)")
        // The ranking: headers and rows aligned on the same columns.
        let lines = screen.split(separator: "\n").map(String.init)
        let header = try #require(lines.first { $0.contains("Rank") && $0.contains("Weighted total") }, "\(screen)")
        let north = try #require(lines.first { $0.contains("华北交付部") && $0.hasSuffix("97.2") }, "\(screen)")
        #expect(header.firstIndex(of: "R").map { header.distance(from: header.startIndex, to: $0) } == 2, "\(header)")
        #expect(DisplayColumns.of(header) == DisplayColumns.of(north), "\(header)\n\(north)")
        let piped = r.run(["--lang", "en", "report", "assessment", "--period", "2026Q3"])
        #expect(piped.stdout.contains("| Rank |"), "\(piped.stdout)")
    }

    @Test func statusIsColouredOnATerminalUnlessNoColor() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        for (name, env) in [("color", "-u NO_COLOR "), ("plain", "NO_COLOR=1 ")] {
            let session = "\(name)-\(getpid())"
            _ = tmux(["new-session", "-d", "-s", session, "-x", "120", "-y", "30",
                      "env \(env)HUIFANG_TODAY=2026-11-24 TERM=xterm \(HuifangRunner.binary) -C \(r.dir) --lang en status; sleep 30"])
            defer { _ = tmux(["kill-session", "-t", session]) }
            _ = waitFor(session, "Overdue visits")
            let screen = tmux(["capture-pane", "-e", "-p", "-t", session])
            if name == "color" {
                #expect(screen.contains("\u{1B}[31mOverdue visits\u{1B}[39m") || screen.contains("\u{1B}[31mOverdue visits\u{1B}[0m"), "\(screen)")
            } else {
                #expect(screen.contains("Overdue visits"))
                #expect(!screen.contains("\u{1B}[31m"), "NO_COLOR: \(screen)")
            }
        }
    }
}

/// The display width of a line (a CJK character takes two columns): aligned tables end their
/// right-aligned last column at the same width.
enum DisplayColumns {
    static func of(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + (($1.value >= 0x1100 && ($1.value <= 0x115F || (0x2E80...0xA4CF).contains($1.value)
            || (0xAC00...0xD7A3).contains($1.value) || (0xF900...0xFAFF).contains($1.value) || (0xFF00...0xFF60).contains($1.value))) ? 2 : 1) }
    }
}
