import Foundation
import Testing

/// The last refusals and warnings that were English literals (calendar, due, init, output
/// files, ...) are said in the repository's language: Chinese in a zh repository, English
/// when asked for, with the same exit codes.
@Suite struct RemainingMessagesLanguageTests {
    func repository() throws -> HuifangRunner {
        let r = try HuifangRunner.withRepository()
        let add = r.run(["project", "add", "acme-erp", "--name", "ACME ERP", "--customer", "某某制造", "--department", "east",
                         "--owner", "张伟", "--tier", "standard", "--accepted", "2026-01-15"])
        try #require(add.code == 0, "\(add.stderr)")
        return r
    }

    @Test func calendarRefusalsAndWarningsInChinese() throws {
        let r = try repository()
        defer { r.cleanup() }
        let monday = r.run(["calendar", "add-workday", "2027-01-04", "--name", "元旦"])
        #expect(monday.code == 64)
        #expect(monday.stderr == "huifang: 错误：2027-01-04 是星期一，不是周末：本来就是工作日\n提示：调休上班日是要上班的周末（sat/sun）；请核对日期\n",
                "\(monday.stderr)")
        let reversed = r.run(["calendar", "add-holiday", "2027-01-03..2027-01-01", "--name", "元旦"])
        #expect(reversed.code == 64)
        #expect(reversed.stderr.contains("'2027-01-03..2027-01-01'：2027-01-03 在 2027-01-01 之后"), "\(reversed.stderr)")
        let other = r.run(["calendar", "add-holiday", "2027-01-01", "--name", "元旦", "--file", "calendars/other.yaml"])
        #expect(other.code == 64)
        #expect(other.stderr.contains("不是 huifang.yaml 中的日历文件之一"), "\(other.stderr)")
        let weekend = r.run(["calendar", "add-holiday", "2027-01-02..2027-01-03", "--name", "元旦"])
        #expect(weekend.code == 0)
        #expect(weekend.stderr.hasPrefix("警告：2027-01-02..2027-01-03 全部落在周末（sat/sun）"), "\(weekend.stderr)")
        #expect(!weekend.stderr.contains("warning") && !weekend.stderr.contains("hint"), "\(weekend.stderr)")
    }

    @Test func calendarRefusalInEnglishWhenAsked() throws {
        let r = try repository()
        defer { r.cleanup() }
        let monday = r.run(["--lang", "en", "calendar", "add-workday", "2027-01-04", "--name", "元旦"])
        #expect(monday.code == 64)
        #expect(monday.stderr.contains("2027-01-04 is a Monday, not a weekend day: it is a working day already"), "\(monday.stderr)")
    }
}
