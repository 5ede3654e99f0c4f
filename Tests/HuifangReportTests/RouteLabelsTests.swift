import HuifangCore
import Testing

@testable import HuifangReport

/// Issue 13 part 2: the core routes with codes; these are the words `issue add/escalate/show` print.
@Suite struct RouteLabelsTests {
    static let east = Department(id: "east", name: "华东交付部", head: "张伟", role: .business)
    static let pmo = Department(id: "pmo", name: "项目管理部", head: "王芳", role: .projectManagement)
    static let cs = Department(id: "cs", name: "客户服务部", head: "陈静", role: .customerService)

    @Test func partiesInWords() {
        #expect(RouteParty.department(id: "east", Self.east).text == "华东交付部 (east)")
        #expect(RouteParty.department(id: "west", nil).text == "west")
        #expect(RouteParty.departmentHead(id: "east", Self.east).text == "张伟, head of 华东交付部")
        #expect(RouteParty.departmentHead(id: "west", nil).text == "the head of west")
        #expect(RouteParty.projectManagement(Self.pmo).text == "项目管理部 (pmo)")
        #expect(RouteParty.projectManagement(nil).text == "the project-management department")
        #expect(RouteParty.projectManagementHead(Self.pmo).text == "王芳, head of 项目管理部")
        #expect(RouteParty.projectManagementHead(nil).text == "the project-management department")
        #expect(RouteParty.leader("周总").text == "周总 (leadership)")
        #expect(RouteParty.leadership.text == "leadership")
        #expect(RouteParty.complaintFollower(Self.cs).text == "陈静, head of 客户服务部 (records and follows the complaint)")
    }

    @Test func handlersReportsAndClosingInWords() {
        #expect(Route.Handler.visitorOnTheSpot("王五", otherwise: .department(id: "east", Self.east)).text == "王五 on the spot; else 华东交付部 (east)")
        #expect(Route.Handler.party(.department(id: "east", Self.east)).text == "华东交付部 (east)")
        #expect(Route.Handler.namesOwnerAndDeadline(.departmentHead(id: "east", Self.east)).text
            == "张伟, head of 华东交付部, who names the owner and the deadline")
        #expect(Route.Handler.workingGroup(ledBy: .projectManagement(Self.pmo)).text == "a working group led by 项目管理部 (pmo)")
        #expect(Route.RouteReport.writtenReport(to: .projectManagement(Self.pmo)).text == "written report to 项目管理部 (pmo)")
        #expect(Route.RouteReport.progressReportsToLeadership.text == "progress reports to leadership")
        #expect([Route.ClosingNeed.customerConfirmation, .caseAnalysis].map(\.text) == ["customer confirmation", "a case analysis (case_analysis:)"])
    }

    @Test func deadlineStatesInWords() {
        #expect(DeadlineState.onTrack.label == "on track")
        #expect(DeadlineState.dueSoon(share: 0.8).label == "due soon")
        #expect(DeadlineState.overdue(days: 2, escalateTo: .severity(.major)).label == "overdue → major")
        #expect(DeadlineState.overdue(days: 2, escalateTo: .leadership).label == "overdue → leadership")
        #expect(DeadlineState.resolved(late: true).label == "resolved late")
        #expect(DeadlineState.resolved(late: false).label == "resolved on time")
    }
}
