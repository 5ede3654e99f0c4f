import Foundation
import Testing

/// Errors, hints, warnings and `check` findings speak one language: the repository's
/// `language:`, overridden by $HUIFANG_LANG (or --lang); before a repository is known, the
/// locale's (LC_ALL, LC_MESSAGES, LANG), else English. Exit codes do not depend on it.
@Suite struct MessageLanguageTests {
    /// A zh repository with a project, a visit whose YAML is broken, and an issue.
    static func repository() throws -> HuifangRunner {
        let r = try makeTourRepository()
        try r.write("projects/beta-mes/visits/2026-08-01-v-0000bad1.yaml",
                    "id: v-0000bad1\ndate: 2026-08-01\nsummary: a: b\n")
        return r
    }

    /// Each command's exit code and standard error, as the golden files hold them.
    static func transcript(_ r: HuifangRunner, _ env: [String: String], _ commands: [[String]], cwd: String? = nil) -> String {
        var out = ""
        for args in commands {
            let result = r.run(args, cwd: cwd, env: env)
            out += "$ huifang \(args.joined(separator: " "))\nexit \(result.code)\n\(result.stderr)\n"
        }
        return out
    }

    static let commands: [[String]] = [
        ["visit", "prepare", "nope", "--ignore-invalid"],
        ["issue", "show", "i-", "--ignore-invalid"],
        ["report", "department", "west", "--ignore-invalid"],
        ["report", "summary", "--from", "2026-05-01", "--to", "2026-04-01", "--ignore-invalid"],
        ["due"],
        ["due", "--ignore-invalid"],
        ["visit", "log", "beta-mes", "--date", "2026-08-02", "--method", "phone", "--summary", "x", "--ignore-invalid"],
    ]

    @Test(arguments: ["zh", "en"])
    func errorsHintsAndWarningsSpeakTheLanguage(_ lang: String) throws {
        let r = try Self.repository()
        defer { r.cleanup() }
        // zh is the repository's own language; en is asked for with $HUIFANG_LANG.
        let env = lang == "en" ? ["HUIFANG_LANG": "en"] : [:]
        let text = Self.transcript(r, env, Self.commands)
        r.expectGolden(text, "messages-\(lang).txt")
        // The exit codes are the same in both languages.
        #expect(text.components(separatedBy: "\n").filter { $0.hasPrefix("exit ") }
                == ["exit 64", "exit 64", "exit 64", "exit 64", "exit 65", "exit 0", "exit 65"])
        if lang == "zh" {
            #expect(!text.contains("error:") && !text.contains("hint:") && !text.contains("warning:"), "\(text)")
        } else {
            #expect(!text.contains("错误") && !text.contains("提示"), "\(text)")
        }
    }

    @Test func checkFindingsSpeakTheRepositorysLanguageAndKeepTheirCodes() throws {
        let r = HuifangRunner()
        defer { r.cleanup() }
        try r.copyFixture("broken")
        let text = r.run(["check"])
        #expect(text.code == 1)
        r.expectGolden(text.stdout, "check-broken-zh.txt")
        #expect(text.stderr == "17 个文件中有 30 个错误、1 个警告\n")
        let json = r.run(["check", "--format", "json"])
        #expect(json.code == 1)
        r.expectGolden(json.stdout, "check-broken-zh.json")
        // The same codes as in English; only the words differ.
        let en = r.run(["check", "--format", "json"], env: ["HUIFANG_LANG": "en"])
        func codes(_ s: String) -> [String] { s.components(separatedBy: "\n").filter { $0.contains("\"code\"") } }
        #expect(codes(json.stdout) == codes(en.stdout) && !codes(json.stdout).isEmpty)
        #expect(json.stdout != en.stdout)
    }

    /// Outside a repository the language is $HUIFANG_LANG's, else the locale's, else English.
    @Test func withoutARepositoryTheLocaleChooses() throws {
        let r = HuifangRunner()
        defer { r.cleanup() }
        let en = r.run(["check"])
        let zh = r.run(["check"], env: ["LANG": "zh_CN.UTF-8"])
        let asked = r.run(["check"], env: ["LANG": "zh_CN.UTF-8", "HUIFANG_LANG": "en"])
        let messages = r.run(["check"], env: ["LC_MESSAGES": "zh_CN.UTF-8"])
        let all = r.run(["check"], env: ["LC_ALL": "C", "LANG": "zh_CN.UTF-8"])
        #expect([en.code, zh.code, asked.code, messages.code, all.code] == [66, 66, 66, 66, 66])
        r.expectGolden(en.stderr + zh.stderr, "messages-no-repository.txt")
        #expect(asked.stderr == en.stderr && all.stderr == en.stderr && messages.stderr == zh.stderr)
        let missing = r.run(["-C", "nowhere", "status"], env: ["HUIFANG_LANG": "zh"])
        #expect(missing.code == 66)
        #expect(missing.stderr == "huifang: 错误：nowhere：文件夹不存在\n提示：检查 '-C' 给出的路径\n")
    }

    /// An English repository speaks English, and $HUIFANG_LANG=zh makes it speak Chinese.
    @Test func anEnglishRepositoryAndItsOverride() throws {
        let r = try HuifangRunner.withRepository()
        defer { r.cleanup() }
        let config = try #require(r.read("huifang.yaml"))
        try r.write("huifang.yaml", config.replacingOccurrences(of: "\nlanguage: zh", with: "\nlanguage: en"))
        let en = r.run(["visit", "prepare", "nope"])
        #expect(en.code == 64 && en.stderr == "huifang: error: no project 'nope'\nhint: add one with 'huifang project add'\n")
        let zh = r.run(["visit", "prepare", "nope"], env: ["HUIFANG_LANG": "zh"])
        #expect(zh.code == 64 && zh.stderr == "huifang: 错误：没有项目 'nope'\n提示：用 'huifang project add' 添加项目\n")
    }

    /// A failure found before the records are read ($HUIFANG_TODAY is checked first) is said
    /// in the repository's language too.
    @Test func aFailureBeforeTheRecordsAreReadSpeaksTheRepositorysLanguage() throws {
        let r = try HuifangRunner.withRepository()
        defer { r.cleanup() }
        let zh = r.run(["status"], today: "2026-02-30")
        #expect(zh.code == 64)
        #expect(zh.stderr == "huifang: 错误：'HUIFANG_TODAY=2026-02-30' 不是真实的日期：2026-02 只有 28 天（写的是 30 日）\n"
                + "提示：取消设置它，或设为 2026-07-06 这样的日期\n")
        let en = r.run(["status"], env: ["HUIFANG_LANG": "en"], today: "2026-02-30")
        #expect(en.code == 64)
        #expect(en.stderr == "huifang: error: HUIFANG_TODAY='2026-02-30' is not a real date: 2026-02 has 28 days (got 30)\n"
                + "hint: unset it or set it to a date such as 2026-07-06\n")
    }
}
