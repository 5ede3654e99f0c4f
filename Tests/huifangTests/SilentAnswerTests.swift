import Foundation
import Testing

/// Silent wrong answers left by the first attack trial (see AttackTests): each test is the
/// attack, reproduced, and what huifang does instead (refuse with the reason, or answer with
/// a warning that travels with the output).
@Suite struct SilentAnswerTests {
    func visitFile(_ r: HuifangRunner, _ project: String, _ datePrefix: String) throws -> String {
        let folder = "projects/\(project)/visits"
        let names = try FileManager.default.contentsOfDirectory(atPath: r.path(folder)).sorted()
        return folder + "/" + (try #require(names.first { $0.hasPrefix(datePrefix) && $0.hasSuffix(".yaml") }))
    }

    /// The 1-based line of the first line of `text` that starts with `prefix`.
    func line(_ text: String, _ prefix: String) throws -> Int {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return try #require(lines.firstIndex { $0.hasPrefix(prefix) }) + 1
    }

    // MARK: Numbers not plainly written

    /// `nps: 010` read as 10 (a YAML 1.1 reader reads 8), `+9` as 9: a value that a person did
    /// not plainly write as a number is refused with its place, by both decoders; forms that
    /// were refused already (`9.0`, `0x9`, `1e1`) still are.
    @Test(.englishMessages) func aScoreWithALeadingZeroOrSignIsRefusedWithItsPlace() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let path = try visitFile(r, "acme-erp", "2026-02-14-")
        let text = try #require(r.read(path))
        try #require(text.contains("nps: 9\n") && text.contains("scores: {quality: 4, "))
        let npsLine = try line(text, "nps:")
        for (written, plain) in [("010", "10"), ("+9", "9"), ("09", "9"), ("-0", "0")] {
            try r.write(path, text.replacingOccurrences(of: "nps: 9\n", with: "nps: \(written)\n"))
            for cache in [[], ["--no-cache"]] {
                let report = r.run(cache + ["report", "summary", "--period", "2026Q1", "--format", "json"])
                #expect(report.code == 65, "\(written): \(report.stdout)")
                #expect(report.stderr.contains("\(path):\(npsLine):6: error: 'nps' must be written as plain digits, found '\(written)'"),
                        "\(written): \(report.stderr)")
                #expect(report.stderr.contains("write \(plain)"), "\(report.stderr)")
            }
            let check = r.run(["check", "--format", "json"])
            #expect(check.code == 1 && check.stdout.contains("\"code\": \"number-form\""), "\(check.stdout)")
        }
        for written in ["9.0", "0x9", "1e1", "1_0"] {
            try r.write(path, text.replacingOccurrences(of: "nps: 9\n", with: "nps: \(written)\n"))
            let check = r.run(["check"])
            #expect(check.code == 1)
            #expect(check.stdout.contains("\(path):\(npsLine):6: error: 'nps' must be a whole number, found '\(written)'"), "\(check.stdout)")
        }
        // Scores per dimension too.
        let scoreLine = try line(text, "scores:")
        try r.write(path, text.replacingOccurrences(of: "scores: {quality: 4, ", with: "scores: {quality: 04, "))
        let check = r.run(["check"])
        #expect(check.code == 1)
        #expect(check.stdout.contains("\(path):\(scoreLine):19: error: 'scores.quality' must be written as plain digits, found '04'"),
                "\(check.stdout)")
        // In Chinese, through the catalogue.
        let zh = r.run(["status"], env: ["HUIFANG_LANG": "zh"])
        #expect(zh.stdout.contains("必须只用数字书写") || zh.stderr.contains("必须只用数字书写"), "\(zh.stdout)\(zh.stderr)")
        // Written plainly, it reads.
        try r.write(path, text)
        #expect(r.run(["check"]).code == 0)
    }

    // MARK: An issue due before it was raised

    /// `due:` before `raised:` (typed by hand) was a check error only: status, due, the
    /// listings and the reports counted the issue overdue from the day it was raised without
    /// a word. Every command that reads the records now says so, and reports carry it.
    @Test(.englishMessages) func anIssueDueBeforeItWasRaisedIsSaidByEveryCommand() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let added = r.run(["issue", "add", "acme-erp", "--title", "报表导出超时", "--category", "technical", "--severity", "general"])
        try #require(added.code == 0, "\(added.stderr)")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: r.path("projects/acme-erp/issues")).first)
        let path = "projects/acme-erp/issues/" + name
        let text = try #require(r.read(path))
        try #require(text.contains("raised: 2026-11-24\n") && text.contains("due: 2026-12-08\n"))
        try r.write(path, text.replacingOccurrences(of: "due: 2026-12-08\n", with: "due: 2025-12-08\n"))
        let warning = "\(path): due 2025-12-08 is before raised 2026-11-24: the issue is counted with that deadline"
        for args in [["status"], ["due"], ["issue", "list"], ["issue", "show", String(name.dropLast(5))], ["project", "show", "acme-erp"],
                     ["report", "summary", "--period", "2026Q4"], ["export", "ics", "-o", "-"]] {
            let out = r.run(args)
            #expect(out.code == 0, "\(args): \(out.stderr)")
            #expect(out.stderr.contains("warning: " + warning), "\(args): \(out.stderr)")
        }
        let json = r.run(["report", "summary", "--period", "2026Q4", "--format", "json"])
        #expect(json.stdout.contains(warning), "\(json.stdout)")
        let md = r.run(["report", "summary", "--period", "2026Q4"])
        #expect(md.stdout.contains("> **Warning:** " + warning), "\(md.stdout)")
        #expect(r.run(["check"]).stdout.contains("error: due 2025-12-08 is before raised 2026-11-24"))
        let zh = r.run(["due"], env: ["HUIFANG_LANG": "zh"])
        #expect(zh.stderr.contains("期限 2025-12-08 早于提出日期 2026-11-24"), "\(zh.stderr)")
        // As huifang wrote it: nothing to say.
        try r.write(path, text)
        #expect(!r.run(["due"]).stderr.contains("is before raised"))
    }

    // MARK: Records dated after today

    /// A visit dated 2027 when it is 2026 (a year typed wrong by hand): the reports of its
    /// period counted it and warned, but `check` said nothing. It now warns at each visit,
    /// issue and risk dated after the as-of day, as the reports do (the exit code stays 0).
    @Test(.englishMessages) func checkWarnsAboutRecordsDatedAfterToday() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let clean = r.run(["check"])
        #expect(clean.code == 0 && !clean.stdout.contains("after today"), "\(clean.stdout)")
        let path = try visitFile(r, "beta-mes", "2026-07-28-")
        let text = try #require(r.read(path))
        let moved = path.replacingOccurrences(of: "2026-07-28-", with: "2027-07-28-")
        try FileManager.default.moveItem(atPath: r.path(path), toPath: r.path(moved))
        try r.write(moved, text.replacingOccurrences(of: "date: 2026-07-28", with: "date: 2027-07-28"))
        let added = r.run(["issue", "add", "acme-erp", "--title", "报表导出超时", "--category", "technical", "--severity", "general"])
        try #require(added.code == 0, "\(added.stderr)")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: r.path("projects/acme-erp/issues")).first)
        let issue = "projects/acme-erp/issues/" + name
        let issueText = try #require(r.read(issue))
        try r.write(issue, issueText.replacingOccurrences(of: "raised: 2026-11-24", with: "raised: 2026-12-24")
            .replacingOccurrences(of: "due: 2026-12-08", with: "due: 2027-01-08")
            .replacingOccurrences(of: "at: 2026-11-24", with: "at: 2026-12-24"))
        let check = r.run(["check"])
        #expect(check.code == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("\(moved):1:1: warning: 'date: 2027-07-28' is after today (2026-11-24): the reports of its period count the record as if it had happened"),
                "\(check.stdout)")
        #expect(check.stdout.contains("\(issue):1:1: warning: 'raised: 2026-12-24' is after today (2026-11-24)"), "\(check.stdout)")
        #expect(check.stdout.contains("use --as-of DATE"), "\(check.stdout)")
        let json = r.run(["check", "--format", "json"])
        #expect(json.stdout.contains("\"code\": \"dated-after-today\""), "\(json.stdout)")
        // As of a later day, nothing to say.
        let later = r.run(["check", "--as-of", "2027-08-01"])
        #expect(!later.stdout.contains("after today"), "\(later.stdout)")
        let zh = r.run(["check"], env: ["HUIFANG_LANG": "zh"])
        #expect(zh.stdout.contains("'date: 2027-07-28' 晚于今天（2026-11-24）"), "\(zh.stdout)")
    }

    // MARK: A calendar year entered in part

    /// `calendar add-holiday` for one day of 2027 made all of 2027 "covered": every deadline in
    /// it was counted without the rest of its holidays and without a word. The year a command
    /// starts is now `partial:` until `calendar complete` declares it whole; until then every
    /// command and report that reaches it warns, and says how to end it.
    @Test(.englishMessages) func aCalendarYearEnteredInPartIsNotCoveredUntilDeclaredComplete() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let added = r.run(["calendar", "add-holiday", "2027-01-01", "--name", "元旦"])
        #expect(added.code == 0, "\(added.stderr)")
        #expect(added.stdout.contains("2027 is entered in part ('partial:' in calendars/cn.yaml)"), "\(added.stdout)")
        let calendar = try #require(r.read("calendars/cn.yaml"))
        #expect(calendar.contains("\npartial: [2027]\n") && calendar.contains("  2027-01-01: 元旦\n"), "\(calendar.suffix(300))")
        let partial = "2027 is entered in part ('partial:' in a calendar file): its working days are counted with only the public holidays"
        let json = r.run(["report", "summary", "--period", "2027Q1", "--format", "json"], today: "2027-01-20")
        #expect(json.code == 0, "\(json.stderr)")
        #expect(json.stdout.contains(partial), "\(json.stdout)")
        let md = r.run(["report", "summary", "--period", "2027Q1"], today: "2027-01-20")
        #expect(md.stdout.contains("> **Warning:** " + partial), "\(md.stdout)")
        let check = r.run(["check"], today: "2027-01-20")
        #expect(check.code == 0, "\(check.stdout)")
        #expect(check.stdout.contains("huifang.yaml:1:1: warning: " + partial), "\(check.stdout)")
        #expect(check.stdout.contains("'huifang calendar complete 2027'"), "\(check.stdout)")
        let show = r.run(["calendar", "show", "2027"])
        #expect(show.stdout.contains("entered in part ('partial:'): 1 holiday"), "\(show.stdout)")
        // Another day of the same year keeps it partial (no second mark).
        #expect(r.run(["calendar", "add-holiday", "2027-02-10..2027-02-12", "--name", "春节"]).code == 0)
        #expect(r.read("calendars/cn.yaml")?.components(separatedBy: "partial:").count == 2)
        // A year with no day at all cannot be declared complete; 2027 can.
        let empty = r.run(["calendar", "complete", "2031"])
        #expect(empty.code == 64)
        #expect(empty.stderr.contains("2031 has no holiday or make-up working day in any calendar file"), "\(empty.stderr)")
        let before = r.snapshot()
        let complete = r.run(["calendar", "complete", "2027"])
        #expect(complete.code == 0, "\(complete.stderr)")
        // 4 holiday days against 22-33 in the other years: declared complete as it is, under years:.
        #expect(complete.stdout.contains("2027 lists 4 holiday days, other years 22-33: declared complete as entered"), "\(complete.stdout)")
        #expect(r.read("calendars/cn.yaml") == calendar.replacingOccurrences(of: "partial: [2027]\n", with: "years: [2027]\n")
            .replacingOccurrences(of: "  2027-01-01: 元旦\n", with: "  2027-01-01: 元旦\n  2027-02-10: 春节\n  2027-02-11: 春节\n  2027-02-12: 春节\n"))
        #expect(r.snapshot() != before)
        let after = r.run(["report", "summary", "--period", "2027Q1", "--format", "json"], today: "2027-01-20")
        #expect(!after.stdout.contains("2027") || !after.stdout.contains("entered in part"), "\(after.stdout)")
        #expect(!after.stderr.contains("calendar"), "\(after.stderr)")
        #expect(r.run(["calendar", "complete", "2027"]).stdout.contains("2027 is already complete"))
        // In Chinese, through the catalogue.
        #expect(r.run(["calendar", "add-holiday", "2028-01-01", "--name", "元旦"]).code == 0)
        let zh = r.run(["plan", "2028"], env: ["HUIFANG_LANG": "zh"])
        #expect(zh.stderr.contains("2028 年只录入了一部分"), "\(zh.stderr)")
    }

    // MARK: Warnings in CSV and iCalendar files

    /// CSV and iCalendar exports said what they lacked (records left out, a year without
    /// calendar data) on standard error only: the file read later carried no sign. CSV now
    /// gains a last column "warnings" whose first row holds them (a comment line would break
    /// CSV readers); iCalendar says them in the calendar's description and X-HUIFANG-WARNING.
    @Test(.englishMessages) func csvAndICalendarFilesCarryTheirWarnings() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        // Without warnings the files are as before: no extra column, no description.
        let plain = r.run(["due", "--format", "csv"])
        #expect(plain.code == 0 && !plain.stdout.contains("warnings"), "\(plain.stdout)")
        let plainICS = r.run(["export", "ics"])
        #expect(!plainICS.stdout.contains("X-WR-CALDESC") && !plainICS.stdout.contains("X-HUIFANG-WARNING"))

        // A record that cannot be read, left out with --ignore-invalid.
        let path = try visitFile(r, "acme-erp", "2026-05-20-")
        let original = try #require(r.read(path))
        try r.write(path, "id: [\n")
        let left = "left out 1 record that could not be read (\(path))"
        let due = r.run(["--ignore-invalid", "due", "--format", "csv", "-o", "due.csv"])
        #expect(due.code == 0, "\(due.stderr)")
        let dueCSV = try #require(r.read("due.csv"))
        let lines = dueCSV.components(separatedBy: "\r\n")
        #expect(lines[0].hasSuffix(",warnings"), "\(dueCSV)")
        #expect(lines.count > 2 && lines[1].contains(left), "\(dueCSV)")
        // Every row has the same number of cells (the rows below the first have an empty one).
        let counts = try csvRows(dueCSV).map(\.count)
        #expect(Set(counts).count == 1, "\(counts)")
        #expect(try csvRows(dueCSV)[1].last?.hasPrefix(left) == true)

        let report = r.run(["--ignore-invalid", "report", "summary", "--period", "2026Q2", "--format", "csv"])
        #expect(report.code == 0, "\(report.stderr)")
        #expect(report.stdout.components(separatedBy: "\r\n")[0].hasSuffix(",warnings"), "\(report.stdout)")
        #expect(report.stdout.contains(left), "\(report.stdout)")

        let ics = r.run(["--ignore-invalid", "export", "ics", "-o", "due.ics"])
        #expect(ics.code == 0, "\(ics.stderr)")
        let icsText = try #require(r.read("due.ics"))
        let unfolded = icsText.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("\r\nX-WR-CALDESC:" + left), "\(icsText)")
        #expect(unfolded.contains("\r\nX-HUIFANG-WARNING:" + left), "\(icsText)")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", HuifangRunner.testsFolder + "/../../scripts/validate_ics.py", r.path("due.ics")]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        let watch = HuifangRunner.watch(p, "validate_ics.py")
        p.waitUntilExit()
        watch.cancel()
        #expect(p.terminationStatus == 0, "validate_ics.py failed on \(icsText)")

        // A year without calendar data that the listing's deadlines reach goes into the file too.
        try r.write(path, original)
        let issue = r.run(["issue", "add", "acme-erp", "--title", "报表导出超时", "--category", "technical", "--severity", "general"],
                          today: "2026-12-20")
        try #require(issue.code == 0, "\(issue.stderr)")
        let late = r.run(["due", "--within", "120d", "--format", "csv"], today: "2026-12-20")
        #expect(late.code == 0)
        #expect(late.stdout.components(separatedBy: "\r\n")[0].hasSuffix(",warnings"), "\(late.stdout)")
        #expect(late.stdout.contains("no calendar file covers 2027"), "\(late.stdout)")
        #expect(late.stderr.components(separatedBy: "no calendar file covers 2027").count == 2, "said once: \(late.stderr)")
        let lateICS = r.run(["export", "ics", "--within", "120d"], today: "2026-12-20")
        #expect(lateICS.stdout.replacingOccurrences(of: "\r\n ", with: "").contains("X-HUIFANG-WARNING:no calendar file covers 2027"),
                "\(lateICS.stdout)")
        // In Chinese, the column's title too.
        let zh = r.run(["due", "--within", "120d", "--format", "csv"], env: ["HUIFANG_LANG": "zh"], today: "2026-12-20")
        #expect(zh.stdout.components(separatedBy: "\r\n")[0].hasSuffix(",警告"), "\(zh.stdout)")
    }

    /// The rows of RFC 4180 text, quotes and line breaks inside fields handled.
    func csvRows(_ text: String) throws -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" {
                        field.append("\"")
                        chars.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field)
                field = ""
            } else if c == "\r\n" {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.append(c)
            }
        }
        return rows
    }

    // MARK: A visit file moved into another project's folder

    /// Records name their project by their folder alone: a visit file moved into another
    /// project's `visits/` counted for that project (its schedule, satisfaction, KPIs) while
    /// the issues raised in it counted for their own, and only check said anything. Every
    /// command that reads the records now says so (and reports carry it).
    @Test(.englishMessages) func aVisitMovedIntoAnotherProjectsFolderIsSaidByEveryCommand() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let path = try visitFile(r, "acme-erp", "2026-05-20-")
        let vid = String(path.split(separator: "/").last!.dropFirst(11).dropLast(5))
        let added = r.run(["issue", "add", "acme-erp", "--title", "报表导出超时", "--category", "technical", "--severity", "general",
                           "--visit", vid])
        try #require(added.code == 0, "\(added.stderr)")
        let issue = "projects/acme-erp/issues/" + (try #require(try FileManager.default.contentsOfDirectory(atPath: r.path("projects/acme-erp/issues")).first))
        #expect(!r.run(["due"]).stderr.contains("another project's folder"))
        let moved = path.replacingOccurrences(of: "projects/acme-erp/", with: "projects/beta-mes/")
        try FileManager.default.moveItem(atPath: r.path(path), toPath: r.path(moved))
        let warning = "\(issue) was raised in visit \(vid), whose file lies in another project's folder (\(moved)): "
            + "the visit counts for beta-mes (its schedule and figures), the issue for acme-erp"
        for args in [["status"], ["due"], ["issue", "list"], ["project", "show", "beta-mes"], ["report", "summary", "--period", "2026Q2"]] {
            let out = r.run(args)
            #expect(out.code == 0, "\(args): \(out.stderr)")
            #expect(out.stderr.contains("warning: " + warning), "\(args): \(out.stderr)")
        }
        let json = r.run(["report", "summary", "--period", "2026Q2", "--format", "json"])
        #expect(json.stdout.contains(warning), "\(json.stdout)")
        let check = r.run(["check"])
        #expect(check.code == 1 && check.stdout.contains("error: visit '\(vid)' belongs to project 'beta-mes', not 'acme-erp'"), "\(check.stdout)")
        let zh = r.run(["due"], env: ["HUIFANG_LANG": "zh"])
        #expect(zh.stderr.contains("位于另一个项目的文件夹中"), "\(zh.stderr)")
        // Moved back: nothing to say.
        try FileManager.default.moveItem(atPath: r.path(moved), toPath: r.path(path))
        #expect(!r.run(["due"]).stderr.contains("another project's folder"))
    }
}
