import Foundation
import Testing

/// `report assessment` (quarter and year) and `assess review` on a fixed repository (re-record
/// the goldens with HUIFANG_RECORD=1 and review the diff).
@Suite struct AssessmentCommandTests {
    /// The report repository with a second business department (north) whose one issue was
    /// resolved, reopened and resolved again in Q3, and a reviewed score for east in Q3.
    static func repository(review: Bool = true) throws -> HuifangRunner {
        let r = try ReportCommandTests.repository()
        let config = try #require(r.read("huifang.yaml"))
        let east = "  - {id: east, name: 华东交付部, head: 张伟, role: business}\n"
        try #require(config.contains(east))
        try r.write("huifang.yaml", config.replacingOccurrences(of: east, with: east + "  - {id: north, name: 华北交付部, head: 赵六, role: business}\n"))
        let steps: [[String]] = [
            ["project", "add", "gamma-crm", "--name", "Gamma CRM", "--customer", "伽马商贸", "--department", "north", "--owner", "赵六",
             "--tier", "standard", "--accepted", "2026-03-02"],
            ["--as-of", "2026-07-20", "issue", "add", "gamma-crm", "--title", "客户数据同步失败", "--category", "technical", "--severity", "minor",
             "--source", "customer"],
            ["--as-of", "2026-08-15", "visit", "log", "gamma-crm", "--method", "phone", "--summary", "回访同步问题", "--overall", "4", "--nps", "8",
             "--contact", "钱七"],
        ]
        for s in steps {
            let result = r.run(s)
            try #require(result.code == 0, "\(s): \(result.stderr)")
        }
        let id = try #require(r.run(["issue", "list", "--project", "gamma-crm", "--format", "csv"]).stdout.split(separator: "\r\n")
            .dropFirst().first.map { String($0.prefix(6)) })
        for s in [["--as-of", "2026-07-22", "issue", "resolve", id, "--summary", "修复同步"],
                  ["--as-of", "2026-07-27", "issue", "reopen", id, "--reason", "再次失败"],
                  ["--as-of", "2026-07-29", "issue", "resolve", id, "--summary", "更换接口"]] {
            let result = r.run(s)
            try #require(result.code == 0, "\(s): \(result.stderr)")
        }
        if review {
            let result = r.run(["--as-of", "2026-10-09", "assess", "review", "east", "--period", "2026Q3", "--score", "85",
                                "--note", "报告完整，分析较浅"])
            try #require(result.code == 0, "\(result.stderr)")
        }
        return r
    }

    static let variants: [(name: String, args: [String], format: String, lang: String)] =
        [("quarter", ["--period", "2026Q3"]), ("year", ["--period", "2026"])].flatMap { name, args in
            ["md", "json", "html", "csv"].flatMap { f in ["zh", "en"].map { (name, args, f, $0) } }
        }

    @Test(arguments: variants.indices)
    func report(_ n: Int) throws {
        let v = Self.variants[n]
        let r = try Self.repository()
        defer { r.cleanup() }
        let result = r.run(["report", "assessment"] + v.args + ["--format", v.format, "--lang", v.lang])
        #expect(result.code == 0, "\(v.name) \(v.format) \(v.lang): \(result.stderr)")
        r.expectGolden(result.stdout, "report-assessment-\(v.name)-\(v.lang).\(v.format)")
    }

    /// Targets, floors and weights of huifang.yaml, a department's own target, and the two
    /// lower-is-better indicators.
    @Test func configuredRules() throws {
        let r = try Self.repository()
        defer { r.cleanup() }
        let config = try #require(r.read("huifang.yaml"))
        try r.write("huifang.yaml", config + """
            assessment:
              indicators:
                visit_plan_completion_rate: {target: 90%, floor: 50%, weight: 0.3}
                satisfaction_index: {target: 85%, weight: 0.2}
                issue_resolution_rate: {target: 0.9, weight: 0.2}
                report_quality: {target: 80%, weight: 0.1}
                overdue_visits: {target: 0, floor: 4, weight: 0.1}
                reopen_rate: {target: 10%, floor: 60%, weight: 0.1}
              departments:
                north:
                  visit_plan_completion_rate: {target: 80%}
              review_share: 40%

            """)
        #expect(r.run(["check"]).code == 0, "\(r.run(["check"]).stdout)")
        for (format, lang) in [("md", "zh"), ("json", "en")] {
            let result = r.run(["report", "assessment", "--period", "2026Q3", "--format", format, "--lang", lang])
            #expect(result.code == 0, "\(result.stderr)")
            r.expectGolden(result.stdout, "report-assessment-configured-\(lang).\(format)")
        }
        // The same targets beside the KPIs of the summary and department reports (the values
        // are the assessment's above: east 2026Q3 issue resolution 1 of 3 = 33.3%, missed;
        // north 1 of 1 = 100.0%, met; north's own plan-completion target 80%).
        let reports: [(args: [String], name: String, format: String, lang: String)] = [
            (["report", "summary"], "summary", "md", "zh"), (["report", "summary"], "summary", "json", "en"),
            (["report", "summary"], "summary", "csv", "en"), (["report", "department", "north"], "department-north", "md", "en"),
        ]
        for v in reports {
            let result = r.run(v.args + ["--period", "2026Q3", "--format", v.format, "--lang", v.lang])
            #expect(result.code == 0, "\(result.stderr)")
            r.expectGolden(result.stdout, "report-\(v.name)-targets-\(v.lang).\(v.format)")
        }
    }

    /// Every kind of mistake in the section, each at its line and column; `check` exits 1, the
    /// assessment report refuses (65), other commands still answer.
    @Test func badConfigurationIsRefusedByCheck() throws {
        let r = try Self.repository(review: false)
        defer { r.cleanup() }
        let config = try #require(r.read("huifang.yaml"))
        try r.write("huifang.yaml", config + """
            assessment:
              indicators:
                visit_plan_completion_rate: {target: 95, weight: 30}
                satisfaction_index: {target: 90%, floor: 95%, weight: 30}
                issue_resolutoin_rate: {target: 90%, weight: 20}
                overdue_visits: {target: 5, floor: 2, weight: 10}
              departments:
                west:
                  nps: {target: 20}
                east:
                  satisfaction_index: {floor: 95%}
                  visit_plan_completion_rate: {weight: x}

            """)
        // The findings in English and in Chinese: each finding of the section has its code, so
        // a Chinese check says none of them in English.
        for lang in ["en", "zh"] {
            let check = r.run(["check", "--lang", lang])
            #expect(check.code == 1)
            // Only huifang.yaml's lines: the records' own findings are not this test's business.
            var kept: [Substring] = []
            var inConfig = false
            for line in check.stdout.split(separator: "\n") {
                if !line.hasPrefix("  ") { inConfig = line.hasPrefix("huifang.yaml:") }
                if inConfig { kept.append(line) }
            }
            #expect(kept.count == 17, "\(kept.joined(separator: "\n"))")
            if lang == "zh" {
                for line in kept {
                    #expect(!line.contains("error:") && !line.contains("hint:") && !line.contains(" is not ") && !line.contains("unknown"),
                            "\(line)")
                }
            }
            r.expectGolden(kept.joined(separator: "\n") + "\n", lang == "en" ? "check-assessment-bad.txt" : "check-assessment-bad-zh.txt")
        }
        let before = r.snapshot()
        let report = r.run(["report", "assessment", "--period", "2026Q3"])
        #expect(report.code == 65)
        #expect(report.stderr.contains("assessment"), "\(report.stderr)")
        #expect(r.snapshot() == before)
        #expect(r.run(["report", "summary", "--period", "2026Q3"]).code == 0)
    }

    @Test func weightsSummingToNeitherOneNorAHundred() throws {
        let r = try HuifangRunner.withRepository()
        defer { r.cleanup() }
        let config = try #require(r.read("huifang.yaml"))
        try r.write("huifang.yaml", config + "assessment:\n  indicators:\n    csat: {target: 80%, weight: 0.5}\n    nps: {target: 20, weight: 0.4}\n")
        let check = r.run(["check", "--lang", "en"])
        #expect(check.code == 1)
        let lines = config.split(separator: "\n", omittingEmptySubsequences: false).count
        #expect(check.stdout.contains("huifang.yaml:\(lines + 1):3: error: weights sum to 0.9, not 1 or 100"), "\(check.stdout)")
    }

    @Test func withoutASectionTheReportSaysDefaultsAreUsed() throws {
        let r = try Self.repository(review: false)
        defer { r.cleanup() }
        let en = r.run(["report", "assessment", "--period", "2026Q3", "--lang", "en"])
        #expect(en.code == 0)
        #expect(en.stdout.contains("huifang.yaml has no assessment section: the default rules are used"))
        // No reviewed score: the report says which part is missing and how the indicator is computed.
        #expect(en.stdout.contains("Visit report quality has no reviewed score: computed from record completeness alone this quarter."))
        #expect(en.stdout.contains("huifang assess review east --period 2026Q3 --score N --note TEXT"))
        let json = r.run(["report", "assessment", "--period", "2026Q3", "--format", "json"]).stdout
        #expect(json.contains("\"configured\": false"))
        #expect(json.contains("\"missing\": [\"review\"]"), "\(json)")
    }

    @Test func aPeriodThatIsNeitherAQuarterNorAYearIsRefused() throws {
        let r = try Self.repository(review: false)
        defer { r.cleanup() }
        #expect(r.run(["report", "assessment", "--period", "2026-08"]).code == 64)
        #expect(r.run(["report", "assessment", "--from", "2026-07-01", "--to", "2026-08-31"]).code == 64)
    }

    @Test func reviewWritesThenUpdatesInPlace() throws {
        let r = try Self.repository(review: false)
        defer { r.cleanup() }
        let first = r.run(["--as-of", "2026-10-09", "assess", "review", "east", "--period", "2026q3", "--score", "85", "--note", "报告完整",
                           "--by", "王芳"])
        #expect(first.code == 0, "\(first.stderr)")
        #expect(first.stdout == "已记录 east 2026Q3 的回访报告质量评审分 85：assessments/2026Q3-east.yaml\n")
        r.expectGolden(r.read("assessments/2026Q3-east.yaml") ?? "", "assess-review-written.yaml")
        // A hand edit: a comment and a key of one's own survive the update.
        let text = try #require(r.read("assessments/2026Q3-east.yaml"))
        try r.write("assessments/2026Q3-east.yaml", "# 第三季度评审\n" + text + "custom: {meeting: 10-08}\n")
        let same = r.run(["--as-of", "2026-10-10", "assess", "review", "east", "--period", "2026Q3", "--score", "85", "--note", "报告完整"])
        #expect(same.code == 0)
        #expect(same.stdout.contains("未改动"))
        let second = r.run(["--as-of", "2026-10-12", "assess", "review", "east", "--period", "2026Q3", "--score", "70", "--note", "分析不足"],
                           env: ["HUIFANG_USER": "王芳"])
        #expect(second.code == 0, "\(second.stderr)")
        #expect(second.stdout == "已更新 east 2026Q3 的回访报告质量评审分为 70（原为 85）：assessments/2026Q3-east.yaml\n")
        r.expectGolden(r.read("assessments/2026Q3-east.yaml") ?? "", "assess-review-updated.yaml")
        #expect(r.run(["check"]).code == 0)
        let json = r.run(["report", "assessment", "--period", "2026Q3", "--format", "json"]).stdout
        #expect(json.contains("\"score\": 70"))
        #expect(json.contains("\"reviewed\": 0.7"))
    }

    @Test func reviewRefusesWhatItCannotRecord() throws {
        let r = try Self.repository(review: false)
        defer { r.cleanup() }
        let before = r.snapshot()
        let cases: [([String], Int32, String)] = [
            (["assess", "review", "east", "--period", "2026", "--score", "80", "--note", "x"], 64, "--period 2026 不是季度"),
            (["assess", "review", "east", "--period", "2026Q3", "--score", "101", "--note", "x"], 64, "--score 101 不在 0 到 100 之间"),
            (["assess", "review", "west", "--period", "2026Q3", "--score", "80", "--note", "x"], 64, "没有部门 'west'"),
            (["assess", "review", "tech", "--period", "2026Q3", "--score", "80", "--note", "x"], 64, "tech 不是业务部门"),
            (["assess", "review", "east", "--period", "2026Q3", "--score", "80", "--note", " "], 64, "--note 的值是空的"),
            // Today is 2026-11-24: 2027Q1 has not begun (user trial: it was accepted).
            (["assess", "review", "east", "--period", "2027Q1", "--score", "80", "--note", "x"], 64,
             "--period 2027Q1 尚未开始：它始于 2027-01-01，今天是 2026-11-24"),
        ]
        for (args, code, message) in cases {
            let result = r.run(args)
            #expect(result.code == code, "\(args): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(args): \(result.stderr)")
            // The labels in the message's language: not "huifang: error: " around a Chinese sentence.
            #expect(result.stderr.hasPrefix("huifang: 错误：") && !result.stderr.contains("hint:"), "\(args): \(result.stderr)")
            let en = r.run(args + ["--lang", "en"])
            #expect(en.stderr.hasPrefix("huifang: error: ") && !en.stderr.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF },
                    "\(args): \(en.stderr)")
        }
        let config = r.run(["report", "assessment", "--period", "2026-08"])
        #expect(config.stderr.hasPrefix("huifang: 错误："), "\(config.stderr)")
        #expect(r.snapshot() == before)
        // A file in the review's place that is not a review is never overwritten.
        try r.write("assessments/2026Q3-east.yaml", "")
        let blocked = r.run(["assess", "review", "east", "--period", "2026Q3", "--score", "80", "--note", "x"])
        #expect(blocked.code == 65, "\(blocked.stderr)")
        #expect(r.read("assessments/2026Q3-east.yaml") == "")
    }

    /// The quarter under way may be reviewed; the day before a quarter begins it may not, and
    /// from its first day on it may (as-of on both sides of 2027-01-01).
    @Test func reviewOfTheCurrentQuarterIsAcceptedAndOfANotYetBegunOneRefused() throws {
        let r = try Self.repository(review: false)
        defer { r.cleanup() }
        let current = r.run(["assess", "review", "east", "--period", "2026Q4", "--score", "70", "--note", "x"])
        #expect(current.code == 0, "\(current.stderr)")
        #expect(r.read("assessments/2026Q4-east.yaml") != nil)
        let before = r.run(["--as-of", "2026-12-31", "assess", "review", "east", "--period", "2027Q1", "--score", "70", "--note", "x", "--lang", "en"])
        #expect(before.code == 64, "\(before.stderr)")
        #expect(before.stderr.contains("--period 2027Q1 has not begun: it starts on 2027-01-01, and today is 2026-12-31"), "\(before.stderr)")
        #expect(before.stderr.contains("give the current quarter (2026Q4) or an earlier one"), "\(before.stderr)")
        #expect(r.read("assessments/2027Q1-east.yaml") == nil)
        let first = r.run(["--as-of", "2027-01-01", "assess", "review", "east", "--period", "2027Q1", "--score", "70", "--note", "x"])
        #expect(first.code == 0, "\(first.stderr)")
        #expect(r.read("assessments/2027Q1-east.yaml") != nil)
    }

    @Test func aReviewFileInTheWrongPlaceIsAFinding() throws {
        let r = try Self.repository(review: false)
        defer { r.cleanup() }
        try r.write("assessments/2026Q3-north.yaml", "period: 2026Q3\ndepartment: east\nscore: 90\nnote: x\ndate: 2026-10-09\n")
        let check = r.run(["check"])
        #expect(check.code == 1)
        #expect(check.stdout.contains("assessments/2026Q3-north.yaml:1:1: error: the review of east for 2026Q3 is in '2026Q3-north.yaml'"),
                "\(check.stdout)")
    }
}
