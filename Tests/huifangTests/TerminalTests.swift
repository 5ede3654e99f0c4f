import Foundation
import Testing

/// Colour, pager and editor on a real terminal, driven through tmux (send-keys, capture-pane).
@Suite(.serialized) struct TerminalTests {
    func tmux(_ args: [String]) -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["tmux", "-L", "huifang-tests"] + args
        // Output goes to a file: the tmux server that new-session starts would keep a pipe open.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: file.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: file) }
        guard let handle = try? FileHandle(forWritingTo: file) else { return "" }
        p.standardOutput = handle
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try? p.run()
        p.waitUntilExit()
        try? handle.close()
        return (try? String(contentsOf: file, encoding: .utf8)) ?? ""
    }

    func waitFor(_ session: String, _ text: String, seconds: Double = 10) -> String {
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
        #expect(screen.contains("日期 Date"), "the listing is on the screen:\n\(screen)")
        #expect(screen.split(separator: "\n").last?.hasPrefix(":") == true, "less waits at its prompt:\n\(screen)")
        _ = tmux(["send-keys", "-t", session, "q"])
        // Piped, the same command neither pages nor colours.
        let piped = r.run(["status"], env: ["TERM": "xterm"])
        #expect(!piped.stdout.contains("\u{1B}["))
    }

    @Test func statusIsColouredOnATerminalUnlessNoColor() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        for (name, env) in [("color", "-u NO_COLOR "), ("plain", "NO_COLOR=1 ")] {
            let session = "\(name)-\(getpid())"
            _ = tmux(["new-session", "-d", "-s", session, "-x", "120", "-y", "30",
                      "env \(env)HUIFANG_TODAY=2026-11-24 TERM=xterm \(HuifangRunner.binary) -C \(r.dir) status; sleep 30"])
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
