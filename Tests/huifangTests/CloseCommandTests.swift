import Foundation
import Testing

/// Issue 17: `huifang close`, a late entry after it, `reopen-period`, and the refusals — the
/// issue's own case: a visit logged on 11-30 with the date 09-15 must not silently change the
/// Q3 already reported (completion 50% → 100%).
@Suite struct CloseCommandTests {
    /// Two standard projects of east accepted on 06-01 (first visits due 07-01); acme visited on 07-02.
    static func repository() throws -> HuifangRunner {
        let r = try HuifangRunner.withRepository()
        for id in ["acme", "beta"] {
            let add = r.run(["project", "add", id, "--name", id.uppercased(), "--customer", id, "--department", "east", "--owner", "李雷",
                             "--tier", "standard", "--accepted", "2026-06-01"], today: "2026-07-01")
            try #require(add.code == 0, "\(add.stderr)")
        }
        let visit = r.run(["visit", "log", "acme", "--method", "phone", "--kind", "first", "--summary", "运行正常", "--overall", "5",
                           "--contact", "张三"], today: "2026-07-02")
        try #require(visit.code == 0, "\(visit.stderr)")
        return r
    }

    static func archive(_ r: HuifangRunner) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: r.path("archive/2026Q3"))) ?? []).sorted()
    }

    @Test func closeThenALateEntryThenReopenAndCloseAgain() throws {
        let r = try Self.repository()
        defer { r.cleanup() }
        let user = ["HUIFANG_USER": "王芳"]
        let closed = r.run(["close", "2026Q3"], env: user, today: "2026-10-05")
        #expect(closed.code == 0, "\(closed.stderr)")
        r.expectGolden(closed.stdout, "close-stdout.txt")
        #expect(Self.archive(r) == ["close.yaml", "en", "kpis.json", "records.txt", "zh"])
        let reports = ["assessment.html", "assessment.json", "assessment.md", "department-east.html", "department-east.json",
                       "department-east.md", "summary.html", "summary.json", "summary.md"]
        for language in ["zh", "en"] {
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: r.path("archive/2026Q3/" + language))) ?? []).sorted() == reports)
        }
        #expect(r.read("archive/2026Q3/en/summary.md")?.contains("# Follow-up visit summary report 2026Q3") == true)
        #expect(r.read("archive/2026Q3/en/assessment.md")?.contains("84.2") == true)
        r.expectGolden(try #require(r.read("archive/2026Q3/close.yaml")), "close-close.yaml")
        r.expectGolden(try #require(r.read("archive/2026Q3/kpis.json")), "close-kpis.json")
        #expect(r.read("archive/2026Q3/zh/summary.md")?.contains("# 项目回访总结报告 2026Q3") == true)
        #expect(r.run(["check"], today: "2026-10-05").code == 0, "an archive is no stray folder")
        // Nothing entered since: the report says so and its figures are the frozen ones.
        let same = r.run(["report", "summary", "--period", "2026Q3"], today: "2026-10-06").stdout
        #expect(same.contains("关闭后没有录入或修改记录"))

        // 补录: a visit dated 09-15, entered on 11-30.
        let late = r.run(["visit", "log", "beta", "--date", "2026-09-15", "--method", "phone", "--kind", "first", "--summary", "补录",
                          "--overall", "4", "--contact", "李四"], today: "2026-11-30")
        #expect(late.code == 0, "\(late.stderr)")
        let md = r.run(["report", "summary", "--period", "2026Q3"], today: "2026-11-30")
        #expect(md.code == 0)
        r.expectGolden(md.stdout, "close-late-summary.md")
        let en = r.run(["--lang", "en", "report", "department", "east", "--period", "2026Q3"], today: "2026-11-30")
        r.expectGolden(en.stdout, "close-late-department-en.md")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.run(["report", "summary", "--period", "2026Q3", "--format", "json"],
                                                                                    today: "2026-11-30").stdout.utf8)) as? [String: Any])
        // The body counts the records as entered by the close: the frozen 50%.
        #expect((json["kpis"] as? [String: Any])?["visit_plan_completion_rate"] as? Double == 0.5)
        let restated = try #require(json["restated"] as? [String: [String: Any]])
        #expect(restated["total.visit_plan_completion_rate"]?["frozen"] as? Double == 0.5)
        #expect(restated["total.visit_plan_completion_rate"]?["restated"] as? Double == 1.0)
        #expect(restated["total.satisfaction_index"]?["restated"] as? Double == 0.9)
        let entries = try #require(json["late_entries"] as? [[String: Any]])
        #expect(entries.count == 1 && entries.first?["date"] as? String == "2026-09-15" && entries.first?["recorded"] as? String == "2026-11-30")
        #expect((json["frozen"] as? [String: Any])?["total.visit_plan_completion_rate"] as? Double == 0.5)
        let assessment = r.run(["report", "assessment", "--period", "2026Q3", "--format", "json"], today: "2026-11-30").stdout
        #expect(assessment.contains("\"assessment.east.total\": {"), "\(assessment)")
        // status and check warn (check still exits 0: a warning).
        let status = r.run(["status"], today: "2026-11-30").stdout
        #expect(status.contains("projects/beta/visits/2026-09-15-") && status.contains("补录"))
        let check = r.run(["--lang", "en", "check"], today: "2026-11-30")
        #expect(check.code == 0)
        #expect(check.stdout.contains("warning: dated 2026-09-15, inside 2026Q3 which was closed on 2026-10-05, but entered on 2026-11-30"), "\(check.stdout)")
        // The year takes in the closed quarter: a warning travels with it.
        let year = r.run(["--lang", "en", "report", "assessment", "--period", "2026", "--format", "json"], today: "2026-11-30")
        #expect(year.code == 0)
        #expect(year.stdout.contains("2026 takes in 2026Q3, closed on 2026-10-05: its figures count records of 2026Q3 entered after the close (1)"),
                "\(year.stdout)")
        // A CSV has no room for the section: a warning says the figures are restated.
        let csv = r.run(["report", "summary", "--period", "2026Q3", "--format", "csv", "--lang", "en"], today: "2026-11-30")
        #expect(csv.stderr.contains("2026Q3 is closed"), "\(csv.stderr)")

        // Corrections: reopen (recorded), then close again.
        #expect(r.run(["close", "2026Q3"], today: "2026-12-01").code == 64)
        let reopened = r.run(["reopen-period", "2026Q3", "--reason", "补录 beta 首次回访"], env: user, today: "2026-12-01")
        #expect(reopened.code == 0, "\(reopened.stderr)")
        r.expectGolden(try #require(r.read("archive/2026Q3/close.yaml")), "close-reopened.yaml")
        #expect(r.run(["reopen-period", "2026Q3", "--reason", "again"], today: "2026-12-01").code == 64, "only a closed period reopens")
        // Reopened: the period's reports are live again, without the section.
        #expect(!r.run(["report", "summary", "--period", "2026Q3"], today: "2026-12-01").stdout.contains("已关闭期间"))
        let again = r.run(["close", "2026Q3"], env: user, today: "2026-12-01")
        #expect(again.code == 0, "\(again.stderr)")
        let history = try #require(r.read("archive/2026Q3/close.yaml"))
        #expect(history.hasSuffix("  - {action: reopened, at: 2026-12-01, by: 王芳, reason: 补录 beta 首次回访}\n  - {action: closed, at: 2026-12-01, by: 王芳, digest: "
                                      + (history.split(separator: " ").last.map { String($0.dropLast(2)) } ?? "") + "}\n"))
        #expect(r.read("archive/2026Q3/kpis.json")?.contains("\"value\": 1.0") == true)
        #expect(!r.run(["status"], today: "2026-12-02").stdout.contains("补录"), "entered before the new close: no longer late")
        let dot = ((try? FileManager.default.contentsOfDirectory(atPath: r.path("archive"))) ?? []).sorted()
        #expect(dot == ["2026Q3"], "no temporary folder is left: \(dot)")
    }

    @Test(.englishMessages) func refusals() throws {
        let r = try Self.repository()
        defer { r.cleanup() }
        let running = r.run(["close", "2026Q3"], today: "2026-09-30")
        #expect(running.code == 64)
        #expect(running.stderr.contains("2026Q3 has not ended: it runs until 2026-09-30 and today is 2026-09-30"), "\(running.stderr)")
        let month = r.run(["close", "2026-09"], today: "2026-10-05")
        #expect(month.code == 64 && month.stderr.contains("'2026-09' is not a quarter"), "\(month.stderr)")
        let notClosed = r.run(["reopen-period", "2026Q3", "--reason", "x"], today: "2026-10-05")
        #expect(notClosed.code == 64 && notClosed.stderr.contains("2026Q3 is not closed"), "\(notClosed.stderr)")
        #expect(r.run(["reopen-period", "2026Q3"], today: "2026-10-05").code == 64, "--reason is required")
        // An unreadable record: close refuses like every command that writes, and writes nothing.
        try r.write("projects/acme/visits/2026-08-01-v-deadbeef.yaml", "id: [\n")
        let broken = r.run(["close", "2026Q3"], today: "2026-10-05")
        #expect(broken.code == 65, "\(broken.stderr)")
        #expect(!FileManager.default.fileExists(atPath: r.path("archive")))
        try FileManager.default.removeItem(atPath: r.path("projects/acme/visits/2026-08-01-v-deadbeef.yaml"))
        #expect(r.run(["close", "2026Q3"], today: "2026-10-05").code == 0)
        let twice = r.run(["close", "2026Q3"], today: "2026-10-06")
        #expect(twice.code == 64)
        #expect(twice.stderr.contains("2026Q3 is already closed (on 2026-10-05)") && twice.stderr.contains("huifang reopen-period 2026Q3 --reason"),
                "\(twice.stderr)")
        // A damaged archive is refused with its file, not read as anything.
        try r.write("archive/2026Q3/kpis.json", "{")
        let damaged = r.run(["report", "summary", "--period", "2026Q3"], today: "2026-10-06")
        #expect(damaged.code == 65 && damaged.stderr.contains("archive/2026Q3/kpis.json cannot be read"), "\(damaged.stderr)")
        let check = r.run(["check"], today: "2026-10-06")
        #expect(check.code == 0 && check.stdout.contains("archive/2026Q3:1:1: warning: the archive of 2026Q3 cannot be read"), "\(check.stdout)")
    }
}
