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
}
