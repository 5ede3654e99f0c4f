import Foundation
import Testing

/// `due`, `status`, `event add`, `plan` and `export ics` on a repository with a known history.
@Suite struct ScheduleCommandTests {
    /// The tour repository plus an event, a complaint and an overdue issue.
    func history() throws -> HuifangRunner {
        let r = try makeTourRepository()
        let steps: [[String]] = [
            ["--as-of", "2026-09-28", "event", "add", "2026-09-28", "--kind", "upgrade", "--title", "V3 大版本升级", "--tag", "erp"],
            ["--as-of", "2026-11-18", "issue", "add", "beta-mes", "--title", "打印格式错乱", "--category", "quality", "--severity", "minor",
             "--source", "complaint"],
            ["--as-of", "2026-11-02", "issue", "add", "acme-erp", "--title", "接口响应慢", "--category", "technical", "--severity", "general",
             "--source", "customer"],
        ]
        for s in steps {
            let result = r.run(s)
            try #require(result.code == 0, "\(s): \(result.stderr)")
        }
        return r
    }

    @Test func dueListsVisitsAndIssuesByDate() throws {
        let r = try history()
        defer { r.cleanup() }
        r.expectGolden(r.run(["due"]).stdout, "due.txt")
        r.expectGolden(r.run(["due", "--format", "json"]).stdout, "due.json")
        r.expectGolden(r.run(["due", "--overdue", "--format", "csv"]).stdout, "due-overdue.csv")
        r.expectGolden(r.run(["due", "--lang", "en"]).stdout, "due-en.txt")
        r.expectGolden(r.run(["due", "--overdue", "--format", "csv", "--lang", "en"]).stdout, "due-overdue-en.csv")
        r.expectGolden(r.run(["issue", "list"]).stdout, "issue-list.txt")
        r.expectGolden(r.run(["issue", "list", "--lang", "en"]).stdout, "issue-list-en.txt")
        r.expectGolden(r.run(["issue", "list", "--format", "csv", "--lang", "en"]).stdout, "issue-list-en.csv")
        let only = r.run(["due", "--project", "beta", "--format", "csv"]).stdout
        #expect(!only.contains("acme-erp"))
        #expect(only.contains("beta-mes"))
        #expect(r.run(["due", "--within", "3x"]).code == 64)
    }

    @Test func statusShowsWhatNeedsAttention() throws {
        let r = try history()
        defer { r.cleanup() }
        r.expectGolden(r.run(["status"]).stdout, "status.txt")
        r.expectGolden(r.run(["status", "--lang", "en"]).stdout, "status-en.txt")
        // The same repository as it stood on 2026-06-01: the first visit of acme-erp was made,
        // the next periodic one not yet due, beta-mes not yet accepted.
        let past = r.run(["--as-of", "2026-06-01", "status"]).stdout
        #expect(past.contains("Nothing needs attention") || !past.contains("Overdue visits"))
    }

    @Test(.englishMessages) func aYearWithoutCalendarWarnsOnce() throws {
        let r = try history()
        defer { r.cleanup() }
        let result = r.run(["--as-of", "2027-03-01", "issue", "add", "acme-erp", "--title", "x", "--category", "service",
                            "--severity", "minor", "--source", "customer"])
        #expect(result.code == 0)
        let due = r.run(["--as-of", "2027-03-01", "due"])
        #expect(due.code == 0)
        #expect(due.stderr == """
            warning: no calendar file covers 2027: its working days are counted without public holidays and make-up working days \
            (calendar file read: calendars/cn.yaml)
              hint: once the State Council publishes the arrangement, enter it into calendars/cn.yaml with \
            'huifang calendar add-holiday 2027-MM-DD..2027-MM-DD --name NAME' and 'huifang calendar add-workday 2027-MM-DD --name NAME' \
            (see 'huifang calendar --help')

            """)
    }

    @Test func planFreezesTheYearAndRefusesToOverwrite() throws {
        let r = try history()
        defer { r.cleanup() }
        let first = r.run(["plan", "2027"])
        #expect(first.code == 0, "\(first.stderr)")
        r.expectGolden(try #require(r.read("plans/2027.yaml")), "plan-2027.yaml")
        let before = r.snapshot()
        let again = r.run(["plan", "2027"])
        #expect(again.code == 64)
        #expect(again.stderr.contains("--force"))
        #expect(r.snapshot() == before)
        #expect(r.run(["plan", "2027", "--force"]).code == 0)
        #expect(r.run(["check"]).code == 0)
    }

    @Test(.englishMessages) func eventAddNamesItsFileByDateSlugAndARandomPart() throws {
        let r = try history()
        defer { r.cleanup() }
        let events = try FileManager.default.contentsOfDirectory(atPath: r.path("events"))
        #expect(events.count == 1)
        let first = try #require(events.first)
        #expect(first.hasPrefix("2026-09-28-upgrade-erp-") && first.hasSuffix(".yaml") && first.count == "2026-09-28-upgrade-erp-".count + 6 + 5,
                "\(first)")
        #expect(r.read("events/" + first) == "date: 2026-09-28\nkind: upgrade\ntitle: V3 大版本升级\ntags: [erp]\nrecorded: 2026-09-28\n")
        // The same seed draws the same random part: the taken name is skipped.
        let second = r.run(["event", "add", "2026-09-28", "--kind", "upgrade", "--title", "补丁", "--tag", "erp"])
        #expect(second.code == 0)
        #expect(second.stdout.contains("2026-09-28-upgrade-erp-") && !second.stdout.contains(String(first.dropLast(5)) + ":"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: r.path("events")).count == 2)
        // A name of earlier versions still reads, and visits name it.
        try r.write("events/2026-10-08-upgrade-erp.yaml", "date: 2026-10-08\nkind: upgrade\ntitle: 旧版本的事件\ntags: [erp]\n")
        #expect(r.run(["--as-of", "2026-10-09", "visit", "log", "acme-erp", "--method", "phone", "--summary", "升级回访",
                       "--event", "2026-10-08-upgrade-erp"]).code == 0)
        #expect(r.run(["check"]).code == 0)
        let none = r.run(["event", "add", "2026-10-01", "--kind", "market", "--title", "展会"])
        #expect(none.code == 64)
        #expect(none.stderr.contains("--project or --tag"))
    }

    @Test func icsExportIsValidICalendar() throws {
        let r = try history()
        defer { r.cleanup() }
        let result = r.run(["export", "ics", "-o", "visits.ics"])
        #expect(result.code == 0, "\(result.stderr)")
        let bytes = try #require(FileManager.default.contents(atPath: r.path("visits.ics")))
        r.expectGolden(String(decoding: bytes, as: UTF8.self), "export.ics")
        // A second export gives the same UIDs, so calendar programs update instead of duplicating.
        #expect(r.run(["export", "ics"]).stdout == String(decoding: bytes, as: UTF8.self))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", HuifangRunner.testsFolder + "/../../scripts/validate_ics.py", r.path("visits.ics")]
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "validate_ics.py failed (needs icalendar: bash .ci/run installs it in .build/ci-venv): \(e)")
        #expect(o.hasSuffix("events, 0 problems\n"))
    }
}
