import Foundation
import Testing

/// ArgumentParser's own usage errors (a missing argument, an unknown option, a missing value,
/// an unexpected argument, a value not among the choices ...) are said through the catalogue:
/// in Chinese in a zh repository, in English with --lang en, with the usage line kept, the
/// argument's help text in English only, a pointer to --help, and exit 64 (issue 16).
@Suite struct ParseFailureTests {
    /// Each mapped error: the arguments, what the zh and en first lines say, and the command
    /// whose usage follows.
    static let cases: [(args: [String], zh: String, en: String, command: String)] = [
        (["visit", "log"], "缺少参数 '<project>'", "missing expected argument '<project>'", "huifang visit log"),
        (["assess", "review", "east", "--score", "80", "--note", "t"], "缺少参数 '--period <period>'", "missing expected argument '--period <period>'",
         "huifang assess review"),
        (["visit", "log", "acme-erp", "--bogus"], "没有选项 '--bogus'", "unknown option '--bogus'", "huifang visit log"),
        (["status", "--as-off", "2026-01-01"], "没有选项 '--as-off'；是否要用 '--as-of'？", "unknown option '--as-off'; did you mean '--as-of'?",
         "huifang status"),
        (["-Z", "status"], "没有选项 '-Z'", "unknown option '-Z'", "huifang"),
        (["report", "summary", "--period"], "'--period <period>' 缺少值", "missing value for '--period <period>'", "huifang report summary"),
        (["-C"], "'-C <DIR>' 缺少值", "missing value for '-C <DIR>'", "huifang"),
        (["status", "extra"], "多余的参数 'extra'", "unexpected argument 'extra'", "huifang status"),
        (["status", "a", "b"], "2 个多余的参数：'a'、'b'", "2 unexpected arguments: 'a', 'b'", "huifang status"),
        (["project", "list", "--format", "x"], "'--format <format>' 不接受 'x'：可选 'table'、'json'、'csv'、'xlsx'",
         "'x' is not a value of '--format <format>': give one of 'table', 'json', 'csv', 'xlsx'", "huifang project list"),
        (["plan", "show", "next"], "'<year>' 不接受 'next'", "'next' is not a value of '<year>'", "huifang plan show"),
        (["status", "--no-cache=1"], "'--no-cache' 不接受值，却给了 '1'", "'--no-cache' takes no value, but '1' was given", "huifang"),
        (["---x"], "无效的选项 '---x'", "invalid option '---x'", "huifang"),
        (["risk", "update", "r-1", "--probability", "9"], "--probability：'9' 不是 1 到 5 之间的等级", "--probability: '9'",
         "huifang risk update"),
    ]

    @Test func everyMappedErrorInChineseAndInEnglish() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let before = r.snapshot()
        for c in Self.cases {
            let zh = r.run(c.args)
            #expect(zh.code == 64, "\(c.args): \(zh.stderr)")
            #expect(zh.stdout.isEmpty, "\(c.args): \(zh.stdout)")
            let lines = zh.stderr.split(separator: "\n").map(String.init)
            #expect(lines.first == "huifang: 错误：" + c.zh, "\(c.args): \(zh.stderr)")
            #expect(lines.dropFirst().first?.hasPrefix("用法：" + c.command + " ") == true, "\(c.args): \(zh.stderr)")
            #expect(lines.last == "提示：'\(c.command) --help' 有详细说明", "\(c.args): \(zh.stderr)")
            #expect(lines.count == 3, "\(c.args): no English help line in zh: \(zh.stderr)")
            #expect(LastEnglishTests.english(zh.stderr).isEmpty, "\(c.args): \(LastEnglishTests.english(zh.stderr)) in \(zh.stderr)")
            #expect(!zh.stderr.contains("Error:") && !zh.stderr.contains("Usage:") && !zh.stderr.contains("for more information"),
                    "\(c.args): \(zh.stderr)")

            let en = r.run(["--lang", "en"] + c.args)
            #expect(en.code == 64, "\(c.args): \(en.stderr)")
            let enLines = en.stderr.split(separator: "\n").map(String.init)
            #expect(enLines.first?.hasPrefix("huifang: error: " + c.en) == true, "\(c.args): \(en.stderr)")
            #expect(enLines.contains { $0.hasPrefix("usage: " + c.command + " ") }, "\(c.args): \(en.stderr)")
            #expect(enLines.last == "hint: see '\(c.command) --help' for more information", "\(c.args): \(en.stderr)")
            #expect(LanguageTests.chineseRuns(en.stderr).isEmpty, "\(c.args): \(en.stderr)")
        }
        #expect(r.snapshot() == before, "nothing written")
    }

    /// In English the argument's own help text (ArgumentParser's "Help:" line) stays, under
    /// the message: it is the --help text, which is English.
    @Test func theArgumentsHelpTextIsKeptInEnglish() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let en = r.run(["--lang", "en", "report", "summary", "--period"])
        let lines = en.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(en.stderr)")
        #expect(lines.dropFirst().first?.hasPrefix("  --period <period>  The period: a month (2026-03)") == true, "\(en.stderr)")
        #expect(lines.dropFirst(2).first == "usage: huifang report summary <options>", "\(en.stderr)")
    }

    /// The language is chosen as every command chooses it, without reading the records:
    /// --lang, $HUIFANG_LANG, the repository's `language:` (from -C or the working folder),
    /// the locale when there is no repository, else English.
    @Test func theLanguageIsTheOneTheCommandWouldSpeak() throws {
        let r = try HuifangRunner.withRepository()  // language: zh
        defer { r.cleanup() }
        let args = ["visit", "log"]
        let zhWord = "缺少参数 '<project>'", enWord = "missing expected argument '<project>'"
        #expect(r.run(args).stderr.contains(zhWord))
        #expect(r.run(args, env: ["HUIFANG_LANG": "en"]).stderr.contains(enWord))
        #expect(r.run(["--lang", "en"] + args, env: ["HUIFANG_LANG": "zh"]).stderr.contains(enWord), "--lang wins")
        #expect(r.run(args + ["--lang=en"]).stderr.contains(enWord))
        #expect(r.run(args, env: ["LANG": "en_US.UTF-8"]).stderr.contains(zhWord), "the repository's language before the locale")
        // From outside the repository: -C names it.
        let outside = HuifangRunner()
        defer { outside.cleanup() }
        #expect(outside.run(["-C", r.dir] + args, env: ["LANG": "C"]).stderr.contains(zhWord))
        // No repository: the locale, else English.
        #expect(outside.run(args, env: ["LANG": "zh_CN.UTF-8"]).stderr.contains(zhWord))
        #expect(outside.run(args, env: ["LANG": "C"]).stderr.contains(enWord))
        #expect(outside.run(args).stderr.contains(enWord))
        // A repository in English.
        try r.write("huifang.yaml", try String(contentsOfFile: r.path("huifang.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "language: zh", with: "language: en"))
        let en = r.run(args)
        #expect(en.code == 64 && en.stderr.hasPrefix("huifang: error: " + enWord), "\(en.stderr)")
    }

    /// A usage error of a form not mapped here is printed as ArgumentParser wrote it, with its
    /// usage line and exit 64: never lost.
    @Test func anUnmappedErrorKeepsArgumentParsersText() throws {
        let r = try HuifangRunner.withRepository()
        defer { r.cleanup() }
        let unmapped = r.run(["--generate-completion-script", "tcsh"])
        #expect(unmapped.code == 64, "\(unmapped.stderr)")
        #expect(unmapped.stderr.hasPrefix("Error: Can't generate completion scripts for 'tcsh'.") && unmapped.stderr.contains("Usage: huifang "),
                "\(unmapped.stderr)")
    }

    /// --help stays English (the man page is made from it), and exits 0 on standard output.
    @Test func helpStaysEnglish() throws {
        let r = try HuifangRunner.withRepository()
        defer { r.cleanup() }
        let help = r.run(["visit", "log", "--help"])
        #expect(help.code == 0 && help.stderr.isEmpty)
        #expect(help.stdout.contains("USAGE: huifang visit log") && LanguageTests.chineseRuns(help.stdout).isEmpty, "\(help.stdout)")
    }
}

/// The hint under a record that is not there names the command that lists them: `huifang
/// improve list` for an improvement measure (it said 'huifang improvement list', no command).
@Suite struct NoRecordHintTests {
    @Test func eachHintNamesACommandThatExists() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        for (args, command) in [(["improve", "verify", "m-zzzz", "--result", "ok"], "improve"), (["issue", "show", "i-zzzz"], "issue"),
                                (["visit", "show", "v-zzzz"], "visit"), (["risk", "show", "r-zzzz"], "risk")] {
            let zh = r.run(args)
            #expect(zh.code == 64 && zh.stderr.contains("提示：用 'huifang \(command) list' 列出"), "\(args): \(zh.stderr)")
            let list = r.run([command, "list"])
            #expect(list.code == 0, "\(command) list: \(list.stderr)")
        }
    }

    /// A project that exists already: the file to edit is one quoted path.
    @Test func anExistingProjectNamesItsFile() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let again = r.run(["project", "add", "acme-erp", "--name", "x", "--customer", "y", "--department", "east", "--owner", "z",
                           "--tier", "standard"])
        #expect(again.code == 64 && again.stderr.contains("提示：换一个编号，或编辑 'projects/acme-erp/project.yaml'"), "\(again.stderr)")
    }
}
