import Foundation
import Testing

/// The last sentences that were English literals in the commands (the visit editor's
/// problems, a repeated visit, -o paths, an unreadable record in `status`) and the arguments
/// the core parses (--date, --period, --within) speak the repository's language: Chinese in
/// a zh repository, English with --lang en, with the same exit codes.
@Suite struct LastEnglishTests {
    /// The English words of a zh message that are not ids, paths, dates, options or commands.
    static func english(_ text: String) -> [String] {
        // "huifang:" opens every error line; 'summary', 'date' name keys of the file, mkdir a command.
        LanguageTests.englishWords(text).filter { !$0.hasPrefix("--") && !["huifang", "mkdir", "summary", "date"].contains($0) }
    }

    func editor(_ r: HuifangRunner, _ name: String, _ body: String) throws -> String {
        let path = r.path(".editors/" + name)
        try r.write(".editors/" + name, "#!/bin/sh\n" + body + "\n")
        chmod(path, 0o755)
        return path
    }

    @Test func theVisitEditorsProblemsInChinese() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let ed = try editor(r, "late.sh", #"sed -i 's/^method: /method: phone/; s/^date: .*/date: 2026-11-30/' "$1""#)
        let result = r.run(["visit", "log", "beta", "--edit"], env: ["EDITOR": ed, "VISUAL": ""])
        #expect(result.code == 65)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("4:7: 日期 2026-11-30 晚于今天（2026-11-24）") }, "\(result.stderr)")
        #expect(lines.contains { $0.range(of: #"^\d+:\d+: 'summary' 为空：请填写回访内容$"#, options: .regularExpression) != nil }, "\(result.stderr)")
        #expect(Self.english(result.stderr).isEmpty, "\(Self.english(result.stderr)) in \(result.stderr)")
    }

    @Test func aRepeatedVisitIsRefusedInChineseAndInEnglish() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let again = ["visit", "log", "acme-erp", "--date", "2026-02-14", "--method", "phone", "--summary", "系统运行稳定，报表导出偏慢。"]
        let before = r.snapshot()
        let zh = r.run(again)
        #expect(zh.code == 64)
        #expect(zh.stderr.contains("同一次回访已经记录过：v-") && zh.stderr.contains("2026-02-14，电话，回访内容相同"), "\(zh.stderr)")
        #expect(zh.stderr.contains("如果确实是另一次回访，请加 '--force'"), "\(zh.stderr)")
        #expect(Self.english(zh.stderr).isEmpty, "\(Self.english(zh.stderr)) in \(zh.stderr)")
        let en = r.run(["--lang", "en"] + again)
        #expect(en.code == 64)
        #expect(en.stderr.contains("the same visit is already logged: v-") && en.stderr.contains("on 2026-02-14 by phone with this summary"),
                "\(en.stderr)")
        #expect(en.stderr.contains("pass --force if it really was another visit"), "\(en.stderr)")
        #expect(r.snapshot() == before, "nothing written")
    }

    @Test func outputPathsAreRefusedInChineseAndInEnglish() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let before = r.snapshot()
        let missing = r.run(["report", "summary", "--period", "2026Q1", "-o", "nowhere/q1.md"])
        #expect(missing.code == 66)
        #expect(missing.stderr.contains("文件夹不存在（'-o nowhere/q1.md'）") && missing.stderr.contains("请先创建文件夹"), "\(missing.stderr)")
        #expect(Self.english(missing.stderr).isEmpty, "\(Self.english(missing.stderr)) in \(missing.stderr)")
        let missingEn = r.run(["--lang", "en", "report", "summary", "--period", "2026Q1", "-o", "nowhere/q1.md"])
        #expect(missingEn.code == 66)
        #expect(missingEn.stderr.contains("no such folder (for -o nowhere/q1.md)") && missingEn.stderr.contains("-o does not create folders"),
                "\(missingEn.stderr)")
        try r.write("a-file", "x\n")
        let through = r.run(["report", "summary", "--period", "2026Q1", "-o", "a-file/q1.md"])
        #expect(through.code == 66)
        #expect(through.stderr.contains("不是文件夹") && Self.english(through.stderr).isEmpty, "\(through.stderr)")
        let records = r.run(["report", "summary", "--period", "2026Q1", "-o", "huifang.yaml"])
        #expect(records.code == 64)
        #expect(records.stderr.contains("拒绝覆盖 huifang.yaml") && records.stderr.contains("确需覆盖请加 '--force'"), "\(records.stderr)")
        #expect(Self.english(records.stderr).isEmpty, "\(Self.english(records.stderr)) in \(records.stderr)")
        let recordsEn = r.run(["--lang", "en", "report", "summary", "--period", "2026Q1", "-o", "huifang.yaml"])
        #expect(recordsEn.code == 64 && recordsEn.stderr.contains("refusing to write over huifang.yaml"), "\(recordsEn.stderr)")
        try FileManager.default.removeItem(atPath: r.path("a-file"))
        #expect(r.snapshot() == before, "nothing written")
    }

    @Test func statusNamesAnUnreadableRecordInChinese() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        try r.write("projects/acme-erp/issues/i-0000aaaa.yaml", "- a list\n")
        let zh = r.run(["status", "--ignore-invalid"])
        let line = zh.stdout.split(separator: "\n").first { $0.contains("projects/acme-erp/issues/i-0000aaaa.yaml:") }.map(String.init) ?? ""
        #expect(!line.isEmpty, "\(zh.stdout)\(zh.stderr)")
        #expect(Self.english(line).isEmpty, "\(Self.english(line)) in \(line)")
        let en = r.run(["--lang", "en", "status", "--ignore-invalid"])
        #expect(en.stdout.contains("an issue file must be a mapping"), "\(en.stdout)")
    }

    @Test func badArgumentsTheCoreParsesInChineseAndInEnglish() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let cases: [(args: [String], zh: String, en: String)] = [
            (["report", "summary", "--period", "2026Q5"], "'2026Q5' 不是期间", "'2026Q5'"),
            (["report", "summary", "--period", "1800"], "年份 1800 超出支持的范围", "1800"),
            (["visit", "log", "acme-erp", "--method", "phone", "--summary", "x", "--date", "2026-02-30"], "只有 28 天", "has 28 days"),
            (["due", "--within", "3x"], "'3x' 不是时长", "'3x'"),
        ]
        for c in cases {
            let zh = r.run(c.args)
            #expect(zh.code == 64, "\(c.args): \(zh.stderr)")
            #expect(zh.stderr.contains(c.zh), "\(c.args): \(zh.stderr)")
            let firstLine = zh.stderr.split(separator: "\n").first.map(String.init) ?? ""
            #expect(Self.english(firstLine).isEmpty, "\(c.args): \(Self.english(firstLine)) in \(firstLine)")
            let en = r.run(["--lang", "en"] + c.args)
            #expect(en.code == 64, "\(c.args): \(en.stderr)")
            #expect(en.stderr.contains(c.en) && LanguageTests.chineseRuns(en.stderr.split(separator: "\n").first.map(String.init) ?? "").isEmpty,
                    "\(c.args): \(en.stderr)")
        }
    }

    /// No value reads 无数据 in zh text (md, html); CSV cells keep the code n/a in both languages.
    @Test func noValueIsSaidInTheReportsLanguage() throws {
        for name in ["report-assessment-year-zh.md", "report-assessment-year-zh.html"] {
            let text = try LanguageTests.golden(name)
            #expect(!text.contains("n/a") && text.contains("无数据"), "\(name)")
        }
        #expect(try LanguageTests.golden("report-assessment-year-zh.csv").contains(",n/a,"))
        #expect(try LanguageTests.golden("report-assessment-year-en.md").contains("| n/a |"))
    }
}
