import Foundation
import Testing

/// A record that cannot be read never vanishes silently: commands refuse with exit 65 and name
/// the file at line:column; with --ignore-invalid they answer and their output says what was
/// left out; commands that write refuse either way.
@Suite struct InvalidRecordTests {
    /// The tour, an issue raised in beta-mes's visit, and that visit's `method:` indented by
    /// two spaces: the YAML no longer parses (line 4, column 9).
    struct Broken {
        let r: HuifangRunner
        let path: String
        let visit: String
        let issue: String
        var location: String { "\(path):4:9" }
    }

    static func makeBroken() throws -> Broken {
        let r = try makeTourRepository()
        let folder = "projects/beta-mes/visits"
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: r.path(folder)).first)
        let visit = String(name.dropLast(".yaml".count).dropFirst("2026-07-28-".count))
        let added = r.run(["issue", "add", "beta-mes", "--visit", visit, "--title", "报表慢", "--category", "technical", "--severity", "minor"])
        try #require(added.code == 0, "\(added.stderr)")
        let issue = try #require(try FileManager.default.contentsOfDirectory(atPath: r.path("projects/beta-mes/issues")).first)
        let path = folder + "/" + name
        let text = try #require(r.read(path))
        try #require(text.contains("\nmethod: email\n"))
        try r.write(path, text.replacingOccurrences(of: "\nmethod: email\n", with: "\n  method: email\n"))
        return Broken(r: r, path: path, visit: visit, issue: String(issue.dropLast(".yaml".count)))
    }

    static let readers: [[String]] = [
        ["report", "summary", "--period", "2026Q3"],
        ["report", "summary", "--period", "2026Q3", "--format", "json"],
        ["report", "summary", "--period", "2026Q3", "--format", "csv"],
        ["report", "department", "east", "--period", "2026Q3", "--format", "html"],
        ["report", "project", "beta-mes", "--period", "2026Q3"],
        ["visit", "list"],
        ["visit", "list", "--format", "json"],
        ["issue", "list"],
        ["due"],
        ["export", "ics"],
        ["project", "list"],
        ["project", "show", "beta-mes"],
        ["visit", "prepare", "beta-mes"],
    ]

    @Test(.englishMessages, arguments: readers)
    func readersRefuseNamingTheFile(_ args: [String]) throws {
        let b = try Self.makeBroken()
        defer { b.r.cleanup() }
        for warm in [false, true] {  // parsed, then from the cache
            let result = b.r.run(args)
            #expect(result.code == 65, "\(args) warm: \(warm): \(result.stdout)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains("\(b.location): error: mapping values are not allowed in this context\n  hint: fix the YAML syntax at this place\n"),
                    "\(result.stderr)")
            #expect(result.stderr.contains("huifang: error: 1 record could not be read, and the answer depends on it\n"))
            #expect(result.stderr.contains("'huifang check'") && result.stderr.contains("--ignore-invalid"))
        }
    }

    @Test(.englishMessages, arguments: [["plan", "2027"], ["plan", "2027", "--ignore-invalid"], ["--ignore-invalid", "plan", "2027"]])
    func planWritesNothingOnTopOfAnUnreadableVisit(_ args: [String]) throws {
        let b = try Self.makeBroken()
        defer { b.r.cleanup() }
        let before = b.r.snapshot()
        let result = b.r.run(args)
        #expect(result.code == 65)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("\(b.location): error: "))
        #expect(result.stderr.contains("1 record could not be read; nothing was written"))
        #expect(b.r.read("plans/2027.yaml") == nil)
        #expect(b.r.snapshot() == before)
        if args.contains("--ignore-invalid") {
            #expect(result.stderr.contains("--ignore-invalid does not apply to commands that write"))
        }
    }

    @Test(.englishMessages) func otherWritersRefuseEvenWithIgnoreInvalid() throws {
        let b = try Self.makeBroken()
        defer { b.r.cleanup() }
        let before = b.r.snapshot()
        for args in [
            ["visit", "log", "beta-mes", "--method", "phone", "--summary", "再次回访"],
            ["visit", "log", "acme-erp", "--method", "phone", "--summary", "另一个项目"],
            ["issue", "add", "acme-erp", "--title", "x", "--category", "service", "--severity", "minor"],
            ["issue", "resolve", b.issue, "--summary", "已修复"],
            ["event", "add", "2026-11-02", "--kind", "upgrade", "--title", "升级", "--tag", "erp"],
        ] {
            let result = b.r.run(args + ["--ignore-invalid"])
            #expect(result.code == 65, "\(args): \(result.stdout)")
            #expect(result.stderr.contains("\(b.location): error: "), "\(args): \(result.stderr)")
            #expect(result.stderr.contains("nothing was written"), "\(args): \(result.stderr)")
        }
        #expect(b.r.snapshot() == before)
    }

    /// `project add` depends on huifang.yaml only (a project exists when its folder does).
    @Test(.englishMessages) func projectAddDoesNotDependOnOtherRecords() throws {
        let b = try Self.makeBroken()
        defer { b.r.cleanup() }
        let add = b.r.run(["project", "add", "gamma", "--name", "n", "--customer", "c", "--department", "east", "--owner", "o", "--tier", "key"])
        #expect(add.code == 0, "\(add.stderr)")
        #expect(add.stderr.isEmpty)
        #expect(b.r.read("projects/gamma/project.yaml") != nil)
        let again = b.r.run(["project", "add", "beta-mes", "--name", "n", "--customer", "c", "--department", "east", "--owner", "o", "--tier", "key"])
        #expect(again.code == 64)
        #expect(again.stderr.contains("project 'beta-mes' already exists"))
    }

    /// Before: report summary gave 0 visits and satisfaction n/a for 2026Q3, exit 0, nothing on stderr.
    @Test(.englishMessages) func ignoreInvalidAnswersAndSaysWhatWasLeftOut() throws {
        let b = try Self.makeBroken()
        defer { b.r.cleanup() }
        let warning = "left out 1 record that could not be read (\(b.path)); run 'huifang check'"

        let md = b.r.run(["report", "summary", "--period", "2026Q3", "--ignore-invalid", "--lang", "en"])
        #expect(md.code == 0)
        #expect(md.stderr == "warning: \(warning)\n")
        let lines = md.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count > 5 && lines[4] == "> **Warning:** " + Substring(warning.replacingOccurrences(of: "_", with: "\\_")), "\(md.stdout.prefix(400))")

        let html = b.r.run(["--ignore-invalid", "report", "summary", "--period", "2026Q3", "--format", "html"])
        #expect(html.code == 0)
        #expect(html.stdout.contains("<strong>Warning:</strong> \(warning.replacingOccurrences(of: "'", with: "&#39;"))</p>"))

        let json = b.r.run(["report", "summary", "--period", "2026Q3", "--format", "json", "--ignore-invalid"])
        #expect(json.code == 0)
        #expect(json.stdout.hasPrefix("{\n  \"warnings\": ["))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["warnings"] as? [String] == [warning])
        let counts = try #require(object["counts"] as? [String: Any])
        #expect(counts["visits"] as? Int == 0, "the visit was left out, and the output says so")

        let csv = b.r.run(["report", "summary", "--period", "2026Q3", "--format", "csv", "--ignore-invalid"])
        #expect(csv.code == 0)
        #expect(csv.stderr == "warning: \(warning)\n")
        #expect(!csv.stdout.hasPrefix("#"))

        let list = b.r.run(["visit", "list", "--format", "json", "--ignore-invalid"])
        #expect(list.code == 0)
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [String: Any])
        #expect(listed["warnings"] as? [String] == [warning])
        #expect((listed["items"] as? [[String: Any]])?.count == 2)

        for args in [["visit", "list"], ["issue", "list"], ["due"], ["export", "ics"], ["visit", "list", "--format", "csv"]] {
            let result = b.r.run(args + ["--ignore-invalid"])
            #expect(result.code == 0, "\(args): \(result.stderr)")
            #expect(result.stderr.contains("warning: \(warning)\n"), "\(args): \(result.stderr)")
            #expect(!result.stdout.isEmpty, "\(args)")
        }
        let issues = b.r.run(["issue", "list", "--format", "json", "--ignore-invalid"])
        let issueList = try #require(try JSONSerialization.jsonObject(with: Data(issues.stdout.utf8)) as? [String: Any])
        #expect(issueList["warnings"] as? [String] == [warning])

        let show = b.r.run(["issue", "show", b.issue, "--format", "json", "--ignore-invalid"])
        #expect(show.code == 0)
        #expect(show.stdout.hasPrefix("{\n  \"warnings\": ["))

        let brief = b.r.run(["visit", "prepare", "acme-erp", "--ignore-invalid", "--lang", "en"])
        #expect(brief.code == 0)
        #expect(brief.stdout.contains("\nWarning: \(warning)\n"))
    }

    @Test(.englishMessages) func manyUnreadableFilesAreCountedAndCutShort() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        for n in 0..<12 {
            try r.write("projects/acme-erp/issues/i-\(String(format: "%08x", n)).yaml", "id: [\n")
        }
        let refused = r.run(["due"])
        #expect(refused.code == 65)
        #expect(refused.stderr.components(separatedBy: ": error: ").count - 1 == 10 + 1, "10 files, then the command's own error")
        #expect(refused.stderr.contains("... and 2 more\n"))
        #expect(refused.stderr.contains("12 records could not be read, and the answer depends on them"))
        let ignored = r.run(["due", "--ignore-invalid"])
        #expect(ignored.code == 0)
        #expect(ignored.stderr.contains(
            "warning: left out 12 records that could not be read (projects/acme-erp/issues/i-00000000.yaml, projects/acme-erp/issues/i-00000001.yaml, projects/acme-erp/issues/i-00000002.yaml and 9 more); run 'huifang check'\n"))
    }

    @Test(.englishMessages) func aReferenceToAnUnreadableVisitSaysSo() throws {
        let b = try Self.makeBroken()
        defer { b.r.cleanup() }
        let check = b.r.run(["check"])
        #expect(check.code == 1)
        #expect(check.stdout.contains("\(b.location): error: mapping values are not allowed in this context"))
        #expect(check.stdout.contains("projects/beta-mes/issues/\(b.issue).yaml"))
        #expect(check.stdout.contains("warning: visit '\(b.visit)' exists but cannot be read (\(b.path))"), "\(check.stdout)")
        #expect(!check.stdout.contains("unknown visit"))

        // issue add --visit names the visit's file, and writes nothing.
        let before = b.r.snapshot()
        let add = b.r.run(["issue", "add", "beta-mes", "--visit", b.visit, "--title", "x", "--category", "service", "--severity", "minor"])
        #expect(add.code == 65)
        #expect(add.stderr.contains("\(b.location): error: "))
        #expect(!add.stderr.contains("no visit"))
        #expect(b.r.snapshot() == before)
    }

    @Test(.englishMessages) func lookingUpAnUnreadableRecordSaysSo() throws {
        let b = try Self.makeBroken()
        defer { b.r.cleanup() }
        let issuePath = "projects/beta-mes/issues/\(b.issue).yaml"
        try b.r.write(issuePath, try #require(b.r.read(issuePath)).replacingOccurrences(of: "severity: minor", with: "severity: huge"))
        let show = b.r.run(["issue", "show", b.issue, "--ignore-invalid"])
        #expect(show.code == 65)
        #expect(show.stderr.contains("huifang: error: issue '\(b.issue)' exists but cannot be read: \(issuePath):"), "\(show.stderr)")
        #expect(!show.stderr.contains("no issue"))
        try b.r.write("projects/acme-erp/project.yaml", "id: acme-erp\nname: [\n")
        let project = b.r.run(["project", "show", "acme-erp", "--ignore-invalid"])
        #expect(project.code == 65)
        #expect(project.stderr.contains("huifang: error: project 'acme-erp' exists but cannot be read: projects/acme-erp/project.yaml:"), "\(project.stderr)")
    }

    @Test func statusShowsTheProblemFirstAndFixingItRestoresEverything() throws {
        let b = try Self.makeBroken()
        defer { b.r.cleanup() }
        let status = b.r.run(["status"])
        #expect(status.code == 0)
        let lines = status.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count > 5)
        #expect(lines[3] == "1 个记录文件无法读取，以下内容未包含：", "\(status.stdout)")
        // The finding in the repository's words around libyaml's own (quoted as it is).
        #expect(lines[4] == "  \(b.location): YAML 语法错误：mapping values are not allowed in this context", "\(status.stdout)")
        // Fixed: answers as before, without a warning.
        sleep(1)  // a new modification time for the cache
        try b.r.write(b.path, try #require(b.r.read(b.path)).replacingOccurrences(of: "\n  method: email\n", with: "\nmethod: email\n"))
        let json = b.r.run(["report", "summary", "--period", "2026Q3", "--format", "json"])
        #expect(json.code == 0)
        #expect(json.stderr.isEmpty)
        #expect(!json.stdout.contains("warnings"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["counts"] as? [String: Any])?["visits"] as? Int == 1)
        #expect(!b.r.run(["status"]).stdout.contains("could not be read"))
    }
}
