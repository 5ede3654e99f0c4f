import Foundation
import Testing

/// Defects a user trial of issue 14 found, end to end.
@Suite struct TrialFixTests {
    static let folder = "projects/acme-erp/visits/2026-05-20-v-b266f103"
    static let moved = "projects/acme-erp/visits/2026-05-19-v-b266f103"

    func attached() throws -> HuifangRunner {
        let r = try makeTourRepository()
        try r.write("in/photo.jpg", "jpeg bytes\n")
        let attach = r.run(["visit", "attach", "v-b266", "in/photo.jpg"])
        try #require(attach.code == 0, "\(attach.stderr)")
        return r
    }

    // D2: a visit's attachments move with it when its date changes.
    @Test func aNewVisitDateMovesTheAttachmentFolder() throws {
        let r = try attached()
        defer { r.cleanup() }
        let result = r.run(["visit", "amend", "v-b266", "--date", "2026-05-19"])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stdout.contains("  \(Self.folder)/ → \(Self.moved)/\n"), "\(result.stdout)")
        #expect(r.read(Self.moved + "/photo.jpg") == "jpeg bytes\n")
        #expect(r.read(Self.folder + "/photo.jpg") == nil)
        #expect(r.read(Self.folder + ".yaml") == nil)
        #expect(!FileManager.default.fileExists(atPath: r.path(Self.folder)))
        let check = r.run(["check"])
        #expect(check.code == 0, "\(check.stdout)\(check.stderr)")
        #expect(!r.run(["visit", "show", "v-b266"]).stdout.contains("[missing]"))

        // visit edit changing the date moves it too.
        try r.write(".editors/d.sh", "#!/bin/sh\nsed -i 's/^date: 2026-05-19/date: 2026-05-20/' \"$1\"\n")
        chmod(r.path(".editors/d.sh"), 0o755)
        let edit = r.run(["visit", "edit", "v-b266"], env: ["EDITOR": r.path(".editors/d.sh"), "VISUAL": ""])
        #expect(edit.code == 0, "\(edit.stderr)")
        #expect(r.read(Self.folder + "/photo.jpg") == "jpeg bytes\n")
        #expect(!FileManager.default.fileExists(atPath: r.path(Self.moved)))
        #expect(r.run(["check"]).code == 0)
    }

    @Test(.englishMessages) func aNewVisitDateIsRefusedWhenTheFolderThereExists() throws {
        let r = try attached()
        defer { r.cleanup() }
        try r.write(Self.moved + "/other.txt", "someone else's\n")
        let before = r.snapshot()
        let result = r.run(["visit", "amend", "v-b266", "--date", "2026-05-19"])
        #expect(result.code == 64)
        #expect(result.stderr.contains("\(Self.moved)/ already exists"), "\(result.stderr)")
        #expect(r.snapshot() == before, "nothing was written")
    }

    // D3: due and export ics show a stored deadline in a year without calendar data: they warn.
    @Test(.englishMessages) func dueAndICSWarnAboutTheYearOfADeadlineTheyShow() throws {
        let r = try HuifangRunner.withRepository()
        defer { r.cleanup() }
        let add = r.run(["project", "add", "acme-erp", "--name", "ACME ERP", "--customer", "某某制造", "--department", "east",
                         "--owner", "张伟", "--tier", "standard", "--accepted", "2026-01-15"])
        try #require(add.code == 0, "\(add.stderr)")
        let issue = r.run(["--as-of", "2026-12-28", "issue", "add", "acme-erp", "--title", "接口超时", "--category", "technical",
                           "--severity", "general"])
        try #require(issue.code == 0, "\(issue.stderr)")
        let due = r.run(["--as-of", "2026-12-29", "due"])
        #expect(due.code == 0)
        #expect(due.stdout.contains("2027-01-11"), "\(due.stdout)")
        #expect(due.stderr.hasPrefix("warning: no calendar file covers 2027:"), "\(due.stderr)")
        let ics = r.run(["--as-of", "2026-12-29", "export", "ics"])
        #expect(ics.code == 0)
        #expect(ics.stdout.contains("DTSTART;VALUE=DATE:20270111"), "\(ics.stdout)")
        #expect(ics.stderr.hasPrefix("warning: no calendar file covers 2027:"), "\(ics.stderr)")
        // What is not shown is not warned about.
        let overdue = r.run(["--as-of", "2026-12-29", "due", "--overdue"])
        #expect(!overdue.stderr.contains("2027"), "\(overdue.stderr)")
    }

    // D4: records after a retirement are written with a warning; a retirement before records is refused.
    @Test(.englishMessages) func recordsAfterRetirementAreWarnedAndAnEarlierRetirementRefused() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let retire = r.run(["project", "retire", "beta-mes", "--on", "2026-10-01", "--reason", "合同到期"])
        #expect(retire.code == 0, "\(retire.stderr)")
        #expect(retire.stderr.isEmpty, "no record is dated after 2026-10-01: \(retire.stderr)")
        let visit = r.run(["--as-of", "2026-11-20", "visit", "log", "beta-mes", "--method", "phone", "--summary", "善意回访"])
        #expect(visit.code == 0, "\(visit.stderr)")
        #expect(visit.stderr.contains("warning: project beta-mes was retired on 2026-10-01 (合同到期); visit v-"), "\(visit.stderr)")
        #expect(visit.stderr.contains("of 2026-11-20 is recorded, but nothing is scheduled after retirement"), "\(visit.stderr)")
        let issue = r.run(["--as-of", "2026-11-21", "issue", "add", "beta-mes", "--title", "投诉响应慢", "--category", "service",
                           "--severity", "minor", "--source", "complaint"])
        #expect(issue.code == 0, "\(issue.stderr)")
        #expect(issue.stderr.contains("warning: project beta-mes was retired on 2026-10-01 (合同到期); issue i-"), "\(issue.stderr)")
        #expect(issue.stderr.contains("nothing is scheduled after retirement"))
        // Before its retirement nothing is said.
        let early = r.run(["--as-of", "2026-11-22", "issue", "add", "acme-erp", "--title", "导出慢", "--category", "technical",
                           "--severity", "minor"])
        #expect(early.code == 0)
        #expect(!early.stderr.contains("retired"), "\(early.stderr)")

        // acme-erp has visits on 2026-05-20 and an issue of 2026-11-22: retiring it on 2026-05-01 is refused, naming them.
        let before = r.snapshot()
        let refused = r.run(["project", "retire", "acme-erp", "--on", "2026-05-01", "--reason", "客户停用"])
        #expect(refused.code == 64)
        #expect(refused.stderr.contains("cannot retire acme-erp on 2026-05-01: 2 records are dated after 2026-05-01: visit v-b266f103 (2026-05-20), issue i-"),
                "\(refused.stderr)")
        #expect(refused.stderr.contains("--force"))
        #expect(r.snapshot() == before, "nothing was written")
        let forced = r.run(["project", "retire", "acme-erp", "--on", "2026-05-01", "--reason", "客户停用", "--force"])
        #expect(forced.code == 0, "\(forced.stderr)")
        #expect(forced.stderr.contains("warning: retiring acme-erp on 2026-05-01 although 2 records are dated after 2026-05-01: visit v-b266f103"),
                "\(forced.stderr)")
        #expect(r.read("projects/acme-erp/project.yaml")?.contains("retired: {date: 2026-05-01") == true
                || r.read("projects/acme-erp/project.yaml")?.contains("date: 2026-05-01") == true)
    }

    // D5: a visit moved before the event it names is a warning of check.
    @Test(.englishMessages) func checkWarnsAboutAVisitDatedBeforeItsEvent() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let event = r.run(["--as-of", "2026-09-28", "event", "add", "2026-09-28", "--kind", "upgrade", "--title", "V3 大版本升级", "--tag", "erp"])
        try #require(event.code == 0, "\(event.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: r.path("events"))
        let eid = String(try #require(files.first { $0.hasSuffix(".yaml") }).dropLast(5))
        let log = r.run(["--lang", "en", "--as-of", "2026-10-09", "visit", "log", "acme-erp", "--event", eid, "--method", "phone", "--summary", "升级后回访"])
        try #require(log.code == 0, "\(log.stderr)")
        let first = r.run(["check"]).stdout
        #expect(!first.contains("cannot follow") && first.contains("0 errors, 1 warning in"), "the visit follows its event: \(first)")
        let vid = try #require(log.stdout.split(separator: " ").first { $0.hasPrefix("v-") }.map(String.init))
        let amend = r.run(["visit", "amend", vid, "--date", "2026-09-20"])
        #expect(amend.code == 0, "\(amend.stderr)")
        let check = r.run(["check"])
        #expect(check.stdout.contains("2026-09-20-\(vid).yaml:"), "\(check.stdout)")
        #expect(check.stdout.contains("warning: visit on 2026-09-20 names event '\(eid)' of 2026-09-28, which it cannot follow"), "\(check.stdout)")
        #expect(check.stdout.contains("0 errors, 1 warning in"), "\(check.stdout)")
    }

    // D6: a withdrawn issue takes no further changes, notes included; withdrawing one that an
    // improvement addresses names the improvement.
    @Test(.englishMessages) func aWithdrawnIssueTakesNoNoteAndItsImprovementIsNamed() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let add = r.run(["--as-of", "2026-11-20", "issue", "add", "acme-erp", "--title", "报表导出超时", "--category", "technical",
                         "--severity", "minor"])
        try #require(add.code == 0, "\(add.stderr)")
        let iid = String(try #require(try FileManager.default.contentsOfDirectory(atPath: r.path("projects/acme-erp/issues")).first).dropLast(5))
        let improve = r.run(["improve", "add", "--title", "报表服务异步化", "--addresses", iid, "--department", "tech",
                             "--owner", "刘强", "--due", "2026-12-31", "--expected-effect", "导出 10 万行 < 10 秒"])
        try #require(improve.code == 0, "\(improve.stderr)")
        let mid = String(try #require(try FileManager.default.contentsOfDirectory(atPath: r.path("improvements")).first).dropLast(5))
        let withdraw = r.run(["issue", "withdraw", iid, "--reason", "录错项目"])
        #expect(withdraw.code == 0, "\(withdraw.stderr)")
        #expect(withdraw.stderr.contains("warning: improvement \(mid) (报表服务异步化) addresses \(iid) and still lists it"), "\(withdraw.stderr)")
        #expect(withdraw.stderr.contains("remove '\(iid)' from 'addresses:' in improvements/\(mid).yaml"), "\(withdraw.stderr)")
        let before = r.snapshot()
        let note = r.run(["issue", "note", iid, "已联系客户"])
        #expect(note.code == 64)
        #expect(note.stderr.contains("issue \(iid) is withdrawn (logged by mistake); it takes no further changes"), "\(note.stderr)")
        #expect(r.snapshot() == before, "nothing was written")
    }

    // D7: one day is "1 day"; sizes that round alike are shown in bytes.
    @Test(.englishMessages) func oneDayIsSingularAndCloseSizesAreExact() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        // acme-erp's next periodic visit, logged (and exported) one day after it was due.
        let csv = r.run(["due", "--project", "acme-erp", "--within", "1y", "--format", "csv"]).stdout
        let line = try #require(csv.split(whereSeparator: \.isNewline).first { $0.contains("visit/periodic") }, "\(csv)")
        let due = String(line.prefix(10))
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        let next = f.string(from: try #require(f.date(from: due)).addingTimeInterval(86_400))
        let ics = r.run(["--as-of", next, "export", "ics", "--lang", "en"]).stdout
        #expect(ics.contains("Overdue: 1 day late on \(next)"), "\(ics)")
        let log = r.run(["--lang", "en", "--as-of", next, "visit", "log", "acme-erp", "--method", "phone", "--summary", "回访"])
        #expect(log.code == 0, "\(log.stderr)")
        #expect(log.stdout.contains("due \(due) (1 day overdue)"), "\(log.stdout)")

        // An issue resolved one day after its deadline.
        let add = r.run(["--as-of", "2026-11-20", "issue", "add", "beta-mes", "--title", "打印格式错乱", "--category", "quality",
                         "--severity", "minor"])
        try #require(add.code == 0, "\(add.stderr)")
        let file = "projects/beta-mes/issues/" + (try #require(try FileManager.default.contentsOfDirectory(atPath: r.path("projects/beta-mes/issues")).first))
        let text = try #require(r.read(file))
        try r.write(file, text.replacingOccurrences(of: #"due: \d{4}-\d{2}-\d{2}"#, with: "due: 2026-11-23", options: .regularExpression))
        let resolve = r.run(["--lang", "en", "issue", "resolve", String(file.dropFirst("projects/beta-mes/issues/".count).dropLast(5)), "--summary", "已修复"])
        #expect(resolve.code == 0, "\(resolve.stderr)")
        #expect(resolve.stdout.contains("late: 1 day after the deadline 2026-11-23"), "\(resolve.stdout)")

        // 1025 bytes over a 1 KB limit.
        let config = try #require(r.read("huifang.yaml"))
        try r.write("huifang.yaml", config.replacingOccurrences(of: "max_attachment_size: 10MB", with: "max_attachment_size: 1KB"))
        try r.write("in/k2.bin", String(repeating: "k", count: 1025))
        let big = r.run(["visit", "attach", "v-b266", "in/k2.bin"])
        #expect(big.code == 64)
        #expect(big.stderr.contains("'in/k2.bin' is 1025 B, over max_attachment_size (1024 B) in huifang.yaml"), "\(big.stderr)")
    }
}
