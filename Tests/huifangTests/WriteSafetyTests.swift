import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Writes that are interrupted, raced by a hand edit, or made on two branches: nothing is lost,
/// nothing is left in record folders, and branches merge cleanly.
@Suite struct WriteSafetyTests {
    /// A huifang command started in the background whose record write stops, once its files are
    /// written under temporary names, until the test lets it go (HUIFANG_TEST_HOLD_WRITES).
    struct HeldWriter {
        let process = Process()
        let errors = Pipe()
        let hold: String

        init(_ r: HuifangRunner, _ args: [String]) throws {
            hold = r.dir + "-hold"
            try FileManager.default.createDirectory(atPath: hold, withIntermediateDirectories: true)
            process.executableURL = URL(fileURLWithPath: HuifangRunner.binary)
            process.arguments = args
            process.currentDirectoryURL = URL(fileURLWithPath: r.dir)
            var env = ProcessInfo.processInfo.environment
            if let messages = HuifangRunner.messages { env["HUIFANG_LANG"] = messages }
            env["HUIFANG_TODAY"] = "2026-11-24"
            env["HUIFANG_ID_SEED"] = "42"
            env["HUIFANG_TEST_HOLD_WRITES"] = hold
            process.environment = env
            process.standardOutput = FileHandle.nullDevice
            process.standardError = errors
            try process.run()
        }

        /// Waits until the write is held (at most 60 s).
        func waitUntilHeld() throws {
            for _ in 0..<6000 where !FileManager.default.fileExists(atPath: hold + "/ready") { usleep(10_000) }
            try #require(FileManager.default.fileExists(atPath: hold + "/ready"), "the write never reached its rename")
        }

        /// Lets the write go on; returns the exit code and standard error.
        func release() -> (Int32, String) {
            _ = FileManager.default.createFile(atPath: hold + "/go", contents: nil)
            let err = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            try? FileManager.default.removeItem(atPath: hold)
            return (process.terminationStatus, String(decoding: err, as: UTF8.self))
        }

        func kill() {
            Glibc.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            try? FileManager.default.removeItem(atPath: hold)
        }
    }

    func files(_ r: HuifangRunner, _ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: r.path(folder))) ?? []).sorted()
    }

    /// An open minor issue of acme-erp raised in `visit` on 2026-02-14.
    func issue(_ id: String, visit: String) -> String {
        """
        id: \(id)
        title: 报表导出超时
        raised: 2026-02-14
        source: visit
        visit: \(visit)
        category: technical
        severity: minor
        owner: 张伟
        department: east
        due: 2026-02-28
        status: open
        history:
          - {at: 2026-02-14, action: opened, by: 张伟}

        """
    }

    func firstVisit(_ r: HuifangRunner) throws -> (file: String, id: String) {
        let file = try #require(files(r, "projects/acme-erp/visits").first)
        return (file, String(file.dropFirst(11).dropLast(5)))
    }

    // MARK: item 9: a hand edit made while a command updates the record

    /// A line added by hand between the command's read and its rename is kept: the command
    /// refuses with exit 75 and writes nothing; run again, it keeps the line.
    @Test(.englishMessages) func aHandEditDuringAnUpdateIsKeptAndTheCommandRefuses() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        #expect(r.run(["issue", "add", "acme-erp", "--title", "报表导出超时", "--category", "technical", "--severity", "minor"]).code == 0)
        let issue = "projects/acme-erp/issues/" + (try #require(files(r, "projects/acme-erp/issues").first))
        let id = String(issue.split(separator: "/").last!.dropLast(5))
        let writer = try HeldWriter(r, ["issue", "escalate", id, "--reason", "客户再次投诉"])
        try writer.waitUntilHeld()
        let edited = try #require(r.read(issue)) + "# 客户来电：周五前答复\n"
        try r.write(issue, edited)
        let (code, stderr) = writer.release()
        #expect(code == 75)
        #expect(stderr.contains("\(issue) changed while updating, run again"), "\(stderr)")
        #expect(r.read(issue) == edited, "the hand edit is kept, the escalation not written")
        #expect(files(r, "projects/acme-erp/issues").count == 1, "no temporary file beside the record")
        let again = r.run(["issue", "escalate", id, "--reason", "客户再次投诉"])
        #expect(again.code == 0, "\(again.stderr)")
        let after = try #require(r.read(issue))
        #expect(after.contains("severity: general\n") && after.hasSuffix("# 客户来电：周五前答复\n"))
    }

    /// The same mechanism guards every in-place update, here an improvement's status.
    @Test func everyInPlaceUpdateComparesBeforeItRenames() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        #expect(r.run(["issue", "add", "acme-erp", "--title", "报表导出超时", "--category", "technical", "--severity", "minor"]).code == 0)
        let iid = String(try #require(files(r, "projects/acme-erp/issues").first).dropLast(5))
        #expect(r.run(["improve", "add", "--title", "报表服务异步化", "--addresses", iid, "--department", "tech", "--owner", "刘强",
                       "--due", "2026-12-31", "--expected-effect", "导出更快"]).code == 0)
        let file = "improvements/" + (try #require(files(r, "improvements").first))
        let writer = try HeldWriter(r, ["improve", "start", String(file.dropFirst(13).dropLast(5))])
        try writer.waitUntilHeld()
        let edited = try #require(r.read(file)).replacingOccurrences(of: "owner: 刘强", with: "owner: 陈静")
        try r.write(file, edited)
        let (code, stderr) = writer.release()
        #expect(code == 75, "\(stderr)")
        #expect(r.read(file) == edited)
    }

    // MARK: item 7: interrupted writes

    /// kill -9 inside a write leaves nothing in record folders: the temporary file is under
    /// .huifang/tmp/ (git-ignored), and the next command that takes the lock removes it, as well
    /// as the `.NAME.tmp-XXXXXX` files that earlier versions left beside records.
    @Test func aKilledWriteLeavesNothingInRecordFoldersAndLitterIsCleared() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let before = r.snapshot()
        let (_, vid) = try firstVisit(r)
        let writer = try HeldWriter(r, ["issue", "add", "acme-erp", "--title", "按钮错位", "--category", "quality", "--severity", "minor",
                                        "--visit", vid])
        try writer.waitUntilHeld()
        writer.kill()
        #expect(r.snapshot() == before, "nothing outside .huifang/ changed")
        #expect(files(r, ".huifang/tmp").count == 1, "the staged issue waits under .huifang/tmp/")
        #expect(r.read(".gitignore")?.split(separator: "\n").contains(".huifang/") == true)
        // What an older version left when killed, with a whole record in it.
        let old = "projects/acme-erp/issues/.i-0badc0de.yaml.tmp-Ab12Cd"
        try r.write(old, "id: i-0badc0de\ntitle: 半截\nraised: 2026-11-24\nsource: customer\ncategory: quality\nseverity: minor\n"
                    + "owner: 张伟\ndepartment: east\ndue: 2026-12-01\nstatus: open\nhistory:\n  - {at: 2026-11-24, action: opened, by: 张伟}\n")
        #expect(!r.run(["issue", "list", "--format", "csv"]).stdout.contains("i-0badc0de"), "a temporary file is never a record")
        #expect(r.run(["check"]).code == 0)
        let next = r.run(["issue", "add", "acme-erp", "--title", "按钮错位", "--category", "quality", "--severity", "minor", "--visit", vid])
        #expect(next.code == 0, "\(next.stderr)")
        #expect(files(r, ".huifang/tmp").isEmpty, "the next command cleared what the killed one left")
        #expect(files(r, "projects/acme-erp/issues").count == 1, "\(files(r, "projects/acme-erp/issues"))")
        #expect(!FileManager.default.fileExists(atPath: r.path(old)))
    }

    /// The state that an interrupted two-file update of earlier versions could leave: the issue
    /// written, the visit's `issues:` not. The issue alone links them now: the visit lists it,
    /// and `check` finds nothing to report.
    @Test(.englishMessages) func anIssueWhoseVisitDoesNotListItIsLinkedAllTheSame() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let (_, vid) = try firstVisit(r)
        try r.write("projects/acme-erp/issues/i-0000beef.yaml", issue("i-0000beef", visit: vid))
        let check = r.run(["check"])
        #expect(check.code == 0)
        #expect(check.stdout.hasPrefix("ok:") && check.stdout.contains("no problems") && check.stderr.isEmpty,
                "no warning: \(check.stdout)\(check.stderr)")
        #expect(r.run(["project", "show", "acme-erp", "--format", "json"]).stdout.contains("\"issues\": [\"i-0000beef\"]"))
        #expect(r.run(["report", "project", "acme-erp", "--period", "2026", "--format", "csv"]).stdout.contains("i-0000beef"))
    }

    // MARK: item 8: two branches

    /// Two branches each add an issue to one visit and an event of the same day and tag: git
    /// merges them without a conflict, and the visit lists both issues.
    @Test func issuesOfOneVisitAndEventsOfOneDayMergeWithoutConflicts() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        func git(_ args: String...) throws -> Int32 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"] + args
            p.currentDirectoryURL = URL(fileURLWithPath: r.dir)
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            return p.terminationStatus
        }
        let (_, vid) = try firstVisit(r)
        #expect(try git("init", "-q", "-b", "main") == 0)
        #expect(try git("add", "-A") == 0)
        #expect(try git("commit", "-qm", "start") == 0)
        for (branch, seed) in [("wang", "1"), ("main", "2")] {
            if branch != "main" { #expect(try git("checkout", "-qb", branch) == 0) } else { #expect(try git("checkout", "-q", "main") == 0) }
            let add = r.run(["issue", "add", "acme-erp", "--title", "问题\(seed)", "--category", "quality", "--severity", "minor", "--visit", vid],
                            env: ["HUIFANG_ID_SEED": seed])
            #expect(add.code == 0, "\(add.stderr)")
            let event = r.run(["event", "add", "2026-11-20", "--kind", "upgrade", "--title", "V3 升级\(seed)", "--tag", "erp"],
                              env: ["HUIFANG_ID_SEED": seed])
            #expect(event.code == 0, "\(event.stderr)")
            #expect(try git("add", "-A") == 0)
            #expect(try git("commit", "-qm", "\(branch) issue and event") == 0)
        }
        #expect(try git("merge", "-q", "--no-edit", "wang") == 0, "no conflict")
        let check = r.run(["check"])
        #expect(check.code == 0, "\(check.stdout)\(check.stderr)")
        let issues = files(r, "projects/acme-erp/issues").map { String($0.dropLast(5)) }
        #expect(issues.count == 2)
        let json = r.run(["project", "show", "acme-erp", "--format", "json"]).stdout
        #expect(json.contains("\"issues\": [\"\(issues[0])\", \"\(issues[1])\"]"), "\(json)")
        #expect(files(r, "events").count == 2)
    }

    /// Repositories written by earlier versions list issues in the visit too: each is listed once,
    /// and a list that contradicts the issue's own `visit:` is a warning.
    @Test(.englishMessages) func visitsOfEarlierVersionsStillRead() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let visits = files(r, "projects/acme-erp/visits")
        let (file, vid) = (visits[0], String(visits[0].dropFirst(11).dropLast(5)))
        #expect(r.run(["issue", "add", "acme-erp", "--title", "按钮错位", "--category", "quality", "--severity", "minor", "--visit", vid]).code == 0)
        let iid = String(try #require(files(r, "projects/acme-erp/issues").first).dropLast(5))
        let text = try #require(r.read("projects/acme-erp/visits/" + file))
        try r.write("projects/acme-erp/visits/" + file, text + "issues: [\(iid)]\n")
        #expect(r.run(["check"]).code == 0)
        #expect(r.run(["project", "show", "acme-erp", "--format", "json"]).stdout.contains("\"issues\": [\"\(iid)\"]"))
        let second = "projects/acme-erp/visits/" + visits[1]
        try r.write(second, try #require(r.read(second)) + "issues: [\(iid)]\n")
        let check = r.run(["check"])
        #expect(check.stdout.contains("\(second):") && check.stdout.contains("'issues:' lists '\(iid)', but that issue was raised in visit '\(vid)'"),
                "\(check.stdout)")
    }

    /// A visit named in an issue by a unique prefix of its id (as on the command line) is that
    /// visit: listed with it, and `check` asks for the whole id instead of calling it unknown.
    @Test(.englishMessages) func aVisitNamedByAPrefixIsResolved() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let (_, vid) = try firstVisit(r)
        try r.write("projects/acme-erp/issues/i-0000beef.yaml", issue("i-0000beef", visit: String(vid.prefix(6))))
        let check = r.run(["check"])
        #expect(!check.stdout.contains("unknown visit"), "\(check.stdout)")
        #expect(check.stdout.contains("warning: visit '\(vid.prefix(6))' is written as a prefix of '\(vid)'"), "\(check.stdout)")
        #expect(r.run(["project", "show", "acme-erp", "--format", "json"]).stdout.contains("\"issues\": [\"i-0000beef\"]"))
    }

    /// An issue naming a visit whose file exists but cannot be read is not told that the visit is
    /// unknown: the visit file's own error says what is wrong.
    @Test(.englishMessages) func anUnreadableVisitIsNotReportedAsUnknown() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let (file, vid) = try firstVisit(r)
        #expect(r.run(["issue", "add", "acme-erp", "--title", "按钮错位", "--category", "quality", "--severity", "minor", "--visit", vid]).code == 0)
        let path = "projects/acme-erp/visits/" + file
        try r.write(path, try #require(r.read(path)) + "<<<<<<< HEAD\nnps: 8\n=======\nnps: 7\n>>>>>>> wang\n")
        let check = r.run(["check"])
        #expect(check.code == 1)
        #expect(check.stdout.contains(path), "\(check.stdout)")
        #expect(!check.stdout.contains("unknown visit"), "\(check.stdout)")
        // A visit that does not exist at all still is.
        try r.write("projects/acme-erp/issues/i-0000beef.yaml", issue("i-0000beef", visit: "v-0000dead"))
        #expect(r.run(["check"]).stdout.contains("unknown visit 'v-0000dead'"))
    }
}
