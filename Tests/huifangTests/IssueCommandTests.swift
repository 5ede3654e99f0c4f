import Foundation
import Testing

/// Issues end to end: routing printed in words, escalation, resolution, confirmation, closing,
/// refusals with exit codes and nothing written, and hand edits that survive every update.
@Suite struct IssueCommandTests {
    /// The tour repository plus one general issue raised in acme-erp's first visit.
    func withIssue() throws -> (HuifangRunner, String) {
        let r = try makeTourRepository()
        let visits = try FileManager.default.contentsOfDirectory(atPath: r.path("projects/acme-erp/visits")).sorted()
        let visit = String(visits[0].dropFirst(11).dropLast(5))
        let add = r.run(["--as-of", "2026-09-24", "issue", "add", "acme-erp", "--title", "报表导出超时", "--category", "technical",
                         "--severity", "general", "--raised", "2026-09-24", "--source", "customer"])
        try #require(add.code == 0, "\(add.stderr)")
        let id = try #require(try FileManager.default.contentsOfDirectory(atPath: r.path("projects/acme-erp/issues")).first).dropLast(5)
        _ = visit
        return (r, String(id))
    }

    @Test func addPrintsTheRouteAndComputesTheDeadlineOverNationalDay() throws {
        let (r, id) = try withIssue()
        defer { r.cleanup() }
        let text = try #require(r.read("projects/acme-erp/issues/\(id).yaml"))
        // 10 working days after Thu 2026-09-24: 25 (Fri) is 中秋 holiday; 28, 29, 30; 10-01..07 off;
        // 10-08, 10-09, 10-10 (Sat, make-up day), 12, 13, 14, 15 -> 2026-10-15 is the 10th.
        #expect(text.contains("due: 2026-10-15\n"))
        #expect(text.contains("owner: 张伟\n"), "a general issue goes to the head of the project's department")
        #expect(text.contains("status: open\n"))
        #expect(text.contains("history:\n  - {at: 2026-09-24, action: opened, by: 张伟}\n"))
    }

    @Test func routeOfEachSeverity() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let visit = try #require(try FileManager.default.contentsOfDirectory(atPath: r.path("projects/acme-erp/visits")).sorted().first)
        let vid = String(visit.dropFirst(11).dropLast(5))
        let visitBefore = try #require(r.read("projects/acme-erp/visits/" + visit))
        let minor = r.run(["issue", "add", "acme-erp", "--title", "按钮错位", "--category", "quality", "--severity", "minor", "--visit", vid])
        #expect(minor.code == 0, "\(minor.stderr)")
        r.expectGolden(minor.stdout.replacingOccurrences(of: vid, with: "VID"), "issue-add-minor.txt")
        let major = r.run(["issue", "add", "beta-mes", "--title", "产线停机", "--category", "technical", "--severity", "major", "--source", "complaint"])
        #expect(major.code == 0)
        r.expectGolden(major.stdout, "issue-add-major.txt")
        let majorEn = r.run(["--lang", "en", "issue", "add", "beta-mes", "--title", "数据丢失", "--category", "technical", "--severity", "major",
                             "--source", "complaint"])
        #expect(majorEn.code == 0)
        r.expectGolden(majorEn.stdout, "issue-add-major-en.txt")
        // The link lives in the issue alone; the visit lists it when read.
        #expect(r.read("projects/acme-erp/visits/" + visit) == visitBefore, "the visit file is not changed")
        #expect(try #require(r.read("projects/acme-erp/issues/\(try minorID(r)).yaml")).contains("visit: \(vid)\n"))
        #expect(r.run(["project", "show", "acme-erp", "--format", "json"]).stdout.contains("\"issues\": [\"\(try minorID(r))\"]"))
    }

    func minorID(_ r: HuifangRunner) throws -> String {
        let files = try FileManager.default.contentsOfDirectory(atPath: r.path("projects/acme-erp/issues"))
        return String(try #require(files.first).dropLast(5))
    }

    @Test func lifecycleFromEscalationToClosing() throws {
        let (r, id) = try withIssue()
        defer { r.cleanup() }
        let esc = r.run(["--as-of", "2026-09-30", "issue", "escalate", String(id.prefix(6)), "--reason", "客户再次投诉", "--by", "王芳"])
        #expect(esc.code == 0, "\(esc.stderr)")
        // 5 working days after Wed 2026-09-30: 10-01..07 off; 10-08, 10-09, 10-10 (make-up Saturday), 12, 13.
        #expect(esc.stdout.contains("2026-10-13（自 2026-09-30 起 5 个工作日）"))
        #expect(esc.stdout.contains("项目管理部"))
        #expect(r.run(["--as-of", "2026-10-13", "issue", "resolve", id, "--summary", "导出改为异步"]).stdout.contains("按时"))
        #expect(r.run(["--as-of", "2026-10-14", "issue", "confirm", id]).code == 0)
        let noCase = r.run(["--as-of", "2026-10-15", "issue", "close", id])
        #expect(noCase.code == 64)
        #expect(noCase.stderr.contains("重大问题必须附案例分析才能关闭"))
        try r.write("docs/cases/\(id).md", "# 报表导出超时 案例分析\n")
        let incomplete = r.run(["--as-of", "2026-10-15", "issue", "close", id, "--case-analysis", r.path("docs/cases/\(id).md")])
        #expect(incomplete.code == 64 && incomplete.stderr.contains("缺少或为空：经过、原因、措施、经验教训、适用范围"), "\(incomplete.stderr)")
        try r.write("docs/cases/\(id).md", CaseFixture.complete)
        let close = r.run(["--as-of", "2026-10-15", "issue", "close", id, "--case-analysis", r.path("docs/cases/\(id).md")])
        #expect(close.code == 0, "\(close.stderr)")
        r.expectGolden(try #require(r.read("projects/acme-erp/issues/\(id).yaml")).replacingOccurrences(of: id, with: "IID"), "issue-lifecycle.yaml")
        #expect(r.run(["check"]).code == 0)
        r.expectGolden(r.run(["issue", "show", id]).stdout.replacingOccurrences(of: id, with: "IID"), "issue-show.txt")
        r.expectGolden(r.run(["issue", "show", id, "--lang", "en"]).stdout.replacingOccurrences(of: id, with: "IID"), "issue-show-en.txt")
    }

    @Test func lateResolutionStaysRecorded() throws {
        let (r, id) = try withIssue()
        defer { r.cleanup() }
        let late = r.run(["--as-of", "2026-10-20", "issue", "resolve", id, "--summary", "修复"])
        #expect(late.stdout.contains("逾期：超过期限 2026-10-15 5 天"))
        let shown = r.run(["--as-of", "2026-10-20", "issue", "show", id, "--lang", "en"])
        #expect(shown.stdout.contains("[resolved late]"))
        let list = r.run(["--as-of", "2026-11-24", "issue", "list", "--format", "csv"])
        #expect(list.stdout.contains(",resolved late,"))
    }

    @Test func unsatisfiedCustomerReopens() throws {
        let (r, id) = try withIssue()
        defer { r.cleanup() }
        #expect(r.run(["--as-of", "2026-10-09", "issue", "resolve", id, "--summary", "修复"]).code == 0)
        let confirm = r.run(["--as-of", "2026-10-12", "issue", "confirm", id, "--unsatisfied"])
        #expect(confirm.code == 0)
        let text = try #require(r.read("projects/acme-erp/issues/\(id).yaml"))
        #expect(text.contains("status: open\n"))
        #expect(!text.contains("\nconfirmed:") && !text.contains("\nresolved:"), "open again: no resolution in the current state")
        #expect(text.contains("action: reopened, by: 张伟, reason: customer not satisfied, resolved: {date: 2026-10-09, summary: 修复}}\n"), "\(text)")
        #expect(r.run(["issue", "list", "--open", "--overdue", "--format", "csv"]).stdout.contains(id))
        #expect(r.run(["check"]).code == 0)
    }

    static let refusals: [(args: [String], message: String)] = [
        (["issue", "escalate", "IID", "--to", "minor", "--reason", "x"], "down or sideways"),
        (["issue", "escalate", "IID", "--to", "general", "--reason", "x"], "down or sideways"),
        (["issue", "escalate", "i-zzzzzzzz", "--reason", "x"], "no issue 'i-zzzzzzzz'"),
        (["issue", "escalate", "i-", "--reason", "x"], "too short"),
        (["issue", "resolve", "IID", "--summary", "x", "--on-spot"], "only minor issues"),
        (["issue", "confirm", "IID"], "only resolved issues are confirmed"),
        (["issue", "close", "IID"], "once the customer confirmed it"),
        (["issue", "reopen", "IID", "--reason", "x"], "already open"),
        (["--as-of", "2026-09-01", "issue", "resolve", "IID", "--summary", "x"], "before the last change"),
        (["issue", "add", "acme-erp", "--title", "x", "--category", "technical", "--severity", "fatal"], "fatal"),
        (["issue", "add", "acme-erp", "--title", "x", "--category", "cost", "--severity", "minor"], "cost"),
        (["issue", "add", "acme-erp", "--title", "x", "--category", "technical", "--severity", "minor", "--source", "visit"], "needs --visit"),
        (["issue", "add", "acme-erp", "--title", "x", "--category", "technical", "--severity", "minor", "--department", "ops"], "unknown department"),
        (["issue", "add", "nope", "--title", "x", "--category", "technical", "--severity", "minor"], "no project 'nope'"),
    ]

    @Test(.englishMessages, arguments: refusals.indices)
    func refusedWithExit64AndNothingWritten(_ index: Int) throws {
        let (r, id) = try withIssue()
        defer { r.cleanup() }
        let c = Self.refusals[index]
        let before = r.snapshot()
        let result = r.run(c.args.map { $0 == "IID" ? id : $0 })
        #expect(result.code == 64, "\(c.args): \(result.stderr)")
        #expect(result.stderr.contains(c.message), "\(c.args): \(result.stderr)")
        #expect(r.snapshot() == before)
    }

    @Test(.englishMessages) func ambiguousPrefixIsRefused() throws {
        let (r, id) = try withIssue()
        defer { r.cleanup() }
        let other = String(id.prefix(6)) + "zz"
        try r.write("projects/acme-erp/issues/\(other).yaml", try #require(r.read("projects/acme-erp/issues/\(id).yaml")).replacingOccurrences(of: id, with: other))
        let before = r.snapshot()
        let result = r.run(["issue", "resolve", String(id.prefix(6)), "--summary", "x"])
        #expect(result.code == 64)
        #expect(result.stderr.contains("matches 2 issues"))
        #expect(r.snapshot() == before)
    }

    /// A person's comments, key order, quoting and unknown keys survive every update.
    @Test func handEditsSurviveEveryUpdate() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let handEdited = """
            # 客户电话反馈，王五记录
            id: i-0badc0de
            title: "报表导出超时: 月底"   # quoted by hand
            raised: 2026-09-24
            severity: minor       # first guess
            source: customer
            category: technical
            owner: 王五
            department: east
            due: 2026-10-08
            status: open
            ticket: CRM-4711      # our CRM's number, unknown to huifang

            history:
              - {at: 2026-09-24, action: opened, by: 王五}
              # called the customer back on the 25th
            notes: |
              多行说明
              第二行

            """
        try r.write("projects/acme-erp/issues/i-0badc0de.yaml", handEdited)
        #expect(r.run(["check"]).code == 0)
        #expect(r.run(["--as-of", "2026-09-28", "issue", "escalate", "i-0bad", "--reason", "影响月结", "--by", "张伟"]).code == 0)
        #expect(r.run(["--as-of", "2026-10-12", "issue", "resolve", "i-0bad", "--summary", "加索引", "--by", "刘强"]).code == 0)
        #expect(r.run(["--as-of", "2026-10-13", "issue", "confirm", "i-0bad", "--by", "王五"]).code == 0)
        #expect(r.run(["--as-of", "2026-10-14", "issue", "close", "i-0bad", "--by", "王五"]).code == 0)
        let after = try #require(r.read("projects/acme-erp/issues/i-0badc0de.yaml"))
        // general is 10 working days after Mon 2026-09-28: 29, 30, 10-08, 10-09, 10-10 (make-up), 12..16 -> 2026-10-16.
        let expected = """
            # 客户电话反馈，王五记录
            id: i-0badc0de
            title: "报表导出超时: 月底"   # quoted by hand
            raised: 2026-09-24
            severity: general       # first guess
            source: customer
            category: technical
            owner: 王五
            department: east
            due: 2026-10-16
            status: closed
            resolved: {date: 2026-10-12, summary: 加索引}
            confirmed: {date: 2026-10-13, satisfied: true}
            ticket: CRM-4711      # our CRM's number, unknown to huifang

            history:
              - {at: 2026-09-24, action: opened, by: 王五}
              - {at: 2026-09-28, action: escalated, from: minor, to: general, by: 张伟, reason: 影响月结}
              - {at: 2026-10-12, action: resolved, by: 刘强}
              - {at: 2026-10-13, action: confirmed, by: 王五}
              - {at: 2026-10-14, action: closed, by: 王五}
              # called the customer back on the 25th
            notes: |
              多行说明
              第二行

            """
        #expect(after == expected)
        #expect(r.run(["check"]).code == 0)
    }

    @Test func improvementLifecycle() throws {
        let (r, id) = try withIssue()
        defer { r.cleanup() }
        let add = r.run(["improve", "add", "--title", "报表服务异步化", "--addresses", String(id.prefix(5)), "--department", "tech",
                         "--owner", "刘强", "--due", "2026-12-31", "--expected-effect", "导出 10 万行 < 10 秒"])
        #expect(add.code == 0, "\(add.stderr)")
        let mid = try #require(try FileManager.default.contentsOfDirectory(atPath: r.path("improvements")).first).dropLast(5)
        #expect(r.run(["improve", "verify", String(mid), "--result", "x"]).code == 64)
        #expect(r.run(["improve", "start", String(mid)]).code == 0)
        #expect(r.run(["improve", "done", String(mid)]).code == 0)
        #expect(r.run(["improve", "verify", String(mid), "--result", "Q4 无复发"]).code == 0)
        let text = try #require(r.read("improvements/\(mid).yaml"))
        #expect(text == """
            id: \(mid)
            title: 报表服务异步化
            addresses: [\(id)]
            department: tech
            owner: 刘强
            due: 2026-12-31
            expected_effect: 导出 10 万行 < 10 秒
            status: verified
            verified: {date: 2026-11-24, result: Q4 无复发}
            recorded: 2026-11-24

            """)
        let overdue = r.run(["improve", "add", "--title", "培训", "--addresses", id, "--department", "cs", "--owner", "陈静",
                             "--due", "2026-11-01", "--expected-effect", "同类投诉减少"])
        #expect(overdue.code == 0)
        let list = r.run(["improve", "list", "--format", "csv"]).stdout.split(separator: "\r\n")
        #expect(list[1].contains("培训"), "overdue measures come first")
        #expect(r.run(["check"]).code == 0)
    }
}

