import Foundation
import Testing

/// Silent wrong answers found by trying to break huifang from the outside: each test is the
/// attack, reproduced, and what huifang must do instead (refuse with the reason, or answer
/// with a warning that travels with the output).
@Suite struct AttackTests {
    func visitFile(_ r: HuifangRunner, _ project: String, _ datePrefix: String) throws -> String {
        let folder = "projects/\(project)/visits"
        let names = try FileManager.default.contentsOfDirectory(atPath: r.path(folder)).sorted()
        return folder + "/" + (try #require(names.first { $0.hasPrefix(datePrefix) && $0.hasSuffix(".yaml") }))
    }

    // MARK: A misspelt key whose right spelling is missing

    /// `satisfation:` in huifang.yaml used to leave the whole section unread: every report
    /// counted with the default `satisfied_at` (4), not the 3 written, and said nothing (check
    /// only warned). Now huifang.yaml cannot be read until the key is spelt right.
    @Test(.englishMessages) func aMisspeltSectionOfHuifangYAMLStopsTheCommandsInsteadOfItsDefaultsBeingUsed() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let config = try #require(r.read("huifang.yaml"))
        try #require(config.contains("\nsatisfaction:\n"))
        try r.write("huifang.yaml", config.replacingOccurrences(of: "\nsatisfaction:\n", with: "\nsatisfation:\n"))
        let line = config.prefix(upTo: try #require(config.range(of: "\nsatisfaction:\n")).lowerBound).filter { $0 == "\n" }.count + 2
        let report = r.run(["report", "summary", "--period", "2026Q3", "--format", "json"])
        #expect(report.code == 65, "\(report.stdout)")
        #expect(report.stdout.isEmpty)
        #expect(report.stderr.contains("huifang.yaml:\(line):1: error: unknown key 'satisfation' in huifang.yaml, which has no 'satisfaction'"),
                "\(report.stderr)")
        #expect(report.stderr.contains("rename it to 'satisfaction'"), "\(report.stderr)")
        let check = r.run(["check"])
        #expect(check.code == 1)
        #expect(check.stdout.contains("huifang.yaml:\(line):1: error: unknown key 'satisfation'"), "\(check.stdout)")
        // In Chinese too, through the catalogue.
        let zh = r.run(["status"], env: ["HUIFANG_LANG": "zh"])
        #expect(zh.code == 65)
        #expect(zh.stderr.contains("未知的键 'satisfation'") && zh.stderr.contains("'satisfaction'"), "\(zh.stderr)")
    }

    /// The periods of `periodic_every` and the deadlines of `resolve_within` were not checked
    /// at all: `standrad: 12m` and `genral: 30wd` were dropped without even a check warning, and
    /// schedules and deadlines used the defaults.
    @Test(.englishMessages) func anUnknownTierOrSeverityInThePolicyIsAnError() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let config = try #require(r.read("huifang.yaml"))
        try #require(config.contains("standard: 3m") && config.contains("general: 10wd"))
        try r.write("huifang.yaml", config.replacingOccurrences(of: "standard: 3m", with: "standrad: 12m")
            .replacingOccurrences(of: "general: 10wd", with: "genral: 30wd"))
        let due = r.run(["due"])
        #expect(due.code == 65, "\(due.stdout)")
        #expect(due.stderr.contains("unknown key 'standrad' in 'periodic_every': its value would be ignored; the keys are key, standard, basic"),
                "\(due.stderr)")
        #expect(due.stderr.contains("unknown key 'genral' in 'resolve_within': its value would be ignored; the keys are minor, general, major"),
                "\(due.stderr)")
        // A tier that does not exist at all is refused with the tiers there are.
        try r.write("huifang.yaml", config.replacingOccurrences(of: "standard: 3m", with: "standard: 3m, vip: 2w"))
        let check = r.run(["check"])
        #expect(check.code == 1)
        #expect(check.stdout.contains("error: unknown key 'vip' in 'periodic_every'"), "\(check.stdout)")
    }

    /// `overal: 4` in a visit without `overall:` used to be a check warning only: the visit was
    /// counted with no overall score (CSAT then judged it by the mean of its scores) and no
    /// report said so. Now the record cannot be read: readers refuse, --ignore-invalid leaves it
    /// out with a warning. With `overall:` present as well the stray key stays a warning.
    @Test(.englishMessages) func aMisspeltKeyOfARecordWithoutTheRightOneMakesTheRecordUnreadable() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let path = try visitFile(r, "acme-erp", "2026-05-20-")
        let text = try #require(r.read(path))
        try #require(text.contains("overall: 4\n"))
        try r.write(path, text.replacingOccurrences(of: "overall: 4\n", with: "overal: 4\n"))
        let report = r.run(["report", "summary", "--period", "2026Q2"])
        #expect(report.code == 65)
        #expect(report.stderr.contains("\(path):7:1: error: unknown key 'overal' in a visit, which has no 'overall'"), "\(report.stderr)")
        let left = r.run(["--ignore-invalid", "report", "summary", "--period", "2026Q2", "--format", "json"])
        #expect(left.code == 0)
        #expect(left.stdout.contains("\"warnings\": [\"left out 1 record that could not be read (\(path))"), "\(left.stdout)")
        #expect(r.run(["check"]).code == 1)
        // Both spellings: the record reads its overall score; the stray key is a warning.
        try r.write(path, text.replacingOccurrences(of: "overall: 4\n", with: "overall: 4\noveral: 4\n"))
        let check = r.run(["check"])
        #expect(check.code == 0, "\(check.stdout)")
        #expect(check.stdout.contains("\(path):8:1: warning: unknown key 'overal' in a visit; did you mean 'overall'?"), "\(check.stdout)")
        #expect(r.run(["report", "summary", "--period", "2026Q2"]).code == 0)
    }

    // MARK: A folder where a record should be

    /// An issue's file replaced by a folder of the same name (`mkdir` after a bad merge, a
    /// sync tool) was a warning ("unexpected folder") in check, and every command answered
    /// without the issue: one open issue fewer in status, due and the reports.
    @Test(.englishMessages) func aFolderNamedLikeARecordIsAnErrorNotAnIgnoredFolder() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let added = r.run(["issue", "add", "acme-erp", "--title", "报表导出超时", "--category", "technical", "--severity", "general"])
        try #require(added.code == 0, "\(added.stderr)")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: r.path("projects/acme-erp/issues")).first)
        let path = "projects/acme-erp/issues/" + name
        try FileManager.default.removeItem(atPath: r.path(path))
        try FileManager.default.createDirectory(atPath: r.path(path), withIntermediateDirectories: false)
        // status answers, with the records it could not read first.
        let status = r.run(["status"])
        #expect(status.code == 0)
        #expect(status.stdout.contains("1 record could not be read and is left out below:\n  \(path):1:1: a folder where a record file should be"),
                "\(status.stdout)")
        for args in [["due"], ["issue", "list"], ["report", "summary", "--period", "2026Q4"]] {
            let out = r.run(args)
            #expect(out.code == 65, "\(args): \(out.stdout)")
            #expect(out.stderr.contains("\(path):1:1: error: a folder where a record file should be: not read"), "\(args): \(out.stderr)")
        }
        let check = r.run(["check"])
        #expect(check.code == 1)
        #expect(check.stdout.contains("\(path):1:1: error: a folder where a record file should be"), "\(check.stdout)")
        let left = r.run(["--ignore-invalid", "due", "--format", "json"])
        #expect(left.code == 0)
        #expect(left.stdout.contains("\"warnings\": [\"left out 1 record that could not be read (\(path))"), "\(left.stdout)")
        // In Chinese, through the catalogue.
        let zh = r.run(["due"], env: ["HUIFANG_LANG": "zh"])
        #expect(zh.code == 65 && zh.stderr.contains("却是一个文件夹"), "\(zh.stderr)")
    }

    // MARK: A department removed while records still name it

    /// A department taken out of huifang.yaml while its projects still name it: check reports
    /// each record, but the summary counted those projects in the company's figures and
    /// showed no row for them, so the department rows no longer added up to the total and the
    /// report did not say why. Now the summary says so in every format.
    @Test(.englishMessages) func theSummarySaysWhenRecordsNameADepartmentHuifangYAMLNoLongerLists() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let config = try #require(r.read("huifang.yaml"))
        try #require(config.contains("  - {id: east, name: 华东交付部, head: 张伟, role: business}\n"))
        try r.write("huifang.yaml", config.replacingOccurrences(of: "  - {id: east, name: 华东交付部, head: 张伟, role: business}\n",
                                                                with: "  - {id: south, name: 华南交付部, head: 张伟, role: business}\n"))
        let warning = "2 records name the department 'east', which huifang.yaml does not list: "
            + "they count in the company's figures but in no department's"
        let md = r.run(["report", "summary", "--period", "2026Q3"])
        #expect(md.code == 0, "\(md.stderr)")
        #expect(md.stdout.contains("> **Warning:** " + warning), "\(md.stdout)")
        #expect(md.stderr.contains("warning: " + warning), "\(md.stderr)")
        let json = r.run(["report", "summary", "--period", "2026Q3", "--format", "json"])
        #expect(json.stdout.contains("\"warnings\": [\"" + warning), "\(json.stdout)")
        let csv = r.run(["report", "summary", "--period", "2026Q3", "--format", "csv"])
        #expect(csv.stderr.contains("warning: " + warning), "\(csv.stderr)")
        // An issue of such a project has no one to go to: refused, nothing written.
        let before = r.snapshot()
        let add = r.run(["issue", "add", "acme-erp", "--title", "报表慢", "--category", "technical", "--severity", "general"])
        #expect(add.code == 65, "\(add.stdout)")
        #expect(add.stderr.contains("the issue would go to the department 'east' of project acme-erp, which huifang.yaml does not list"),
                "\(add.stderr)")
        #expect(r.snapshot() == before, "nothing written")
        // Named by hand, it goes where it is told.
        #expect(r.run(["issue", "add", "acme-erp", "--title", "报表慢", "--category", "technical", "--severity", "general",
                       "--department", "tech", "--owner", "刘强"]).code == 0)
        // The departments that remain are not warned about.
        try r.write("huifang.yaml", config)
        let fine = r.run(["report", "summary", "--period", "2026Q3"])
        #expect(fine.code == 0 && !fine.stderr.contains("does not list"), "\(fine.stderr)")
        // In Chinese, through the catalogue.
        try r.write("huifang.yaml", config.replacingOccurrences(of: "{id: east,", with: "{id: eastern,"))
        let zh = r.run(["report", "summary", "--period", "2026Q3"], env: ["HUIFANG_LANG": "zh"])
        #expect(zh.stdout.contains("'east'") && zh.stdout.contains("huifang.yaml 中没有这个部门"), "\(zh.stdout)")
    }

    // MARK: A deadline counted over a year without calendar data, shown without a word

    /// An issue raised on 2026-12-24 gets a 10wd deadline in 2027, counted without 2027's
    /// holidays (no calendar file covers it yet). `issue add`, `issue show`, `due` and `status`
    /// say so; `project show` and the project report for 2026Q4 showed the same deadline as a
    /// plain fact.
    @Test(.englishMessages) func aDeadlineInAYearWithoutCalendarDataIsNeverShownSilently() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let added = r.run(["issue", "add", "acme-erp", "--title", "年底问题", "--category", "technical", "--severity", "general"],
                          today: "2026-12-24")
        try #require(added.code == 0 && added.stdout.contains("deadline:   2027-01-07"), "\(added.stdout)")
        let warning = "warning: no calendar file covers 2027"
        let show = r.run(["project", "show", "acme-erp"], today: "2026-12-24")
        #expect(show.code == 0 && show.stdout.contains("2027-01-07"), "\(show.stdout)")
        #expect(show.stderr.contains(warning), "project show: \(show.stderr)")
        let json = r.run(["project", "show", "acme-erp", "--format", "json"], today: "2026-12-24")
        #expect(json.stderr.contains(warning), "project show --format json: \(json.stderr)")
        let report = r.run(["report", "project", "acme-erp", "--period", "2026Q4"], today: "2026-12-24")
        #expect(report.code == 0 && report.stdout.contains("2027-01-07"), "\(report.stdout)")
        #expect(report.stdout.contains("> **Warning:** no calendar file covers 2027"), "report project: \(report.stdout)")
        let reportJSON = r.run(["report", "project", "acme-erp", "--period", "2026Q4", "--format", "json"], today: "2026-12-24")
        #expect(reportJSON.stdout.contains("\"warnings\": [\"no calendar file covers 2027"), "\(reportJSON.stdout)")
        // An earlier quarter, whose issues were all due in covered years, says nothing.
        let earlier = r.run(["report", "project", "acme-erp", "--period", "2026Q2"], today: "2026-12-24")
        #expect(earlier.code == 0 && !earlier.stdout.contains("Warning") && !earlier.stderr.contains("2027"), "\(earlier.stdout)")
    }

    // MARK: Records dated after the as-of day

    /// `visit log` refuses a date after today, but a visit written by hand with a year typed
    /// wrong (or a report run with --as-of before the records) was counted in a report "as of"
    /// an earlier day without a word: one visit more, CSAT and satisfaction moved.
    @Test(.englishMessages) func aReportSaysWhenItCountsRecordsDatedAfterItsAsOfDay() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        try r.write("projects/acme-erp/visits/2026-12-20-v-0badf00d.yaml",
                    "id: v-0badf00d\ndate: 2026-12-20\nkind: periodic\nmethod: phone\nvisitor: 张伟\nsummary: 年份写错\noverall: 5\n")
        let warning = "1 visit or issue of the period is dated after 2026-11-24, the day this report is as of, and is counted in it "
            + "(projects/acme-erp/visits/2026-12-20-v-0badf00d.yaml)"
        let md = r.run(["report", "summary", "--period", "2026Q4"])
        #expect(md.code == 0)
        #expect(md.stdout.contains("> **Warning:** " + warning), "\(md.stdout)")
        let json = r.run(["report", "project", "acme-erp", "--period", "2026Q4", "--format", "json"])
        #expect(json.stdout.contains("\"warnings\": [\"" + warning), "\(json.stdout)")
        // Another project's report does not count that visit, and says nothing of it.
        let other = r.run(["report", "project", "beta-mes", "--period", "2026Q4", "--format", "json"])
        #expect(other.code == 0 && !other.stdout.contains("dated after"), "\(other.stdout)")
        // --as-of before the records of the period: the same.
        let early = r.run(["report", "summary", "--period", "2026Q3", "--format", "json"], today: "2026-07-15")
        #expect(early.stdout.contains("1 visit or issue of the period is dated after 2026-07-15"), "\(early.stdout)")
        // A period that has ended by the as-of day, or records all dated by it, say nothing.
        let quiet = r.run(["report", "summary", "--period", "2026Q3", "--format", "json"])
        #expect(quiet.code == 0 && !quiet.stdout.contains("dated after"), "\(quiet.stdout)")
        let zh = r.run(["report", "summary", "--period", "2026Q4"], env: ["HUIFANG_LANG": "zh"])
        #expect(zh.stdout.contains("晚于本报告的统计日期 2026-11-24"), "\(zh.stdout)")
    }

    // MARK: An event that names no project

    /// An event naming a project id typed wrong was a check error, but due, status and the
    /// reports answered without the special visit it calls for; an event whose tag no project
    /// has (a typo) was not even a check warning.
    @Test(.englishMessages) func anEventThatNamesNoProjectIsNeverDroppedSilently() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let path = "events/2026-11-20-upgrade-erp-aaaaaa.yaml"
        try r.write(path, "date: 2026-11-20\nkind: upgrade\ntitle: ERP 升级\nprojects: [acme-erpp]\ntags: [erpp]\n")
        let project = "\(path) names the project 'acme-erpp', which does not exist: the event calls for no visit of it"
        let tag = "\(path) names the tag 'erpp', which no project has: the event calls for no visit"
        for args in [["due"], ["status"], ["report", "summary", "--period", "2026Q4"], ["export", "ics"]] {
            let out = r.run(args)
            #expect(out.code == 0, "\(args): \(out.stderr)")
            #expect(out.stderr.contains("warning: " + project) && out.stderr.contains("warning: " + tag), "\(args): \(out.stderr)")
        }
        let json = r.run(["due", "--format", "json"])
        #expect(json.stdout.contains("\"warnings\": [\"" + project), "\(json.stdout)")
        let check = r.run(["check"])
        #expect(check.code == 1)
        #expect(check.stdout.contains("\(path):1:1: warning: no project has the tag 'erpp': the event calls for no visit"), "\(check.stdout)")
        let zh = r.run(["due"], env: ["HUIFANG_LANG": "zh"])
        #expect(zh.stderr.contains("指定的标签 'erpp' 没有任何项目使用"), "\(zh.stderr)")
        // The tag the projects have: no warning anywhere.
        try r.write(path, "date: 2026-11-20\nkind: upgrade\ntitle: ERP 升级\ntags: [erp]\n")
        let fine = r.run(["due"])
        #expect(fine.code == 0 && !fine.stderr.contains("the event calls for no visit"), "\(fine.stderr)")
        #expect(!r.run(["check"]).stdout.contains("no project has the tag"))
    }

    // MARK: A project left out with --ignore-invalid

    /// With project.yaml unreadable and --ignore-invalid, the warning named one file, but the
    /// answer lost the project's whole schedule (its overdue visits vanished from due and
    /// status) and its department, while its visits still counted in the company's totals.
    @Test(.englishMessages) func leavingOutAProjectSaysThatItsScheduleAndDepartmentGoWithIt() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let text = try #require(r.read("projects/acme-erp/project.yaml"))
        try r.write("projects/acme-erp/project.yaml", text.replacingOccurrences(of: "tier: standard", with: "tier: gold"))
        let warning = "without projects/acme-erp/project.yaml the project acme-erp has no schedule (no visit of it is due or overdue) "
            + "and no department: its 2 visits and 0 issues still count, in the company's figures only"
        let due = r.run(["--ignore-invalid", "due", "--format", "json"])
        #expect(due.code == 0)
        #expect(due.stdout.contains(warning), "\(due.stdout)")
        let report = r.run(["--ignore-invalid", "report", "summary", "--period", "2026Q2"])
        #expect(report.stdout.contains("> **Warning:** " + warning), "\(report.stdout)")
        #expect(report.stderr.contains("warning: " + warning), "\(report.stderr)")
        // An unreadable visit is just that one record.
        try r.write("projects/acme-erp/project.yaml", text)
        let visit = try visitFile(r, "acme-erp", "2026-05-20-")
        try r.write(visit, "id: [\n")
        let one = r.run(["--ignore-invalid", "due", "--format", "json"])
        #expect(one.code == 0 && one.stdout.contains("left out 1 record") && !one.stdout.contains("has no schedule"), "\(one.stdout)")
    }

    // MARK: A period that has not begun

    /// `report summary --period 2027Q1` on 2026-12-01 said "Down on 2026Q4: Visit-plan
    /// completion rate from ... to 0.0%" and "Overdue as of 2027-01-01: visits N", figures of a
    /// quarter in which nothing has happened yet, with no word that it had not begun.
    @Test(.englishMessages) func aReportOfAPeriodThatHasNotBegunSaysSo() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let warning = "2027Q1 begins after 2026-12-01, the day this report is as of: nothing of it has happened yet"
        let md = r.run(["report", "summary", "--period", "2027Q1"], today: "2026-12-01")
        #expect(md.code == 0)
        #expect(md.stdout.contains("> **Warning:** " + warning), "\(md.stdout)")
        let json = r.run(["report", "project", "acme-erp", "--period", "2027Q1", "--format", "json"], today: "2026-12-01")
        #expect(json.stdout.contains(warning), "\(json.stdout)")
        let csv = r.run(["report", "department", "east", "--period", "2027Q1", "--format", "csv"], today: "2026-12-01")
        #expect(csv.stderr.contains("warning: " + warning), "\(csv.stderr)")
        // The quarter running on the as-of day is a report like any other.
        let now = r.run(["report", "summary", "--period", "2026Q4", "--format", "json"], today: "2026-12-01")
        #expect(now.code == 0 && !now.stdout.contains("begins after"), "\(now.stdout)")
    }

    // MARK: A frozen plan naming no project

    /// plans/2026.yaml with a project id typed wrong (or a project renamed since the plan was
    /// frozen): its visits counted as planned and never made, the completion rate fell (6 to 7
    /// planned projects on the example) and only check warned.
    @Test(.englishMessages) func aPlanNamingAProjectThatDoesNotExistIsSaidInTheReport() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let plan = r.run(["plan", "2026"])
        try #require(plan.code == 0, "\(plan.stderr)")
        let text = try #require(r.read("plans/2026.yaml"))
        try #require(text.contains("{project: beta-mes, due: 2026-1"), "\(text)")
        try r.write("plans/2026.yaml", text.replacingOccurrences(of: "{project: beta-mes, due: 2026-1", with: "{project: beta-mess, due: 2026-1"))
        let warning = "plans/2026.yaml plans visits to the project 'beta-mess', which does not exist: they count as planned and never made"
        let md = r.run(["report", "summary", "--period", "2026Q4"])
        #expect(md.code == 0)
        #expect(md.stdout.contains("> **Warning:** " + warning), "\(md.stdout)")
        let json = r.run(["report", "department", "east", "--period", "2026", "--format", "json"])
        #expect(json.stdout.contains(warning), "\(json.stdout)")
        // A period of another year does not use the plan.
        let other = r.run(["report", "summary", "--period", "2025Q4", "--format", "json"])
        #expect(!other.stdout.contains("does not exist"), "\(other.stdout)")
    }

    // MARK: An issue whose status contradicts its record

    /// `status: resolved` written by hand without `resolved:`: check reports an error, but every
    /// other command read the issue: status and due dropped it (neither open nor awaiting a
    /// confirmation), the reports counted it as an overdue open issue, and none said why.
    @Test(.englishMessages) func anIssueWhoseStatusContradictsItsRecordIsSaidByEveryCommand() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let added = r.run(["issue", "add", "acme-erp", "--title", "报表导出超时", "--category", "technical", "--severity", "general"])
        try #require(added.code == 0, "\(added.stderr)")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: r.path("projects/acme-erp/issues")).first)
        let path = "projects/acme-erp/issues/" + name
        let text = try #require(r.read(path))
        try r.write(path, text.replacingOccurrences(of: "status: open", with: "status: resolved"))
        let warning = "\(path): status is 'resolved' but 'resolved:' is missing: huifang cannot tell where the issue stands"
        for args in [["status"], ["due"], ["issue", "list"], ["report", "summary", "--period", "2026Q4"]] {
            let out = r.run(args, today: "2026-12-20")
            #expect(out.code == 0, "\(args): \(out.stderr)")
            #expect(out.stderr.contains("warning: " + warning), "\(args): \(out.stderr)")
        }
        let json = r.run(["report", "summary", "--period", "2026Q4", "--format", "json"], today: "2026-12-20")
        #expect(json.stdout.contains(warning), "\(json.stdout)")
        #expect(r.run(["check"]).stdout.contains("error: status is 'resolved' but 'resolved:' is missing"))
        // Resolved the way huifang does it: nothing to say.
        try r.write(path, text)
        let resolved = r.run(["issue", "resolve", String(name.dropLast(5)), "--summary", "已优化"])
        #expect(resolved.code == 0, "\(resolved.stderr)")
        #expect(!r.run(["due"]).stderr.contains("cannot tell where the issue stands"))
    }
}
