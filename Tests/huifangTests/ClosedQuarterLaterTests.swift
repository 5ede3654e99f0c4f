import Foundation
import Testing

/// Issue 17, what the first close left open: a year or half that takes in a closed quarter
/// shows that quarter's frozen figures and their restatement; the digest is made from the
/// cache's per-file checksums, archived per file (records.txt), so that a record edited by
/// hand behind a warm cache is named, and the figures it moves say so.
@Suite struct ClosedQuarterLaterTests {
    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
    }

    static func closed() throws -> HuifangRunner {
        let r = try CloseCommandTests.repository()
        let closed = r.run(["close", "2026Q3"], env: ["HUIFANG_USER": "王芳"], today: "2026-10-05")
        try #require(closed.code == 0, "\(closed.stderr)")
        return r
    }

    static let acmeVisit = "projects/acme/visits/2026-07-02-v-2feb6e95.yaml"

    @Test func aYearShowsTheClosedQuartersFrozenAndRestatedFigures() throws {
        let r = try Self.closed()
        defer { r.cleanup() }
        // Nothing entered since the close: the year says its figures are those of the close.
        let before = try Self.json(r.run(["report", "summary", "--period", "2026", "--format", "json"], today: "2026-10-06").stdout)
        #expect(before["includes_late_entries"] as? Bool == false)
        let quarters = try #require(before["closed_quarters"] as? [[String: Any]])
        #expect(quarters.count == 1 && (quarters[0]["closed"] as? [String: Any])?["records_changed"] as? Bool == false)
        #expect((quarters[0]["frozen"] as? [String: Any])?["total.visit_plan_completion_rate"] as? Double == 0.5)
        let md = r.run(["--lang", "en", "report", "summary", "--period", "2026"], today: "2026-10-06").stdout
        #expect(md.contains("## Closed quarter 2026Q3") && md.contains("No record of 2026Q3 has been entered or changed since the close"), "\(md)")
        #expect(md.contains("| Company · Visit-plan completion rate | 50.0% | 50.0% |"), "\(md)")
        #expect(md.contains("The figures of 2026 below count today's records; those of 2026Q3 are the same as at the close"), "\(md)")

        // 补录: a visit dated 09-15, entered on 11-30.
        let late = r.run(["visit", "log", "beta", "--date", "2026-09-15", "--method", "phone", "--kind", "first", "--summary", "补录",
                          "--overall", "4", "--contact", "李四"], today: "2026-11-30")
        try #require(late.code == 0, "\(late.stderr)")
        let year = r.run(["report", "summary", "--period", "2026"], today: "2026-11-30")
        #expect(year.code == 0, "\(year.stderr)")
        r.expectGolden(year.stdout, "close-late-year-summary.md")
        let json = try Self.json(r.run(["report", "summary", "--period", "2026", "--format", "json"], today: "2026-11-30").stdout)
        #expect(json["includes_late_entries"] as? Bool == true)
        let q = try #require((json["closed_quarters"] as? [[String: Any]])?.first)
        let restated = try #require(q["restated"] as? [String: [String: Any]])
        #expect(restated["total.visit_plan_completion_rate"]?["frozen"] as? Double == 0.5)
        #expect(restated["total.visit_plan_completion_rate"]?["restated"] as? Double == 1.0)
        #expect((q["late_entries"] as? [[String: Any]])?.first?["recorded"] as? String == "2026-11-30")
        // The year's own figures count the late visit (2 of 2), and say so.
        #expect((json["kpis"] as? [String: Any])?["visit_plan_completion_rate"] as? Double == 1.0)

        // A half and a department: the company's figures and the department's own.
        let half = r.run(["--lang", "en", "report", "department", "east", "--period", "2026H2"], today: "2026-11-30").stdout
        #expect(half.contains("## Closed quarter 2026Q3"), "\(half)")
        #expect(half.contains("| East Delivery · Visit-plan completion rate | 50.0% | 100.0% |")
                    || half.contains("· Visit-plan completion rate | 50.0% | 100.0% |"), "\(half)")
        #expect(half.contains("The figures of 2026H2 below count today's records, including those of 2026Q3 entered or changed after the close (1)"),
                "\(half)")
        // The year's assessment lists the frozen assessment scores beside the restated ones.
        let assessment = r.run(["--lang", "en", "report", "assessment", "--period", "2026"], today: "2026-11-30")
        #expect(assessment.code == 0, "\(assessment.stderr)")
        #expect(assessment.stdout.contains("· Assessment score | 84.2 | 100.0 |"), "\(assessment.stdout)")
        #expect(!assessment.stdout.contains("Company · CSAT"), "the assessment lists its own figures: \(assessment.stdout)")
        // CSV has no room for the section: the warning travels on standard error.
        let csv = r.run(["--lang", "en", "report", "summary", "--period", "2026", "--format", "csv"], today: "2026-11-30")
        #expect(csv.stderr.contains("2026 takes in 2026Q3, closed on 2026-10-05"), "\(csv.stderr)")
    }

    /// Overwrites the byte at `offset` of `file` in place (same size, same inode).
    static func poke(_ r: HuifangRunner, _ file: String, _ old: String, _ new: String) throws {
        let text = try #require(r.read(file))
        let range = try #require(text.range(of: old))
        let offset = text.utf8.distance(from: text.utf8.startIndex, to: range.lowerBound)
        let h = try #require(FileHandle(forUpdatingAtPath: r.path(file)))
        try h.seek(toOffset: UInt64(offset))
        try h.write(contentsOf: Data(new.utf8))
        try h.close()
    }

    @Test func aRecordEditedByHandBehindAWarmCacheIsNamedWithItsEffect() throws {
        let r = try Self.closed()
        defer { r.cleanup() }
        #expect(r.read("archive/2026Q3/records.txt")?.contains(" " + Self.acmeVisit + "\n") == true)
        // Warm the cache, then change one byte of a record entered before the close (overall 5 → 3).
        let warm = try Self.json(r.run(["report", "summary", "--period", "2026Q3", "--format", "json"], today: "2026-11-30").stdout)
        #expect((warm["closed"] as? [String: Any])?["records_changed"] as? Bool == false)
        #expect(FileManager.default.fileExists(atPath: r.path(".huifang/cache")))
        try Self.poke(r, Self.acmeVisit, "overall: 5", "overall: 3")
        let json = try Self.json(r.run(["report", "summary", "--period", "2026Q3", "--format", "json"], today: "2026-11-30").stdout)
        let closed = try #require(json["closed"] as? [String: Any])
        #expect(closed["records_changed"] as? Bool == true && closed["files_compared"] as? Bool == true)
        let entries = try #require(json["late_entries"] as? [[String: Any]])
        #expect(entries.count == 1 && entries[0]["path"] as? String == Self.acmeVisit && entries[0]["change"] as? String == "changed",
                "\(entries)")
        // The body counts the record as it is now: CSAT 0/1 where 1/1 was frozen, and says so.
        let csat = try #require((json["restated"] as? [String: [String: Any]])?["total.csat"])
        #expect(csat["frozen"] as? Double == 1.0 && csat["reported"] as? Double == 0.0 && csat["restated"] as? Double == 0.0)
        #expect((json["kpis"] as? [String: Any])?["csat"] as? Double == 0.0)
        let md = r.run(["--lang", "en", "report", "summary", "--period", "2026Q3"], today: "2026-11-30")
        r.expectGolden(md.stdout, "close-edited-summary-en.md")
        // The same in Chinese, and in the year that takes the quarter in.
        let zh = r.run(["report", "summary", "--period", "2026Q3"], today: "2026-11-30").stdout
        #expect(zh.contains("| 本报告值 |") && zh.contains("| 已修改 |"), "\(zh)")
        let year = try Self.json(r.run(["report", "summary", "--period", "2026", "--format", "json"], today: "2026-11-30").stdout)
        #expect(year["includes_late_entries"] as? Bool == true)
        // The byte put back: the records are those of the close again.
        try Self.poke(r, Self.acmeVisit, "overall: 3", "overall: 5")
        let back = try Self.json(r.run(["report", "summary", "--period", "2026Q3", "--format", "json"], today: "2026-11-30").stdout)
        #expect((back["closed"] as? [String: Any])?["records_changed"] as? Bool == false)
        #expect((back["late_entries"] as? [Any])?.isEmpty == true)
        // Without the cache the checksums are the same: the digest does not depend on it.
        let cold = try Self.json(r.run(["--no-cache", "report", "summary", "--period", "2026Q3", "--format", "json"], today: "2026-11-30").stdout)
        #expect((cold["closed"] as? [String: Any])?["digest_now"] as? String == (back["closed"] as? [String: Any])?["digest_now"] as? String)
        #expect((cold["closed"] as? [String: Any])?["records_changed"] as? Bool == false)
    }

    @Test(.englishMessages) func aRecordWrittenByHandOrRemovedSinceTheCloseIsNamed() throws {
        let r = try Self.closed()
        defer { r.cleanup() }
        // A visit written by hand after the close, without `recorded:` (it counts as entered on its
        // own date, before the close): a new file, listed, and left out of the body.
        try r.write("projects/beta/visits/2026-09-15-v-0000beef.yaml",
                    "id: v-0000beef\ndate: 2026-09-15\nkind: first\nmethod: phone\nvisitor: 李雷\ncontacts: [李四]\nsummary: 手写\noverall: 4\n")
        let json = try Self.json(r.run(["report", "summary", "--period", "2026Q3", "--format", "json"], today: "2026-11-30").stdout)
        let entries = try #require(json["late_entries"] as? [[String: Any]])
        #expect(entries.map { $0["change"] as? String } == ["added"], "\(entries)")
        #expect((json["kpis"] as? [String: Any])?["visit_plan_completion_rate"] as? Double == 0.5, "the body keeps the frozen figures")
        let completion = try #require((json["restated"] as? [String: [String: Any]])?["total.visit_plan_completion_rate"])
        #expect(completion["reported"] as? Double == 0.5 && completion["restated"] as? Double == 1.0)
        // A record removed since the close: named, and the body, which no longer has it, says where it differs.
        try FileManager.default.removeItem(atPath: r.path(Self.acmeVisit))
        let gone = r.run(["report", "summary", "--period", "2026Q3"], today: "2026-11-30").stdout
        #expect(gone.contains("Removed since the close (1): \(Self.acmeVisit)"), "\(gone)")
        #expect(gone.contains("| Figure | Frozen | In this report | Restated |"), "\(gone)")
        #expect(gone.contains("| Company · Visit-plan completion rate | 50.0% | 0.0% | 50.0% |"), "\(gone)")
    }

    /// `visit show` and `issue show` say when a record was entered (`recorded:`), in both languages.
    @Test func showSaysWhenARecordWasEntered() throws {
        let r = try CloseCommandTests.repository()
        defer { r.cleanup() }
        let zh = r.run(["visit", "show", "v-2feb6e95"], today: "2026-11-30")
        #expect(zh.code == 0, "\(zh.stderr)")
        #expect(zh.stdout.contains("录入日期") && zh.stdout.contains("2026-07-02"), "\(zh.stdout)")
        let en = r.run(["--lang", "en", "visit", "show", "v-2feb6e95"], today: "2026-11-30").stdout
        #expect(en.split(separator: "\n").contains { $0.hasPrefix("entered ") && $0.hasSuffix(" 2026-07-02") }, "\(en)")
        let json = try Self.json(r.run(["visit", "show", "v-2feb6e95", "--format", "json"], today: "2026-11-30").stdout)
        #expect(json["recorded"] as? String == "2026-07-02")
        let issue = r.run(["issue", "add", "acme", "--title", "报表导出超时", "--category", "technical", "--severity", "minor"], today: "2026-08-03")
        #expect(issue.code == 0, "\(issue.stderr)")
        let id = try #require(issue.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "（" }).first { $0.hasPrefix("i-") })
        let shown = r.run(["--lang", "en", "issue", "show", String(id)], today: "2026-11-30").stdout
        #expect(shown.split(separator: "\n").contains { $0.hasPrefix("entered ") && $0.hasSuffix(" 2026-08-03") }, "\(shown)")
        #expect(r.run(["issue", "show", String(id)], today: "2026-11-30").stdout.contains("录入日期"))
        let issueJSON = try Self.json(r.run(["issue", "show", String(id), "--format", "json"], today: "2026-11-30").stdout)
        #expect(issueJSON["recorded"] as? String == "2026-08-03")
        // A record written by hand, without `recorded:`: nothing to show.
        try r.write("projects/beta/visits/2026-09-15-v-0000beef.yaml",
                    "id: v-0000beef\ndate: 2026-09-15\nkind: first\nmethod: phone\nvisitor: 李雷\ncontacts: [李四]\nsummary: 手写\noverall: 4\n")
        let hand = r.run(["visit", "show", "v-0000beef"], today: "2026-11-30")
        #expect(hand.code == 0 && !hand.stdout.contains("录入日期"), "\(hand.stdout)\(hand.stderr)")
        #expect(try Self.json(r.run(["visit", "show", "v-0000beef", "--format", "json"], today: "2026-11-30").stdout)["recorded"] == nil)
    }
}
