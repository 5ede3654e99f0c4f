import Foundation
import Testing

/// Calendar files: a broken one stops the commands that count working days, a year without
/// data is never silent, and `huifang calendar` shows and enters a year's arrangement.
@Suite struct CalendarCommandTests {
    static let generalIssue = generalIssue("接口超时")

    /// Each issue of a test gets its own title: two open issues with one title are a warning.
    static func generalIssue(_ title: String) -> [String] {
        ["issue", "add", "acme-erp", "--title", title, "--category", "technical", "--severity", "general"]
    }

    /// A repository with one accepted project.
    func repository() throws -> HuifangRunner {
        let r = try HuifangRunner.withRepository()
        let add = r.run(["project", "add", "acme-erp", "--name", "ACME ERP", "--customer", "某某制造", "--department", "east",
                         "--owner", "张伟", "--tier", "standard", "--accepted", "2026-01-15"])
        try #require(add.code == 0, "\(add.stderr)")
        return r
    }

    func replace(_ r: HuifangRunner, _ file: String, _ old: String, _ new: String) throws {
        let text = try #require(r.read(file))
        try #require(text.contains(old))
        try r.write(file, text.replacingOccurrences(of: old, with: new))
    }

    // MARK: a missing or invalid calendar file

    @Test(.englishMessages) func aMisspelledCalendarFileStopsEveryWorkingDayCommand() throws {
        let r = try repository()
        defer { r.cleanup() }
        try replace(r, "huifang.yaml", "files: [calendars/cn.yaml]", "files: [calendars/cn.yml]")
        let before = r.snapshot()
        // Before: the deadline was saved as 2026-10-07 (true: 2026-10-14), counted over National Day's week.
        let add = r.run(["--as-of", "2026-09-23"] + Self.generalIssue)
        #expect(add.code == 65)
        #expect(add.stderr.contains("calendar file 'calendars/cn.yml' is missing"), "\(add.stderr)")
        #expect(r.snapshot() == before)
        for args in [["status"], ["due"], ["plan", "2027"], ["report", "summary", "--period", "2026Q3"], ["export", "ics"],
                     ["calendar", "show"], ["calendar", "add-holiday", "2027-01-01", "--name", "元旦"]] {
            let result = r.run(args)
            #expect(result.code == 65, "\(args)")
            #expect(result.stderr.contains("'calendars/cn.yml' is missing"), "\(args): \(result.stderr)")
            #expect(!result.stderr.contains("holidays and make-up"), "\(args) blamed a year instead of the file: \(result.stderr)")
        }
        #expect(r.snapshot() == before)
        let check = r.run(["check"])
        #expect(check.code == 1)
        #expect(check.stdout.contains("huifang.yaml:1:1: error: calendar file 'calendars/cn.yml' does not exist"))
    }

    @Test(.englishMessages) func aSyntaxErrorInTheCalendarStopsEveryWorkingDayCommand() throws {
        let r = try repository()
        defer { r.cleanup() }
        let calendar = try #require(r.read("calendars/cn.yaml"))
        try r.write("calendars/cn.yaml", calendar + "  2027-01-01: [元旦\n")
        let before = r.snapshot()
        let add = r.run(["--as-of", "2026-09-30"] + Self.generalIssue)
        #expect(add.code == 65)
        #expect(add.stderr.hasPrefix("calendars/cn.yaml:7"), "\(add.stderr)")
        #expect(add.stderr.contains(": error: did not find expected"), "\(add.stderr)")
        #expect(add.stderr.contains("calendar file 'calendars/cn.yaml' is invalid"), "\(add.stderr)")
        let status = r.run(["status"])
        #expect(status.code == 65)
        #expect(status.stderr.contains("'calendars/cn.yaml' is invalid"))
        #expect(r.snapshot() == before)

        // A date that is not real is as bad as broken YAML.
        try r.write("calendars/cn.yaml", calendar.replacingOccurrences(of: "  2026-10-07: 国庆节", with: "  2026-10-77: 国庆节"))
        let again = r.run(["--as-of", "2026-09-30"] + Self.generalIssue)
        #expect(again.code == 65)
        #expect(again.stderr.contains("'2026-10-77' is not a real date"), "\(again.stderr)")
        #expect(r.run(["check"]).code == 1)

        // So is a misspelt section, whose days would be ignored; a note beside the sections is fine.
        try r.write("calendars/cn.yaml", calendar.replacingOccurrences(of: "\nworkdays:\n", with: "\nworkday:\n")
            + "source: 国务院办公厅通知\n")
        let misspelt = r.run(["--as-of", "2026-09-30"] + Self.generalIssue)
        #expect(misspelt.code == 65)
        #expect(misspelt.stderr.contains(": error: 'workday' is not a section of a calendar file"), "\(misspelt.stderr)")
        #expect(!misspelt.stderr.contains("'source'"))
        #expect(r.snapshot().count == before.count)
    }

    @Test func aWholeCalendarGivesTheTrueDeadline() throws {
        let r = try repository()
        defer { r.cleanup() }
        let add = r.run(["--lang", "en", "--as-of", "2026-09-23"] + Self.generalIssue)
        #expect(add.code == 0)
        // Over 中秋节 (Friday 2026-09-25), National Day's week and its make-up Saturday 2026-10-10.
        #expect(add.stdout.contains("deadline:   2026-10-14 (10 working days from 2026-09-23)"), "\(add.stdout)")
        #expect(add.stderr.isEmpty, "\(add.stderr)")
    }

    // MARK: a year without calendar data

    @Test(.englishMessages) func aDeadlineIn2027WithoutAndWithThe2027Calendar() throws {
        let r = try repository()
        defer { r.cleanup() }
        // Without 2027: Monday to Friday, with a warning that names the year, the file and the way out.
        let without = r.run(["--lang", "en", "--as-of", "2026-12-28"] + Self.generalIssue)
        #expect(without.code == 0)
        #expect(without.stdout.contains("deadline:   2027-01-11 (10 working days from 2026-12-28)"), "\(without.stdout)")
        #expect(without.stderr == """
            warning: no calendar file covers 2027: its working days are counted without public holidays and make-up working days \
            (calendar file read: calendars/cn.yaml)
              hint: once the State Council publishes the arrangement, enter it into calendars/cn.yaml with \
            'huifang calendar add-holiday 2027-MM-DD..2027-MM-DD --name NAME' and 'huifang calendar add-workday 2027-MM-DD --name NAME' \
            (see 'huifang calendar --help')

            """)
        // status says it at the top while the open issue's deadline lies in 2027; check warns on huifang.yaml.
        let status = r.run(["--lang", "en", "--as-of", "2026-12-28", "status"])
        #expect(status.stdout.hasPrefix("warning: no calendar file covers 2027:"), "\(status.stdout)")
        #expect(status.stderr.isEmpty)
        let check = r.run(["--as-of", "2026-12-28", "check"])
        #expect(check.code == 0)
        #expect(check.stdout.contains("huifang.yaml:1:1: warning: no calendar file covers 2027:"), "\(check.stdout)")
        #expect(check.stdout.contains("0 errors, 1 warning"))
        let json = r.run(["--as-of", "2026-12-28", "check", "--format", "json"]).stdout
        #expect(json.contains("\"warnings\": 1"), "\(json)")

        // Enter 2027's New Year: the deadline moves past it; the year is entered in part (one
        // festival of many), so deadlines in it still warn until it is declared complete.
        let holiday = r.run(["--lang", "en", "--as-of", "2026-12-28", "calendar", "add-holiday", "2027-01-01..2027-01-03", "--name", "元旦"])
        #expect(holiday.code == 0, "\(holiday.stderr)")
        #expect(holiday.stdout.hasPrefix("Added 3 holidays (元旦) to calendars/cn.yaml: 2027-01-01 fri, 2027-01-02 sat, 2027-01-03 sun\n"))
        #expect(holiday.stdout.contains("2027 is entered in part ('partial:' in calendars/cn.yaml)"), "\(holiday.stdout)")
        #expect(r.read("calendars/cn.yaml")?.contains("\npartial: [2027]\n") == true)
        let with = r.run(["--lang", "en", "--as-of", "2026-12-28"] + Self.generalIssue("报表导出失败"))
        #expect(with.code == 0)
        #expect(with.stdout.contains("deadline:   2027-01-12 (10 working days from 2026-12-28)"), "\(with.stdout)")
        #expect(with.stderr.hasPrefix("warning: 2027 is entered in part ('partial:' in a calendar file): its working days are counted with only"),
                "\(with.stderr)")
        #expect(with.stderr.contains("'huifang calendar complete 2027'"), "\(with.stderr)")
        // A make-up working day on Saturday 2027-01-09 counts again.
        let workday = r.run(["--lang", "en", "--as-of", "2026-12-28", "calendar", "add-workday", "2027-01-09", "--name", "元旦"])
        #expect(workday.code == 0, "\(workday.stderr)")
        let third = r.run(["--lang", "en", "--as-of", "2026-12-28"] + Self.generalIssue("登录缓慢"))
        #expect(third.stdout.contains("deadline:   2027-01-11 (10 working days from 2026-12-28)"), "\(third.stdout)")
        // Declared complete, nothing warns any more: as 3 holiday days are far fewer than the
        // other years' 22-33, it is declared as it is (years:), and said so.
        let complete = r.run(["--lang", "en", "--as-of", "2026-12-28", "calendar", "complete", "2027"])
        #expect(complete.code == 0, "\(complete.stderr)")
        #expect(complete.stdout.hasPrefix("2027 lists 3 holiday days, other years 22-33: declared complete as entered ('years: [2027]' in calendars/cn.yaml)"),
                "\(complete.stdout)")
        #expect(r.read("calendars/cn.yaml")?.contains("partial:") == false)
        let status2 = r.run(["--lang", "en", "--as-of", "2026-12-28", "status"])
        #expect(status2.stdout.hasPrefix("On 2026-12-28"), "\(status2.stdout)")
        let check2 = r.run(["--as-of", "2026-12-28", "check"])
        #expect(check2.stdout.hasPrefix("ok: "), "\(check2.stdout)")
        // The issue files hold the deadlines that were shown.
        let issues = try FileManager.default.contentsOfDirectory(atPath: r.path("projects/acme-erp/issues"))
        let dues = try issues.map { try #require(r.read("projects/acme-erp/issues/" + $0)) }
            .compactMap { $0.split(separator: "\n").first { $0.hasPrefix("due: ") } }.sorted()
        // Each calendar entry recounted the open deadlines it moved (holiday: 01-11 -> 01-12;
        // make-up Saturday: both 01-12 -> 01-11), so all three agree with the calendar now.
        #expect(holiday.stdout.contains(") recounted: 2027-01-11 -> 2027-01-12\n"), "\(holiday.stdout)")
        #expect(workday.stdout.components(separatedBy: ") recounted: 2027-01-12 -> 2027-01-11\n").count == 3, "\(workday.stdout)")
        #expect(dues == ["due: 2027-01-11", "due: 2027-01-11", "due: 2027-01-11"])
    }

    @Test(.englishMessages) func enteringAYearRecountsTheDeadlinesItMovesAndNoOther() throws {
        let r = try repository()
        defer { r.cleanup() }
        // Counted Monday to Friday before 2027 was entered.
        #expect(r.run(["--as-of", "2026-12-28", "--lang", "zh"] + Self.generalIssue("跨年问题")).stdout.contains("期限：     2027-01-11"))
        // One whose deadline a person set by hand, and one already resolved: neither is touched.
        #expect(r.run(["--as-of", "2026-12-28"] + Self.generalIssue("手工期限")).code == 0)
        #expect(r.run(["--as-of", "2026-12-28"] + Self.generalIssue("已解决")).code == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: r.path("projects/acme-erp/issues")).sorted()
        func file(_ title: String) throws -> String {
            try #require(files.first { (r.read("projects/acme-erp/issues/" + $0) ?? "").contains("title: " + title) })
        }
        let byHand = "projects/acme-erp/issues/" + (try file("手工期限"))
        try replace(r, byHand, "due: 2027-01-11", "due: 2027-01-15  # agreed with the customer")
        let resolvedID = String(try file("已解决").dropLast(5))
        #expect(r.run(["--as-of", "2026-12-29", "issue", "resolve", resolvedID, "--summary", "已处理"]).code == 0)
        let before = r.snapshot()

        let add = r.run(["--lang", "en", "--as-of", "2026-12-30", "calendar", "add-holiday", "2027-01-01..2027-01-03", "--name", "元旦"])
        #expect(add.code == 0, "\(add.stderr)")
        #expect(add.stdout.components(separatedBy: "recounted").count == 2, "only the open, huifang-counted one: \(add.stdout)")
        #expect(add.stdout.contains("(acme-erp: 跨年问题) recounted: 2027-01-11 -> 2027-01-12\n"))
        let moved = try #require(r.read("projects/acme-erp/issues/" + (try file("跨年问题"))))
        #expect(moved.contains("due: 2027-01-12\n"))
        #expect(moved.contains("action: note"), "the history says why: \(moved)")
        #expect(moved.contains("deadline recounted from 2027-01-11 to 2027-01-12"))
        #expect(r.read(byHand).map { Data($0.utf8) } == before[byHand], "a deadline set by hand stays as written")
        let resolvedPath = "projects/acme-erp/issues/" + (try file("已解决"))
        #expect(r.read(resolvedPath).map { Data($0.utf8) } == before[resolvedPath], "a resolved issue keeps the deadline it was judged by")
        #expect(r.run(["calendar", "complete", "2027"]).code == 0)
        #expect(r.run(["--as-of", "2026-12-30", "check"]).stdout.hasPrefix("ok: "))
    }

    @Test(.englishMessages) func planOfAYearWithoutCalendarWarns() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let plan = r.run(["plan", "2027"])
        #expect(plan.code == 0)
        #expect(plan.stderr.hasPrefix("warning: no calendar file covers 2027:"), "\(plan.stderr)")
        // The year entered (here declared by a second calendar file): no warning.
        try r.write("calendars/company.yaml", "# the company's own days\nyears: [2027]\n")
        try replace(r, "huifang.yaml", "files: [calendars/cn.yaml]", "files: [calendars/cn.yaml, calendars/company.yaml]")
        let again = r.run(["plan", "2027", "--force"])
        #expect(again.code == 0)
        #expect(again.stderr.isEmpty, "\(again.stderr)")
        #expect(r.run(["plan", "2026", "--force"]).stderr.isEmpty)
    }

    @Test(.englishMessages) func aReportWhosePeriodReachesAnUncoveredYearSaysSoInItself() throws {
        let r = try repository()
        defer { r.cleanup() }
        let json = r.run(["--as-of", "2027-01-20", "report", "summary", "--period", "2027Q1", "--format", "json"])
        #expect(json.code == 0)
        #expect(json.stdout.hasPrefix("{\n  \"warnings\": [\"no calendar file covers 2027:"), "\(json.stdout)")
        #expect(json.stderr.components(separatedBy: "no calendar file covers").count == 2, "said once: \(json.stderr)")
        let md = r.run(["--as-of", "2027-01-20", "report", "summary", "--period", "2027Q1", "--format", "md"])
        #expect(md.stdout.contains("no calendar file covers 2027"), "\(md.stdout)")
        let html = r.run(["--as-of", "2027-01-20", "report", "summary", "--period", "2027Q1", "--format", "html"])
        #expect(html.stdout.contains("no calendar file covers 2027"))
        // A period whose schedule stays in covered years: no note and nothing on stderr.
        let covered = r.run(["--as-of", "2027-01-20", "report", "summary", "--period", "2026Q2", "--format", "json"])
        #expect(covered.code == 0)
        #expect(!covered.stdout.contains("warnings"), "\(covered.stdout)")
        #expect(covered.stderr.isEmpty, "\(covered.stderr)")
        // The year entered in part: the note says so; declared complete: the note is gone.
        #expect(r.run(["calendar", "add-holiday", "2027-01-01..2027-01-03", "--name", "元旦"]).code == 0)
        let part = r.run(["--as-of", "2027-01-20", "report", "summary", "--period", "2027Q1", "--format", "json"])
        #expect(part.stdout.hasPrefix("{\n  \"warnings\": [\"2027 is entered in part"), "\(part.stdout)")
        #expect(!part.stdout.contains("enter the missing year"), "\(part.stdout)")
        #expect(r.run(["calendar", "complete", "2027"]).code == 0)
        let entered = r.run(["--as-of", "2027-01-20", "report", "summary", "--period", "2027Q1", "--format", "json"])
        #expect(!entered.stdout.contains("warnings"), "\(entered.stdout)")
        #expect(entered.stderr.isEmpty)
    }

    @Test(.englishMessages) func statusIsQuietWhileOpenWorkLiesInCoveredYears() throws {
        let r = try repository()
        defer { r.cleanup() }
        #expect(r.run(["--as-of", "2026-09-30"] + Self.generalIssue).code == 0)
        let status = r.run(["--lang", "en", "status"])
        #expect(status.stdout.hasPrefix("On 2026-11-24"), "\(status.stdout)")
        #expect(status.stderr.isEmpty)
        // In 2027 itself, today's year is not covered: status says so even without open items there.
        let later = r.run(["--as-of", "2027-02-01", "status"])
        #expect(later.stdout.hasPrefix("warning: no calendar file covers 2027:"), "\(later.stdout)")
    }

    // MARK: huifang calendar

    @Test func showListsAYearAsTableAndJSON() throws {
        let r = try repository()
        defer { r.cleanup() }
        let table = r.run(["calendar", "show", "2026"])
        #expect(table.code == 0)
        r.expectGolden(table.stdout, "calendar-show-2026.txt")
        r.expectGolden(r.run(["calendar", "show", "2026", "--lang", "en"]).stdout, "calendar-show-2026-en.txt")
        let json = r.run(["calendar", "show", "2026", "--format", "json"])
        r.expectGolden(json.stdout, "calendar-show-2026.json")
        // The default year is the as-of date's.
        #expect(r.run(["calendar", "show"]).stdout == table.stdout)
        let uncovered = r.run(["calendar", "show", "2028", "--format", "json"])
        #expect(uncovered.code == 0)
        #expect(uncovered.stdout.contains("\"covered\": false"))
        #expect(uncovered.stdout.contains("\"working_days\": 260"))
        #expect(uncovered.stderr.hasPrefix("警告：没有日历文件覆盖 2028 年："))
        #expect(r.run(["calendar", "show", "2028", "--lang", "en"]).stdout.hasPrefix("2028 (calendars/cn.yaml): not covered by any calendar file"))
        #expect(r.run(["calendar", "show", "12"]).code == 64)
    }

    @Test(.englishMessages) func aMakeUpDayOnAWeekdayIsRefused() throws {
        let r = try repository()
        defer { r.cleanup() }
        let before = r.snapshot()
        let monday = r.run(["calendar", "add-workday", "2027-01-04", "--name", "元旦"])
        #expect(monday.code == 64)
        #expect(monday.stderr.contains("2027-01-04 is a Monday, not a weekend day: it is a working day already"), "\(monday.stderr)")
        // A day that is already a holiday, or a holiday on a make-up day, contradicts the calendar.
        let clash = r.run(["calendar", "add-workday", "2026-10-03", "--name", "国庆节"])
        #expect(clash.code == 64)
        #expect(clash.stderr.contains("2026-10-03 is a holiday (国庆节)"))
        let clash2 = r.run(["calendar", "add-holiday", "2026-10-10", "--name", "国庆节"])
        #expect(clash2.code == 64)
        #expect(clash2.stderr.contains("2026-10-10 is a make-up working day (国庆节)"))
        // Ranges that make no sense, and a file that is not configured.
        #expect(r.run(["calendar", "add-holiday", "2027-01-03..2027-01-01", "--name", "元旦"]).code == 64)
        #expect(r.run(["calendar", "add-holiday", "2027-01-01..2027-03-01", "--name", "元旦"]).code == 64)
        #expect(r.run(["calendar", "add-workday", "2027-01-09..2027-01-10", "--name", "元旦"]).code == 64)
        #expect(r.run(["calendar", "add-holiday", "2027-02-30", "--name", "春节"]).code == 64)
        #expect(r.run(["calendar", "add-holiday", "2027-01-01", "--name", " "]).code == 64)
        let other = r.run(["calendar", "add-holiday", "2027-01-01", "--name", "元旦", "--file", "calendars/other.yaml"])
        #expect(other.code == 64)
        #expect(other.stderr.contains("not one of the calendar files"))
        #expect(r.snapshot() == before)
    }

    @Test(.englishMessages) func aHolidayRangeOnAWeekendOnlyWarns() throws {
        let r = try repository()
        defer { r.cleanup() }
        let result = r.run(["calendar", "add-holiday", "2027-01-02..2027-01-03", "--name", "元旦"])
        #expect(result.code == 0)
        #expect(result.stderr.hasPrefix("warning: 2027-01-02..2027-01-03 lies wholly on a weekend (sat/sun)"), "\(result.stderr)")
        #expect(r.read("calendars/cn.yaml")?.contains("  2026-10-07: 国庆节\n  2027-01-02: 元旦\n  2027-01-03: 元旦\nworkdays:\n") == true)
        // A range with a weekday in it says nothing.
        let week = r.run(["--lang", "en", "calendar", "add-holiday", "2027-01-01..2027-01-03", "--name", "元旦"])
        #expect(week.code == 0)
        #expect(week.stderr.isEmpty, "\(week.stderr)")
        #expect(week.stdout.hasPrefix("Added 1 holiday (元旦) to calendars/cn.yaml: 2027-01-01 fri\n  already listed: 2027-01-02, 2027-01-03\n"))
        // Entering the same again writes nothing.
        let before = r.snapshot()
        let same = r.run(["--lang", "en", "calendar", "add-holiday", "2027-01-01", "--name", "元旦"])
        #expect(same.code == 0)
        #expect(same.stdout.hasPrefix("Nothing to add"))
        #expect(r.snapshot() == before)
    }

    @Test func addingKeepsHandEditsAndWritesTheChosenFile() throws {
        let r = try repository()
        defer { r.cleanup() }
        let company = """
            # 公司自定的假日 (company days off)
            holidays:
              2027-01-04: 年会   # annual meeting

              2027-12-31: 年终   # year end
            workdays: {}
            extra: kept
            """ + "\n"
        try r.write("calendars/company.yaml", company)
        try replace(r, "huifang.yaml", "files: [calendars/cn.yaml]", "files: [calendars/cn.yaml, calendars/company.yaml]")
        let cn = r.read("calendars/cn.yaml")
        let add = r.run(["calendar", "add-holiday", "2027-06-01", "2027-01-05..2027-01-06", "--name", "公司日", "--file", "calendars/company.yaml"])
        #expect(add.code == 0, "\(add.stderr)")
        #expect(r.read("calendars/company.yaml") == """
            # 公司自定的假日 (company days off)
            holidays:
              2027-01-04: 年会   # annual meeting
              2027-01-05: 公司日
              2027-01-06: 公司日
              2027-06-01: 公司日

              2027-12-31: 年终   # year end
            workdays: {}
            extra: kept
            """ + "\n")
        #expect(r.read("calendars/cn.yaml") == cn)
        let workday = r.run(["calendar", "add-workday", "2027-01-09", "--name", "年会", "--file", "calendars/company.yaml"])
        #expect(workday.code == 0, "\(workday.stderr)")
        #expect(r.read("calendars/company.yaml")?.contains("workdays: {2027-01-09: 年会}\n") == true)
        #expect(r.run(["check"]).code == 0)
        // A file with nothing in it yet gains its section.
        try r.write("calendars/company.yaml", "# empty for now\n")
        #expect(r.run(["calendar", "add-workday", "2027-01-09", "--name", "年会", "--file", "calendars/company.yaml"]).code == 0)
        // 2027 is no longer covered (the company's days were its only entries): entered in part.
        #expect(r.read("calendars/company.yaml") == "# empty for now\npartial: [2027]\nworkdays:\n  2027-01-09: 年会\n")
    }

    @Test func aHeldLockStopsTheCalendarWriters() throws {
        let r = try repository()
        defer { r.cleanup() }
        let before = r.snapshot()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import fcntl,os,sys,time; os.makedirs('.huifang', exist_ok=True); f=open('.huifang/lock','a'); fcntl.flock(f, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(5)"]
        p.currentDirectoryURL = URL(fileURLWithPath: r.dir)
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        _ = out.fileHandleForReading.availableData
        let result = r.run(["calendar", "add-holiday", "2027-01-01", "--name", "元旦"], env: ["HUIFANG_LOCK_TIMEOUT": "1"])
        p.terminate()
        p.waitUntilExit()
        #expect(result.code == 75, "\(result.stderr)")
        #expect(r.snapshot() == before)
    }
}
