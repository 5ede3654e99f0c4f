import Testing

@testable import HuifangCore

/// The kind a visit takes without `--kind` (issue 14 part 2): the kind of the open schedule
/// item it satisfies. Each branch of `VisitPurpose.choose`, on hand-made histories.
@Suite struct VisitPurposeTests {
    typealias S = ScheduleTests
    static func day(_ s: String) -> Day { Day(s)! }

    static func event(_ id: String, _ date: String, tags: [String] = ["erp"]) -> Event {
        Event(id: id, date: day(date), kind: .upgrade, title: id, tags: tags, location: SourceLocation(path: "events/\(id).yaml"))
    }

    static func issue(_ id: String, _ project: String, _ raised: String, source: IssueSource) -> HuifangCore.Issue {
        HuifangCore.Issue(id: IssueID(id)!, project: ProjectID(project)!, title: "t", raised: day(raised), source: source,
                          category: .service, severity: .minor, owner: "张伟", department: "east", due: day(raised), status: .open,
                          location: SourceLocation(path: "i"))
    }

    func choose(_ r: Records, _ project: String, _ date: String, event: String? = nil) -> VisitPurpose {
        let p = r.project(ProjectID(project)!)!
        return VisitPurpose.choose(for: p, on: Self.day(date), items: Schedule.items(of: p, in: r), event: event)
    }

    @Test func beforeAcceptanceOrWithoutItIsAStageVisit() {
        let r = S.records([S.project("a"), S.project("n", accepted: nil)], [])
        #expect(choose(r, "a", "2026-01-14").kind == .stage)
        #expect(choose(r, "n", "2026-05-01").kind == .stage)
    }

    @Test func theFirstVisitAfterAcceptanceIsFirst() {
        let r = S.records([S.project("a")], [])
        let p = choose(r, "a", "2026-01-15")
        #expect(p.kind == .first)
        #expect(p.item?.kind == .first)
        #expect(p.event == nil)
    }

    @Test func afterTheFirstVisitWithNothingElseOpenItIsPeriodic() {
        let r = S.records([S.project("a")], [S.visit("v-0001", "a", "2026-02-14", kind: .first)])
        let p = choose(r, "a", "2026-05-20")
        #expect(p.kind == .periodic)
        #expect(p.item?.basis == "v-0001")
    }

    @Test func anOpenEventMakesItSpecialAndLinksTheOnlyEvent() {
        // The case of the issue: event add 2026-11-02 --tag erp, then a plain visit on 2026-11-18.
        let r = S.records([S.project("a", tags: ["erp"])], [S.visit("v-0001", "a", "2026-02-14", kind: .first)],
                          events: [Self.event("2026-11-02-upgrade", "2026-11-02")])
        let p = choose(r, "a", "2026-11-18")
        #expect(p.kind == .special)
        #expect(p.event == "2026-11-02-upgrade")
        // Before the event's day the event is not open yet.
        #expect(choose(r, "a", "2026-11-01").kind == .periodic)
    }

    @Test func twoOpenEventsMakeItSpecialWithoutALink() {
        let r = S.records([S.project("a", tags: ["erp"])], [S.visit("v-0001", "a", "2026-02-14", kind: .first)],
                          events: [Self.event("2026-11-02-upgrade", "2026-11-02"), Self.event("2026-11-05-market", "2026-11-05")])
        let p = choose(r, "a", "2026-11-18")
        #expect(p.kind == .special)
        #expect(p.event == nil, "which event it follows is for the user to say")
    }

    @Test func anEventAlreadyVisitedIsNotOpen() {
        let r = S.records([S.project("a", tags: ["erp"])], [
            S.visit("v-0001", "a", "2026-02-14", kind: .first),
            S.visit("v-0002", "a", "2026-11-10", kind: .special, event: "2026-11-02-upgrade"),
        ], events: [Self.event("2026-11-02-upgrade", "2026-11-02")])
        #expect(choose(r, "a", "2026-11-18").kind == .periodic)
    }

    @Test func aGivenEventMakesItSpecial() {
        let r = S.records([S.project("a")], [S.visit("v-0001", "a", "2026-02-14", kind: .first)],
                          events: [Self.event("2026-11-02-upgrade", "2026-11-02", tags: ["mes"])])
        let p = choose(r, "a", "2026-11-18", event: "2026-11-02-upgrade")
        #expect(p.kind == .special)
        #expect(p.event == "2026-11-02-upgrade")
    }

    @Test func anOpenCustomerOrComplaintIssueMakesItACustomerRequest() {
        for source in [IssueSource.customer, .complaint] {
            let r = S.records([S.project("a")], [S.visit("v-0001", "a", "2026-02-14", kind: .first)],
                              issues: [Self.issue("i-0001", "a", "2026-11-02", source: source)])
            let p = choose(r, "a", "2026-11-04")
            #expect(p.kind == .customerRequest, "\(source)")
            #expect(p.item?.basis == "i-0001")
        }
        // An issue raised in a visit calls for no visit.
        let r = S.records([S.project("a")], [S.visit("v-0001", "a", "2026-02-14", kind: .first)],
                          issues: [Self.issue("i-0001", "a", "2026-11-02", source: .visit)])
        #expect(choose(r, "a", "2026-11-04").kind == .periodic)
    }

    @Test func aSpecialVisitComesBeforeACustomerRequestAndACustomerRequestBeforeTheFirst() {
        let r = S.records([S.project("a", tags: ["erp"])], [],
                          events: [Self.event("2026-01-20-upgrade", "2026-01-20")],
                          issues: [Self.issue("i-0001", "a", "2026-01-16", source: .customer)])
        #expect(choose(r, "a", "2026-01-19").kind == .customerRequest, "no event yet; the first visit is open too")
        #expect(choose(r, "a", "2026-01-21").kind == .special)
    }

    @Test func aGivenKindThatDoesNotMatchIsExplainedNotRefused() {
        let r = S.records([S.project("a", tags: ["erp"])], [S.visit("v-0001", "a", "2026-02-14", kind: .first)],
                          events: [Self.event("2026-11-02-upgrade", "2026-11-02")])
        let p = choose(r, "a", "2026-11-18")
        #expect(p.mismatch(with: .special) == nil)
        #expect(p.mismatch(with: .periodic) == .specialOpen(event: "2026-11-02-upgrade", given: .periodic))
        let plain = choose(S.records([S.project("a")], [S.visit("v-0001", "a", "2026-02-14", kind: .first)]), "a", "2026-05-20")
        #expect(plain.mismatch(with: .first) == .alreadyHadFirstVisit)
        #expect(plain.mismatch(with: .periodic) == nil)
    }

    @Test func theVisitClearsTheItemsItSatisfies() {
        let r = S.records([S.project("a", tags: ["erp"])], [S.visit("v-0001", "a", "2026-02-14", kind: .first)],
                          events: [Self.event("2026-11-02-upgrade", "2026-11-02")])
        let special = S.visit("v-0002", "a", "2026-11-18", kind: .special, event: "2026-11-02-upgrade")
        #expect(Set(Schedule.cleared(by: special, in: r).map(\.kind)) == [.special, .periodic])
        let periodic = S.visit("v-0002", "a", "2026-11-18", kind: .periodic)
        #expect(Schedule.cleared(by: periodic, in: r).map(\.kind) == [.periodic], "a plain periodic visit leaves the special one open")
    }
}
