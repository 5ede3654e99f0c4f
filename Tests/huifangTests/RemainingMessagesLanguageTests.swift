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

    @Test func argumentAndCommandRefusalsInChinese() throws {
        let r = try repository()
        defer { r.cleanup() }
        let within = r.run(["--lang", "zh", "due", "--within", "5x"])
        #expect(within.code == 64)
        #expect(within.stderr.contains("'5x' 不是时长，应写作如 '1m'、'10wd'、'2w'、'30d' 或 '1y'"), "\(within.stderr)")
        let period = r.run(["--lang", "zh", "visit", "list", "--period", "2026Q9"])
        #expect(period.code == 64)
        #expect(period.stderr.contains("'2026Q9' 不是期间：应为月（2026-03）"), "\(period.stderr)")
        let lang = r.run(["status"], env: ["HUIFANG_LANG": "fr"])
        #expect(lang.code == 64)
        #expect(lang.stderr.contains("'HUIFANG_LANG=fr' 不是 huifang 会说的语言"), "\(lang.stderr)")
        #expect(r.run(["plan", "2026"]).code == 0)
        let before = r.snapshot()
        let again = r.run(["plan", "2026"])
        #expect(again.code == 64)
        #expect(again.stderr == "huifang: 错误：plans/2026.yaml 已存在\n提示：请在 git 中查看它，或用 '--force' 重新写出\n", "\(again.stderr)")
        let measure = r.run(["improve", "add", "--title", "x"])
        #expect(measure.code == 64)
        #expect(measure.stderr.hasPrefix("huifang: 错误：改进措施需要 '--title'"), "\(measure.stderr)")
        let show = r.run(["project", "show", "acme-erp", "--format", "csv"])
        #expect(show.code == 64)
        #expect(show.stderr.contains("'project show' 只输出表格或 'json'，不输出 csv"), "\(show.stderr)")
        #expect(r.snapshot() == before)
    }

    @Test func aDuplicateTitleWarnsInTheRepositoryLanguage() throws {
        let r = try repository()
        defer { r.cleanup() }
        let issue = ["issue", "add", "acme-erp", "--title", "报表导出失败", "--severity", "minor", "--category", "technical"]
        let first = r.run(issue)
        try #require(first.code == 0, "\(first.stderr)")
        let second = r.run(issue)
        #expect(second.code == 0)
        #expect(second.stderr.contains("警告：acme-erp 的未关闭问题 i-"), "\(second.stderr)")
        #expect(second.stderr.contains("标题相同：是否重复？"), "\(second.stderr)")
        let third = r.run(["--lang", "en"] + issue)
        #expect(third.code == 0)
        #expect(third.stderr.contains("warning: open issue i-"), "\(third.stderr)")
        #expect(third.stderr.contains("has the same title: a duplicate? (if so: huifang issue withdraw i-"), "\(third.stderr)")
    }

    @Test func argumentRefusalsInEnglishWhenAsked() throws {
        let r = try repository()
        defer { r.cleanup() }
        let within = r.run(["--lang", "en", "due", "--within", "5x"])
        #expect(within.code == 64)
        #expect(within.stderr.contains("'5x' is not a duration such as 1m, 10wd, 2w, 30d or 1y"), "\(within.stderr)")
        let again = r.run(["--lang", "en", "plan", "2026"])
        #expect(again.code == 0)
        let refused = r.run(["--lang", "en", "plan", "2026"])
        #expect(refused.code == 64)
        #expect(refused.stderr == "huifang: error: plans/2026.yaml already exists\nhint: review it in git, or use --force to write it again\n", "\(refused.stderr)")
    }

    /// A refused update (the store's typed failure) is said in the repository's language.
    @Test func aRefusedWriteIsSaidInChinese() throws {
        let r = try HuifangRunner.withRepository()
        defer { r.cleanup() }
        let outside = HuifangRunner()
        defer { outside.cleanup() }
        try? FileManager.default.removeItem(atPath: r.path("projects"))
        try FileManager.default.createSymbolicLink(atPath: r.path("projects"), withDestinationPath: outside.dir)
        let add = r.run(["project", "add", "acme-erp", "--name", "A", "--customer", "C", "--department", "east", "--owner", "张伟",
                         "--tier", "standard", "--accepted", "2026-01-15"])
        #expect(add.code == 65, "\(add.stderr)")
        #expect(add.stderr == "huifang: 错误：无法写入 projects/acme-erp/project.yaml：它所在的文件夹经符号链接通向仓库之外（\(outside.dir)）\n"
                + "提示：未写入任何内容；请把该链接换成仓库内的文件夹（见 'huifang check'）\n", "\(add.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.dir).isEmpty)
    }
}
