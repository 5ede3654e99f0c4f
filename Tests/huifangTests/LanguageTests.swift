import Foundation
import Testing

/// Issue 16, one language: which language a command speaks (--lang, $HUIFANG_LANG, huifang.yaml),
/// and that the golden runs of each language contain no word of the other.
@Suite struct LanguageTests {
    /// --lang wins over $HUIFANG_LANG, which wins over huifang.yaml; --lang goes before or after
    /// the subcommand.
    @Test func precedenceOfLangEnvironmentAndRepository() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let zhHead = "示例科技有限公司，2026-11-24\n"
        let enHead = "On 2026-11-24 in 示例科技有限公司\n"
        #expect(r.run(["status"]).stdout.hasPrefix(zhHead), "huifang.yaml says zh")
        #expect(r.run(["--lang", "en", "status"]).stdout.hasPrefix(enHead))
        #expect(r.run(["status", "--lang", "en"]).stdout.hasPrefix(enHead))
        #expect(r.run(["status", "--lang=en"]).stdout.hasPrefix(enHead))
        #expect(r.run(["status"], env: ["HUIFANG_LANG": "en"]).stdout.hasPrefix(enHead))
        #expect(r.run(["status", "--lang", "zh"], env: ["HUIFANG_LANG": "en"]).stdout.hasPrefix(zhHead), "--lang wins over the environment")
        #expect(r.run(["status"], env: ["HUIFANG_LANG": ""]).stdout.hasPrefix(zhHead), "an empty HUIFANG_LANG is unset")
        // A repository in English, overridden by the environment.
        let config = try #require(r.read("huifang.yaml"))
        #expect(config.contains("language: zh"))
        try r.write("huifang.yaml", config.replacingOccurrences(of: "language: zh", with: "language: en"))
        #expect(r.run(["status"]).stdout.hasPrefix(enHead), "huifang.yaml says en")
        #expect(r.run(["status"], env: ["HUIFANG_LANG": "zh"]).stdout.hasPrefix(zhHead), "the environment wins over huifang.yaml")
        // The same for a subcommand that had its own --lang before.
        #expect(r.run(["project", "log", "acme-erp", "--lang", "zh"]).stdout.contains("回访"))
        #expect(r.run(["--lang", "zh", "report", "project", "acme-erp", "--period", "2026"]).stdout.hasPrefix("# 项目回访报告"))
    }

    /// Before a repository exists (`init`): --lang, $HUIFANG_LANG, else the locale.
    @Test func withoutARepositoryTheLocaleDecides() throws {
        func initialize(_ args: [String], _ env: [String: String]) -> HuifangRunner.Result {
            let r = HuifangRunner()
            defer { r.cleanup() }
            return r.run(["init", "--organization", "测试"] + args, env: ["LC_ALL": "", "LC_MESSAGES": "", "LANG": ""].merging(env) { $1 })
        }
        #expect(initialize([], ["LANG": "C.UTF-8"]).stdout.hasPrefix("Initialized a huifang repository in "))
        #expect(initialize([], ["LANG": "zh_CN.UTF-8"]).stdout.hasPrefix("已在 "))
        #expect(initialize([], ["LANG": "en_US.UTF-8", "LC_ALL": "zh_CN.UTF-8"]).stdout.hasPrefix("已在 "), "LC_ALL first")
        #expect(initialize([], ["LANG": "zh_CN.UTF-8", "HUIFANG_LANG": "en"]).stdout.hasPrefix("Initialized "))
        #expect(initialize(["--lang", "zh"], ["LANG": "C", "HUIFANG_LANG": "en"]).stdout.hasPrefix("已在 "))
        #expect(initialize([], ["HUIFANG_LANG": "xx"]).code == 64)
        let outside = HuifangRunner()
        defer { outside.cleanup() }
        let clear = ["LC_ALL": "", "LC_MESSAGES": "", "LANG": ""]
        #expect(outside.run([], env: clear.merging(["LANG": "zh_CN.UTF-8"]) { $1 }).stdout.hasPrefix("huifang：当前不在 huifang 仓库中。\n"))
        #expect(outside.run(["--lang", "en"], env: clear.merging(["LANG": "zh_CN.UTF-8"]) { $1 }).stdout
            .hasPrefix("huifang: not inside a huifang repository.\n"))
    }

    @Test func aBadLanguageIsAUsageError() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let before = r.snapshot()
        let env = r.run(["status"], env: ["HUIFANG_LANG": "fr"])
        #expect(env.code == 64)
        #expect(env.stdout.isEmpty)
        // Said in the repository's language (zh), since the one asked for is none.
        #expect(env.stderr.contains("'HUIFANG_LANG=fr' 不是 huifang 会说的语言"), "\(env.stderr)")
        #expect(env.stderr.contains("请用 'zh' 或 'en'"), "\(env.stderr)")
        let flag = r.run(["status", "--lang", "fr"])
        #expect(flag.code == 64)
        #expect(flag.stdout.isEmpty)
        #expect(flag.stderr.contains("--lang"))
        // --lang given: the environment's bad value is not consulted.
        #expect(r.run(["status", "--lang", "en"], env: ["HUIFANG_LANG": "fr"]).code == 0)
        let write = r.run(["issue", "add", "acme-erp", "--title", "t", "--category", "quality", "--severity", "minor"], env: ["HUIFANG_LANG": "de"])
        #expect(write.code == 64)
        #expect(r.snapshot() == before, "a refused command writes nothing")
    }

    // MARK: the goldens speak one language

    /// Golden outputs in Chinese (command output the catalogue writes) and in English.
    static let zhGoldens = [
        "status.txt", "due.txt", "due-overdue.csv", "issue-show.txt", "issue-add-major.txt", "issue-add-minor.txt", "issue-list.txt",
        "tour-status.txt", "tour-project-list.txt", "tour-project-list.csv", "tour-visit-list.txt", "tour-project-show.txt",
        "tour-visit-show.txt", "example-log-zh.txt",
    ]
    // Not here yet: example-status.txt, whose calendar warning (CalendarNotice) is the error
    // helper's text.

    /// The columns of a CSV golden that keep codes (`Listing.codeColumns`), skipped by the zh check.
    static let codeColumns: [String: Set<Int>] = ["tour-project-list.csv": [5], "due-overdue.csv": [1, 2]]
    static let enGoldens = [
        "status-en.txt", "due-en.txt", "due-overdue-en.csv", "issue-show-en.txt", "issue-add-major-en.txt", "issue-list-en.txt",
        "issue-list-en.csv", "tour-status-en.txt", "tour-project-list-en.txt", "tour-project-list-en.csv", "tour-visit-list-en.txt",
        "tour-project-show-en.txt", "tour-visit-show-en.txt", "example-log-en.txt",
    ]

    /// English words a zh output may hold, each for a reason:
    /// - record text of the test repositories (project names ACME ERP, Beta MES, the event V3);
    /// - record codes people type as they are: department ids (east, pmo, cs), the field
    ///   case_analysis named in "关闭条件", the placeholder IID the tests put for an issue id;
    /// - CSAT and NPS, names of the KPIs in Chinese too.
    /// Besides these: ids and paths (anything with a digit, '-', '/' or '.'), and a command (from
    /// `huifang ` to the end of the line, or quoted).
    /// - record text: a project's tag (erp) and a contact's role (IT经理);
    /// - the placeholders IID and VID the tests put for ids.
    static let zhAllowed: Set<String> = ["ACME", "ERP", "Beta", "MES", "erp", "IT", "east", "pmo", "cs", "case_analysis", "IID", "VID",
                                         "CSAT", "NPS"]

    /// The English words of a zh text that are not ids, paths, dates or commands.
    static func englishWords(_ text: String) -> [String] {
        var words: [String] = []
        for var line in text.split(whereSeparator: \.isNewline).map(String.init) {
            if let command = line.range(of: "huifang ") { line = String(line[..<command.lowerBound]) }
            line = line.split(separator: "'", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 0 }.map(\.element).joined()
            let tokens = line.split { c in !(c.isASCII && (c.isLetter || c.isNumber || "-_/.:".contains(c))) }
            for token in tokens {
                let t = token.trimmingCharacters(in: CharacterSet(charactersIn: ".:"))
                guard t.contains(where: \.isLetter) else { continue }
                if t.contains(where: { $0.isNumber || "-/.".contains($0) }) { continue }  // ids, paths, dates
                if !zhAllowed.contains(t) { words.append(t) }
            }
        }
        return words
    }

    /// CJK runs in a text.
    static func chineseRuns(_ text: String) -> [String] {
        var runs: [String] = []
        var run = ""
        for s in text.unicodeScalars {
            if (0x4E00...0x9FFF).contains(s.value) || (0x3000...0x303F).contains(s.value) || (0xFF00...0xFFEF).contains(s.value) {
                run.unicodeScalars.append(s)
            } else if !run.isEmpty {
                runs.append(run)
                run = ""
            }
        }
        if !run.isEmpty { runs.append(run) }
        return runs
    }

    static func golden(_ name: String) throws -> String {
        try String(contentsOfFile: HuifangRunner.testsFolder + "/Expected/" + name, encoding: .utf8)
    }

    @Test func zhGoldensHaveNoEnglishWordOutsideRecordsIdsAndCommands() throws {
        for name in Self.zhGoldens {
            var text = try Self.golden(name)
            if let skip = Self.codeColumns[name] {
                text = text.split(whereSeparator: \.isNewline).map { line in
                    line.split(separator: ",", omittingEmptySubsequences: false).enumerated().filter { !skip.contains($0.offset) }
                        .map(\.element).joined(separator: ",")
                }.joined(separator: "\n")
            }
            let words = Self.englishWords(text)
            #expect(words.isEmpty, "\(name): \(Array(Set(words)).sorted())")
        }
        // The check can fail: an English line is caught.
        #expect(Self.englishWords("2026-08-20  96d late  acme-erp  periodic") == ["late", "periodic"])
        #expect(Self.englishWords("期限 2026-10-13：请运行 'huifang check'，或 huifang issue close i-1 --case-analysis FILE").isEmpty)
    }

    /// Every Chinese run of an en golden is record text: it appears in the record files of the
    /// repositories the tests build (goldens of written records, the fixtures, the tour steps).
    @Test func enGoldensHaveNoChineseOutsideRecordText() throws {
        var records = ""
        let expected = HuifangRunner.testsFolder + "/Expected"
        for f in try FileManager.default.contentsOfDirectory(atPath: expected) where f.hasSuffix(".yaml") {
            records += try String(contentsOfFile: expected + "/" + f, encoding: .utf8)
        }
        let fixtures = HuifangRunner.testsFolder + "/Fixtures"
        if let e = FileManager.default.enumerator(atPath: fixtures) {
            for case let f as String in e where f.hasSuffix(".yaml") {
                records += (try? String(contentsOfFile: fixtures + "/" + f, encoding: .utf8)) ?? ""
            }
        }
        // The example repository's records, and what `huifang init` writes into huifang.yaml.
        let demo = HuifangRunner.testsFolder + "/../../examples/demo"
        if let e = FileManager.default.enumerator(atPath: demo) {
            for case let f as String in e where f.hasSuffix(".yaml") {
                records += (try? String(contentsOfFile: demo + "/" + f, encoding: .utf8)) ?? ""
            }
        }
        records += try String(contentsOfFile: HuifangRunner.testsFolder + "/../../Sources/HuifangStore/RepositoryInitializer.swift", encoding: .utf8)
        // The tests' own record text (their command lines: titles, names, summaries).
        for f in ["TourTests.swift", "HuifangRunner.swift", "ScheduleCommandTests.swift", "IssueCommandTests.swift"] {
            records += try String(contentsOfFile: HuifangRunner.testsFolder + "/" + f, encoding: .utf8)
        }
        for name in Self.enGoldens {
            let text = try Self.golden(name)
            let foreign = Self.chineseRuns(text).filter { !records.contains($0) }
            #expect(foreign.isEmpty, "\(name): \(foreign)")
        }
        #expect(Self.chineseRuns("2026-08-20  逾期 96 天  acme-erp") == ["逾期", "天"], "the check can fail")
        #expect(!records.contains("逾期 96 天"))
    }
}
