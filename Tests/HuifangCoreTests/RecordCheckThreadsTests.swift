import Testing

@testable import HuifangCore

/// The rules between records give the same findings, in the same order, on one thread and on
/// several (each visit's and issue's rules run in chunks of records), and find every broken
/// reference wherever it falls among thousands of records.
@Suite struct RecordCheckThreadsTests {
    static func d(_ s: String) -> Day { Day(s)! }

    /// 200 projects of 12 visits and 6 issues each, every reference sound, then one of each
    /// problem planted at positions spread over the arrays.
    static var records: Records {
        var projects: [Project] = []
        var visits: [Visit] = []
        var issues: [HuifangCore.Issue] = []
        for p in 0..<200 {
            let id = ProjectID("p\(String(10_000 + p))-erp")!
            var project = ScheduleTests.project(id.rawValue, accepted: "2024-01-15")
            project.department = ["east", "tech"][p % 2]
            projects.append(project)
            for k in 0..<12 {
                let vid = VisitID("v-\(String(p, radix: 36))v\(String(k, radix: 36))00")!
                let iid = IssueID("i-\(String(p, radix: 36))v\(String(k, radix: 36))00")!
                visits.append(Visit(id: vid, project: id, date: Day(year: 2024 + (1 + k) / 12, month: (1 + k) % 12 + 1, day: 1)!, kind: .periodic, method: .phone,
                                    visitor: "张伟", summary: "s\(k)",
                                    location: SourceLocation(path: "projects/\(id)/visits/v\(k).yaml")))
                if k < 6 {
                    issues.append(HuifangCore.Issue(id: iid, project: id, title: "t\(k)", raised: Day(year: 2024, month: 2 + k, day: 1)!,
                                                    source: .visit, visit: vid, category: .technical, severity: .general, owner: "张伟", department: "east",
                                                    due: Day(year: 2024, month: 3 + k, day: 1)!, status: .open,
                                                    location: SourceLocation(path: "projects/\(id)/issues/\(iid).yaml")))
                }
            }
        }
        var config = Config()
        config.departments = [Department(id: "east", name: "华东", head: "陈勇", role: .business),
                              Department(id: "tech", name: "技术", head: "刘强", role: .technical)]
        var r = Records(config: config, calendar: WorkCalendar(), projects: projects, visits: visits, issues: issues,
                        events: [Event(id: "e1", date: d("2024-12-15"), kind: .upgrade, title: "u", location: SourceLocation(path: "events/e1.yaml"))])
        // Planted: a visit id twice (the second at the end of another project), an unknown issue,
        // an issue of another project, a visit before acceptance, a visit before its event, an
        // unknown event; an issue of an unknown department, naming an unknown visit, another
        // project's visit, and a visit by a prefix of its id.
        r.visits[1506].id = r.visits[7].id
        r.visits[1000].date = d("2023-12-01")
        r.visits[1001].event = "e1"
        r.visits[2].event = "e-none"
        r.issues[1199].department = "nowhere"
        r.issues[600].visit = VisitID("v-nowhere2")
        r.issues[10].visit = r.visits[2000].id
        r.issues[900].visit = VisitID(String(r.issues[900].visit!.rawValue.dropLast(2)))
        r.visits.sort { ($0.project, $0.date, $0.id) < ($1.project, $1.date, $1.id) }
        // Each visit lists the issues raised in it, as the loader derives them; two lists typed by hand.
        r.deriveVisitIssues()
        r.visits[300].issues.append(IssueID("i-nowhere1")!)
        r.visits[2399].issues = [r.issues[0].id]
        return r
    }

    @Test func oneThreadAndManyGiveTheSameFindingsInTheSameOrder() {
        let r = Self.records
        let one = RecordCheck.run(r, threads: 1)
        for threads in [2, 3, 8] {
            #expect(RecordCheck.run(r, threads: threads) == one, "\(threads) threads")
        }
        #expect(RecordCheck.run(r) == one)
    }

    @Test func everyPlantedProblemIsFoundWhereItIs() {
        let r = Self.records
        let findings = RecordCheck.run(r, threads: 4)
        func at(_ code: Finding.Code) -> [String] { findings.filter { $0.code == code }.map(\.path) }
        #expect(at(.duplicateID) == ["projects/p10125-erp/visits/v6.yaml"])
        #expect(findings.first { $0.code == .duplicateID }?.values["other"] == "projects/p10000-erp/visits/v7.yaml")
        #expect(at(.unknownIssue) == ["projects/p10025-erp/visits/v0.yaml"])
        // The visit that lists issue 0 is p10000's own (sound) and p10199's last (another project's).
        #expect(at(.issueOfOtherProject) == ["projects/p10199-erp/visits/v11.yaml"])
        #expect(at(.visitBeforeAcceptance) == ["projects/p10083-erp/visits/v4.yaml"])
        #expect(at(.visitBeforeEvent) == ["projects/p10083-erp/visits/v5.yaml"])
        #expect(at(.unknownEvent) == ["projects/p10000-erp/visits/v2.yaml"])
        #expect(at(.unknownDepartment) == ["projects/p10199-erp/issues/i-5jv500.yaml"])
        #expect(at(.unknownVisit) == ["projects/p10100-erp/issues/i-2sv000.yaml"])
        #expect(at(.visitOfOtherProject) == ["projects/p10001-erp/issues/i-1v400.yaml"])
        #expect(at(.visitPrefix) == ["projects/p10150-erp/issues/i-46v000.yaml"])
        // The visit named by a prefix lists the issue (derived), which names it by that prefix.
        #expect(at(.issueRaisedElsewhere) == ["projects/p10150-erp/visits/v0.yaml"])
        #expect(findings.count == 11, "\(findings)")
    }
}
