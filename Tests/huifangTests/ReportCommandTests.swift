import Foundation
import Testing

/// Every report in every format and both languages on a fixed repository (re-record with
/// HUIFANG_RECORD=1 and review the diff).
@Suite struct ReportCommandTests {
    /// The tour repository with issues of each severity, an escalation, a resolution and a measure.
    static func repository() throws -> HuifangRunner {
        let r = try makeTourRepository()
        let steps: [[String]] = [
            ["--as-of", "2026-07-28", "issue", "add", "beta-mes", "--title", "报表导出超时", "--category", "technical", "--severity", "minor",
             "--raised", "2026-07-28", "--source", "customer"],
            ["--as-of", "2026-08-03", "issue", "add", "acme-erp", "--title", "报表导出超时。", "--category", "technical", "--severity", "general",
             "--source", "complaint"],
            ["--as-of", "2026-08-10", "issue", "add", "beta-mes", "--title", "产线停机 <script>alert(1)</script>", "--category", "quality",
             "--severity", "major", "--source", "customer"],
            ["--as-of", "2026-08-12", "visit", "log", "acme-erp", "--method", "onsite", "--summary", "针对投诉的现场回访", "--overall", "3",
             "--nps", "6", "--contact", "李四", "--quote", "=HYPERLINK(\"http://x\")", "--need", "希望增加移动端"],
            ["--as-of", "2026-08-20", "issue", "resolve", "i-b266", "--summary", "优化索引"],
        ]
        for s in steps {
            let result = r.run(s)
            try #require(result.code == 0, "\(s): \(result.stderr)")
        }
        let issue = r.run(["issue", "list", "--format", "csv"]).stdout.split(separator: "\r\n").dropFirst().first.map { String($0.prefix(10)) }
        let m = r.run(["improve", "add", "--title", "报表服务异步化", "--addresses", issue ?? "", "--department", "tech", "--owner", "刘强",
                       "--due", "2026-09-30", "--expected-effect", "导出 10 万行 < 10 秒"])
        try #require(m.code == 0, "\(m.stderr)")
        return r
    }

    /// Each report with the arguments that choose its subject and period.
    static let reports: [(name: String, args: [String])] = [
        ("summary", ["report", "summary", "--period", "2026Q3"]),
        ("department", ["report", "department", "east", "--period", "2026Q3"]),
        ("project", ["report", "project", "acme-erp", "--period", "2026"]),
    ]

    /// Every format in both languages.
    static let variants: [(format: String, lang: String)] = ["md", "html", "json", "csv"].flatMap { f in ["zh", "en"].map { (f, $0) } }

    @Test(arguments: reports.indices, variants.indices)
    func report(_ report: Int, _ variant: Int) throws {
        let (name, args) = Self.reports[report]
        let (format, lang) = Self.variants[variant]
        let r = try Self.repository()
        defer { r.cleanup() }
        let result = r.run(args + ["--format", format, "--lang", lang])
        #expect(result.code == 0, "\(name) \(format) \(lang): \(result.stderr)")
        r.expectGolden(result.stdout, "report-\(name)-\(lang).\(format)")
    }

    @Test func recordTextCannotAttackTheReader() throws {
        let r = try Self.repository()
        defer { r.cleanup() }
        let html = r.run(["report", "summary", "--period", "2026Q3", "--format", "html"]).stdout
        #expect(!html.contains("<script>"))
        #expect(html.contains("产线停机 &lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("http://") || !html.contains("<link"), "no network resources")
        let csv = r.run(["report", "project", "acme-erp", "--period", "2026", "--format", "csv"]).stdout
        #expect(csv.contains("'=HYPERLINK"), "formula cells are neutralised")
        let md = r.run(["report", "summary", "--period", "2026Q3"]).stdout
        #expect(md.contains("&lt;script&gt;"))
    }

    @Test func jsonHasTheSpecShape() throws {
        let r = try Self.repository()
        defer { r.cleanup() }
        let out = r.run(["report", "summary", "--period", "2026Q3", "--format", "json"]).stdout
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        let period = try #require(json["period"] as? [String: Any])
        #expect(period["start"] as? String == "2026-07-01")
        #expect(period["end"] as? String == "2026-09-30")
        let kpis = try #require(json["kpis"] as? [String: Any])
        for key in ["visit_plan_completion_rate", "satisfaction_index", "csat", "nps", "issue_resolution_rate", "on_time_resolution_rate", "record_completeness"] {
            #expect(kpis.keys.contains(key), "\(key)")
        }
        let counts = try #require(json["counts"] as? [String: Any])
        #expect(counts["issues_raised"] as? Int == 3)
        #expect(counts["issues_resolved"] as? Int == 1)
        #expect(json["departments"] is [Any])
        #expect(json["recurring_problems"] is [Any])
        let recurring = try #require(json["recurring_problems"] as? [[String: Any]])
        #expect(recurring.first?["projects"] as? Int == 2, "报表导出超时 in two projects")
    }

    @Test func periodsAndOutputFiles() throws {
        let r = try Self.repository()
        defer { r.cleanup() }
        #expect(r.run(["report", "summary", "--period", "2026Q5"]).code == 64)
        #expect(r.run(["report", "summary", "--period", "2026Q3", "--from", "2026-07-01", "--to", "2026-07-31"]).code == 64)
        #expect(r.run(["report", "summary", "--from", "2026-09-01", "--to", "2026-07-31"]).code == 64)
        let custom = r.run(["report", "summary", "--from", "2026-07-01", "--to", "2026-08-15", "--format", "json"])
        #expect(custom.stdout.contains("\"label\": \"2026-07-01..2026-08-15\""))
        for p in ["2026-08", "2026Q3", "2026H2", "2026"] {
            #expect(r.run(["report", "summary", "--period", p, "--format", "json"]).code == 0, "\(p)")
        }
        // -o creates no folder (issue 15): the folder must exist.
        #expect(r.run(["report", "summary", "--period", "2026Q3", "--format", "html", "-o", "out/summary.html"]).code == 66)
        try FileManager.default.createDirectory(atPath: r.path("out"), withIntermediateDirectories: false)
        let written = r.run(["report", "summary", "--period", "2026Q3", "--format", "html", "-o", "out/summary.html"])
        #expect(written.code == 0)
        #expect(r.read("out/summary.html")?.hasPrefix("<!DOCTYPE html>") == true)
        #expect(r.run(["report", "department", "west"]).code == 64)
        #expect(r.run(["report", "project", "nope"]).code == 64)
    }
}
