import Foundation
import Testing

/// The refusals of the commands that correct records (visit amend/edit/attach, project
/// edit/retire, the editor session) speak the language of the messages like every other
/// command: Chinese in a zh repository, English when $HUIFANG_LANG asks; the exit codes are
/// the same in both.
@Suite struct AmendLanguageTests {
    /// The tour repository (zh) and the id of its first visit (acme-erp, 2026-02-14).
    static func repository() throws -> (HuifangRunner, String) {
        let r = try makeTourRepository()
        let files = try FileManager.default.contentsOfDirectory(atPath: r.path("projects/acme-erp/visits")).sorted()
        let first = try #require(files.first { $0.hasPrefix("2026-02-14-") && $0.hasSuffix(".yaml") })
        return (r, String(first.dropFirst("2026-02-14-".count).dropLast(".yaml".count)))
    }

    @Test func refusalsInAZhRepositoryAreChinese() throws {
        let (r, vid) = try Self.repository()
        defer { r.cleanup() }
        let before = r.snapshot()
        // (arguments, environment, exit code, Chinese text expected on standard error)
        let cases: [([String], [String: String], Int32, String)] = [
            (["visit", "amend", vid], [:], 64, "错误：没有要修改的内容\n提示：请给出要修改的项（'--summary'、'--overall' 等），或使用 'huifang visit edit'\n"),
            (["visit", "amend", vid, "--nps", "11"], [:], 64, "'--nps 11' 超出 0..10 的范围"),
            (["visit", "amend", vid, "--visitor", " "], [:], 64, "--visitor 的值是空的"),
            (["visit", "attach", vid], [:], 64, "错误：请至少指定一个要附加的文件\n"),
            (["visit", "attach", vid, "missing.pdf"], [:], 66, "错误：无法附加 'missing.pdf'："),
            (["visit", "show", vid, "--format", "csv"], [:], 64, "'visit show' 只输出 'table' 或 'json'，不输出 csv"),
            (["project", "edit", "acme-erp"], [:], 64, "提示：请给出要修改的项（'--name'、'--owner' 等），或使用 '--edit'"),
            (["project", "retire", "acme-erp", "--on", "2026-01-01", "--reason", "合同结束"], [:], 64, "2026-01-01 早于项目的验收日期 2026-01-15"),
            (["project", "retire", "acme-erp", "--on", "2026-03-01", "--reason", "合同结束"], [:], 64,
             "错误：无法于 2026-03-01 终止 acme-erp 的服务：有 1 条记录的日期晚于 2026-03-01：回访 v-"),
            (["visit", "edit", vid], ["VISUAL": "true"], 1, "错误：已放弃：模板未作修改；没有写入任何内容\n"),
            (["visit", "edit", vid], ["VISUAL": "exit 3;"], 1, "错误：编辑器 'exit 3;' 运行失败（退出码 3）；没有写入任何内容\n"),
            (["visit", "edit", vid], ["VISUAL": "sed -i 's/^date: .*/date: 2026-12-01/'"], 65,
             "'date'：2026-12-01 晚于今天（2026-11-24）\nhuifang: 错误：记录无效；没有写入任何内容\n提示：请修正上面列出的问题（行:列 指编辑后的文本）后重试\n"),
        ]
        for (args, env, code, text) in cases {
            let result = r.run(args, env: env)
            #expect(result.code == code, "\(args): \(result.stderr)")
            #expect(result.stderr.contains(text), "\(args): \(result.stderr)")
            #expect(!result.stderr.contains("error:") && !result.stderr.contains("hint:"), "\(args): \(result.stderr)")
        }
        #expect(r.snapshot() == before, "a refused command wrote something")
    }

    @Test func theSameRefusalsInEnglishKeepTheirWords() throws {
        let (r, vid) = try Self.repository()
        defer { r.cleanup() }
        let en = ["HUIFANG_LANG": "en"]
        let cases: [([String], [String: String], Int32, String)] = [
            (["visit", "amend", vid], en, 64, "huifang: error: nothing to change\nhint: give what changes (--summary, --overall, ...), or use 'huifang visit edit'\n"),
            (["visit", "attach", vid, "missing.pdf"], en, 66, "huifang: error: cannot attach 'missing.pdf': "),
            (["project", "retire", "acme-erp", "--on", "2026-03-01", "--reason", "end"], en, 64,
             "huifang: error: cannot retire acme-erp on 2026-03-01: 1 record is dated after 2026-03-01: visit "),
            (["visit", "edit", vid], en.merging(["VISUAL": "true"]) { a, _ in a }, 1,
             "huifang: error: aborted: the template was left unchanged; nothing was written\n"),
        ]
        for (args, env, code, text) in cases {
            let result = r.run(args, env: env)
            #expect(result.code == code, "\(args): \(result.stderr)")
            #expect(result.stderr.contains(text), "\(args): \(result.stderr)")
            #expect(!result.stderr.contains("错误") && !result.stderr.contains("提示"), "\(args): \(result.stderr)")
        }
    }
}
