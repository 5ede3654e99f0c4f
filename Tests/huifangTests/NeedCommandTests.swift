import Foundation
import Testing

/// Needs as leads and competitor notes rolled up (issue 19), end to end.
@Suite struct NeedCommandTests {
    /// The tour repository plus two visits with needs and competitor notes; the visits' ids.
    func withNeeds() throws -> (HuifangRunner, String, String) {
        let r = try makeTourRepository()
        let a = r.run(["visit", "log", "acme-erp", "--date", "2026-09-10", "--method", "onsite", "--summary", "客户计划扩展。", "--overall", "4",
                       "--need", "计划明年扩展到第二工厂", "--need", "希望提供数据分析看板",
                       "--competitor", "用友：报价低 15%，但客户看重本地服务", "--competitor", "客户同时在评估某国际品牌的云服务"])
        try #require(a.code == 0, "\(a.stderr)")
        let b = r.run(["visit", "log", "beta-mes", "--date", "2026-09-20", "--method", "phone", "--summary", "运行正常。", "--overall", "5",
                       "--need", "希望增加移动端审批", "--competitor", "用友: 在推销新版 MES"])
        try #require(b.code == 0, "\(b.stderr)")
        func id(_ project: String, _ date: String) throws -> String {
            let f = try #require(try FileManager.default.contentsOfDirectory(atPath: r.path("projects/\(project)/visits")).first { $0.hasPrefix(date) })
            return String(f.dropFirst(11).dropLast(5))
        }
        return (r, try id("acme-erp", "2026-09-10"), try id("beta-mes", "2026-09-20"))
    }

    @Test func listAndUpdate() throws {
        let (r, a, b) = try withNeeds()
        defer { r.cleanup() }
        func clean(_ s: String) -> String { s.replacingOccurrences(of: a, with: "v-0000000a").replacingOccurrences(of: b, with: "v-0000000b") }
        r.expectGolden(clean(r.run(["need", "list", "--period", "2026Q3"]).stdout), "need-list.txt")

        let update = r.run(["--as-of", "2026-09-25", "need", "update", "\(a)-2", "--status", "passed_to_sales", "--owner", "刘强",
                            "--note", "已转交华东销售"])
        #expect(update.code == 0, "\(update.stderr)")
        r.expectGolden(clean(update.stdout), "need-update.txt")
        let file = "needs/\(a)-2.yaml"
        r.expectGolden(clean(try #require(r.read(file))), "need-update.yaml")
        // A hand-written comment survives the next update; the owner stays when not given.
        try r.write(file, "# 销售：华东区\n" + (try #require(r.read(file))))
        let won = r.run(["--lang", "en", "--as-of", "2026-10-20", "need", "update", "\(a)-2", "--status", "won", "--note", "合同已签"])
        #expect(won.code == 0, "\(won.stderr)")
        r.expectGolden(clean(won.stdout), "need-update-en.txt")
        let text = try #require(r.read(file))
        #expect(text.hasPrefix("# 销售：华东区\n") && text.contains("status: won\n") && text.contains("owner: 刘强\n")
            && text.contains("note: 合同已签\n") && text.contains("updated: 2026-10-20\n"), "\(text)")

        r.expectGolden(clean(r.run(["need", "list", "--lang", "en"]).stdout), "need-list-en.txt")
        let won1 = r.run(["need", "list", "--status", "won", "--format", "json"])
        #expect(won1.stdout.contains("\"id\": \"\(a)-2\"") && !won1.stdout.contains("\(a)-1"), "\(won1.stdout)")
        let beta = r.run(["need", "list", "--status", "new", "--format", "csv"])
        #expect(clean(beta.stdout).contains("v-0000000b-1,2026-09-20,beta-mes,贝塔精密制造,new,,希望增加移动端审批,"), "\(beta.stdout)")

        // Refusals: an id no need has (nothing written), a broken state file (with its place).
        let before = r.snapshot()
        let unknown = r.run(["need", "update", "\(a)-3", "--status", "won"])
        #expect(unknown.code == 64 && unknown.stderr.contains("没有编号为 '\(a)-3' 的需求"), "\(unknown.stderr)")
        #expect(r.snapshot() == before)
        try r.write("needs/\(b)-1.yaml", "need: \(b)-1\nstatus: sold\n")
        let broken = r.run(["need", "list"])
        #expect(broken.code == 65 && broken.stderr.contains("needs/\(b)-1.yaml:2:9"), "\(broken.stderr)")
    }

    @Test func reportsInEveryFormatAndBothLanguages() throws {
        let (r, a, b) = try withNeeds()
        defer { r.cleanup() }
        func clean(_ s: String) -> String { s.replacingOccurrences(of: a, with: "v-0000000a").replacingOccurrences(of: b, with: "v-0000000b") }
        #expect(r.run(["--as-of", "2026-09-25", "need", "update", "\(a)-1", "--status", "won", "--owner", "刘强"]).code == 0)
        r.expectGolden(clean(r.run(["report", "needs", "--period", "2026Q3"]).stdout), "report-needs.md")
        r.expectGolden(clean(r.run(["--lang", "en", "report", "needs", "--period", "2026Q3"]).stdout), "report-needs-en.md")
        r.expectGolden(clean(r.run(["report", "needs", "--period", "2026Q3", "--format", "csv"]).stdout), "report-needs.csv")
        let json = r.run(["report", "needs", "--period", "2026Q3", "--format", "json"])
        #expect(json.stdout.contains("""
                  "customer": "某某制造有限公司",
                  "needs": 2,
                  "new": 1,
                  "passed_to_sales": 0,
                  "won": 1,
                  "dropped": 0
            """), "\(json.stdout)")
        let html = r.run(["report", "needs", "--period", "2026Q3", "--format", "html"])
        #expect(html.code == 0 && html.stdout.contains("<html") && html.stdout.contains("希望增加移动端审批"))

        r.expectGolden(clean(r.run(["report", "competitors", "--period", "2026Q3"]).stdout), "report-competitors.md")
        r.expectGolden(clean(r.run(["--lang", "en", "report", "competitors", "--period", "2026Q3"]).stdout), "report-competitors-en.md")
        let cj = r.run(["report", "competitors", "--period", "2026Q3", "--format", "json"])
        #expect(cj.stdout.contains("\"competitor\": \"用友\"") && cj.stdout.contains("\"mentions\": 2"), "\(cj.stdout)")
        // needs/ holds records: a report is not written over them.
        let over = r.run(["report", "needs", "--period", "2026Q3", "-o", "needs/\(a)-1.yaml"])
        #expect(over.code == 64, "\(over.stderr)")
        #expect(r.read("needs/\(a)-1.yaml")?.hasPrefix("need: \(a)-1\n") == true)
        let empty = r.run(["report", "competitors", "--period", "2026Q1"])
        #expect(empty.code == 0 && empty.stdout.contains("本期回访没有记录竞争对手信息。"), "\(empty.stdout)")
    }
}

/// A need's state file that cannot be read is refused with its place and, in the language,
/// what is wrong (the reasons were English in a zh repository; the file is read by the store's
/// `NeedFile`, the command imports no HuifangYAML).
@Suite struct NeedFileLanguageTests {
    @Test func aBrokenNeedFileIsExplainedInChineseAndInEnglish() throws {
        let (r, _, b) = try NeedCommandTests().withNeeds()
        defer { r.cleanup() }
        let cases: [(text: String, place: String, zh: String, en: String)] = [
            ("- a list\n", "1:1", "不是映射", "not a mapping"),
            ("need: \(b)-9\nstatus: won\n", "1:1", "'need:' 应为 \(b)-1", "need: must be \(b)-1"),
            ("need: \(b)-1\nstatus: sold\n", "2:9", "'status:' 应为以下之一：'new'、'passed_to_sales'、'won'、'dropped'",
             "status: one of 'new', 'passed_to_sales', 'won', 'dropped'"),
            // libyaml's own problem text stays as libyaml wrote it (as check prints it).
            ("need: [\(b)-1\n", "2:1", "YAML 语法错误：did not find expected", "did not find expected"),
        ]
        for c in cases {
            try r.write("needs/\(b)-1.yaml", c.text)
            let zh = r.run(["need", "list"])
            #expect(zh.code == 65, "\(c.text): \(zh.stderr)")
            #expect(zh.stderr.contains("needs/\(b)-1.yaml:\(c.place)") && zh.stderr.contains(c.zh), "\(c.text): \(zh.stderr)")
            if !c.zh.contains("YAML") {
                #expect(LastEnglishTests.english(zh.stderr).isEmpty, "\(c.text): \(LastEnglishTests.english(zh.stderr)) in \(zh.stderr)")
            }
            let en = r.run(["--lang", "en", "need", "list"])
            #expect(en.code == 65 && en.stderr.contains(c.en) && LanguageTests.chineseRuns(en.stderr).isEmpty, "\(c.text): \(en.stderr)")
        }
    }
}
