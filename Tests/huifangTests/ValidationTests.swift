import Foundation
import Testing

/// Never a silent wrong answer: what the commands refuse, and how they say so.
@Suite struct ValidationTests {
    /// The tour repository plus one open general issue in acme-erp; its id.
    func withIssue() throws -> (HuifangRunner, String) {
        let r = try makeTourRepository()
        let add = r.run(["issue", "add", "acme-erp", "--title", "报表导出超时", "--category", "technical", "--severity", "general"])
        try #require(add.code == 0, "\(add.stderr)")
        let id = try #require(try FileManager.default.contentsOfDirectory(atPath: r.path("projects/acme-erp/issues")).first).dropLast(5)
        return (r, String(id))
    }

    func writeBytes(_ r: HuifangRunner, _ relative: String, _ bytes: [UInt8]) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: r.path(relative)))
    }

    func bytes(_ r: HuifangRunner, _ relative: String) -> [UInt8] {
        FileManager.default.contents(atPath: r.path(relative)).map { Array($0) } ?? []
    }

    // MARK: duplicate ids

    @Test(.englishMessages) func aCopiedVisitIsNeverCountedTwice() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let report = ["report", "summary", "--period", "2026", "--format", "json"]
        let clean = r.run(report)
        #expect(clean.code == 0, "\(clean.stderr)")
        func visits(_ json: String) -> String? {
            json.range(of: "\"visits\": ").map { String(json[$0.upperBound...].prefix { $0.isNumber }) }
        }
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: r.path("projects/acme-erp/visits")).sorted().first)
        try r.write("projects/beta-mes/visits/" + name, try #require(r.read("projects/acme-erp/visits/" + name)))
        // The copy would count the visit twice (its scores, its NPS): the report refuses ...
        let refused = r.run(report)
        #expect(refused.code == 65)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("projects/beta-mes/visits/\(name):1:1: error: duplicate visit id"), "\(refused.stderr)")
        // ... and with --ignore-invalid counts it once and says what it left out.
        let ignored = r.run(["--ignore-invalid"] + report)
        #expect(ignored.code == 0)
        #expect(visits(ignored.stdout) == visits(clean.stdout), "\(ignored.stdout)")
        #expect(ignored.stdout.contains("\"warnings\""))
        #expect(r.run(["check"]).stdout.contains("duplicate visit id"))
    }

    @Test(.englishMessages) func aDuplicatedIDIsNamedWithItsFilesNotCalledAmbiguous() throws {
        let (r, id) = try withIssue()
        defer { r.cleanup() }
        let copy = "projects/beta-mes/issues/\(id).yaml"
        try r.write(copy, try #require(r.read("projects/acme-erp/issues/\(id).yaml")))
        let before = r.snapshot()
        for name in [String(id.prefix(6)), id] {
            for args in [["issue", "escalate", name, "--reason", "x"], ["issue", "show", name]] {
                let result = r.run(args)
                #expect(result.code == 65, "\(args): \(result.stderr)")
                // Refused as the repository is read: the copy would be counted twice by any answer.
                #expect(result.stderr.contains("\(copy):1:1: error: duplicate issue id '\(id)' (also in projects/acme-erp/issues/\(id).yaml)"),
                        "\(args): \(result.stderr)")
                #expect(result.stderr.contains("give one of them a new id"), "\(result.stderr)")
                #expect(!result.stderr.contains("type more characters"))
                #expect(result.stdout.isEmpty)
            }
        }
        #expect(r.snapshot() == before, "nothing written")
        let check = r.run(["check"])
        #expect(check.code == 1)
        #expect(check.stdout.contains("duplicate issue id '\(id)'") || check.stderr.contains("duplicate issue id '\(id)'"))
    }

    @Test(.englishMessages) func twoDifferentIDsSharingAPrefixAreStillAmbiguous() throws {
        let (r, id) = try withIssue()
        defer { r.cleanup() }
        let other = String(id.prefix(6)) + "zzz"
        try r.write("projects/acme-erp/issues/\(other).yaml", try #require(r.read("projects/acme-erp/issues/\(id).yaml"))
            .replacingOccurrences(of: "id: \(id)", with: "id: \(other)"))
        let result = r.run(["issue", "show", String(id.prefix(6))])
        #expect(result.code == 64)
        #expect(result.stderr.contains("matches 2 issues: \([id, other].sorted().joined(separator: ", "))"), "\(result.stderr)")
        #expect(result.stderr.contains("type more characters"))
    }

    // MARK: a project folder without project.yaml

    @Test(.englishMessages) func checkSuggestsAProjectAddThatWorks() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        try FileManager.default.createDirectory(atPath: r.path("projects/noproj/visits"), withIntermediateDirectories: true)
        let check = r.run(["check"])
        #expect(check.code == 1)
        let out = check.stdout + check.stderr
        #expect(out.contains("projects/noproj:1:1: error: project folder has no project.yaml"), "\(out)")
        #expect(out.contains("'huifang project add noproj --name ... --customer ... --department ... --owner ... --tier ...'"), "\(out)")
        let add = r.run(["project", "add", "noproj", "--name", "N", "--customer", "C", "--department", "east", "--owner", "o", "--tier", "basic"])
        #expect(add.code == 0, "the suggested command works: \(add.stderr)")
        #expect(r.read("projects/noproj/project.yaml")?.hasPrefix("id: noproj\n") == true)
        #expect(r.run(["check"]).code == 0)
        let again = r.run(["project", "add", "noproj", "--name", "N", "--customer", "C", "--department", "east", "--owner", "o", "--tier", "basic"])
        #expect(again.code == 64)
        #expect(again.stderr.contains("project 'noproj' already exists"))
    }

    @Test(.englishMessages) func projectAddRefusesAFileOrALinkWhereTheFolderWouldBe() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        try r.write("projects/afile", "x")
        try FileManager.default.createSymbolicLink(atPath: r.path("projects/alink"), withDestinationPath: r.dir)
        let before = r.snapshot()
        for name in ["afile", "alink"] {
            let add = r.run(["project", "add", name, "--name", "N", "--customer", "C", "--department", "east", "--owner", "o", "--tier", "basic"])
            #expect(add.code == 64, "\(add.stderr)")
            #expect(add.stderr.contains("projects/\(name) exists and is not a folder"), "\(add.stderr)")
        }
        #expect(r.snapshot() == before)
        #expect(!FileManager.default.fileExists(atPath: r.path("project.yaml")))
    }

    // MARK: encodings and line ends: check and the updaters agree

    static let readable: [(name: String, make: @Sendable ([UInt8]) -> [UInt8])] = [
        ("utf8-bom", { [0xEF, 0xBB, 0xBF] + $0 }),
        ("crlf", { $0.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] } }),
        ("cr", { $0.map { $0 == 0x0A ? 0x0D : $0 } }),
        ("bom-crlf", { [0xEF, 0xBB, 0xBF] + $0.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] } }),
    ]

    @Test(arguments: readable.indices)
    func aReadableVariantPassesCheckAndIsUpdatedKeepingIt(_ index: Int) throws {
        let variant = Self.readable[index]
        let (r, id) = try withIssue()
        defer { r.cleanup() }
        let file = "projects/acme-erp/issues/\(id).yaml"
        try writeBytes(r, file, variant.make(bytes(r, file)))
        let check = r.run(["check"])
        #expect(check.code == 0, "\(variant.name): \(check.stdout)\(check.stderr)")
        let escalate = r.run(["issue", "escalate", id, "--reason", "客户再次投诉"])
        #expect(escalate.code == 0, "\(variant.name): \(escalate.stderr)")
        let after = bytes(r, file)
        // The variant survives: the file is the LF/no-BOM text with the variant applied again.
        var plain = after
        if plain.starts(with: [0xEF, 0xBB, 0xBF]) { plain.removeFirst(3) }
        var lf: [UInt8] = []
        var i = 0
        while i < plain.count {
            if plain[i] == 0x0D {
                lf.append(0x0A)
                if i + 1 < plain.count, plain[i + 1] == 0x0A { i += 1 }
            } else {
                lf.append(plain[i])
            }
            i += 1
        }
        #expect(after == variant.make(lf), "\(variant.name): line ends and BOM are kept")
        #expect(String(decoding: lf, as: UTF8.self).contains("severity: major\n"), "\(variant.name)")
        #expect(String(decoding: lf, as: UTF8.self).contains("action: escalated, from: general, to: major"), "\(variant.name)")
        #expect(r.run(["check"]).code == 0, "\(variant.name): still valid after the update")
    }

    static let refused: [(name: String, encoding: String, make: @Sendable ([UInt8]) -> [UInt8])] = [
        ("utf16le", "UTF-16LE", { utf16(String(decoding: $0, as: UTF8.self), bigEndian: false, bom: false) }),
        ("utf16le-bom", "UTF-16LE", { utf16(String(decoding: $0, as: UTF8.self), bigEndian: false, bom: true) }),
        ("utf16be", "UTF-16BE", { utf16(String(decoding: $0, as: UTF8.self), bigEndian: true, bom: false) }),
        ("utf16be-bom", "UTF-16BE", { utf16(String(decoding: $0, as: UTF8.self), bigEndian: true, bom: true) }),
    ]

    static func utf16(_ text: String, bigEndian: Bool, bom: Bool) -> [UInt8] {
        var out: [UInt8] = []
        for u in Array((bom ? "\u{FEFF}" : "").utf16) + Array(text.utf16) {
            out += bigEndian ? [UInt8(u >> 8), UInt8(u & 0xFF)] : [UInt8(u & 0xFF), UInt8(u >> 8)]
        }
        return out
    }

    @Test(.englishMessages, arguments: refused.indices)
    func utf16IsRefusedByCheckAndByTheUpdaters(_ index: Int) throws {
        let variant = Self.refused[index]
        let (r, id) = try withIssue()
        defer { r.cleanup() }
        let file = "projects/acme-erp/issues/\(id).yaml"
        try writeBytes(r, file, variant.make(bytes(r, file)))
        let check = r.run(["check"])
        #expect(check.code == 1, "\(variant.name): \(check.stdout)")
        #expect((check.stdout + check.stderr).contains("\(file):1:1: error: the file is \(variant.encoding) text; records are UTF-8"),
                "\(variant.name): \(check.stdout)\(check.stderr)")
        #expect((check.stdout + check.stderr).contains("iconv -f \(variant.encoding) -t UTF-8"))
        let before = r.snapshot()
        let escalate = r.run(["issue", "escalate", id, "--reason", "x"])
        #expect(escalate.code != 0, "\(variant.name): a UTF-16 record was updated")
        #expect(r.snapshot() == before, "\(variant.name): nothing written")
    }
}

/// Empty values, repeated values and the case analysis file.
@Suite struct OptionValueTests {
    /// Every string option of every writing command; `IID`, `VID` and `MID` stand for ids in the repository.
    static let empties: [[String]] = {
        let visit = ["visit", "log", "acme-erp", "--method", "phone", "--summary", "s"]
        let project = ["project", "add", "new-one", "--name", "n", "--customer", "c", "--department", "east", "--owner", "o", "--tier", "key"]
        let issue = ["issue", "add", "acme-erp", "--title", "t", "--category", "quality", "--severity", "minor"]
        let improve = ["improve", "add", "--title", "t", "--addresses", "IID", "--department", "east", "--owner", "o", "--due", "2026-12-31",
                       "--expected-effect", "e"]
        let event = ["event", "add", "2026-11-20", "--kind", "upgrade", "--title", "t", "--project", "acme-erp"]
        var cases: [[String]] = []
        for flag in ["--visitor", "--summary", "--quote", "--contact", "--need", "--competitor", "--event"] { cases.append(visit + [flag]) }
        for flag in ["--name", "--customer", "--department", "--owner", "--contact", "--tag"] { cases.append(project + [flag]) }
        for flag in ["--title", "--visit", "--owner", "--department", "--by"] { cases.append(issue + [flag]) }
        for flag in ["--title", "--addresses", "--department", "--owner", "--expected-effect"] { cases.append(improve + [flag]) }
        for flag in ["--title", "--project", "--tag", "--slug"] { cases.append(event + [flag]) }
        for flag in ["--reason", "--by", "--owner"] { cases.append(["issue", "escalate", "IID", "--reason", "r", flag]) }
        for flag in ["--summary", "--by"] { cases.append(["issue", "resolve", "IID", "--summary", "s", flag]) }
        cases.append(["issue", "confirm", "IID", "--by"])
        for flag in ["--case-analysis", "--by"] { cases.append(["issue", "close", "IID", flag]) }
        for flag in ["--reason", "--by"] { cases.append(["issue", "reopen", "IID", "--reason", "r", flag]) }
        cases.append(["improve", "verify", "MID", "--result"])
        return cases
    }()

    /// The tour repository with one open issue and one improvement measure; their ids.
    func repository() throws -> (HuifangRunner, String, String) {
        let r = try makeTourRepository()
        let add = r.run(["issue", "add", "acme-erp", "--title", "报表导出超时", "--category", "technical", "--severity", "general"])
        try #require(add.code == 0, "\(add.stderr)")
        let iid = try #require(try FileManager.default.contentsOfDirectory(atPath: r.path("projects/acme-erp/issues")).first).dropLast(5)
        let m = r.run(["improve", "add", "--title", "t", "--addresses", String(iid), "--department", "east", "--owner", "o",
                       "--due", "2026-12-31", "--expected-effect", "e"])
        try #require(m.code == 0, "\(m.stderr)")
        let mid = try #require(try FileManager.default.contentsOfDirectory(atPath: r.path("improvements")).first).dropLast(5)
        return (r, String(iid), String(mid))
    }

    @Test(.englishMessages) func emptyAndBlankValuesAreRefusedWithTheOptionNamed() throws {
        let (r, iid, mid) = try repository()
        defer { r.cleanup() }
        let before = r.snapshot()
        for c in Self.empties {
            let flag = c.last!
            for value in ["", "  \t"] {
                let args = c.map { $0 == "IID" ? iid : $0 == "MID" ? mid : $0 } + [value]
                let result = r.run(args)
                #expect(result.code == 64, "\(args): \(result.stderr)")
                #expect(result.stderr.contains("huifang: error: \(flag) is empty"), "\(args): \(result.stderr)")
                #expect(result.stdout.isEmpty, "\(args)")
            }
        }
        #expect(r.snapshot() == before, "nothing written")
    }

    @Test func repeatedValuesAreStoredOnce() throws {
        let (r, iid, _) = try repository()
        defer { r.cleanup() }
        let improve = r.run(["improve", "add", "--title", "t2", "--addresses", iid, String(iid.prefix(6)), "--addresses", iid,
                             "--department", "east", "--owner", "o", "--due", "2026-12-31", "--expected-effect", "e"])
        #expect(improve.code == 0, "\(improve.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: r.path("improvements"))
        let texts = files.compactMap { r.read("improvements/" + $0) }
        #expect(texts.contains { $0.contains("title: t2\naddresses: [\(iid)]\n") }, "\(texts)")

        let project = r.run(["project", "add", "gamma", "--name", "n", "--customer", "c", "--department", "east", "--owner", "o",
                             "--tier", "key", "--tag", "erp", "--tag", " erp ", "--contact", "李四,IT经理", "--contact", "李四, IT经理"])
        #expect(project.code == 0, "\(project.stderr)")
        let p = try #require(r.read("projects/gamma/project.yaml"))
        #expect(p.contains("tags: [erp]\n"), "\(p)")
        #expect(p.components(separatedBy: "李四").count == 2, "one contact: \(p)")

        let visit = r.run(["visit", "log", "acme-erp", "--method", "phone", "--summary", "s", "--quote", "太慢", "--quote", "太慢",
                           "--contact", "李四", "--contact", "李四", "--need", "报表", "--need", "报表 ", "--competitor", "某厂", "--competitor", "某厂"])
        #expect(visit.code == 0, "\(visit.stderr)")
        let vfile = try #require(try FileManager.default.contentsOfDirectory(atPath: r.path("projects/acme-erp/visits")).sorted().last)
        let v = try #require(r.read("projects/acme-erp/visits/" + vfile))
        for word in ["太慢", "李四", "报表", "某厂"] {
            #expect(v.components(separatedBy: word).count == 2, "\(word) once: \(v)")
        }

        let event = r.run(["event", "add", "2026-11-20", "--kind", "upgrade", "--title", "t", "--project", "acme-erp", "--project", "acme",
                           "--tag", "erp", "--tag", "erp"])
        #expect(event.code == 0, "\(event.stderr)")
        let efile = try #require(try FileManager.default.contentsOfDirectory(atPath: r.path("events")).first)
        let e = try #require(r.read("events/" + efile))
        #expect(e.contains("projects: [acme-erp]\n") && e.contains("tags: [erp]\n"), "\(e)")
    }

    @Test(.englishMessages) func theCaseAnalysisIsARegularFileThatBelongsToTheRepository() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["git", "init", "-q", r.dir]
        try git.run()
        git.waitUntilExit()
        try #require(git.terminationStatus == 0, "git is needed for this test")
        #expect(r.run(["--as-of", "2026-09-01", "issue", "add", "acme-erp", "--title", "停机", "--category", "technical", "--severity", "major"]).code == 0)
        let id = String(try #require(try FileManager.default.contentsOfDirectory(atPath: r.path("projects/acme-erp/issues")).first).dropLast(5))
        #expect(r.run(["--as-of", "2026-09-02", "issue", "resolve", id, "--summary", "s"]).code == 0)
        #expect(r.run(["--as-of", "2026-09-03", "issue", "confirm", id]).code == 0)
        try r.write("docs/cases/\(id).md", CaseFixture.complete)
        try r.write(".huifang/notes.md", "x\n")
        try r.write("private/notes.md", "x\n")
        try r.write(".gitignore", ".huifang/\nprivate/\n")
        let before = r.snapshot()
        let refused: [(String, String, String?)] = [
            (".", "case analysis '.' is not a file: it is a folder", nil),
            ("docs", "case analysis 'docs' is not a file: it is a folder", nil),
            ("docs/cases", "is not a file: it is a folder", "docs"),
            (".git/config", "case analysis '.git/config' is inside .git/", nil),
            (".huifang/notes.md", "case analysis '.huifang/notes.md' is inside .huifang/", nil),
            ("private/notes.md", "case analysis 'private/notes.md' is ignored by git", nil),
            ("docs/cases/none.md", "case analysis 'docs/cases/none.md' does not exist", nil),
            ("/etc/hostname", "is outside the repository", nil),
        ]
        for (given, message, cwd) in refused {
            let result = r.run(["--as-of", "2026-09-04", "issue", "close", id, "--case-analysis", cwd == nil ? given : "cases"],
                               cwd: cwd.map { r.path($0) })
            #expect(result.code == 64, "\(given): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(given): \(result.stderr)")
        }
        #expect(r.snapshot() == before, "nothing written")
        let ok = r.run(["--as-of", "2026-09-04", "issue", "close", id, "--case-analysis", "docs/cases/\(id).md"])
        #expect(ok.code == 0, "\(ok.stderr)")
        #expect(r.read("projects/acme-erp/issues/\(id).yaml")?.contains("case_analysis: docs/cases/\(id).md\n") == true)
    }
}

/// A reopened issue: its current state holds no resolution or confirmation; its history does.
@Suite struct ReopenTests {
    func topLevel(_ text: String, _ key: String) -> Bool {
        text.split(separator: "\n").contains { $0.hasPrefix(key + ":") }
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func reopeningMovesTheResolutionIntoTheHistory() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        #expect(r.run(["--as-of", "2026-09-01", "issue", "add", "acme-erp", "--title", "报表导出超时", "--category", "technical",
                       "--severity", "minor"]).code == 0)
        let id = String(try #require(try FileManager.default.contentsOfDirectory(atPath: r.path("projects/acme-erp/issues")).first).dropLast(5))
        let file = "projects/acme-erp/issues/\(id).yaml"
        #expect(r.run(["--as-of", "2026-09-02", "issue", "resolve", id, "--summary", "改为异步导出"]).code == 0)
        let unsatisfied = r.run(["--as-of", "2026-09-03", "issue", "confirm", id, "--unsatisfied"])
        #expect(unsatisfied.code == 0, "\(unsatisfied.stderr)")
        var text = try #require(r.read(file))
        #expect(!topLevel(text, "resolved") && !topLevel(text, "confirmed"), "\(text)")
        #expect(text.contains("  - {at: 2026-09-03, action: reopened, by: 张伟, reason: customer not satisfied, resolved: {date: 2026-09-02, summary: 改为异步导出}}\n"),
                "\(text)")

        #expect(r.run(["--as-of", "2026-09-04", "issue", "resolve", id, "--summary", "加了索引"]).code == 0)
        #expect(r.run(["--as-of", "2026-09-07", "issue", "confirm", id]).code == 0)
        let reopen = r.run(["--as-of", "2026-10-12", "issue", "reopen", id, "--reason", "又超时了"])
        #expect(reopen.code == 0, "\(reopen.stderr)")
        text = try #require(r.read(file))
        #expect(!topLevel(text, "resolved") && !topLevel(text, "confirmed"), "\(text)")
        #expect(text.contains("action: reopened, by: 张伟, reason: 又超时了, resolved: {date: 2026-09-04, summary: 加了索引}, confirmed: {date: 2026-09-07, satisfied: true}}\n"),
                "\(text)")
        #expect(r.run(["check"]).code == 0)

        // Current state: show, list, JSON.
        let show = r.run(["issue", "show", id])
        #expect(show.code == 0 && !show.stdout.contains("加了索引"), "\(show.stdout)")
        #expect(!show.stdout.contains("\nresolved  ") && !show.stdout.contains("\nconfirmed  "), "\(show.stdout)")
        let shown = try json(r.run(["issue", "show", id, "--format", "json"]).stdout)
        #expect(shown["status"] as? String == "open")
        #expect(shown["resolved"] is NSNull && shown["confirmed"] is NSNull, "\(shown)")
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(r.run(["issue", "list", "--open", "--format", "json"]).stdout.utf8)) as? [[String: Any]])
        #expect(listed.contains { $0["id"] as? String == id })

        // KPIs: resolved at the end of September (on time), not at the end of October.
        let sep = try json(r.run(["report", "summary", "--period", "2026-09", "--format", "json"]).stdout)
        let sepCounts = try #require(sep["counts"] as? [String: Any])
        #expect(sepCounts["issues_raised"] as? Int == 1 && sepCounts["issues_resolved"] as? Int == 1, "\(sepCounts)")
        #expect((sep["kpis"] as? [String: Any])?["on_time_resolution_rate"] as? Double == 1.0)
        let q4 = try json(r.run(["--as-of", "2026-10-31", "report", "summary", "--from", "2026-09-01", "--to", "2026-10-31", "--format", "json"]).stdout)
        let q4Counts = try #require(q4["counts"] as? [String: Any])
        #expect(q4Counts["issues_raised"] as? Int == 1 && q4Counts["issues_resolved"] as? Int == 0, "\(q4Counts)")
        #expect(q4Counts["overdue_issues"] as? Int == 1, "\(q4Counts)")
    }
}

extension ReopenTests {
    /// A file reopened by an earlier huifang keeps `resolved:` beside `status: open`: shown as
    /// open, with no resolution; `check` warns; the KPIs still see the resolution it had.
    @Test(.englishMessages) func aFileReopenedByAnEarlierVersionShowsNoResolution() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        try r.write("projects/acme-erp/issues/i-0000aaaa.yaml", """
            id: i-0000aaaa
            title: 报表导出超时
            raised: 2026-09-01
            source: customer
            category: technical
            severity: minor
            owner: 张伟
            department: east
            due: 2026-09-08
            status: open
            resolved: {date: 2026-09-02, summary: 旧的处理}
            confirmed: {date: 2026-09-03, satisfied: false}
            history:
              - {at: 2026-09-01, action: opened, by: 张伟}
              - {at: 2026-09-02, action: resolved, by: 张伟}
              - {at: 2026-09-03, action: reopened, by: 张伟, reason: customer not satisfied}

            """)
        let check = r.run(["check"])
        #expect(check.code == 0, "a warning: \(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("i-0000aaaa.yaml:1:1: warning: status is 'open' but 'resolved:' is still there"), "\(check.stdout)")
        let show = r.run(["issue", "show", "i-0000aaaa"])
        #expect(show.code == 0 && !show.stdout.contains("旧的处理") && !show.stdout.contains("\nconfirmed  "), "\(show.stdout)")
        let shown = try json(r.run(["issue", "show", "i-0000aaaa", "--format", "json"]).stdout)
        #expect(shown["resolved"] is NSNull && shown["confirmed"] is NSNull, "\(shown)")
        let report = r.run(["report", "project", "acme-erp", "--period", "2026-09"])
        #expect(report.code == 0 && !report.stdout.contains("旧的处理"), "\(report.stdout)")
        let sep = try json(r.run(["report", "summary", "--period", "2026-09", "--format", "json"]).stdout)
        #expect((sep["counts"] as? [String: Any])?["issues_resolved"] as? Int == 0, "reopened within the period")
    }
}

/// Small truths: date ranges, articles, positions in edited text, the draft's file mode.
@Suite struct SmallValidationTests {
    func editor(_ r: HuifangRunner, _ name: String, _ body: String) throws -> String {
        let path = r.path(".editors/" + name)
        try r.write(".editors/" + name, "#!/bin/sh\n" + body + "\n")
        chmod(path, 0o755)
        return path
    }

    @Test(.englishMessages) func projectLogSinceAfterUntilIsAnError() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let swapped = r.run(["project", "log", "acme-erp", "--since", "2026-06-01", "--until", "2026-03-01"])
        #expect(swapped.code == 64)
        #expect(swapped.stderr.contains("--since 2026-06-01 is after --until 2026-03-01"), "\(swapped.stderr)")
        #expect(swapped.stdout.isEmpty)
        let future = r.run(["project", "log", "acme-erp", "--since", "2026-12-01"])
        #expect(future.code == 64)
        #expect(future.stderr.contains("--since 2026-12-01 is after today (2026-11-24)"), "\(future.stderr)")
        let same = r.run(["project", "log", "acme-erp", "--since", "2026-02-14", "--until", "2026-02-14"])
        #expect(same.code == 0 && same.stdout.contains("2026-02-14"), "one day is a range: \(same.stderr)")
    }

    @Test(.englishMessages) func anIssueFileIsAnIssueFile() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        try r.write("projects/acme-erp/issues/i-0000aaaa.yaml", "- a list\n")
        try r.write("improvements/m-0000aaaa.yaml", "")
        try r.write("events/2026-05-01-x.yaml", "just text\n")
        let check = r.run(["check"])
        let out = check.stdout + check.stderr
        #expect(out.contains("an issue file must be a mapping"), "\(out)")
        #expect(out.contains("an improvement file holds one YAML mapping"), "\(out)")
        #expect(out.contains("an event file must be a mapping"), "\(out)")
        #expect(!out.contains("a issue") && !out.contains("a improvement") && !out.contains("a event"))
    }

    @Test(.englishMessages) func problemsFoundAfterReadingTheEditedVisitHaveLineAndColumn() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        // The template leaves summary empty; the date moves after today.
        let ed = try editor(r, "late.sh", #"sed -i 's/^method: /method: phone/; s/^date: .*/date: 2026-11-30/' "$1""#)
        let result = r.run(["visit", "log", "beta", "--edit"], env: ["EDITOR": ed, "VISUAL": ""])
        #expect(result.code == 65)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("4:7: date 2026-11-30 is after today (2026-11-24)") }, "\(result.stderr)")
        #expect(lines.contains { $0.range(of: #"^\d+:\d+: 'summary' is empty"#, options: .regularExpression) != nil }, "\(result.stderr)")
    }

    @Test(.englishMessages) func issueDraftProblemsHaveLineAndColumn() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let ed = try editor(r, "issue.sh", #"sed -i 's/^category: /category: technical/; s/^severity: /severity: minor/; s/^department: /department: west/' "$1""#)
        let before = r.snapshot()
        let result = r.run(["issue", "add", "acme-erp", "--edit", "--title", "导出慢", "--raised", "2026-11-20"], env: ["EDITOR": ed, "VISUAL": ""])
        #expect(result.code == 65, "\(result.stderr)")
        #expect(result.stderr.range(of: #"\n?\d+:\d+: unknown department 'west'; known: pmo, east, tech, cs"#, options: .regularExpression) != nil,
                "\(result.stderr)")
        #expect(r.snapshot().filter { !$0.key.hasPrefix(".editors") } == before.filter { !$0.key.hasPrefix(".editors") })
    }

    @Test func theDraftIsPrivate() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let tmp = r.path("tmp")
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        // The editor records the draft's mode and its folder's, then leaves the template unchanged.
        let ed = try editor(r, "mode.sh", #"stat -c '%a' "$1" > "$MODES"; stat -c '%a' "$(dirname "$1")" >> "$MODES""#)
        let modes = r.path("modes.txt")
        let result = r.run(["visit", "log", "beta", "--edit"], env: ["EDITOR": ed, "VISUAL": "", "TMPDIR": tmp, "MODES": modes])
        #expect(result.code == 1, "\(result.stderr)")
        #expect(r.read("modes.txt") == "600\n700\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp).isEmpty, "the draft and its folder are removed")
    }
}
