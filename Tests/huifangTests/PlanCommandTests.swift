import Foundation
import Testing

/// Plans that name people (issue 17): `plan YEAR` writes each planned visit's visitor, `plan
/// assign` changes it in place, a department keeps its own `plans/YEAR-DEPT.yaml`, `plan show`
/// lists plan against actual, and `report people` counts planned visits for the plan's visitor.
///
/// The repository (as of 2026-11-24): acme (east, owner 张伟, standard: every 3 months, accepted
/// 2025-12-15), beta (east, owner 王五, basic), tool (tech, owner 刘强, basic). `plan 2026` as of
/// 2026-01-01 plans acme 01-15 (first), 04-15, 07-15, 10-15; beta 07-01; tool 07-01. Visits:
/// acme 01-10 and 05-02, beta 06-20. Then acme's visits from July on are assigned to 李四.
/// By hand: acme 01-15 made 01-10 on time; acme 04-15 made 05-02 late; beta 07-01 made 06-20 on
/// time; tool 07-01, acme 07-15 and 10-15 overdue. Q3 per visitor: 王五 1/1, 刘强 0/1, 李四 0/1
/// (张伟 has none due in Q3; without the assignment acme 07-15 would be his).
@Suite struct PlanCommandTests {
    static func repository() throws -> HuifangRunner {
        let r = try HuifangRunner.withRepository()
        let steps: [[String]] = [
            ["project", "add", "acme", "--name", "Acme", "--customer", "A Co", "--department", "east", "--owner", "张伟", "--tier", "standard",
             "--accepted", "2025-12-15"],
            ["project", "add", "beta", "--name", "Beta", "--customer", "B Co", "--department", "east", "--owner", "王五", "--tier", "basic",
             "--accepted", "2025-10-15"],
            ["project", "add", "tool", "--name", "Tool", "--customer", "T Co", "--department", "tech", "--owner", "刘强", "--tier", "basic",
             "--accepted", "2025-09-01"],
            ["--as-of", "2026-01-01", "plan", "2026"],
            ["visit", "log", "acme", "--date", "2026-01-10", "--method", "phone", "--summary", "s1", "--overall", "4"],
            ["visit", "log", "acme", "--date", "2026-05-02", "--method", "phone", "--summary", "s2", "--overall", "4"],
            ["visit", "log", "beta", "--date", "2026-06-20", "--method", "phone", "--summary", "s3", "--overall", "5"],
        ]
        for s in steps {
            let result = r.run(s)
            try #require(result.code == 0, "\(s): \(result.stderr)")
        }
        return r
    }

    @Test(.englishMessages) func planWritesVisitorsAndAssignChangesThemInPlace() throws {
        let r = try Self.repository()
        defer { r.cleanup() }
        let plan = try #require(r.read("plans/2026.yaml"))
        #expect(plan == """
            year: 2026
            visits:
              - {project: acme, due: 2026-01-15, kind: first, visitor: 张伟}
              - {project: acme, due: 2026-04-15, kind: periodic, visitor: 张伟}
              - {project: beta, due: 2026-07-01, kind: periodic, visitor: 王五}
              - {project: tool, due: 2026-07-01, kind: periodic, visitor: 刘强}
              - {project: acme, due: 2026-07-15, kind: periodic, visitor: 张伟}
              - {project: acme, due: 2026-10-15, kind: periodic, visitor: 张伟}

            """)
        // A hand edit (a comment, an unknown key) survives the assignment.
        try r.write("plans/2026.yaml", "# reviewed by PMO\n" + plan.replacingOccurrences(of: "kind: first, visitor: 张伟}", with: "kind: first, visitor: 张伟, note: x}"))
        let july = r.run(["plan", "assign", "2026", "acme", "--month", "7", "--to", "李四"])
        #expect(july.code == 0, "\(july.stderr)")
        #expect(july.stdout == "plans/2026.yaml: the planned visit of acme due 2026-07-15 is now made by 李四\n")
        let october = r.run(["plan", "assign", "2026", "acme", "--due", "2026-10-15", "--to", "李四"])
        #expect(october.code == 0, "\(october.stderr)")
        let again = r.run(["plan", "assign", "2026", "acme", "--month", "7", "--to", "李四"])
        #expect(again.stdout == "plans/2026.yaml: the planned visits of acme chosen are already made by 李四\n")
        let after = try #require(r.read("plans/2026.yaml"))
        #expect(after.hasPrefix("# reviewed by PMO\n") && after.contains("visitor: 张伟, note: x}"), "\(after)")
        #expect(after.contains("  - {project: acme, due: 2026-07-15, kind: periodic, visitor: 李四}\n"))
        #expect(after.contains("  - {project: acme, due: 2026-10-15, kind: periodic, visitor: 李四}\n"))
        #expect(after.contains("  - {project: acme, due: 2026-04-15, kind: periodic, visitor: 张伟}\n"))
        // Refusals write nothing.
        let before = r.snapshot()
        let refusals: [([String], String)] = [
            (["plan", "assign", "2026", "acme", "--month", "8", "--to", "李四"], "plans/2026.yaml has no planned visit of acme in 2026-08"),
            (["plan", "assign", "2026", "acme", "--month", "13", "--to", "李四"], "--month 13 is not a month from 1 to 12"),
            (["plan", "assign", "2027", "acme", "--to", "李四"], "no plan for 2027: plans/2027.yaml does not exist"),
            (["plan", "assign", "2026", "acme", "--to", "李四", "--department", "west"], "west"),
            (["plan", "assign", "2026", "acme", "--to", " "], "--to"),
        ]
        for (args, message) in refusals {
            let result = r.run(args)
            #expect(result.code == 64, "\(args): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(args): \(result.stderr)")
        }
        #expect(r.snapshot() == before)
        #expect(r.run(["check"]).code == 0)
    }

    static let showVariants: [(format: String, lang: String)] = [("table", "zh"), ("table", "en"), ("json", "en"), ("csv", "zh")]

    @Test(arguments: showVariants.indices)
    func planShowListsPlanAgainstActual(_ n: Int) throws {
        let v = Self.showVariants[n]
        let r = try Self.repository()
        defer { r.cleanup() }
        #expect(r.run(["plan", "assign", "2026", "acme", "--month", "7", "--to", "李四"]).code == 0)
        let result = r.run(["plan", "show", "2026", "--format", v.format, "--lang", v.lang])
        #expect(result.code == 0, "\(result.stderr)")
        r.expectGolden(result.stdout, "plan-show-2026-\(v.lang).\(v.format == "table" ? "txt" : v.format)")
        if v.format == "table" {
            let totals = v.lang == "en" ? "plans/2026.yaml: 6 planned: 2 done on time, 1 done late, 3 overdue, 0 not due yet\n"
                : "plans/2026.yaml: 计划 6 次：按时完成 2，逾期完成 1，已逾期未做 3，未到期 0\n"
            #expect(result.stderr.hasPrefix(totals), "\(result.stderr)")
        }
        // Read again (from the cache this time): the same answer.
        #expect(r.run(["plan", "show", "2026", "--format", v.format, "--lang", v.lang]).stdout == result.stdout)
        // xlsx reads back equal to the JSON (openpyxl).
        if v.format == "json" { try SpreadsheetExportTests().readBack(r, "listing", ["plan", "show", "2026", "--lang", v.lang]) }
    }

    @Test(.englishMessages) func peopleCountPlannedVisitsForThePlansVisitor() throws {
        let r = try Self.repository()
        defer { r.cleanup() }
        func planned(_ r: HuifangRunner) throws -> [String: String] {
            let csv = r.run(["report", "people", "--period", "2026Q3", "--format", "csv"]).stdout
            var out: [String: String] = [:]
            for line in csv.split(separator: "\r\n").map(String.init) where line.hasPrefix("visitor,") && line.contains(",planned_on_time,") {
                let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                out[f[1]] = "\(f[4])/\(f[5])"
            }
            return out
        }
        let header = r.run(["report", "people", "--period", "2026Q3", "--format", "csv"]).stdout.split(separator: "\r\n").first.map(String.init)
        #expect(header == "role,person,figure,value,numerator,denominator,small_sample", "the CSV columns this test reads")
        #expect(try planned(r) == ["王五": "1/1", "刘强": "0/1", "张伟": "0/1"])
        #expect(r.run(["plan", "assign", "2026", "acme", "--month", "7", "--to", "李四"]).code == 0)
        #expect(try planned(r) == ["王五": "1/1", "刘强": "0/1", "李四": "0/1"])
    }

    @Test(.englishMessages) func aDepartmentKeepsItsOwnPlan() throws {
        let r = try Self.repository()
        defer { r.cleanup() }
        let own = r.run(["--as-of", "2026-01-01", "plan", "2026", "--department", "east"])
        #expect(own.code == 0, "\(own.stderr)")
        #expect(own.stdout.hasPrefix("Wrote plans/2026-east.yaml: 5 visits to 2 projects\n"), "\(own.stdout)")
        // Written as of 01-01 with the visits logged since: acme 01-15, 04-10 (3 months after
        // 01-10), 08-02 (after 05-02), 11-02; beta 12-20 (6 months after 06-20); no tool (tech's).
        let text = try #require(r.read("plans/2026-east.yaml"))
        #expect(!text.contains("tool") && text.contains("  - {project: acme, due: 2026-08-02, kind: periodic, visitor: 张伟}\n")
                && text.contains("  - {project: beta, due: 2026-12-20, kind: periodic, visitor: 王五}\n"), "\(text)")
        #expect(r.run(["plan", "2026", "--department", "east"]).code == 64, "an existing plan is not overwritten")
        // Its own visitor, in its own file: the department's figures follow it, the company's plan is untouched.
        let assign = r.run(["plan", "assign", "2026", "acme", "--month", "8", "--to", "孙九", "--department", "east"])
        #expect(assign.stdout == "plans/2026-east.yaml: the planned visit of acme due 2026-08-02 is now made by 孙九\n", "\(assign.stderr)")
        #expect(r.read("plans/2026.yaml")?.contains("孙九") == false)
        // acme 04-10 is made by 05-02 (late), so 08-02 has no visit: overdue.
        let show = r.run(["plan", "show", "2026", "--department", "east", "--format", "csv"])
        #expect(show.stdout.contains("2026-04-10,acme,east,periodic,张伟,late,2026-05-02,"), "\(show.stdout)")
        #expect(show.stdout.contains("2026-08-02,acme,east,periodic,孙九,overdue,,"), "\(show.stdout)")
        let people = r.run(["report", "people", "--period", "2026Q3", "--department", "east", "--format", "csv"]).stdout
        #expect(people.contains("visitor,孙九,planned_on_time,0.0,0,1,"), "\(people)")
        let company = r.run(["report", "people", "--period", "2026Q3", "--format", "csv"]).stdout
        #expect(!company.contains("孙九"), "\(company)")
        // The company's plan of tech's project, through --department tech (tech keeps none).
        let tech = r.run(["plan", "show", "2026", "--department", "tech", "--format", "csv"])
        #expect(tech.stdout.split(separator: "\r\n").count == 2 && tech.stdout.contains("2026-07-01,tool,tech,periodic,刘强,overdue,,"), "\(tech.stdout)")
    }

    @Test(.englishMessages) func checkValidatesPlanFiles() throws {
        let r = try Self.repository()
        defer { r.cleanup() }
        try r.write("plans/2026-west.yaml", "year: 2026\nvisits:\n  - {project: acme, due: 2026-03-01, kind: periodic}\n")
        try r.write("plans/2025-east.yaml", "year: 2025\nvisits:\n  - {project: acme, due: 2026-01-05, kind: periodic}\n  - {project: tool, due: 2025-12-01, kind: periodic}\n  - {project: ghost, due: 2025-12-02, kind: periodic}\n")
        let check = r.run(["check"])
        #expect(check.code == 1)
        let out = check.stdout
        #expect(out.contains("plans/2026-west.yaml:1:1: error: '2026-west.yaml' names no department of huifang.yaml: 'west'"), "\(out)")
        #expect(out.contains("plans/2025-east.yaml:3:26: error: planned visit due 2026-01-05 is not in 2025"), "\(out)")
        try r.write("plans/2025-east.yaml", "year: 2025\nvisits:\n  - {project: tool, due: 2025-12-01, kind: periodic}\n  - {project: ghost, due: 2025-12-02, kind: periodic}\n")
        try FileManager.default.removeItem(atPath: r.path("plans/2026-west.yaml"))
        let warnings = r.run(["check"])
        #expect(warnings.stdout.contains("plans/2025-east.yaml:1:1: warning: the plan of east names project 'tool' of tech"), "\(warnings.stdout)")
        #expect(warnings.stdout.contains("plans/2025-east.yaml:1:1: warning: plan names unknown project 'ghost'"), "\(warnings.stdout)")
        let zh = r.run(["check", "--lang", "zh"])
        #expect(zh.stdout.contains("警告：east 的计划包含属于 tech 的项目 'tool'"), "\(zh.stdout)")
    }
}
