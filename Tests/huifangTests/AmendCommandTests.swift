import Foundation
import Testing

/// Issue 14 parts 4 and 5 end to end: typos and duplicates caught; every record amended in
/// place on hand-edited files whose comments and unknown keys survive.
@Suite struct AmendCommandTests {
    func file(_ r: HuifangRunner, _ folder: String, _ prefix: String) throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: r.path(folder)).sorted()
        return folder + "/" + (try #require(names.first { $0.hasPrefix(prefix) }, "no \(prefix)* in \(folder)"))
    }

    func editor(_ r: HuifangRunner, _ name: String, _ body: String) throws -> String {
        try r.write(".editors/" + name, "#!/bin/sh\n" + body + "\n")
        chmod(r.path(".editors/" + name), 0o755)
        return r.path(".editors/" + name)
    }

    func withoutEditors(_ s: [String: Data]) -> [String: Data] { s.filter { !$0.key.hasPrefix(".editors") } }

    // MARK: 4. Typos and duplicates

    @Test(.englishMessages) func checkNamesTheNearestKeyOfATypoButNotCustomKeys() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let path = try file(r, "projects/acme-erp/visits", "2026-05-20-")
        let text = try #require(r.read(path))
        // With `overall:` there too (a misspelling of a key the record lacks is an error:
        // AttackTests.aMisspeltKeyOfARecordWithoutTheRightOneMakesTheRecordUnreadable).
        try r.write(path, text.replacingOccurrences(of: "overall: 4", with: "overall: 4\noveral: 4  # typed by hand")
            + "crm_ticket: 7781\ncustom:\n  overal: 1\n")
        try r.write("huifang.yaml", try #require(r.read("huifang.yaml")) + "custom_fields: [crm_ticket]\n")
        let check = r.run(["check"])
        #expect(check.code == 0, "warnings only: \(check.stdout)")
        #expect(check.stdout.contains("\(path):8:1: warning: unknown key 'overal' in a visit; did you mean 'overall'?"), "\(check.stdout)")
        #expect(check.stdout.contains("hint: rename it to 'overall'"))
        #expect(!check.stdout.contains("crm_ticket"), "custom_fields are never warned about")
        #expect(check.stdout.components(separatedBy: "unknown key").count == 2, "only the one typo: \(check.stdout)")
        // Unknown keys are kept by every edit.
        let vid = String(path.split(separator: "-").suffix(2).joined(separator: "-").dropLast(5))
        #expect(r.run(["visit", "amend", vid, "--nps", "8"]).code == 0)
        let after = try #require(r.read(path))
        #expect(after.contains("overal: 4  # typed by hand\n") && after.contains("crm_ticket: 7781\ncustom:\n  overal: 1\n"))
        #expect(after.contains("nps: 8\n"))
    }

    @Test(.englishMessages) func aRepeatedVisitIsRefusedUnlessForced() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let again = ["visit", "log", "acme-erp", "--date", "2026-02-14", "--method", "phone", "--summary", "系统运行稳定，报表导出偏慢。"]
        let before = r.snapshot()
        let refused = r.run(again)
        #expect(refused.code == 64)
        #expect(refused.stderr.contains("the same visit is already logged: v-"), "\(refused.stderr)")
        #expect(refused.stderr.contains("pass --force"))
        #expect(r.snapshot() == before, "nothing written")
        // Another method, or another summary, is another visit.
        #expect(r.run(["visit", "log", "acme-erp", "--date", "2026-02-14", "--method", "email", "--summary", "系统运行稳定，报表导出偏慢。"]).code == 0)
        let forced = r.run(again + ["--force"])
        #expect(forced.code == 0, "\(forced.stderr)")
        let check = r.run(["check"])
        #expect(check.code == 0)
        #expect(check.stdout.contains("(same date, method and summary): logged twice?"), "\(check.stdout)")
        #expect(check.stdout.contains("0 errors, 1 warning"), "\(check.stdout)")
    }

    @Test(.englishMessages) func aSecondOpenIssueWithTheSameTitleIsWarned() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let add = ["issue", "add", "acme-erp", "--title", "报表导出超时", "--category", "technical", "--severity", "minor"]
        let first = r.run(add)
        #expect(first.code == 0 && !first.stderr.contains("warning"))
        let second = r.run(add)
        #expect(second.code == 0, "a warning, not a refusal")
        #expect(second.stderr.contains("warning: open issue i-"), "\(second.stderr)")
        #expect(second.stderr.contains("has the same title: a duplicate?"))
        let check = r.run(["check"])
        #expect(check.stdout.contains("warning: open issue with the same title as i-"), "\(check.stdout)")
        // Another project's issue with that title is no duplicate.
        #expect(!r.run(["issue", "add", "beta-mes", "--title", "报表导出超时", "--category", "technical", "--severity", "minor"]).stderr.contains("warning"))
    }

    // MARK: 5. Every record can be amended

    static let handProject = """
        # 手工维护：请勿删除注释
        id: acme-erp
        name: ACME ERP 实施项目   # 合同名称
        customer:
          name: 某某制造有限公司
          contacts:
            - {name: 李四, role: IT经理}   # 主要联系人
        department: east
        owner: 张伟                # 回访责任人
        tier: standard
        accepted: 2026-01-15
        tags: [erp]
        custom:
          crm: A-17

        """

    @Test func projectEditKeepsCommentsAndRecordsTheOwnerChange() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        try r.write("projects/acme-erp/project.yaml", Self.handProject)
        let result = r.run(["project", "edit", "acme", "--owner", "王五", "--tier", "key", "--reason", "张伟调岗", "--by", "王芳"])
        #expect(result.code == 0, "\(result.stderr)")
        r.expectGolden(try #require(r.read("projects/acme-erp/project.yaml")), "amend-project-edit.yaml")
        #expect(r.run(["check"]).stdout.contains("没有问题"))
        let log = r.run(["project", "log", "acme-erp"])
        #expect(log.stdout.contains("2026-11-24  项目变更  acme-erp    王芳  [负责人 张伟 → 王五] 张伟调岗"), "\(log.stdout)")
        // The change in words in the language (it was the code owner_changed in zh); JSON keeps the code.
        #expect(result.stdout.contains("\n  负责人 张伟 → 王五（已记入变更记录）\n"), "\(result.stdout)")
        #expect(r.run(["project", "log", "acme-erp", "--lang", "en"]).stdout.contains("[owner 张伟 → 王五] 张伟调岗"))
        #expect(r.run(["project", "log", "acme-erp", "--format", "json"]).stdout.contains("\"detail\": \"owner_changed 张伟 → 王五\""))
        // Nothing to change, a bad value: refused, nothing written.
        let before = r.snapshot()
        #expect(r.run(["project", "edit", "acme-erp"]).code == 64)
        #expect(r.run(["project", "edit", "acme-erp", "--department", "nowhere"]).code == 64)
        #expect(r.run(["project", "edit", "acme-erp", "--name", " "]).code == 64)
        #expect(r.snapshot() == before)
    }

    @Test(.englishMessages) func projectEditInTheEditorKeepsWhatThePersonWrote() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        try r.write("projects/acme-erp/project.yaml", Self.handProject)
        let ed = try editor(r, "p.sh", #"sed -i 's/^owner: 张伟 /owner: 赵六 /; s/^tier: standard/tier: basic  # 降级/' "$1""#)
        let result = r.run(["project", "edit", "acme-erp", "--edit", "--by", "王芳"], env: ["EDITOR": ed, "VISUAL": ""])
        #expect(result.code == 0, "\(result.stderr)")
        let text = try #require(r.read("projects/acme-erp/project.yaml"))
        #expect(text.hasPrefix("# 手工维护：请勿删除注释\n"))
        #expect(text.contains("owner: 赵六                # 回访责任人\ntier: basic  # 降级\n"))
        #expect(text.contains("history:\n  - {at: 2026-11-24, action: owner_changed, from: 张伟, to: 赵六, by: 王芳}\n"), "\(text)")
        #expect(text.contains("custom:\n  crm: A-17\n"))
        // An invalid save (no terminal): an error, nothing written.
        let bad = try editor(r, "bad.sh", #"sed -i 's/^tier: .*/tier: gold/' "$1""#)
        let before = withoutEditors(r.snapshot())
        let refused = r.run(["project", "edit", "acme-erp", "--edit"], env: ["EDITOR": bad, "VISUAL": ""])
        #expect(refused.code == 65)
        #expect(refused.stderr.contains("unknown tier 'gold'"), "\(refused.stderr)")
        #expect(withoutEditors(r.snapshot()) == before)
        // The file changed while the editor was open: refused (75), the other change kept.
        let racing = try editor(r, "race.sh", """
            sed -i 's/^name: .*/name: 改名/' "$1"
            sed -i 's/^tags: \\[erp\\]/tags: [erp, mes]/' \(r.path("projects/acme-erp/project.yaml"))
            """)
        let raced = r.run(["project", "edit", "acme-erp", "--edit"], env: ["EDITOR": racing, "VISUAL": ""])
        #expect(raced.code == 75, "\(raced.stderr)")
        #expect(raced.stderr.contains("changed while it was being edited; nothing was written"))
        let now = try #require(r.read("projects/acme-erp/project.yaml"))
        #expect(now.contains("tags: [erp, mes]") && !now.contains("改名"))
    }

    @Test func aRetiredProjectHasNothingDueAfterItsLastDay() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        try r.write("projects/acme-erp/project.yaml", Self.handProject)
        // acme-erp: visits 02-14 and 05-20 (standard: every 3m): periodic due 2026-08-20, overdue on 11-24.
        let due = r.run(["due", "--format", "csv"])
        #expect(due.stdout.contains("2026-08-20"), "\(due.stdout)")
        let q3Before = r.run(["report", "project", "acme-erp", "--period", "2026Q3", "--format", "json"]).stdout
        let result = r.run(["project", "retire", "acme-erp", "--on", "2026-06-30", "--reason", "合同到期，不再续约", "--by", "王芳"])
        #expect(result.code == 0, "\(result.stderr)")
        r.expectGolden(try #require(r.read("projects/acme-erp/project.yaml")), "amend-project-retire.yaml")
        #expect(!r.run(["due", "--format", "csv"]).stdout.contains("acme-erp"), "no item due after 06-30")
        let q2 = r.run(["report", "project", "acme-erp", "--period", "2026Q2", "--format", "json"])
        #expect(q2.code == 0 && q2.stdout.contains("\"visits\": 1"), "\(q2.stdout)")
        #expect(q3Before != r.run(["report", "project", "acme-erp", "--period", "2026Q3", "--format", "json"]).stdout)
        #expect(r.run(["project", "log", "acme-erp"]).stdout.contains("2026-06-30  服务终止  acme-erp    王芳  合同到期，不再续约"))
        #expect(r.run(["project", "show", "acme-erp"]).stdout.contains("服务终止    2026-06-30: 合同到期，不再续约"))
        #expect(r.run(["project", "show", "acme-erp", "--format", "json"]).stdout.contains("\"retired\": {\n    \"date\": \"2026-06-30\",\n    \"reason\": \"合同到期，不再续约\"\n  }"))
        let before = r.snapshot()
        #expect(r.run(["project", "retire", "acme-erp", "--on", "2026-07-01", "--reason", "x"]).code == 64, "already retired")
        #expect(r.run(["project", "retire", "beta-mes", "--on", "2026-01-01", "--reason", "x"]).code == 64, "before acceptance")
        #expect(r.snapshot() == before)
    }

    static let handVisit = """
        # 电话回访，李四接听
        id: %@
        date: 2026-02-14
        kind: first
        method: phone
        visitor: 张伟
        contacts: [李四]
        summary: 系统运行稳定，报表导出偏慢。   # 原话见 quotes
        scores: {quality: 4, service: 5}
        nps: 9
        quotes: [报表导出太慢了]
        x_source: 呼叫中心

        """

    @Test func visitAmendChangesOnlyTheValuesGiven() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let path = try file(r, "projects/acme-erp/visits", "2026-02-14-")
        let vid = String(path.dropFirst("projects/acme-erp/visits/2026-02-14-".count).dropLast(5))
        try r.write(path, String(format: Self.handVisit, vid))
        let result = r.run(["visit", "amend", String(vid.prefix(6)), "--score", "quality=3", "--overall", "4", "--method", "onsite",
                            "--need", "移动端报表"])
        #expect(result.code == 0, "\(result.stderr)")
        r.expectGolden(try #require(r.read(path)).replacingOccurrences(of: vid, with: "VID"), "amend-visit.yaml")
        // A new date renames the file; comments still there.
        let moved = r.run(["visit", "amend", vid, "--date", "2026-02-13"])
        #expect(moved.code == 0, "\(moved.stderr)")
        #expect(r.read(path) == nil)
        let renamed = try #require(r.read("projects/acme-erp/visits/2026-02-13-\(vid).yaml"))
        #expect(renamed.hasPrefix("# 电话回访，李四接听\n") && renamed.contains("date: 2026-02-13\n"))
        #expect(r.run(["check"]).stdout.contains("回访记录中有未知的键 'x_source'"))
        let before = r.snapshot()
        #expect(r.run(["visit", "amend", vid, "--overall", "9"]).code == 64)
        #expect(r.run(["visit", "amend", vid, "--score", "mood=3"]).code == 64)
        #expect(r.run(["visit", "amend", vid, "--date", "2027-01-01"]).code == 64)
        #expect(r.run(["visit", "amend", vid]).code == 64)
        #expect(r.snapshot() == before)
    }

    @Test(.englishMessages) func visitEditValidatesOnSave() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let path = try file(r, "projects/acme-erp/visits", "2026-02-14-")
        let vid = String(path.dropFirst("projects/acme-erp/visits/2026-02-14-".count).dropLast(5))
        try r.write(path, String(format: Self.handVisit, vid))
        let ed = try editor(r, "v.sh", #"sed -i 's/^nps: 9/nps: 10  # 改正/; s/^date: 2026-02-14/date: 2026-02-16/' "$1""#)
        let result = r.run(["visit", "edit", vid], env: ["EDITOR": ed, "VISUAL": ""])
        #expect(result.code == 0, "\(result.stderr)")
        let text = try #require(r.read("projects/acme-erp/visits/2026-02-16-\(vid).yaml"))
        #expect(text == String(format: Self.handVisit, vid).replacingOccurrences(of: "nps: 9", with: "nps: 10  # 改正")
            .replacingOccurrences(of: "date: 2026-02-14", with: "date: 2026-02-16"))
        #expect(r.read(path) == nil)
        // Invalid (no terminal): exit 65, nothing written; an unchanged file: nothing to do.
        let bad = try editor(r, "bad.sh", #"sed -i 's/^method: .*/method: fax/' "$1""#)
        let before = withoutEditors(r.snapshot())
        let refused = r.run(["visit", "edit", vid], env: ["EDITOR": bad, "VISUAL": ""])
        #expect(refused.code == 65)
        #expect(refused.stderr.contains("unknown method 'fax'"))
        let idChange = try editor(r, "id.sh", #"sed -i 's/^id: .*/id: v-99999999/' "$1""#)
        #expect(r.run(["visit", "edit", vid], env: ["EDITOR": idChange, "VISUAL": ""]).stderr.contains("a visit keeps its id"))
        #expect(r.run(["visit", "edit", vid], env: ["EDITOR": "true", "VISUAL": ""]).code == 1)
        #expect(withoutEditors(r.snapshot()) == before)
    }

    static let handIssue = """
        # 客户电话反馈
        id: %@
        title: 报表导出超时
        raised: 2026-11-20
        source: customer
        category: technical
        severity: minor   # 先按一般处理
        owner: 刘强
        department: tech
        due: 2026-11-27
        status: open
        history:
          - {at: 2026-11-20, action: opened, by: 张伟}
        ticket: CRM-88

        """

    func handIssue(_ r: HuifangRunner) throws -> (id: String, path: String) {
        let added = r.run(["--as-of", "2026-11-20", "issue", "add", "acme-erp", "--title", "报表导出超时", "--category", "technical",
                           "--severity", "minor", "--source", "customer"])
        try #require(added.code == 0, "\(added.stderr)")
        let path = try file(r, "projects/acme-erp/issues", "i-")
        let id = String(path.dropFirst("projects/acme-erp/issues/".count).dropLast(5))
        try r.write(path, String(format: Self.handIssue, id))
        return (id, path)
    }

    @Test func issueNoteGoesIntoTheHistoryShowAndLog() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let (id, path) = try handIssue(r)
        let result = r.run(["issue", "note", id, "已远程排查，待补丁", "--by", "刘强"])
        #expect(result.code == 0, "\(result.stderr)")
        r.expectGolden(try #require(r.read(path)).replacingOccurrences(of: id, with: "IID"), "amend-issue-note.yaml")
        #expect(r.run(["issue", "show", id]).stdout.contains("2026-11-24  备注  经办人 刘强: 已远程排查，待补丁"))
        #expect(r.run(["project", "log", "acme-erp"]).stdout.contains("2026-11-24  进展备注  \(id)  刘强  已远程排查，待补丁 — 报表导出超时"))
        let before = r.snapshot()
        #expect(r.run(["issue", "note", id, "  "]).code == 64)
        #expect(r.run(["--as-of", "2026-11-19", "issue", "note", id, "早了"]).code == 64)
        #expect(r.snapshot() == before)
    }

    @Test func aWithdrawnIssueIsKeptButCountsNowhere() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let (id, path) = try handIssue(r)
        func raised() throws -> Int {
            let out = r.run(["report", "summary", "--period", "2026Q4", "--format", "json"]).stdout
            let json = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
            return try #require((json["counts"] as? [String: Any])?["issues_raised"] as? Int)
        }
        #expect(try raised() == 1)
        #expect(r.run(["due", "--format", "csv"]).stdout.contains("customer_request"), "a customer's issue calls for a visit")
        let result = r.run(["issue", "withdraw", String(id.prefix(6)), "--reason", "录入错误：客户为另一项目", "--by", "张伟"])
        #expect(result.code == 0, "\(result.stderr)")
        r.expectGolden(try #require(r.read(path)).replacingOccurrences(of: id, with: "IID"), "amend-issue-withdraw.yaml")
        #expect(try raised() == 0)
        #expect(!r.run(["due", "--format", "csv"]).stdout.contains(id))
        #expect(!r.run(["due", "--format", "csv"]).stdout.contains("customer_request"))
        #expect(!r.run(["issue", "list"]).stdout.contains(id))
        #expect(!r.run(["status"]).stdout.contains(id))
        #expect(r.run(["issue", "list", "--all", "--lang", "en"]).stdout.contains("\(id)  acme-erp  minor     withdrawn"))
        #expect(r.run(["issue", "show", id]).stdout.contains("状态        已撤销（误录，不计入任何统计）"))
        #expect(r.run(["check"]).code == 0)
        let before = r.snapshot()
        #expect(r.run(["issue", "withdraw", id, "--reason", "again"]).code == 64)
        let resolve = r.run(["issue", "resolve", id, "--summary", "x"])
        #expect(resolve.code == 64, "a withdrawn issue is out of the workflow")
        #expect(resolve.stderr.contains("问题 \(id) 已撤销（误记），不能再修改"), "\(resolve.stderr)")
        #expect(r.snapshot() == before)
    }

    @Test func initWritesTheOrganisationGivenAndNeverTheSampleName() throws {
        let r = HuifangRunner()
        defer { r.cleanup() }
        let named = r.run(["init", "named", "--organization", "华信软件有限公司"])
        #expect(named.code == 0)
        #expect(r.read("named/huifang.yaml")?.contains("organization: 华信软件有限公司\n") == true)
        let bare = r.run(["init", "bare"])
        #expect(bare.code == 0)
        let text = try #require(r.read("bare/huifang.yaml"))
        #expect(!text.contains("示例科技"))
        #expect(text.contains("organization: \"\""))
        #expect(bare.stderr.contains("no organisation name yet"))
        #expect(r.run(["check"], cwd: r.path("bare")).code == 0)
        #expect(r.run(["init", "empty", "--organization", " "]).code == 64)
        #expect(r.read("empty/huifang.yaml") == nil)
    }

    /// On a terminal (a pseudo-terminal from script(1)) init asks for the name.
    @Test func initAsksForTheOrganisationOnATerminal() throws {
        let r = HuifangRunner()
        defer { r.cleanup() }
        let status = try HuifangRunner.onTerminal("\(HuifangRunner.binary) init \(r.path("asked"))", typing: "华信软件有限公司\n")
        #expect(status == 0)
        #expect(r.read("asked/huifang.yaml")?.contains("organization: 华信软件有限公司\n") == true)
    }
}
