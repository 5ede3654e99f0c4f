import Foundation
import Testing

/// Issue 19 end to end: the risk register (add, update, close, list, show), its reviews in
/// status, due and the calendar, its matrix in the reports, high risks in visit prepare and
/// project log, and customer health in the summary.
@Suite struct RiskCommandTests {

    /// The tour repository with two risks of acme-erp and one of beta-mes, added on 2026-11-02.
    func withRisks() throws -> (HuifangRunner, [String]) {
        let r = try makeTourRepository()
        let adds: [[String]] = [
            ["risk", "add", "acme-erp", "--title", "数据库版本停止支持", "--category", "技术", "--probability", "4", "--impact", "4",
             "--response", "mitigate", "--plan", "升级到 15，先在测试环境验证", "--owner", "刘强"],
            ["risk", "add", "acme", "--title", "关键人员离职", "--category", "resource", "--probability", "2", "--impact", "3",
             "--response", "accept", "--plan", "交接文档", "--owner", "张伟", "--review-every", "2w"],
            ["risk", "add", "beta-mes", "--title", "产线改造延期", "--category", "进度", "--probability", "5", "--impact", "4",
             "--response", "transfer", "--plan", "与供应商签订延期赔偿条款", "--owner", "王五"],
        ]
        var out: [String] = []
        for (n, a) in adds.enumerated() {
            let res = r.run(a, env: ["HUIFANG_ID_SEED": String(19 + n)], today: "2026-11-02")
            try #require(res.code == 0, "\(a) failed: \(res.stderr)")
            out.append(res.stdout)
        }
        return (r, out)
    }

    func ids(_ r: HuifangRunner, _ project: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: r.path("projects/\(project)/risks")).sorted().map { String($0.dropLast(5)) }
    }

    @Test func addWritesTheRecordAndSaysTheScoreAndTheReview() throws {
        let (r, out) = try withRisks()
        defer { r.cleanup() }
        r.expectGolden(out.joined(separator: "---\n"), "risk-add.txt")
        let id = try #require(try ids(r, "acme-erp").first { r.read("projects/acme-erp/risks/\($0).yaml")!.contains("数据库") })
        r.expectGolden(try #require(r.read("projects/acme-erp/risks/\(id).yaml")), "risk-add.yaml")
        #expect(r.run(["check"], today: "2026-11-02").code == 0)
        let en = r.run(["--lang", "en", "risk", "add", "beta-mes", "--title", "Budget overrun", "--category", "cost", "--probability", "1",
                        "--impact", "2", "--response", "avoid", "--plan", "Fixed price", "--owner", "Wang"], env: ["HUIFANG_ID_SEED": "7"],
                       today: "2026-11-03")
        #expect(en.code == 0, "\(en.stderr)")
        r.expectGolden(en.stdout, "risk-add-en.txt")
    }

    @Test(.englishMessages) func addRefusesBadValuesAndWritesNothing() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let base = ["risk", "add", "acme-erp", "--title", "t", "--response", "mitigate", "--plan", "p", "--owner", "o"]
        let before = r.snapshot()
        for (extra, says) in [
            (["--category", "technical", "--probability", "6", "--impact", "1"], "'6' is not a level from 1 to 5"),
            (["--category", "weather", "--probability", "1", "--impact", "1"], "--category"),
            (["--category", "cost", "--probability", "1", "--impact", "1", "--review-every", "0m"], "at least one day"),
        ] {
            let res = r.run(base + extra)
            #expect(res.code == 64, "\(extra)")
            #expect(res.stderr.contains(says), "\(res.stderr)")
        }
        let noProject = r.run(["risk", "add", "nope", "--title", "t", "--category", "cost", "--probability", "1", "--impact", "1",
                               "--response", "accept", "--plan", "p", "--owner", "o"])
        #expect(noProject.code == 64 && noProject.stderr.contains("nope"))
        #expect(r.snapshot() == before, "a refused command writes nothing")
        // A risk of a retired project is recorded, with a warning.
        #expect(r.run(["project", "retire", "beta-mes", "--on", "2026-10-31", "--reason", "合同到期"]).code == 0)
        let late = r.run(["risk", "add", "beta-mes", "--title", "t", "--category", "cost", "--probability", "1", "--impact", "1",
                          "--response", "accept", "--plan", "p", "--owner", "o"])
        #expect(late.code == 0 && late.stderr.contains("warning") && late.stderr.contains("2026-10-31"), "\(late.stderr)")
    }

    @Test func updateAndCloseKeepHandEditsAndHistory() throws {
        let (r, _) = try withRisks()
        defer { r.cleanup() }
        let id = try #require(try ids(r, "acme-erp").first { r.read("projects/acme-erp/risks/\($0).yaml")!.contains("数据库") })
        let file = "projects/acme-erp/risks/\(id).yaml"
        // A hand edit: a comment, an unknown key kept under custom.
        let edited = try #require(r.read(file)).replacingOccurrences(of: "status: open\n", with: "status: open  # 每月例会复核\ncustom: {ticket: OPS-7}\n")
        try r.write(file, "# 风险台账\n" + edited)
        let up = r.run(["risk", "update", String(id.prefix(6)), "--probability", "2", "--note", "测试环境已升级", "--by", "王芳"], today: "2026-11-20")
        #expect(up.code == 0, "\(up.stderr)")
        let plan = r.run(["risk", "update", id, "--plan", "生产环境 12 月升级"], today: "2026-11-21")
        #expect(plan.code == 0, "\(plan.stderr)")
        let same = r.run(["risk", "update", id, "--probability", "2"], today: "2026-11-22")
        #expect(same.code == 64 && same.stderr.contains("相同"), "an update that changes nothing is refused: \(same.stderr)")
        let early = r.run(["risk", "update", id, "--note", "x"], today: "2026-11-19")
        #expect(early.code == 64, "a change dated before the last one is refused")
        let close = r.run(["risk", "close", id, "--reason", "已升级到 15"], today: "2026-12-10")
        #expect(close.code == 0, "\(close.stderr)")
        let again = r.run(["risk", "close", id, "--reason", "x"], today: "2026-12-11")
        #expect(again.code == 64 && again.stderr.contains("已关闭"))
        r.expectGolden([up.stdout, plan.stdout, close.stdout].joined(separator: "---\n").replacingOccurrences(of: id, with: "RID"),
                       "risk-update-close.txt")
        r.expectGolden(try #require(r.read(file)).replacingOccurrences(of: id, with: "RID"), "risk-update-close.yaml")
        r.expectGolden(r.run(["risk", "show", id], today: "2026-12-10").stdout.replacingOccurrences(of: id, with: "RID"), "risk-show.txt")
        let json = r.run(["risk", "show", id, "--format", "json"], today: "2026-12-10").stdout
        #expect(json.contains("\"status\": \"closed\"") && json.contains("\"score\": 8"))
        #expect(r.run(["check"], today: "2026-12-10").code == 0)
    }

    @Test func listInEveryFormatWithItsFilters() throws {
        let (r, _) = try withRisks()
        defer { r.cleanup() }
        let closed = try #require(try ids(r, "acme-erp").first { r.read("projects/acme-erp/risks/\($0).yaml")!.contains("人员") })
        #expect(r.run(["risk", "close", closed, "--reason", "已补充人手"], today: "2026-11-10").code == 0)
        r.expectGolden(r.run(["risk", "list"], today: "2026-11-20").stdout, "risk-list.txt")
        r.expectGolden(r.run(["risk", "list", "--lang", "en"], today: "2026-11-20").stdout, "risk-list-en.txt")
        r.expectGolden(r.run(["risk", "list", "--format", "json"], today: "2026-11-20").stdout, "risk-list.json")
        r.expectGolden(r.run(["risk", "list", "--format", "csv", "--no-excel"], today: "2026-11-20").stdout, "risk-list.csv")
        let open = r.run(["risk", "list", "--open", "--format", "json"], today: "2026-11-20").stdout
        #expect(!open.contains(closed) && open.contains("数据库"))
        let high = r.run(["risk", "list", "--min-score", "17", "--format", "json"], today: "2026-11-20").stdout
        #expect(high.contains("产线改造延期") && !high.contains("数据库"), "20 >= 17 > 16")
        let beta = r.run(["risk", "list", "--project", "beta", "--format", "json"], today: "2026-11-20").stdout
        #expect(beta.contains("产线改造延期") && !beta.contains("数据库"))
        #expect(r.run(["risk", "list", "--department", "east", "--format", "json"], today: "2026-11-20").stdout.contains("数据库"))
        let other = r.run(["risk", "list", "--department", "tech"], today: "2026-11-20")
        #expect(other.code == 0 && other.stdout.isEmpty && other.stderr.contains("没有风险"))
        #expect(r.run(["risk", "list", "--min-score", "26"]).code == 64)
        let xlsx = r.run(["risk", "list", "--format", "xlsx", "-o", r.path("risks.xlsx")], today: "2026-11-20")
        #expect(xlsx.code == 0 && FileManager.default.fileExists(atPath: r.path("risks.xlsx")))
    }

    @Test func reviewsDueAppearInStatusDueAndTheCalendar() throws {
        let (r, _) = try withRisks()
        defer { r.cleanup() }
        // The 2w risk is due for review on 2026-11-16; the others on 2026-12-02.
        let status = r.run(["status"], today: "2026-11-20").stdout
        #expect(status.contains("逾期的风险复核（1）") && status.contains("关键人员离职"), "\(status)")
        #expect(status.contains("两周内到期的风险复核（2）"), "\(status)")
        let due = r.run(["due", "--format", "json"], today: "2026-11-20").stdout
        #expect(due.contains("\"type\": \"risk_review\"") && due.contains("\"title\": \"关键人员离职\""), "\(due)")
        #expect(r.run(["due"], today: "2026-11-20").stdout.contains("复核风险：关键人员离职（评分 6）"))
        let ics = r.run(["export", "ics"], today: "2026-11-20").stdout
        #expect(ics.contains("CATEGORIES:huifang,risk r-") && ics.contains("DTSTART;VALUE=DATE:20261116"))
        // A review done: the next one is two weeks later.
        let id = try #require(try ids(r, "acme-erp").first { r.read("projects/acme-erp/risks/\($0).yaml")!.contains("人员") })
        #expect(r.run(["risk", "update", id, "--note", "无变化"], today: "2026-11-20").code == 0)
        #expect(!r.run(["status"], today: "2026-11-20").stdout.contains("逾期的风险复核"))
        #expect(r.run(["risk", "list", "--format", "json"], today: "2026-11-20").stdout.contains("\"next_review\": \"2026-12-04\""))
    }

    @Test func highRisksInVisitPrepareAndProjectLog() throws {
        let (r, _) = try withRisks()
        defer { r.cleanup() }
        let prepare = r.run(["visit", "prepare", "acme-erp"], today: "2026-11-20").stdout
        #expect(prepare.contains("未关闭的高风险") && prepare.contains("数据库版本停止支持") && !prepare.contains("关键人员离职"), "\(prepare)")
        let log = r.run(["project", "log", "acme-erp"], today: "2026-11-20").stdout
        #expect(log.contains("未关闭的高风险（1）：") && log.contains("可能性 4 × 影响 4 = 16（高风险）"), "\(log)")
        #expect(log.contains("[评分 2×3=6] 关键人员离职"), "\(log)")
        // A project without high risks says nothing about them.
        #expect(!r.run(["visit", "prepare", "beta-mes"], today: "2026-11-01").stdout.contains("高风险"), "raised after that day")
    }

    @Test func reportsShowTheMatrixTopRisksAndCustomerHealth() throws {
        let (r, _) = try withRisks()
        defer { r.cleanup() }
        for (format, ext) in [("md", "md"), ("json", "json"), ("html", "html")] {
            let dept = r.run(["report", "department", "east", "--period", "2026Q4", "--format", format], today: "2026-11-20")
            #expect(dept.code == 0, "\(dept.stderr)")
            r.expectGolden(dept.stdout, "risk-report-department-zh.\(ext)")
        }
        let en = r.run(["--lang", "en", "report", "summary", "--period", "2026Q4", "--format", "md"], today: "2026-11-20")
        r.expectGolden(en.stdout, "risk-report-summary-en.md")
        // The HTML matrix: each cell coloured by its zone (score = row × column; high from 15, medium
        // from 5), the count kept, and a legend in the report's language; text formats unchanged.
        let html = r.run(["--lang", "en", "report", "summary", "--period", "2026Q4", "--format", "html"], today: "2026-11-20").stdout
        let rows = html.components(separatedBy: "<tr><td>").dropFirst().map { $0.prefix { $0 != "\n" } }
        let five = try #require(rows.first { $0.hasPrefix("5</td>") }), one = try #require(rows.first { $0.hasPrefix("1</td>") && $0.contains("zone-") })
        #expect(five.components(separatedBy: "zone-high").count - 1 == 3 && five.components(separatedBy: "zone-medium").count - 1 == 2, "\(five)")
        #expect(one.components(separatedBy: "zone-low").count - 1 == 4 && one.hasSuffix("zone-medium\" style=\"background:#fdf0c2\">0</td></tr>"), "\(one)")
        #expect(html.contains(">low: score 4 or less</span>") && html.contains(">medium: score 5–14</span>") && html.contains(">high: score 15 or more</span>"))
        #expect(!en.stdout.contains("zone") && !en.stdout.contains("low: score"))
        let json = r.run(["report", "summary", "--period", "2026Q4", "--format", "json"], today: "2026-11-20").stdout
        #expect(json.contains("\"customer_health\"") && json.contains("\"high_at\": 15"))
        // A department without risks has no register section.
        let tech = r.run(["report", "department", "tech", "--period", "2026Q4", "--format", "md"], today: "2026-11-20").stdout
        #expect(!tech.contains("风险登记"))
    }
}

/// `risk add --edit` (issue 19), as `issue add --edit` and `visit log --edit`: a template in
/// $EDITOR, problems shown and the editor opened again on a terminal, refused otherwise.
@Suite struct RiskEditTests {
    static func editor(_ r: HuifangRunner, _ name: String, _ body: String) throws -> String {
        try r.write(".editors/" + name, "#!/bin/sh\n" + body + "\n")
        chmod(r.path(".editors/" + name), 0o755)
        return r.path(".editors/" + name)
    }

    static func risks(_ r: HuifangRunner) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: r.path("projects/acme-erp/risks"))) ?? []
    }

    @Test func theTemplateIsFilledInTheEditorAndRegistered() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let ed = try Self.editor(r, "fill.sh", """
            cp "$1" \(r.path(".editors/template.yaml"))
            sed -i 's/^title: ""/title: 数据库版本停止支持/; s/^category: /category: 技术/; s/^probability: /probability: 4/; s/^impact: 3/impact: 4/; s/^response: /response: mitigate/; s/^plan: ""/plan: 先在测试环境升级/' "$1"
            """)
        let result = r.run(["risk", "add", "acme", "--edit", "--owner", "刘强", "--impact", "3"], env: ["EDITOR": ed, "VISUAL": ""])
        #expect(result.code == 0, "\(result.stderr)")
        // The template says what each field is, in the repository's language, pre-filled with the flags.
        let template = try #require(r.read(".editors/template.yaml"))
        #expect(template.contains("owner: 刘强") && template.contains("impact: 3") && template.contains("# 可能性 1（罕见）到 5（几乎肯定）"), "\(template)")
        #expect(template.contains("category:    # technical | resource | schedule | cost | customer"), "\(template)")
        let file = try #require(Self.risks(r).first)
        let text = try #require(r.read("projects/acme-erp/risks/" + file))
        #expect(text.contains("title: 数据库版本停止支持\ncategory: technical\nprobability: 4\nimpact: 4\nresponse: mitigate\nplan: 先在测试环境升级\nowner: 刘强\n"), "\(text)")
        #expect(text.hasSuffix("recorded: 2026-11-24\n"), "\(text)")
        #expect(r.run(["check"]).code == 0)
        // Left unchanged: nothing written, exit 1.
        let unchanged = r.run(["risk", "add", "acme", "--edit"], env: ["EDITOR": "true", "VISUAL": ""])
        #expect(unchanged.code == 1 && Self.risks(r).count == 1, "\(unchanged.stderr)")
    }

    @Test(.englishMessages) func withoutATerminalProblemsAreRefusedAndNothingIsWritten() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let ed = try Self.editor(r, "bad.sh", """
            sed -i 's/^title: ""/title: t/; s/^category: /category: weather/; s/^probability: /probability: 6/; s/^impact: /impact: 2/; s/^response: /response: accept/; s/^plan: ""/plan: p/; s/^owner: /owner: o/' "$1"
            """)
        let before = r.snapshot()
        let result = r.run(["risk", "add", "acme", "--edit"], env: ["EDITOR": ed, "VISUAL": ""])
        #expect(result.code == 65, "\(result.stderr)")
        #expect(result.stderr.contains("4:11: ") && result.stderr.contains("weather"), "\(result.stderr)")
        #expect(result.stderr.contains("5:14: ") && result.stderr.contains("6"), "\(result.stderr)")
        #expect(r.snapshot() == before)
        // Without --edit, what is missing is named.
        let missing = r.run(["risk", "add", "acme", "--title", "t"])
        #expect(missing.code == 64 && missing.stderr.contains("--category, --probability, --impact, --response, --plan, --owner")
                && missing.stderr.contains("--edit"), "\(missing.stderr)")
    }

    /// On a terminal (a pseudo-terminal from script(1)), the editor opens again with the text
    /// kept and the problems appended; the second save is valid.
    @Test func onATerminalTheEditorOpensAgain() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let ed = try Self.editor(r, "twice.sh", """
            if grep -q 'fix these' "$1"; then
              sed -i 's/^probability: 9/probability: 2/' "$1"
              cp "$1" \(r.path(".editors/second-round.yaml"))
            else
              sed -i 's/^title: ""/title: 关键人员离职/; s/^category: /category: resource/; s/^probability: /probability: 9/; s/^impact: /impact: 3/; s/^response: /response: accept/; s/^plan: ""/plan: 交接文档/; s/^owner: /owner: 王芳/' "$1"
            fi
            """)
        let command = "EDITOR=\(ed) VISUAL= HUIFANG_LANG=en HUIFANG_TODAY=2026-11-24 \(HuifangRunner.binary) -C \(r.dir) risk add acme --edit"
        let status = try HuifangRunner.onTerminal(command, typing: "\n")
        #expect(status == 0)
        let second = try #require(r.read(".editors/second-round.yaml"))
        #expect(second.contains("# --- huifang: fix these and save again ---\n# 5:14: "), "\(second)")
        let file = try #require(Self.risks(r).first)
        #expect(r.read("projects/acme-erp/risks/" + file)?.contains("title: 关键人员离职\ncategory: resource\nprobability: 2\nimpact: 3\n") == true)
    }
}
