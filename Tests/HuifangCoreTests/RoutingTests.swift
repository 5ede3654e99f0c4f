import Testing

@testable import HuifangCore

@Suite struct RoutingTests {
    static let config: Config = {
        var c = Config()
        c.departments = [
            Department(id: "pmo", name: "项目管理部", head: "王芳", role: .projectManagement),
            Department(id: "east", name: "华东交付部", head: "张伟", role: .business),
        ]
        c.leadership = ["周总"]
        return c
    }()

    static let project = Project(id: ProjectID("acme")!, name: "A", customer: Customer(name: "c"), department: "east", owner: "李明",
                                 tier: .standard, accepted: Day("2026-01-15"), location: SourceLocation(path: "p"))

    @Test func minorGoesToTheVisitorOnTheSpot() {
        let r = Routing.route(.minor, project: Self.project, config: Self.config, calendar: ScheduleTests.calendar,
                              from: Day("2026-09-30")!, visitor: "王五")
        #expect(r.owner == "王五")
        #expect(r.department == "east")
        #expect(r.handler == .visitorOnTheSpot("王五", otherwise: .department(id: "east", Self.config.department("east"))))
        #expect(r.notify == [.departmentHead(id: "east", Self.config.department("east"))])
        // 5 wd after Wed 09-30 over National Day: 10-08, 09, 10 (make-up Sat), 12, 13.
        #expect(r.due == Day("2026-10-13"))
        #expect(r.toClose == [.customerConfirmation])
        let noVisit = Routing.route(.minor, project: Self.project, config: Self.config, calendar: ScheduleTests.calendar,
                                    from: Day("2026-09-30")!, visitor: nil)
        #expect(noVisit.owner == "李明")
    }

    @Test func generalGoesToTheDepartmentHeadWithAReportToProjectManagement() {
        let r = Routing.route(.general, project: Self.project, config: Self.config, calendar: ScheduleTests.calendar,
                              from: Day("2026-02-12")!, visitor: "王五")
        #expect(r.owner == "张伟")
        #expect(r.reportOnResolution == [.writtenReport(to: .projectManagement(Self.config.department("pmo")))])
        // 10 wd after Thu 02-12: 13, 14 (make-up Sat), 24, 25, 26, 27, 28 (make-up Sat), 03-02, 03, 04.
        #expect(r.due == Day("2026-03-04"))
    }

    @Test func majorGoesToAWorkingGroupLedByProjectManagementAndLeadershipIsTold() {
        let r = Routing.route(.major, project: Self.project, config: Self.config, calendar: ScheduleTests.calendar,
                              from: Day("2026-11-24")!, visitor: nil)
        #expect(r.owner == "王芳")
        #expect(r.department == "pmo")
        #expect(r.notify == [.departmentHead(id: "east", Self.config.department("east")), .projectManagementHead(Self.config.department("pmo")), .leader("周总")])
        #expect(r.toClose == [.customerConfirmation, .caseAnalysis])
        #expect(r.due == Day("2026-12-01"))
    }

    @Test func escalationTargets() {
        #expect(Severity.minor.next == .general)
        #expect(Severity.general.next == .major)
        #expect(Severity.major.next == nil)
        #expect(Severity.major.escalationTarget == .leadership)
        #expect(Severity.minor < Severity.major)
    }

    static func issue(raised: String, due: String, status: IssueStatus = .open, resolved: String? = nil, history: [HistoryEntry] = []) -> HuifangCore.Issue {
        HuifangCore.Issue(id: IssueID("i-0001")!, project: ProjectID("acme")!, title: "t", raised: Day(raised)!, source: .customer, category: .service,
              severity: .general, owner: "o", department: "east", due: Day(due)!, status: status,
              resolved: resolved.map { Resolution(date: Day($0)!, summary: "s") }, history: history, location: SourceLocation(path: "i"))
    }

    @Test func deadlineStates() {
        let cal = ScheduleTests.calendar
        // Raised Mon 11-02, due Mon 11-16 (10 working days). 75% used after 7.5 working days: on Thu 11-12 (8 of 10).
        let i = Self.issue(raised: "2026-11-02", due: "2026-11-16")
        #expect(i.deadlineState(on: Day("2026-11-10")!, calendar: cal, dueSoonShare: 0.75) == .onTrack)
        #expect(i.deadlineState(on: Day("2026-11-12")!, calendar: cal, dueSoonShare: 0.75) == .dueSoon(share: 0.8))
        #expect(i.deadlineState(on: Day("2026-11-16")!, calendar: cal, dueSoonShare: 0.75) == .dueSoon(share: 1))
        #expect(i.deadlineState(on: Day("2026-11-17")!, calendar: cal, dueSoonShare: 0.75) == .overdue(days: 1, escalateTo: .severity(.major)))
        let late = Self.issue(raised: "2026-11-02", due: "2026-11-16", status: .resolved, resolved: "2026-11-18")
        #expect(late.deadlineState(on: Day("2026-11-24")!, calendar: cal, dueSoonShare: 0.75) == .resolved(late: true))
        #expect(late.resolvedOnTime == false)
    }

    @Test func anEscalationRestartsTheDeadlineCount() {
        let i = Self.issue(raised: "2026-11-02", due: "2026-11-27",
                           history: [HistoryEntry(at: Day("2026-11-13")!, action: .escalated, from: .minor, to: .general)])
        #expect(i.deadlineStart == Day("2026-11-13"))
        // 10 wd from 11-13 to 11-27; on 11-20, 5 of 10 are used.
        #expect(i.deadlineState(on: Day("2026-11-20")!, calendar: ScheduleTests.calendar, dueSoonShare: 0.75) == .onTrack)
    }
}

/// Issue 14 part 6: a complaint is recorded and followed by customer service (policy §三.4).
@Suite struct ComplaintRoutingTests {
    static let config: Config = {
        var c = RoutingTests.config
        c.departments.append(Department(id: "cs", name: "客户服务部", head: "陈静", role: .customerService))
        return c
    }()

    @Test func aComplaintNamesCustomerServiceAsRecorderAndFollower() {
        let r = Routing.route(.general, project: RoutingTests.project, config: Self.config, calendar: ScheduleTests.calendar,
                              from: Day("2026-02-12")!, visitor: nil, source: .complaint)
        #expect(r.isComplaint)
        #expect(r.followedBy?.id == "cs")
        #expect(r.notify.contains(.complaintFollower(Self.config.department("cs")!)))
        #expect(r.owner == "张伟", "the responsible department still handles it")
        #expect(r.department == "east")
    }

    @Test func otherSourcesAreNotFollowedByCustomerService() {
        for source in [IssueSource.visit, .customer] {
            let r = Routing.route(.minor, project: RoutingTests.project, config: Self.config, calendar: ScheduleTests.calendar,
                                  from: Day("2026-02-12")!, visitor: nil, source: source)
            #expect(!r.isComplaint)
            #expect(r.followedBy == nil)
            #expect(!r.notify.contains { if case .complaintFollower = $0 { true } else { false } })
        }
    }

    @Test func withoutACustomerServiceDepartmentAComplaintSaysSo() {
        let r = Routing.route(.minor, project: RoutingTests.project, config: RoutingTests.config, calendar: ScheduleTests.calendar,
                              from: Day("2026-02-12")!, visitor: nil, source: .complaint)
        #expect(r.isComplaint)
        #expect(r.followedBy == nil)
    }

    @Test func theAgendaShowsComplaintsToTheCustomerServiceHead() {
        var r = ScheduleTests.records([ScheduleTests.project("a", accepted: nil)], [])
        r.config = Self.config
        func issue(_ id: String, _ source: IssueSource) -> HuifangCore.Issue {
            HuifangCore.Issue(id: IssueID(id)!, project: ProjectID("a")!, title: "t", raised: Day("2026-03-02")!, source: source,
                              category: .service, severity: .minor, owner: "张伟", department: "east", due: Day("2026-03-09")!,
                              status: .open, location: SourceLocation(path: "i"))
        }
        r.issues = [issue("i-0001", .complaint), issue("i-0002", .customer)]
        let entries = Agenda.entries(r, schedule: Schedule(r), today: Day("2026-03-03")!, until: nil)
        let complaint = entries.first { $0.key == "issue-i-0001" }
        #expect(complaint?.follower?.head == "陈静")
        #expect(complaint?.concerns(department: "cs") == true)
        #expect(complaint?.concerns(department: "east") == true)
        #expect(complaint?.responsible == "张伟")
        #expect(complaint?.follower?.department == "cs")
        let other = entries.first { $0.key == "issue-i-0002" }
        #expect(other?.follower == nil)
        #expect(other?.concerns(department: "cs") == false)
    }
}
