import HuifangCore
import Testing

@testable import HuifangReport

/// Issue 13 part 2 and issue 16: the core routes with codes; the catalogue says them in the
/// language asked for (these are the words `issue add/escalate/show` print).
@Suite struct RouteLabelsTests {
    static let east = Department(id: "east", name: "华东交付部", head: "张伟", role: .business)
    static let pmo = Department(id: "pmo", name: "项目管理部", head: "王芳", role: .projectManagement)
    static let cs = Department(id: "cs", name: "客户服务部", head: "陈静", role: .customerService)
    static let en = Catalogue(.en), zh = Catalogue(.zh)

    @Test func partiesInWords() {
        let L = Self.en
        #expect(L.words(RouteParty.department(id: "east", Self.east)) == "华东交付部 (east)")
        #expect(L.words(RouteParty.department(id: "west", nil)) == "west")
        #expect(L.words(RouteParty.departmentHead(id: "east", Self.east)) == "张伟, head of 华东交付部")
        #expect(L.words(RouteParty.departmentHead(id: "west", nil)) == "the head of west")
        #expect(L.words(RouteParty.projectManagement(Self.pmo)) == "项目管理部 (pmo)")
        #expect(L.words(RouteParty.projectManagement(nil)) == "the project-management department")
        #expect(L.words(RouteParty.projectManagementHead(Self.pmo)) == "王芳, head of 项目管理部")
        #expect(L.words(RouteParty.leader("周总")) == "周总 (leadership)")
        #expect(L.words(RouteParty.leadership) == "leadership")
        #expect(L.words(RouteParty.complaintFollower(Self.cs)) == "陈静, head of 客户服务部 (records and follows the complaint)")
        let Z = Self.zh
        #expect(Z.words(RouteParty.departmentHead(id: "east", Self.east)) == "华东交付部负责人张伟")
        #expect(Z.words(RouteParty.departmentHead(id: "west", nil)) == "west负责人")
        #expect(Z.words(RouteParty.projectManagement(nil)) == "项目管理部门")
        #expect(Z.words(RouteParty.leader("周总")) == "周总（公司领导）")
        #expect(Z.words(RouteParty.leadership) == "公司领导")
        #expect(Z.words(RouteParty.complaintFollower(Self.cs)) == "客户服务部负责人陈静（登记并跟进投诉）")
    }

    @Test func handlersReportsAndClosingInWords() {
        let L = Self.en
        #expect(L.words(Route.Handler.visitorOnTheSpot("王五", otherwise: .department(id: "east", Self.east))) == "王五 on the spot; else 华东交付部 (east)")
        #expect(L.words(Route.Handler.party(.department(id: "east", Self.east))) == "华东交付部 (east)")
        #expect(L.words(Route.Handler.namesOwnerAndDeadline(.departmentHead(id: "east", Self.east)))
            == "张伟, head of 华东交付部, who names the owner and the deadline")
        #expect(L.words(Route.Handler.workingGroup(ledBy: .projectManagement(Self.pmo))) == "a working group led by 项目管理部 (pmo)")
        #expect(L.words(Route.RouteReport.writtenReport(to: .projectManagement(Self.pmo))) == "written report to 项目管理部 (pmo)")
        #expect(L.words(Route.RouteReport.progressReportsToLeadership) == "progress reports to leadership")
        #expect(L.words([Route.ClosingNeed.customerConfirmation, .caseAnalysis]) == "customer confirmation and a case analysis (case_analysis:)")
        let Z = Self.zh
        #expect(Z.words(Route.Handler.visitorOnTheSpot("王五", otherwise: .department(id: "east", Self.east))) == "王五现场处理；否则由华东交付部 (east)处理")
        #expect(Z.words(Route.Handler.workingGroup(ledBy: .projectManagement(Self.pmo))) == "由项目管理部 (pmo)牵头的专项工作组")
        #expect(Z.words([Route.ClosingNeed.customerConfirmation, .caseAnalysis]) == "客户确认和案例分析（case_analysis:）")
        #expect(Z.joined(["a", "b"]) == "a；b")
    }

    @Test func deadlineStatesKeepTheirCodesForJSONAndHaveWords() {
        #expect(DeadlineState.onTrack.label == "on track")
        #expect(DeadlineState.overdue(days: 2, escalateTo: .severity(.major)).label == "overdue → major")
        #expect(DeadlineState.overdue(days: 2, escalateTo: .leadership).label == "overdue → leadership")
        #expect(DeadlineState.resolved(late: true).label == "resolved late")
        let L = Self.en, Z = Self.zh
        #expect(L.words(DeadlineState.onTrack) == "on track")
        #expect(L.words(DeadlineState.dueSoon(share: 0.8)) == "due soon")
        #expect(L.words(DeadlineState.overdue(days: 2, escalateTo: .severity(.major))) == "overdue → major")
        #expect(L.words(DeadlineState.resolved(late: false)) == "resolved on time")
        #expect(Z.words(DeadlineState.onTrack) == "按期推进")
        #expect(Z.words(DeadlineState.dueSoon(share: 0.8)) == "即将到期")
        #expect(Z.words(DeadlineState.overdue(days: 2, escalateTo: .severity(.major))) == "逾期，应升级至重大")
        #expect(Z.words(DeadlineState.overdue(days: 2, escalateTo: .leadership)) == "逾期，应升级至公司领导")
        #expect(Z.words(DeadlineState.resolved(late: true)) == "逾期解决")
    }
}
