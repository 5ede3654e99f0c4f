import Foundation
import Testing

/// `report summary --repo A --repo B` and workspace.yaml (issue 20): two small repositories
/// whose union gives figures computed here by hand (re-record the goldens with
/// HUIFANG_RECORD=1 swift test --filter RollupCommandTests).
@Suite struct RollupCommandTests {
    /// Two repositories, `a` and `b`, both with department east (华东交付部). In 2026Q3:
    ///
    /// - a: project acme (accepted 2026-06-15: first visit due 2026-07-15), visited on 07-10
    ///   (overall 5, NPS 10) and 08-20 (overall 3); one issue raised in the first visit,
    ///   resolved on 07-12. satisfied_at 4: 1 of 2 visits satisfied.
    /// - b: satisfied_at 2 (its own policy); project beta (accepted 06-15) visited on 07-20
    ///   (overall 4, NPS 5), 09-01 (2) and 09-15 (2): 3 of 3 satisfied by b's rule; project
    ///   gamma (accepted 06-20: first visit due 07-20) never visited; two issues raised on
    ///   07-20, one resolved on 07-22.
    ///
    /// Union: planned projects 3, visited 2 → 66.7% (2/3); CSAT 4/5 = 80.0% (averaging the
    /// two repositories' rates would give 75.0%); satisfaction index (5+3+4+2+2)/(5×5) = 64.0%;
    /// resolution 2/3 = 66.7% (the average of 100% and 50% would be 75.0%); on time 2/2; NPS
    /// one promoter, one detractor of 2: 0.0.
    static func twoRepositories() throws -> HuifangRunner {
        let r = HuifangRunner()
        for repo in ["a", "b"] {
            let made = r.run(["init", repo, "--organization", "示例科技有限公司"])
            try #require(made.code == 0, "init \(repo): \(made.stderr)")
        }
        let b = r.path("b/huifang.yaml")
        let config = try String(contentsOfFile: b, encoding: .utf8)
        try config.replacingOccurrences(of: "satisfied_at: 4", with: "satisfied_at: 2").write(toFile: b, atomically: true, encoding: .utf8)

        func run(_ repo: String, _ args: [String], asOf: String? = nil) throws -> String {
            let result = r.run(["-C", repo] + (asOf.map { ["--as-of", $0] } ?? []) + args)
            try #require(result.code == 0, "\(repo): \(args.joined(separator: " ")): \(result.stderr)")
            return result.stdout
        }
        func id(_ prefix: String, in text: String) throws -> String {
            let found = text.range(of: prefix + "[0-9a-f]{8}", options: .regularExpression)
            return String(text[try #require(found)])
        }
        func project(_ repo: String, _ id: String, accepted: String) throws {
            _ = try run(repo, ["project", "add", id, "--name", id.uppercased() + " 项目", "--customer", id + " 客户", "--department", "east",
                               "--owner", "张伟", "--tier", "standard", "--accepted", accepted])
        }
        func visit(_ repo: String, _ project: String, _ date: String, overall: String, nps: String? = nil) throws -> String {
            try id("v-", in: run(repo, ["visit", "log", project, "--date", date, "--method", "phone", "--summary", "回访 \(date)",
                                        "--overall", overall, "--contact", "联系人"] + (nps.map { ["--nps", $0] } ?? [])))
        }
        func issue(_ repo: String, _ project: String, visit: String, title: String, severity: String = "general") throws -> String {
            try id("i-", in: run(repo, ["issue", "add", project, "--visit", visit, "--title", title, "--category", "technical",
                                        "--severity", severity, "--owner", "张伟"]))
        }

        try project("a", "acme", accepted: "2026-06-15")
        let a1 = try visit("a", "acme", "2026-07-10", overall: "5", nps: "10")
        _ = try visit("a", "acme", "2026-08-20", overall: "3")
        let ai = try issue("a", "acme", visit: a1, title: "报表导出慢", severity: "minor")
        _ = try run("a", ["issue", "resolve", ai, "--summary", "已优化导出"], asOf: "2026-07-12")

        try project("b", "beta", accepted: "2026-06-15")
        try project("b", "gamma", accepted: "2026-06-20")
        let b1 = try visit("b", "beta", "2026-07-20", overall: "4", nps: "5")
        _ = try visit("b", "beta", "2026-09-01", overall: "2")
        _ = try visit("b", "beta", "2026-09-15", overall: "2")
        let bi = try issue("b", "beta", visit: b1, title: "接口超时")
        _ = try issue("b", "beta", visit: b1, title: "权限配置错误")
        _ = try run("b", ["issue", "resolve", bi, "--summary", "已调整超时"], asOf: "2026-07-22")
        return r
    }

    static let rollup = ["report", "summary", "--repo", "a", "--repo", "b", "--period", "2026Q3"]

    @Test func theUnionsFiguresAreRecomputedNotAveraged() throws {
        let r = try Self.twoRepositories()
        defer { r.cleanup() }
        let en = r.run(Self.rollup + ["--lang", "en", "--format", "json"])
        #expect(en.code == 0, "\(en.stderr)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(en.stdout.utf8)) as? [String: Any])
        let kpis = try #require(json["kpis"] as? [String: Any])
        let counts = try #require(json["counts"] as? [String: Any])
        #expect(kpis["visit_plan_completion_rate"] as? Double == 0.6667)
        #expect(kpis["csat"] as? Double == 0.8)
        #expect(kpis["satisfaction_index"] as? Double == 0.64)
        #expect(kpis["issue_resolution_rate"] as? Double == 0.6667)
        #expect(kpis["on_time_resolution_rate"] as? Double == 1)
        #expect(kpis["nps"] as? Double == 0)
        #expect(counts["planned_projects"] as? Int == 3)
        #expect(counts["visits"] as? Int == 5)
        #expect(counts["issues_raised"] as? Int == 3)
        #expect(counts["issues_resolved"] as? Int == 2)
        // The same department in both repositories is one department, with the same figures.
        let departments = try #require(json["departments"] as? [[String: Any]])
        #expect(departments.map { $0["id"] as? String } == ["east"])
        #expect((departments[0]["kpis"] as? [String: Any])?["csat"] as? Double == 0.8)
        // The repositories read, in order; not git checkouts.
        let repositories = try #require(json["repositories"] as? [[String: Any]])
        #expect(repositories.map { $0["name"] as? String } == ["a", "b"])
        #expect(repositories.map { $0["path"] as? String } == ["a", "b"])
        #expect(repositories.map { $0["projects"] as? Int } == [1, 2])
        #expect(repositories.allSatisfy { $0["commit"] is NSNull })

        // The Markdown shows the counts beside each rate.
        let md = r.run(Self.rollup + ["--lang", "en"])
        #expect(md.code == 0, "\(md.stderr)")
        #expect(md.stdout.contains("| Visit-plan completion rate | 66.7% (2/3)\\* | 66.7% (2/3)\\* |"), "\(md.stdout)")
        #expect(md.stdout.contains("| CSAT | 80.0% (4/5) | 80.0% (4/5) |"))
        #expect(md.stdout.contains("| Issue resolution rate | 66.7% (2/3)\\* | 66.7% (2/3)\\* |"))
        r.expectGolden(md.stdout, "rollup-summary-2026Q3-en.md")
        let zh = r.run(Self.rollup)
        #expect(zh.code == 0, "\(zh.stderr)")
        r.expectGolden(zh.stdout, "rollup-summary-2026Q3-zh.md")
    }

    /// The lists of the summary over both repositories (the fixture above, plus):
    ///
    /// - a: an issue 接口超时 on acme raised 2026-08-20 (b has one of that title on beta, raised
    ///   07-20): one recurring problem over two projects in two repositories, 2 issues; the
    ///   issues raised in 2026Q3 are all technical: a 2 + b 2 = 4.
    /// - risks (risk_high_at 15 in both): a: acme 4×4 = 16 (high); b: gamma 5×5 = 25 (high),
    ///   beta 2×3 = 6. The matrix has one risk in each of (5,5), (4,4), (2,3); 3 open, 2 high;
    ///   top risks gamma (b), acme (a), beta (b).
    /// - customer health on 2026-11-24: acme (a) last score 3 below a's satisfied_at 4, its
    ///   periodic visit (standard tier, 3 months after 08-20) overdue, a high risk: at risk;
    ///   gamma (b) never visited (first visit overdue) and a high risk: at risk; beta (b) last
    ///   score 2, not below b's satisfied_at 2, not lower than the one before, next visit due
    ///   12-15: healthy. At risk 2 of 3, none to watch.
    @Test(.englishMessages) func theListsAreMadeOverEveryRepository() throws {
        let r = try Self.twoRepositories()
        defer { r.cleanup() }
        func run(_ repo: String, _ args: [String]) throws -> String {
            let result = r.run(["-C", repo] + args)
            try #require(result.code == 0, "\(repo): \(args.joined(separator: " ")): \(result.stderr)")
            return result.stdout
        }
        let added = try run("a", ["issue", "add", "acme", "--title", "接口超时", "--category", "technical", "--severity", "general",
                                  "--source", "customer", "--raised", "2026-08-20", "--owner", "张伟"])
        let aIssue = String(added[try #require(added.range(of: "i-[0-9a-f]{8}", options: .regularExpression))])
        func risk(_ repo: String, _ project: String, _ title: String, _ p: Int, _ i: Int) throws {
            _ = try run(repo, ["risk", "add", project, "--title", title, "--category", "technical", "--probability", String(p),
                               "--impact", String(i), "--response", "mitigate", "--plan", "跟进", "--owner", "张伟"])
        }
        try risk("a", "acme", "核心人员离职", 4, 4)
        try risk("b", "gamma", "客户预算削减", 5, 5)
        try risk("b", "beta", "接口规范变更", 2, 3)

        let out = r.run(Self.rollup + ["--format", "json"])
        #expect(out.code == 0, "\(out.stderr)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        let recurring = try #require(json["recurring_problems"] as? [[String: Any]])
        #expect(recurring.count == 1)
        #expect(recurring.first?["title"] as? String == "接口超时")
        #expect(recurring.first?["projects"] as? Int == 2)
        #expect(recurring.first?["issues"] as? Int == 2)
        #expect(recurring.first?["repositories"] as? [String] == ["a", "b"])
        let ids = try #require(recurring.first?["ids"] as? [String])
        #expect(ids.count == 2 && ids.contains(aIssue), "\(ids)")
        let categories = try #require(json["recurring_categories"] as? [[String: Any]])
        #expect(categories.map { $0["category"] as? String } == ["technical"])
        #expect(categories.first?["issues"] as? [Int] == [0, 0, 0, 0, 4])

        let health = try #require(json["customer_health"] as? [String: Any])
        #expect(health["at_risk"] as? Int == 2)
        #expect(health["watch"] as? Int == 0)
        let customers = try #require(health["customers"] as? [[String: Any]])
        #expect(customers.map { $0["repository"] as? String } == ["a", "b"])
        #expect(customers.map { $0["project"] as? String } == ["acme", "gamma"])
        func signals(_ n: Int) -> [String] { (customers[n]["signals"] as? [[String: Any]])?.compactMap { $0["code"] as? String } ?? [] }
        #expect(signals(0) == ["dissatisfied", "overdue_visits", "high_risks"])
        #expect(signals(1) == ["overdue_visits", "high_risks"])

        let risks = try #require(json["risks"] as? [String: Any])
        #expect(risks["open"] as? Int == 3)
        #expect(risks["high"] as? Int == 2)
        var matrix = [[Int]](repeating: [Int](repeating: 0, count: 5), count: 5)
        matrix[4][4] = 1
        matrix[3][3] = 1
        matrix[1][2] = 1
        #expect(risks["matrix"] as? [[Int]] == matrix)
        let top = try #require(risks["top"] as? [[String: Any]])
        #expect(top.map { $0["project"] as? String } == ["gamma", "acme", "beta"])
        #expect(top.map { $0["repository"] as? String } == ["b", "a", "b"])
        #expect(top.map { $0["score"] as? Int } == [25, 16, 6])

        // The Markdown lists them, each with its repository.
        let md = r.run(Self.rollup + ["--lang", "en"])
        #expect(md.code == 0, "\(md.stderr)")
        #expect(md.stdout.contains("| 接口超时 | technical | 2 | 2 | a, b |"), "\(md.stdout)")
        #expect(md.stdout.contains("| a | at risk | acme 客户 | acme |"), "\(md.stdout)")
        #expect(md.stdout.contains("| b | at risk | gamma 客户 | gamma |"))
        #expect(md.stdout.contains("3 open risks, 2 of them high (score, probability × impact, of 15 or more)."), "\(md.stdout)")
        #expect(md.stdout.range(of: "\\| b \\| r-[0-9a-f]{8} \\| gamma \\| 25 ! \\|", options: .regularExpression) != nil)
        // The HTML colours the summed matrix by zone, as one repository's summary does.
        let html = r.run(Self.rollup + ["--lang", "en", "--format", "html"])
        #expect(html.code == 0, "\(html.stderr)")
        #expect(html.stdout.contains("zone-high"))
    }

    /// A closed quarter in a roll-up (docs/CLOSING.md per repository): b closes 2026Q3 on
    /// 11-24 (its records entered that day), then on 11-26 a visit to gamma dated 09-10 is entered. The roll-up counts b as
    /// entered by the close (gamma unvisited: the union's completion stays 2/3 = 66.7%) and shows
    /// b's restatement: b's own completion frozen at 50.0% (1/2), restated 100.0% (2/2), with the
    /// late visit. Before the late entry, nothing is restated; a year's roll-up shows the closed
    /// quarter of b within it.
    @Test(.englishMessages) func aClosedQuarterIsRestatedPerRepository() throws {
        let r = try Self.twoRepositories()
        defer { r.cleanup() }
        let closed = r.run(["-C", "b", "close", "2026Q3"], env: ["HUIFANG_USER": "王芳"], today: "2026-11-24")
        try #require(closed.code == 0, "\(closed.stderr)")
        let before = r.run(Self.rollup + ["--lang", "en"])
        #expect(before.code == 0, "\(before.stderr)")
        #expect(before.stdout.contains("b: 2026Q3 is closed; its figures are counted as its records were entered by the close on 2026-11-24"))
        #expect(!before.stdout.contains("## b: closed period 2026Q3"))

        let late = r.run(["-C", "b", "visit", "log", "gamma", "--date", "2026-09-10", "--method", "phone", "--summary", "补录",
                          "--overall", "4", "--contact", "联系人"], today: "2026-11-26")
        try #require(late.code == 0, "\(late.stderr)")
        let out = r.run(Self.rollup + ["--format", "json"], today: "2026-11-26")
        #expect(out.code == 0, "\(out.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        #expect((json["kpis"] as? [String: Any])?["visit_plan_completion_rate"] as? Double == 0.6667)
        let repositories = try #require(json["repositories"] as? [[String: Any]])
        #expect(repositories[0]["closed_period"] == nil)
        let section = try #require(repositories[1]["closed_period"] as? [String: Any])
        let restated = try #require(section["restated"] as? [String: Any])
        let completion = try #require(restated["total.visit_plan_completion_rate"] as? [String: Any])
        #expect(completion["frozen"] as? Double == 0.5)
        #expect(completion["restated"] as? Double == 1)
        let lateEntries = try #require(section["late_entries"] as? [[String: Any]])
        #expect(lateEntries.map { $0["kind"] as? String } == ["visit"])
        #expect((lateEntries.first?["path"] as? String)?.hasPrefix("projects/gamma/visits/") == true)

        let md = r.run(Self.rollup + ["--lang", "en"], today: "2026-11-26")
        #expect(md.code == 0, "\(md.stderr)")
        #expect(md.stdout.contains("b: 2026Q3 is closed; its figures are counted as its records were entered by the close on 2026-11-24; what was entered or changed since is restated below."), "\(md.stdout)")
        #expect(md.stdout.contains("## b: closed period 2026Q3"))
        #expect(md.stdout.contains("| Company · Visit-plan completion rate | 50.0% | 100.0% |"), "\(md.stdout)")
        #expect(md.stdout.contains("projects/gamma/visits/"))
        // CSV has no room for it: the warning names the repository.
        let csv = r.run(Self.rollup + ["--lang", "en", "--format", "csv"], today: "2026-11-26")
        #expect(csv.code == 0)
        #expect(csv.stderr.contains("repository b (b): "), "\(csv.stderr)")

        // A year takes the closed quarter in: today's records, and b's quarter restated within.
        let year = r.run(["report", "summary", "--repo", "a", "--repo", "b", "--period", "2026", "--lang", "en", "--format", "json"], today: "2026-11-26")
        #expect(year.code == 0, "\(year.stderr)")
        let yj = try #require(try JSONSerialization.jsonObject(with: Data(year.stdout.utf8)) as? [String: Any])
        let quarters = (yj["repositories"] as? [[String: Any]])?[1]["closed_quarters"] as? [[String: Any]]
        #expect(quarters?.count == 1)
        #expect(((quarters?.first?["closed"] as? [String: Any])?["period"] as? String) == "2026Q3")
        #expect(year.stderr.contains("repository b (b): "), "\(year.stderr)")
    }

    /// `check` validates workspace.yaml: every problem at its file:line:column, exit 1; a good
    /// one is ok (exit 0); `--workspace` inside a repository finds the workspace above it; none
    /// found is exit 66.
    @Test(.englishMessages) func checkValidatesTheWorkspaceFile() throws {
        let r = try Self.twoRepositories()
        defer { r.cleanup() }
        try FileManager.default.createDirectory(atPath: r.path("plain"), withIntermediateDirectories: true)
        try r.write("workspace.yaml", """
            repositories:
              - path: a
                nam: 南区
              - missing
              - plain
              - path: b
                name: x/y
              - b
              - path: b
            extra: 1

            """)
        let bad = r.run(["check"])
        #expect(bad.code == 1, "\(bad.stdout)\(bad.stderr)")
        let file = r.path("workspace.yaml")
        let lines = bad.stdout.split(separator: "\n").filter { !$0.hasPrefix("  ") }.map(String.init)
        #expect(lines == [
            "\(file):3:10: error: unknown key 'nam' (known: repositories; per repository: path, name)",
            "\(file):4:5: error: no such folder: missing",
            "\(file):5:5: error: plain is not a huifang repository: no huifang.yaml in it",
            "\(file):7:11: error: a repository's name is a text without '/'",
            "\(file):9:5: error: b and b are the same repository",
            "\(file):10:8: error: unknown key 'extra' (known: repositories; per repository: path, name)",
        ], "\(bad.stdout)")
        #expect(bad.stderr.contains("\(file): 6 problems"))
        let json = r.run(["check", "--format", "json"])
        #expect(json.code == 1)
        let j = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(j["errors"] as? Int == 6)
        #expect((j["repositories"] as? [[String: Any]])?.map { $0["name"] as? String } == ["b"])

        try r.write("workspace.yaml", "repositories:\n  - a\n  - path: b\n    name: 北区\n")
        let good = r.run(["check"])
        #expect(good.code == 0, "\(good.stderr)")
        #expect(good.stdout == "ok: \(file) lists 2 repositories, no problems\n")
        // Inside a repository plain check reads its records; --workspace checks the workspace above.
        let inside = r.run(["check"], cwd: r.path("a"))
        #expect(inside.code == 0)
        #expect(!inside.stdout.contains("workspace.yaml"))
        let above = r.run(["check", "--workspace"], cwd: r.path("a"))
        #expect(above.code == 0, "\(above.stderr)")
        #expect(above.stdout.contains("lists 2 repositories"))
        try FileManager.default.removeItem(atPath: file)
        let none = r.run(["check", "--workspace"], cwd: r.path("a"))
        #expect(none.code == 66)
        #expect(none.stderr.contains("no workspace.yaml in . or any folder above it"), "\(none.stderr)")
    }

    @Test func aWorkspaceFileListsTheRepositories() throws {
        let r = try Self.twoRepositories()
        defer { r.cleanup() }
        try r.write("workspace.yaml", "# the roll-up's repositories\nrepositories:\n  - path: a\n    name: 南区\n  - b\n")
        let listed = r.run(["report", "summary", "--period", "2026Q3", "--format", "json"])
        #expect(listed.code == 0, "\(listed.stderr)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])
        #expect((json["repositories"] as? [[String: Any]])?.map { $0["name"] as? String } == ["南区", "b"])
        #expect((json["kpis"] as? [String: Any])?["csat"] as? Double == 0.8)
        // Inside a repository, its huifang.yaml comes first: the summary of that one repository.
        let one = r.run(["report", "summary", "--period", "2026Q3", "--format", "json"], cwd: r.path("b"))
        #expect(one.code == 0, "\(one.stderr)")
        #expect(!one.stdout.contains("\"repositories\""))
        #expect(one.stdout.contains("\"csat\": 1"), "\(one.stdout)")
    }

    @Test(.englishMessages) func aBadWorkspaceFileIsRefusedWithWhere() throws {
        let r = try Self.twoRepositories()
        defer { r.cleanup() }
        try r.write("workspace.yaml", "repositories:\n  - path: a\n    nmae: x\n")
        let typo = r.run(["report", "summary"])
        #expect(typo.code == 65)
        #expect(typo.stdout.isEmpty)
        #expect(typo.stderr.contains("workspace.yaml:3:11: unknown key 'nmae'"), "\(typo.stderr)")
        try r.write("workspace.yaml", "repositories:\n  - a\n  - nowhere\n")
        let missing = r.run(["report", "summary"])
        #expect(missing.code == 66)
        #expect(missing.stderr.contains("no such folder: nowhere ("), "\(missing.stderr)")
        try r.write("workspace.yaml", "repositories:\n  - a\n  - path: b\n    name: a\n")
        let twice = r.run(["report", "summary"])
        #expect(twice.code == 65)
        #expect(twice.stderr.contains("two repositories are named 'a'"), "\(twice.stderr)")
    }

    @Test(.englishMessages) func aProjectInTwoRepositoriesIsRefusedUnlessAllowed() throws {
        let r = try Self.twoRepositories()
        defer { r.cleanup() }
        let made = r.run(["-C", "b", "project", "add", "acme", "--name", "另一个 ACME", "--customer", "c", "--department", "east",
                          "--owner", "张伟", "--tier", "basic", "--accepted", "2026-05-01"])
        try #require(made.code == 0, "\(made.stderr)")
        let refused = r.run(Self.rollup)
        #expect(refused.code == 65)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("project 'acme' is in two repositories: \(r.dir)/a/projects/acme and \(r.dir)/b/projects/acme"),
                "\(refused.stderr)")
        let allowed = r.run(Self.rollup + ["--allow-duplicate-projects", "--format", "json"])
        #expect(allowed.code == 0, "\(allowed.stderr)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(allowed.stdout.utf8)) as? [String: Any])
        #expect((json["repositories"] as? [[String: Any]])?.map { $0["projects"] as? Int } == [1, 3])
        // Allowed, the two acme are two projects: a title raised in both recurs, and every id is
        // named with its repository.
        let raised = r.run(["-C", "b", "issue", "add", "acme", "--title", "报表导出慢", "--category", "technical", "--severity", "minor",
                            "--source", "customer", "--raised", "2026-08-01", "--owner", "张伟"])
        try #require(raised.code == 0, "\(raised.stderr)")
        let again = r.run(Self.rollup + ["--allow-duplicate-projects", "--format", "json"])
        #expect(again.code == 0, "\(again.stderr)")
        let recurring = try #require((try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])?["recurring_problems"]
            as? [[String: Any]])
        #expect(recurring.map { $0["title"] as? String } == ["报表导出慢"])
        #expect(recurring.first?["projects"] as? Int == 2)
        let ids = recurring.first?["ids"] as? [String] ?? []
        #expect(ids.count == 2 && ids.filter { $0.hasPrefix("a/i-") }.count == 1 && ids.filter { $0.hasPrefix("b/i-") }.count == 1, "\(ids)")
        let customers = (try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
            .flatMap { ($0["customer_health"] as? [String: Any])?["customers"] as? [[String: Any]] } ?? []
        #expect(customers.contains { $0["project"] as? String == "a/acme" }, "\(customers)")
        // Alone, the flag has nothing to allow.
        let alone = r.run(["report", "summary", "--allow-duplicate-projects"], cwd: r.path("a"))
        #expect(alone.code == 64)
        #expect(alone.stderr.contains("--allow-duplicate-projects applies to a roll-up"), "\(alone.stderr)")
    }

    @Test(.englishMessages) func aDepartmentNamedTwoWaysIsRefusedNamingBothFiles() throws {
        let r = try Self.twoRepositories()
        defer { r.cleanup() }
        let b = r.path("b/huifang.yaml")
        let config = try String(contentsOfFile: b, encoding: .utf8)
        try config.replacingOccurrences(of: "{id: east, name: 华东交付部", with: "{id: east, name: 华东一部")
            .write(toFile: b, atomically: true, encoding: .utf8)
        let result = r.run(Self.rollup)
        #expect(result.code == 65)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("department 'east' is named '华东交付部' in \(r.dir)/a/huifang.yaml and '华东一部' in \(r.dir)/b/huifang.yaml"),
                "\(result.stderr)")
    }

    @Test(.englishMessages) func anUnreadableRecordInTheSecondRepository() throws {
        let r = try Self.twoRepositories()
        defer { r.cleanup() }
        try r.write("b/projects/gamma/visits/2026-08-01-v-0badf11e.yaml", "id: v-0badf11e\nproject: gamma\ndate: [not a date\n")
        let refused = r.run(Self.rollup)
        #expect(refused.code == 65)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("in repository b (b):\nprojects/gamma/visits/2026-08-01-v-0badf11e.yaml:"), "\(refused.stderr)")
        let ignored = r.run(Self.rollup + ["--ignore-invalid", "--format", "json"])
        #expect(ignored.code == 0, "\(ignored.stderr)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(ignored.stdout.utf8)) as? [String: Any])
        let warnings = try #require(json["warnings"] as? [String])
        #expect(warnings.count == 1)
        #expect(warnings[0].hasPrefix("repository b (b): left out 1 record that could not be read (projects/gamma/visits/2026-08-01-v-0badf11e.yaml)"),
                "\(warnings)")
        let md = r.run(Self.rollup + ["--ignore-invalid"])
        #expect(md.stdout.contains("repository b (b): left out 1 record"), "\(md.stdout)")
    }

    /// Targets differ between the repositories: the roll-up shows the first one's and names the
    /// other (docs/WORKSPACE.md); the values are those of the union.
    @Test(.englishMessages) func theTargetsAreTheFirstRepositorysAndADifferenceIsSaid() throws {
        let r = try Self.twoRepositories()
        defer { r.cleanup() }
        func target(_ repo: String, csat: String) throws {
            let file = r.path(repo + "/huifang.yaml")
            let text = try String(contentsOfFile: file, encoding: .utf8)
            try (text + "assessment:\n  indicators:\n    csat: {target: \(csat), weight: 50}\n    issue_resolution_rate: {target: 60%, weight: 50}\n")
                .write(toFile: file, atomically: true, encoding: .utf8)
        }
        try target("a", csat: "85%")
        try target("b", csat: "70%")
        let md = r.run(Self.rollup + ["--lang", "en"])
        #expect(md.code == 0, "\(md.stderr)")
        #expect(md.stdout.contains("| CSAT | 85.0% | 80.0% (4/5) missed | 80.0% (4/5) missed |"), "\(md.stdout)")
        #expect(md.stdout.contains("The targets are those of the first repository, a. The assessment section differs in b: its targets are not the ones shown."))
        let json = try #require(JSONSerialization.jsonObject(with: Data(r.run(Self.rollup + ["--format", "json"]).stdout.utf8)) as? [String: Any])
        #expect(json["targets_from"] as? String == "a")
        #expect(json["targets_differ"] as? [String] == ["b"])
        // In the other order, b's targets apply: 80.0% meets its 70%.
        let swapped = r.run(["report", "summary", "--repo", "b", "--repo", "a", "--period", "2026Q3", "--lang", "en"])
        #expect(swapped.stdout.contains("| CSAT | 70.0% | 80.0% (4/5) met | 80.0% (4/5) met |"), "\(swapped.stdout)")
    }

    /// Every output format of the roll-up: HTML names the repositories, CSV has the union's rows.
    @Test func theOtherFormats() throws {
        let r = try Self.twoRepositories()
        defer { r.cleanup() }
        let html = r.run(Self.rollup + ["--format", "html", "--lang", "en"])
        #expect(html.code == 0, "\(html.stderr)")
        #expect(html.stdout.contains("<h2>Repositories</h2>") && html.stdout.contains("<td>a</td>"), "\(html.stdout.prefix(2000))")
        let csv = r.run(Self.rollup + ["--format", "csv"])
        #expect(csv.code == 0, "\(csv.stderr)")
        let rows = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.count == 3, "\(csv.stdout)")
        #expect(rows[1].hasPrefix("2026Q3,total,"))
        #expect(rows[2].hasPrefix("2026Q3,east,"))
        let xlsx = r.run(Self.rollup + ["--format", "xlsx", "-o", "rollup.xlsx"])
        #expect(xlsx.code == 0, "\(xlsx.stderr)")
        #expect(FileManager.default.fileExists(atPath: r.path("rollup.xlsx")))
    }

    /// `report people` over both: 张伟 visits in both repositories (2 + 3 visits) and owns the
    /// three issues; his figures are the sums, the rates recomputed.
    @Test func peopleAreAddedUpByName() throws {
        let r = try Self.twoRepositories()
        defer { r.cleanup() }
        let result = r.run(["report", "people", "--repo", "a", "--repo", "b", "--period", "2026Q3", "--format", "json"])
        #expect(result.code == 0, "\(result.stderr)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((json["repositories"] as? [[String: Any]])?.map { $0["name"] as? String } == ["a", "b"])
        let visitors = try #require(json["visitors"] as? [[String: Any]])
        #expect(visitors.map { $0["name"] as? String } == ["张伟"])
        #expect(visitors[0]["visits"] as? Int == 5)
        #expect((visitors[0]["satisfaction_index"] as? [String: Any])?["value"] as? Double == 0.64)
        #expect((visitors[0]["nps"] as? [String: Any])?["value"] as? Double == 0)
        let owners = try #require(json["issue_owners"] as? [[String: Any]])
        #expect(owners.map { $0["name"] as? String } == ["张伟"])
        #expect(owners[0]["owned"] as? Int == 3)
        #expect((owners[0]["resolved"] as? [String: Any])?["numerator"] as? Int == 2)
        let unknown = r.run(["report", "people", "--repo", "a", "--repo", "b", "--department", "nowhere"])
        #expect(unknown.code == 64)
        #expect(unknown.stdout.isEmpty)
    }

    /// `report assessment` over both: east's indicators over the union (by the default rules:
    /// completion 2/3, satisfaction index 64.0%, resolution 2/3), for a quarter and for the year.
    @Test func theAssessmentIsScoredOverTheUnion() throws {
        let r = try Self.twoRepositories()
        defer { r.cleanup() }
        let result = r.run(["report", "assessment", "--repo", "a", "--repo", "b", "--period", "2026Q3", "--format", "json"])
        #expect(result.code == 0, "\(result.stderr)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((json["repositories"] as? [[String: Any]])?.map { $0["name"] as? String } == ["a", "b"])
        #expect(json["targets_from"] as? String == "a")
        let departments = try #require(json["departments"] as? [[String: Any]])
        #expect(departments.map { $0["id"] as? String } == ["east"])
        let indicators = try #require(departments[0]["indicators"] as? [[String: Any]])
        func value(_ code: String) -> Double? { indicators.first { $0["indicator"] as? String == code }?["value"] as? Double }
        #expect(value("visit_plan_completion_rate") == 0.6667, "\(indicators)")
        #expect(value("satisfaction_index") == 0.64)
        #expect(value("issue_resolution_rate") == 0.6667)
        // Reviews of one department and quarter in both repositories that disagree: the first
        // is used and the other is named, not dropped unseen.
        for (repo, score) in [("a", "80"), ("b", "60")] {
            let reviewed = r.run(["-C", repo, "assess", "review", "east", "--period", "2026Q3", "--score", score, "--note", "n"])
            try #require(reviewed.code == 0, "\(reviewed.stderr)")
        }
        let reviewed = r.run(["report", "assessment", "--repo", "a", "--repo", "b", "--period", "2026Q3", "--format", "json"])
        let rj = try #require(try JSONSerialization.jsonObject(with: Data(reviewed.stdout.utf8)) as? [String: Any])
        #expect((rj["reviews_ignored"] as? [String])?.count == 1, "\(reviewed.stdout.prefix(600))")
        let md = r.run(["report", "assessment", "--repo", "a", "--repo", "b", "--period", "2026Q3", "--lang", "en"])
        #expect(md.stdout.contains("east 2026Q3: the reviewed score 60 of repository b is not used; the first repository's 80 is"), "\(md.stdout.prefix(1200))")
        let year = r.run(["report", "assessment", "--repo", "a", "--repo", "b", "--period", "2026", "--lang", "en"])
        #expect(year.code == 0, "\(year.stderr)")
        #expect(year.stdout.hasPrefix("# Annual assessment report 2026 · roll-up of 2 repositories\n"), "\(year.stdout.prefix(300))")
        let month = r.run(["report", "assessment", "--repo", "a", "--repo", "b", "--period", "2026-07"])
        #expect(month.code == 64)
        #expect(month.stdout.isEmpty)
    }

    /// -o inside the records of any repository read is refused, as for one repository.
    @Test func theOutputIsNotWrittenOverTheSecondRepositorysRecords() throws {
        let r = try Self.twoRepositories()
        defer { r.cleanup() }
        let before = try #require(r.read("b/huifang.yaml"))
        let result = r.run(Self.rollup + ["-o", "b/huifang.yaml"])
        #expect(result.code == 64)
        #expect(r.read("b/huifang.yaml") == before)
        let written = r.run(Self.rollup + ["-o", "rollup.md"])
        #expect(written.code == 0, "\(written.stderr)")
        #expect(r.read("rollup.md")?.contains("| b | b |") == true)
    }

    @Test(.englishMessages) func otherCommandsSayTheyReadOneRepository() throws {
        let r = try Self.twoRepositories()
        defer { r.cleanup() }
        let result = r.run(["-C", "a", "check", "--repo", "../b"])
        #expect(result.code == 64)
        #expect(result.stdout.isEmpty)
        let department = r.run(["report", "department", "east", "--repo", "a", "--repo", "b"])
        #expect(department.code == 64)
        #expect(department.stderr.contains("--repo applies only to"), "\(department.stderr)")
        #expect(result.stderr.contains("--repo applies only to 'report summary', 'report assessment', 'report people' and 'site'; this command works on one repository"), "\(result.stderr)")
    }
}

/// The examples of the roll-up: examples/workspace.yaml over examples/demo and
/// examples/demo-north, and the CI workflow of examples/ci.
@Suite struct RollupExampleTests {
    @Test func theExampleWorkspaceRollsUpBothDemos() throws {
        let r = HuifangRunner()
        defer { r.cleanup() }
        let examples = HuifangRunner.testsFolder + "/../../examples"
        for item in ["demo", "demo-north", "workspace.yaml"] {
            try FileManager.default.copyItem(atPath: examples + "/" + item, toPath: r.path(item))
        }
        let result = r.run(["report", "summary", "--period", "2026Q3", "--format", "json"])
        #expect(result.code == 0, "\(result.stderr)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((json["repositories"] as? [[String: Any]])?.map { $0["path"] as? String } == ["demo", "demo-north"])
        // north (华北交付部) is in both: one department, its counts the sum of each repository's.
        let one = r.run(["-C", "demo", "report", "summary", "--period", "2026Q3", "--format", "json"])
        let two = r.run(["-C", "demo-north", "report", "summary", "--period", "2026Q3", "--format", "json"])
        #expect(one.code == 0 && two.code == 0, "\(one.stderr)\(two.stderr)")
        func north(_ text: String) throws -> [String: Any] {
            let o = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let d = try #require((o["departments"] as? [[String: Any]])?.first { $0["id"] as? String == "north" })
            return try #require(d["counts"] as? [String: Any])
        }
        let sum = try north(result.stdout)
        let a = try north(one.stdout)
        let b = try north(two.stdout)
        for key in ["planned_projects", "visited_planned_projects", "visits", "issues_raised", "issues_resolved"] {
            let x = try #require(a[key] as? Int)
            let y = try #require(b[key] as? Int)
            #expect(sum[key] as? Int == x + y, "\(key)")
        }
        #expect((json["departments"] as? [[String: Any]])?.filter { $0["id"] as? String == "north" }.count == 1)
    }

    /// The workflow is valid YAML with the shape GitHub Actions reads (PyYAML from the CI venv:
    /// bash .ci/run makes it, or PATH=.build/ci-venv/bin:$PATH).
    @Test func theRollupWorkflowIsValidYAML() throws {
        let file = HuifangRunner.testsFolder + "/../../examples/ci/huifang-rollup.yml"
        let script = """
            import sys, yaml
            w = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
            assert w["name"], "no name"
            on = w.get("on", w.get(True))
            assert "schedule" in on and "workflow_dispatch" in on, on
            steps = w["jobs"]["rollup"]["steps"]
            checkouts = [s for s in steps if s.get("uses", "").startswith("actions/checkout")]
            assert len([s for s in checkouts if "repository" in s.get("with", {})]) >= 2, "fewer than two record repositories"
            runs = "\\n".join(s.get("run", "") for s in steps)
            assert "huifang report summary" in runs, runs
            for s in steps: assert ("uses" in s) != ("run" in s), s
            print("ok")
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, file]
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let watchdog = HuifangRunner.watch(p, "python3 (yaml)", seconds: 60)
        let o = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        watchdog.cancel()
        #expect(p.terminationStatus == 0 && o == "ok\n", "needs PyYAML (bash .ci/run, or PATH=.build/ci-venv/bin:$PATH): \(e)")
    }
}
