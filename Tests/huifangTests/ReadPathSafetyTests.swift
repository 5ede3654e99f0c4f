import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The read path end to end: a damaged `.huifang/cache` never changes what a command says, a
/// FIFO in a record folder does not hang it, and a folder linked out of the repository is
/// neither read nor written through.
@Suite struct ReadPathSafetyTests {
    /// The commands compared with and without the cache.
    static let commands: [[String]] = [
        ["project", "list", "--format", "json"],
        ["check"],
        ["report", "summary", "--period", "2026Q1", "--format", "json"],
        ["visit", "list"],
        ["status"],
    ]

    /// Sets every file's modification time two seconds back, so that the cache trusts them
    /// (a file modified in the second the cache is written is always read again).
    static func age(_ root: String) {
        let past = Date().addingTimeInterval(-2)
        let e = FileManager.default.enumerator(atPath: root)
        while let rel = e?.nextObject() as? String {
            try? FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: root + "/" + rel)
        }
    }

    static func answer(_ r: HuifangRunner, _ args: [String], noCache: Bool = false) -> String {
        let result = r.run((noCache ? ["--no-cache"] : []) + args)
        return "exit \(result.code)\n\(result.stdout)\n--- stderr\n\(result.stderr)"
    }

    @Test func aDamagedCacheNeverChangesACommandsOutput() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        try r.write("projects/acme-erp/visits/2026-03-01-v-0000beef.yaml", "id: v-0000beef\ndate: 2026-03-01\nkind: periodic\nmethod: fax\n")
        Self.age(r.dir)
        let reference = Self.commands.map { Self.answer(r, $0, noCache: true) }
        _ = r.run(["check"])
        let good = try #require(FileManager.default.contents(atPath: r.path(".huifang/cache"))).map { $0 }
        #expect(Self.commands.map { Self.answer(r, $0) } == reference, "a whole cache")
        // The cache is really used: every file comes from it, and nothing is saved again.
        let timed = r.run(["project", "list"], env: ["HUIFANG_TIMINGS": "1"])
        #expect(timed.stderr.contains("cache index (6 entries)") && !timed.stderr.contains("cache saved"), "\(timed.stderr)")
        // Damage: a project's id in its record (acme-erp -> acme-esp), a visit's summary, a
        // path in the index, the trailer, the file cut in half.
        func at(_ text: String, last: Bool = false) throws -> Int {
            let needle = Array(text.utf8)
            let range = 0...(good.count - needle.count)
            let found = last ? range.last { Array(good[$0..<($0 + needle.count)]) == needle } : range.first { Array(good[$0..<($0 + needle.count)]) == needle }
            return try #require(found, "\(text) in the cache")
        }
        var damaged: [(String, [UInt8])] = []
        var project = good
        project[try at("acme-erp", last: true) + 6] = UInt8(ascii: "s")
        damaged.append(("the id acme-erp in a record", project))
        var summary = good
        summary[try at("现场检查")] ^= 0x01
        damaged.append(("a visit's summary", summary))
        var path = good
        path[try at("projects/beta-mes/project.yaml") + 9] ^= 0x20
        damaged.append(("a path in the index", path))
        var trailer = good
        trailer[trailer.count - 3] ^= 0xFF
        damaged.append(("the trailer", trailer))
        damaged.append(("the file cut in half", Array(good[..<(good.count / 2)])))
        for (what, bytes) in damaged {
            try Data(bytes).write(to: URL(fileURLWithPath: r.path(".huifang/cache")))
            #expect(Self.commands.map { Self.answer(r, $0) } == reference, "damaged: \(what)")
            // The cache written after the damaged one was read: whole and right again.
            #expect(try #require(FileManager.default.contents(atPath: r.path(".huifang/cache"))).count == good.count, "rewritten after: \(what)")
            #expect(Self.commands.map { Self.answer(r, $0) } == reference, "after the damaged cache (\(what)) was replaced")
        }
    }

    /// Runs huifang with a time bound; nil when it had to be killed (it hung).
    static func runWithin(_ seconds: Double, _ r: HuifangRunner, _ args: [String]) -> (code: Int32, stdout: String)? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: HuifangRunner.binary)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: r.dir)
        var environment = ProcessInfo.processInfo.environment
        if let messages = HuifangRunner.messages { environment["HUIFANG_LANG"] = messages }
        environment["HUIFANG_TODAY"] = "2026-11-24"
        environment["NO_COLOR"] = "1"
        p.environment = environment
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return nil }
        let deadline = Date().addingTimeInterval(seconds)
        while p.isRunning, Date() < deadline { usleep(20_000) }
        if p.isRunning {
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            return nil
        }
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    @Test(arguments: [["check"], ["status"], ["visit", "list"]])
    func aFIFOInVisitsDoesNotHangTheCommand(args: [String]) throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let fifo = "projects/acme-erp/visits/2026-03-01-v-0000f1f0.yaml"
        #expect(mkfifo(r.path(fifo), 0o644) == 0)
        let result = try #require(Self.runWithin(30, r, args), "huifang \(args.joined(separator: " ")) hung on a FIFO")
        if args == ["check"] {
            #expect(result.code == 1)
            #expect(result.stdout.contains("\(fifo):1:1: error: a FIFO (named pipe), not a regular file: not read"), "\(result.stdout)")
        }
    }

    @Test(arguments: [["status"], ["report", "summary"], ["check"]])
    func huifangYAMLAsAFIFODoesNotHangTheCommand(args: [String]) throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        try FileManager.default.removeItem(atPath: r.path("huifang.yaml"))
        #expect(mkfifo(r.path("huifang.yaml"), 0o644) == 0)
        let result = try #require(Self.runWithin(30, r, args), "huifang \(args.joined(separator: " ")) hung on huifang.yaml as a FIFO")
        #expect(result.code != 0, "refused, not answered from a half-read repository")
        if args == ["check"] { #expect(result.stdout.contains("not a regular file"), "\(result.stdout)") }
    }

    @Test(arguments: ["UPPER", "bare", "backup", "subfolder"])
    func aRecordUnderAnotherNameNeverDropsOutSilently(how: String) throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let folder = "projects/acme-erp/visits"
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: r.path(folder)).sorted().first)
        let moved: String
        switch how {
        case "UPPER": moved = folder + "/" + name.dropLast(5) + ".YAML"
        case "bare": moved = folder + "/" + name.dropLast(5)
        case "backup": moved = folder + "/" + name + "~"
        default:
            try FileManager.default.createDirectory(atPath: r.path(folder + "/old"), withIntermediateDirectories: false)
            moved = folder + "/old/" + name
        }
        try FileManager.default.moveItem(atPath: r.path(folder + "/" + name), toPath: r.path(moved))
        let report = r.run(["report", "summary", "--period", "2026"])
        #expect(report.code == 65, "the visit would drop out of the figures: \(report.stdout)")
        let shown = how == "subfolder" ? folder + "/old" : moved
        #expect(report.stderr.contains(shown + ":1:1: error: "), "\(report.stderr)")
        let check = r.run(["check"])
        #expect(check.code == 1)
        #expect(check.stdout.contains(shown + ":1:1: error: "), "\(check.stdout)")
    }

    @Test func aCalendarsFolderLinkedOutIsRefused() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let outside = HuifangRunner()
        defer { outside.cleanup() }
        try FileManager.default.removeItem(atPath: outside.dir)
        try FileManager.default.moveItem(atPath: r.path("calendars"), toPath: outside.dir)
        try FileManager.default.createSymbolicLink(atPath: r.path("calendars"), withDestinationPath: outside.dir)
        let report = r.run(["report", "summary", "--period", "2026Q3"])
        #expect(report.code == 65)
        #expect(report.stderr.contains("the folder of calendar file 'calendars/cn.yaml' leads outside the repository"), "\(report.stderr)")
        #expect(r.run(["check"]).code == 1)
    }

    @Test func aVisitsFolderLinkedOutIsReportedAndNeverWrittenThrough() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let outside = HuifangRunner()
        defer { outside.cleanup() }
        // projects/acme-erp/visits moved out of the repository, a link left in its place.
        try FileManager.default.removeItem(atPath: outside.dir)
        try FileManager.default.moveItem(atPath: r.path("projects/acme-erp/visits"), toPath: outside.dir)
        try FileManager.default.createSymbolicLink(atPath: r.path("projects/acme-erp/visits"), withDestinationPath: outside.dir)
        let before = try FileManager.default.contentsOfDirectory(atPath: outside.dir).sorted()
        let check = r.run(["check"])
        #expect(check.code == 1)
        #expect(check.stdout.contains("projects/acme-erp/visits:1:1: error: symbolic link points outside the repository (to \(outside.dir)): not read"),
                "\(check.stdout)")
        let log = r.run(["visit", "log", "acme-erp", "--date", "2026-08-01", "--method", "phone", "--summary", "好", "--overall", "4"])
        #expect(log.code == 65)
        // Refused as it reads: the link is an unreadable part of the repository (a writer never
        // writes on top of that); the write-side guard itself is RepositoryBoundsTests'.
        #expect(log.stderr.contains("projects/acme-erp/visits:1:1: error: symbolic link points outside the repository"), "\(log.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.dir).sorted() == before, "nothing written outside")
    }

    @Test(.englishMessages) func projectsLinkedOutIsNeverWrittenThrough() throws {
        let r = try HuifangRunner.withRepository()
        defer { r.cleanup() }
        let outside = HuifangRunner()
        defer { outside.cleanup() }
        try? FileManager.default.removeItem(atPath: r.path("projects"))
        try FileManager.default.createSymbolicLink(atPath: r.path("projects"), withDestinationPath: outside.dir)
        let add = r.run(["project", "add", "acme-erp", "--name", "A", "--customer", "C", "--department", "east", "--owner", "张伟",
                         "--tier", "standard", "--accepted", "2026-01-15"])
        #expect(add.code == 65, "\(add.stderr)")
        #expect(add.stderr.contains("cannot write projects/acme-erp/project.yaml: its folder leads out of the repository (to \(outside.dir))"),
                "\(add.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.dir).isEmpty)
    }
}
