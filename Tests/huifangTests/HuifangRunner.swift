import Foundation
import Testing

/// Runs the built `huifang` binary, as a user would, on temporary repositories.
struct HuifangRunner {
    struct Result {
        var code: Int32
        var stdout: String
        var stderr: String
    }

    /// The `huifang` executable next to the test bundle in the build folder.
    static let binary: String = {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        if dir.lastPathComponent.hasSuffix(".xctest") { dir = dir.deletingLastPathComponent() }
        return dir.appendingPathComponent("huifang").path
    }()

    /// A new empty folder, removed by `cleanup()`.
    let dir: String

    init() {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("huifang-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        dir = base.resolvingSymlinksInPath().path
    }

    /// A folder holding a fresh repository made by `huifang init`.
    static func withRepository() throws -> HuifangRunner {
        let r = HuifangRunner()
        let result = r.run(["init", "--organization", "示例科技有限公司"])
        try #require(result.code == 0, "init failed: \(result.stderr)")
        return r
    }

    func cleanup() { try? FileManager.default.removeItem(atPath: dir) }

    /// Runs huifang with `args`; `through` a wrapper command (such as setpriv) that runs it.
    @discardableResult
    func run(_ args: [String], cwd: String? = nil, env: [String: String] = [:], today: String? = "2026-11-24",
             through wrapper: [String] = []) -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: wrapper.first ?? Self.binary)
        p.arguments = wrapper.isEmpty ? args : Array(wrapper.dropFirst()) + [Self.binary] + args
        p.currentDirectoryURL = URL(fileURLWithPath: cwd ?? dir)
        var environment = ProcessInfo.processInfo.environment
        environment["HUIFANG_ID_SEED"] = "42"
        environment["NO_COLOR"] = "1"
        environment.removeValue(forKey: "HUIFANG_TODAY")
        for name in ["HUIFANG_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] { environment.removeValue(forKey: name) }
        if let today { environment["HUIFANG_TODAY"] = today }
        if let messages = Self.messages { environment["HUIFANG_LANG"] = messages }
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        return Self.finish(p, args.joined(separator: " "))
    }

    /// Runs a tool the tests need (`argv[0]` looked up on PATH: python3 and its scripts) to its end.
    static func tool(_ argv: [String]) -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = argv
        return finish(p, argv.joined(separator: " "))
    }

    /// Starts `p` with its output and errors collected and no input, and waits for it under
    /// the watchdog.
    static func finish(_ p: Process, _ what: String) -> Result {
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        do { try p.run() } catch { return Result(code: -1, stdout: "", stderr: "cannot start \(p.executableURL?.path ?? what): \(error)") }
        let watchdog = Self.watch(p, what)
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        watchdog.cancel()
        return Result(code: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// A command that has not ended after `seconds` is killed and the test fails, so that a
    /// hung child fails the run instead of eating CI's time limit.
    static func watch(_ p: Process, _ what: String, seconds: Double = 180) -> DispatchWorkItem {
        let pid = p.processIdentifier
        let item = DispatchWorkItem {
            Issue.record("killed after \(Int(seconds)) s: \(what)")
            kill(pid, SIGKILL)
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: item)
        return item
    }

    /// Runs a shell command under script(1) on a pseudo-terminal and types `input` into it
    /// once a second until it ends: a line typed before the program reads the terminal can be
    /// dropped while script sets the terminal up (seen hanging CI), and a program that waits
    /// for a line must get one. Killed, and the test failed, after 120 s. The exit status.
    static func onTerminal(_ command: String, typing input: String) throws -> Int32 {
        signal(SIGPIPE, SIG_IGN)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        p.arguments = ["-qec", command, "/dev/null"]
        let stdin = Pipe()
        p.standardInput = stdin
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        let watchdog = watch(p, command, seconds: 120)
        let fd = stdin.fileHandleForWriting.fileDescriptor
        let bytes = Array(input.utf8)
        while p.isRunning {
            _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress!, $0.count) }
            var waited = 0
            while p.isRunning && waited < 10 {
                usleep(100_000)
                waited += 1
            }
        }
        p.waitUntilExit()
        watchdog.cancel()
        try? stdin.fileHandleForWriting.close()
        return p.terminationStatus
    }

    func path(_ relative: String) -> String { dir + "/" + relative }

    func read(_ relative: String) -> String? {
        guard let d = FileManager.default.contents(atPath: path(relative)) else { return nil }
        return String(decoding: d, as: UTF8.self)
    }

    func write(_ relative: String, _ text: String) throws {
        let url = URL(fileURLWithPath: path(relative))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Every file under the folder (except .huifang/) with its bytes: compare before and after
    /// a failing command to prove that nothing was written.
    func snapshot() -> [String: Data] {
        var out: [String: Data] = [:]
        let root = URL(fileURLWithPath: dir)
        guard let e = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return out }
        for case let url as URL in e {
            let rel = String(url.resolvingSymlinksInPath().path.dropFirst(dir.count + 1))
            if rel.hasPrefix(".huifang") { continue }
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                out[rel] = FileManager.default.contents(atPath: url.path)
            }
        }
        return out
    }

    /// Copies a checked-in fixture repository into the folder.
    func copyFixture(_ name: String) throws {
        let src = HuifangRunner.testsFolder + "/Fixtures/" + name
        let items = try FileManager.default.contentsOfDirectory(atPath: src)
        for item in items {
            try FileManager.default.copyItem(atPath: src + "/" + item, toPath: dir + "/" + item)
        }
    }

    static let testsFolder: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path

    /// Compares `actual` with Expected/NAME; HUIFANG_RECORD=1 rewrites the file instead.
    func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let text = actual.replacingOccurrences(of: dir, with: "$REPO")
        let file = HuifangRunner.testsFolder + "/Expected/" + name
        if ProcessInfo.processInfo.environment["HUIFANG_RECORD"] == "1" {
            try? Data(text.utf8).write(to: URL(fileURLWithPath: file))
            return
        }
        guard let expected = FileManager.default.contents(atPath: file) else {
            Issue.record("missing expected file Expected/\(name); run with HUIFANG_RECORD=1 to create it", sourceLocation: sourceLocation)
            return
        }
        #expect(text == String(decoding: expected, as: UTF8.self), "output differs from Expected/\(name) (re-record with HUIFANG_RECORD=1 and review the diff)", sourceLocation: sourceLocation)
    }
}

/// Two projects and three visits, as in the README's tour.
func makeTourRepository() throws -> HuifangRunner {
    let r = try HuifangRunner.withRepository()
    let steps: [[String]] = [
        ["project", "add", "acme-erp", "--name", "ACME ERP 实施项目", "--customer", "某某制造有限公司", "--department", "east",
         "--owner", "张伟", "--tier", "standard", "--accepted", "2026-01-15", "--contact", "李四,IT经理,+86 138 0000 0000", "--tag", "erp"],
        ["project", "add", "beta-mes", "--name", "Beta MES 二期", "--customer", "贝塔精密制造", "--department", "east",
         "--owner", "王五", "--tier", "key", "--accepted", "2026-06-30"],
        ["visit", "log", "acme-erp", "--date", "2026-02-14", "--method", "phone", "--summary", "系统运行稳定，报表导出偏慢。",
         "--score", "quality=4", "--score", "service=5", "--nps", "9", "--quote", "报表导出太慢了", "--contact", "李四"],
        ["visit", "log", "acme", "--date", "2026-05-20", "--method", "onsite", "--summary", "现场检查，运行正常。", "--overall", "4"],
        ["visit", "log", "beta-mes", "--date", "2026-07-28", "--method", "email", "--summary", "首次回访，客户满意。", "--overall", "5", "--nps", "10"],
    ]
    for s in steps {
        let result = r.run(s)
        try #require(result.code == 0, "\(s.joined(separator: " ")) failed: \(result.stderr)")
    }
    return r
}

extension HuifangRunner {
    /// The language of huifang's messages ($HUIFANG_LANG) for the commands a test runs; nil
    /// leaves it to the repository's `language:`. Set by the `.englishMessages` trait.
    @TaskLocal static var messages: String?
}

/// A test whose assertions quote huifang's messages (errors, hints, warnings, `check`
/// findings) in English runs its commands with $HUIFANG_LANG=en.
struct EnglishMessages: TestTrait, TestScoping {
    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        try await HuifangRunner.$messages.withValue("en") { try await function() }
    }
}

extension Trait where Self == EnglishMessages {
    /// The test reads huifang's messages in English: $HUIFANG_LANG=en for every command it runs.
    static var englishMessages: Self { Self() }
}
