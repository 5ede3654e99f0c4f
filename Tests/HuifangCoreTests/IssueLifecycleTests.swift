import Testing

@testable import HuifangCore

/// Issue 13 part 2: every step of an issue's life, and every refusal with its reason.
@Suite struct IssueLifecycleTests {
    static let cal = ScheduleTests.calendar
    static let policy = Policy()
    static func d(_ s: String) -> Day { Day(s)! }

    static func issue(_ severity: Severity = .general, status: IssueStatus = .open, resolved: String? = nil, confirmed: String? = nil,
                      caseAnalysis: String? = nil, history: [HistoryEntry] = []) -> HuifangCore.Issue {
        HuifangCore.Issue(id: IssueID("i-0001")!, project: ProjectID("acme")!, title: "t", raised: d("2026-11-02"), source: .customer,
              category: .service, severity: severity, owner: "张伟", department: "east", due: d("2026-11-16"), status: status,
              resolved: resolved.map { Resolution(date: d($0), summary: "patched") },
              confirmed: confirmed.map { Confirmation(date: d($0), satisfied: true) }, caseAnalysis: caseAnalysis,
              history: [HistoryEntry(at: d("2026-11-02"), action: .opened, by: "王五")] + history, location: SourceLocation(path: "i"))
    }

    static func apply(_ t: IssueTransition, _ i: HuifangCore.Issue, on day: String = "2026-11-10", by: String = "李明") -> Result<HuifangCore.Issue, IssueRefusal> {
        IssueLifecycle.apply(t, to: i, on: d(day), by: by, policy: policy, calendar: cal)
    }

    static func changed(_ r: Result<HuifangCore.Issue, IssueRefusal>) -> HuifangCore.Issue? { if case .success(let i) = r { i } else { nil } }
    static func refusal(_ r: Result<HuifangCore.Issue, IssueRefusal>) -> IssueRefusal? { if case .failure(let f) = r { f } else { nil } }

    @Test func escalateMovesUpAndCountsTheDeadlineAgain() throws {
        let i = try #require(Self.changed(Self.apply(.escalate(to: nil, reason: "no progress", owner: "王芳"), Self.issue())))
        #expect(i.severity == .major)
        #expect(i.owner == "王芳")
        // policy: major within 5 working days, counted from Tue 11-10.
        #expect(i.due == Self.d("2026-11-17"))
        #expect(i.history.last == HistoryEntry(at: Self.d("2026-11-10"), action: "escalated", by: "李明", from: .general, to: .major,
                                               reason: "no progress"))
        #expect(i.history.last?.kind == .escalated)
        #expect(i.deadlineStart == Self.d("2026-11-10"))
    }

    @Test func escalateRefusesClosedTopAndDownward() {
        #expect(Self.refusal(Self.apply(.escalate(to: nil, reason: "r", owner: nil), Self.issue(status: .resolved, resolved: "2026-11-05")))
            == .notOpen(.resolved))
        #expect(Self.refusal(Self.apply(.escalate(to: nil, reason: "r", owner: nil), Self.issue(.major))) == .alreadyHighest)
        #expect(Self.refusal(Self.apply(.escalate(to: .minor, reason: "r", owner: nil), Self.issue())) == .notUpward(from: .general, to: .minor))
        #expect(Self.refusal(Self.apply(.escalate(to: .general, reason: "r", owner: nil), Self.issue())) == .notUpward(from: .general, to: .general))
    }

    @Test func resolveRecordsTheResolutionAndDropsAnOldConfirmation() throws {
        var open = Self.issue(.minor)
        open.confirmed = Confirmation(date: Self.d("2026-11-04"), satisfied: false)
        let i = try #require(Self.changed(Self.apply(.resolve(summary: "patched", onSpot: true), open)))
        #expect(i.status == .resolved)
        #expect(i.resolved == Resolution(date: Self.d("2026-11-10"), summary: "patched", onSpot: true))
        #expect(i.confirmed == nil)
        #expect(i.history.last?.kind == .resolved)
    }

    @Test func resolveRefusesWhatIsNotOpenAndOnTheSpotAboveMinor() {
        #expect(Self.refusal(Self.apply(.resolve(summary: "s", onSpot: true), Self.issue())) == .onSpotNeedsMinor(.general))
        #expect(Self.refusal(Self.apply(.resolve(summary: "s", onSpot: false), Self.issue(status: .closed, resolved: "2026-11-05")))
            == .notOpen(.closed))
    }

    @Test func confirmSatisfiedOrNot() throws {
        let resolved = Self.issue(status: .resolved, resolved: "2026-11-05", history: [HistoryEntry(at: Self.d("2026-11-05"), action: .resolved)])
        let ok = try #require(Self.changed(Self.apply(.confirm(satisfied: true), resolved)))
        #expect(ok.status == .confirmed)
        #expect(ok.confirmed == Confirmation(date: Self.d("2026-11-10"), satisfied: true))
        #expect(ok.history.last?.kind == .confirmed)
        let no = try #require(Self.changed(Self.apply(.confirm(satisfied: false), resolved)))
        #expect(no.status == .open)
        #expect(no.resolved == nil && no.confirmed == nil)
        #expect(no.history.last == HistoryEntry(at: Self.d("2026-11-10"), action: "reopened", by: "李明", reason: "customer not satisfied"))
    }

    @Test func confirmRefusesWhatIsNotResolved() {
        #expect(Self.refusal(Self.apply(.confirm(satisfied: true), Self.issue())) == .notResolved(.open))
        #expect(Self.refusal(Self.apply(.confirm(satisfied: true), Self.issue(status: .resolved, resolved: "2026-11-12")))
            == .beforeResolution(Self.d("2026-11-12")))
    }

    @Test func closeNeedsAConfirmationAndForMajorACaseAnalysis() throws {
        let confirmed = Self.issue(.major, status: .confirmed, resolved: "2026-11-05", confirmed: "2026-11-06")
        #expect(Self.refusal(Self.apply(.close(caseAnalysis: nil), confirmed)) == .needsCaseAnalysis)
        let closed = try #require(Self.changed(Self.apply(.close(caseAnalysis: "docs/cases/i-0001.md"), confirmed)))
        #expect(closed.status == .closed)
        #expect(closed.caseAnalysis == "docs/cases/i-0001.md")
        #expect(closed.history.last?.kind == .closed)
        // One recorded before is enough.
        var recorded = confirmed
        recorded.caseAnalysis = "docs/a.md"
        #expect(Self.changed(Self.apply(.close(caseAnalysis: nil), recorded))?.caseAnalysis == "docs/a.md")
        #expect(Self.changed(Self.apply(.close(caseAnalysis: nil), Self.issue(status: .confirmed, resolved: "2026-11-05")))?.status == .closed)
        #expect(Self.refusal(Self.apply(.close(caseAnalysis: nil), Self.issue(status: .resolved, resolved: "2026-11-05"))) == .notConfirmed(.resolved))
        #expect(Self.refusal(Self.apply(.close(caseAnalysis: nil), Self.issue(status: .closed, resolved: "2026-11-05"))) == .alreadyClosed)
    }

    @Test func reopenSetsTheResolutionAsideAndRefusesAnOpenIssue() throws {
        let closed = Self.issue(status: .closed, resolved: "2026-11-05", confirmed: "2026-11-06")
        let i = try #require(Self.changed(Self.apply(.reopen(reason: "came back"), closed)))
        #expect(i.status == .open)
        #expect(i.resolved == nil && i.confirmed == nil)
        #expect(i.history.last == HistoryEntry(at: Self.d("2026-11-10"), action: "reopened", by: "李明", reason: "came back"))
        #expect(Self.refusal(Self.apply(.reopen(reason: "r"), Self.issue())) == .alreadyOpen)
    }

    @Test func noteAndWithdraw() throws {
        let noted = try #require(Self.changed(Self.apply(.note("tested on site"), Self.issue())))
        #expect(noted.status == .open)
        #expect(noted.history.last == HistoryEntry(at: Self.d("2026-11-10"), action: "note", by: "李明", note: "tested on site"))
        let withdrawn = try #require(Self.changed(Self.apply(.withdraw(reason: "duplicate"), Self.issue())))
        #expect(withdrawn.status == .withdrawn)
        #expect(withdrawn.history.last?.kind == .withdrawn)
        #expect(Self.refusal(Self.apply(.withdraw(reason: "again"), withdrawn)) == .alreadyWithdrawn)
        #expect(Self.changed(Self.apply(.note("still kept"), withdrawn))?.history.last?.kind == .note)
    }

    @Test func noStepIsRecordedBeforeTheLastChange() {
        let i = Self.issue(history: [HistoryEntry(at: Self.d("2026-11-12"), action: .note, note: "n")])
        for t in [IssueTransition.escalate(to: nil, reason: "r", owner: nil), .resolve(summary: "s", onSpot: false), .note("n"),
                  .withdraw(reason: "r")] {
            #expect(Self.refusal(Self.apply(t, i, on: "2026-11-11")) == .beforeLastChange(last: Self.d("2026-11-12")))
        }
        #expect(Self.changed(Self.apply(.note("same day"), i, on: "2026-11-12")) != nil)
    }

    @Test func aWordWrittenByHandHasNoKind() {
        #expect(HistoryEntry(at: Self.d("2026-11-02"), action: "phoned").kind == nil)
        #expect(HistoryAction.allCases.allSatisfy { HistoryEntry(at: Self.d("2026-11-02"), action: $0).action == $0.rawValue })
    }
}
