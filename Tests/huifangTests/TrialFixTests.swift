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

    @Test func aNewVisitDateIsRefusedWhenTheFolderThereExists() throws {
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
    @Test func dueAndICSWarnAboutTheYearOfADeadlineTheyShow() throws {
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
}
