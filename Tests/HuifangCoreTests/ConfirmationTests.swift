import Testing

@testable import HuifangCore

/// Issue 14 part 3: a resolved, unconfirmed issue has a confirmation due date
/// (`resolved + policy.confirm_within` working days) and is overdue from the day after it.
@Suite struct ConfirmationTests {
    static func day(_ s: String) -> Day { Day(s)! }

    static func issue(resolved: String?, status: IssueStatus = .resolved, confirmed: HuifangCore.Confirmation? = nil,
                      history: [HistoryEntry] = []) -> HuifangCore.Issue {
        HuifangCore.Issue(id: IssueID("i-0001")!, project: ProjectID("a")!, title: "t", raised: day("2026-01-20"), source: .customer,
                          category: .service, severity: .general, owner: "张伟", department: "east", due: day("2026-03-31"),
                          status: status, resolved: resolved.map { Resolution(date: day($0), summary: "done") }, confirmed: confirmed,
                          history: history, location: SourceLocation(path: "projects/a/issues/i-0001.yaml"))
    }

    let policy = Policy()  // confirm_within: 3wd
    let calendar = ScheduleTests.calendar  // 2026 Spring Festival 02-15..23, make-up days 02-14 and 02-28

    @Test func resolvedOnAFridayBeforeTheSpringFestival() {
        // Fri 02-13; Sat 02-14 is a make-up working day (1), 02-15..23 are off, Tue 02-24 (2), Wed 02-25 (3).
        let i = Self.issue(resolved: "2026-02-13")
        #expect(i.confirmationDue(policy, calendar: calendar) == Self.day("2026-02-25"))
    }

    @Test func resolvedOnAnOrdinaryFridayCountsOverTheWeekend() {
        #expect(Self.issue(resolved: "2026-03-06").confirmationDue(policy, calendar: calendar) == Self.day("2026-03-11"))
        var p = policy
        p.confirmWithin = Duration(5, .days)
        #expect(Self.issue(resolved: "2026-03-06").confirmationDue(p, calendar: calendar) == Self.day("2026-03-11"), "5 calendar days")
    }

    @Test func theDueDayItselfIsDueAndTheNextDayOverdue() {
        let i = Self.issue(resolved: "2026-02-13")
        #expect(i.awaitsConfirmation(on: Self.day("2026-02-25")))
        #expect(!i.confirmationOverdue(on: Self.day("2026-02-25"), policy, calendar: calendar), "due on the day, not overdue")
        #expect(i.confirmationOverdue(on: Self.day("2026-02-26"), policy, calendar: calendar))
        #expect(!i.awaitsConfirmation(on: Self.day("2026-02-12")), "not yet resolved")
    }

    @Test func onlyAResolvedIssueAwaitsConfirmation() {
        #expect(Self.issue(resolved: nil, status: .open).confirmationDue(policy, calendar: calendar) == nil)
        let confirmed = Self.issue(resolved: "2026-02-13", status: .confirmed, confirmed: HuifangCore.Confirmation(date: Self.day("2026-02-24"), satisfied: true),
                                   history: [HistoryEntry(at: Self.day("2026-02-24"), action: "confirmed")])
        #expect(confirmed.confirmationDue(policy, calendar: calendar) == nil)
        #expect(confirmed.awaitsConfirmation(on: Self.day("2026-02-23")), "before the confirmation it awaited it")
        #expect(!confirmed.awaitsConfirmation(on: Self.day("2026-02-24")))
        #expect(!confirmed.confirmationOverdue(on: Self.day("2026-03-02"), policy, calendar: calendar))
        // Confirmed late: overdue on the days between its due date and the confirmation.
        let late = Self.issue(resolved: "2026-02-13", status: .closed, confirmed: HuifangCore.Confirmation(date: Self.day("2026-03-02"), satisfied: true),
                              history: [HistoryEntry(at: Self.day("2026-03-02"), action: "confirmed"), HistoryEntry(at: Self.day("2026-03-03"), action: "closed")])
        #expect(late.confirmationOverdue(on: Self.day("2026-02-27"), policy, calendar: calendar))
        #expect(!late.confirmationOverdue(on: Self.day("2026-03-02"), policy, calendar: calendar))
    }

    @Test func theAgendaListsTheConfirmationAsDueThenOverdue() {
        var r = ScheduleTests.records([ScheduleTests.project("a", accepted: nil)], [])
        r.issues = [Self.issue(resolved: "2026-02-13")]
        func entry(_ today: String) -> AgendaEntry? {
            Agenda.entries(r, schedule: Schedule(r), today: Self.day(today), until: nil).first {
                if case .confirmation = $0.subject { return true } else { return false }
            }
        }
        #expect(entry("2026-02-12") == nil, "before the resolution")
        let onTheDay = entry("2026-02-25")
        #expect(onTheDay?.due == Self.day("2026-02-25"))
        #expect(onTheDay?.isOverdue == false)
        #expect(onTheDay?.daysOverdue == 0)
        #expect(entry("2026-02-26")?.daysOverdue == 1)
        #expect(entry("2026-02-26")?.responsible == "张伟")
    }

    @Test func reportsCountConfirmationsOverdueAtThePeriodsEnd() {
        var r = ScheduleTests.records([ScheduleTests.project("a", accepted: nil)], [])
        r.issues = [Self.issue(resolved: "2026-02-13")]
        func count(_ period: String, today: String = "2026-12-31") -> Int {
            KPIEngine.compute(r, schedule: Schedule(r), period: Period(period)!, today: Self.day(today)).overdueConfirmations
        }
        #expect(count("2026-01") == 0, "not resolved yet")
        #expect(count("2026-02") == 1, "due 02-25, still unconfirmed on 02-28")
        #expect(count("2026-02", today: "2026-02-25") == 0, "counted on the due day: due, not overdue")
        #expect(count("2026-02", today: "2026-02-26") == 1)
        r.issues[0].status = .confirmed
        r.issues[0].confirmed = HuifangCore.Confirmation(date: Self.day("2026-03-02"), satisfied: true)
        r.issues[0].history = [HistoryEntry(at: Self.day("2026-03-02"), action: "confirmed")]
        #expect(count("2026-02") == 1, "confirmed only in March")
        #expect(count("2026-03") == 0)
    }
    @Test func reopeningLaterDoesNotChangeAnEarlierPeriodsCount() {
        var r = ScheduleTests.records([ScheduleTests.project("a", accepted: nil)], [])
        // Resolved 02-13 (confirmation due 02-25), never confirmed, reopened on 2026-06-01: the
        // resolution moved into the history, as `issue reopen` writes it.
        r.issues = [Self.issue(resolved: nil, status: .open, history: [
            HistoryEntry(at: Self.day("2026-01-20"), action: "opened"),
            HistoryEntry(at: Self.day("2026-02-13"), action: "resolved"),
            HistoryEntry(at: Self.day("2026-06-01"), action: "reopened", reason: "again"),
        ])]
        func count(_ period: String) -> Int {
            KPIEngine.compute(r, schedule: Schedule(r), period: Period(period)!, today: Self.day("2026-12-31")).overdueConfirmations
        }
        #expect(count("2026-02") == 1, "on 02-28 the resolution stood, unconfirmed and past 02-25")
        #expect(count("2026Q1") == 1)
        #expect(count("2026-06") == 0, "reopened on 06-01: nothing awaits confirmation")
        #expect(r.issues[0].confirmationOverdue(on: Self.day("2026-03-31"), policy, calendar: calendar))
        #expect(!r.issues[0].confirmationOverdue(on: Self.day("2026-06-30"), policy, calendar: calendar))
    }

    /// The KPI facts take each issue's first resolution and the day it stopped awaiting
    /// confirmation in one pass over its history: the same days as the two rules they stand for.
    @Test func theFactsDaysAreThoseOfTheRules() {
        func h(_ at: String, _ action: String) -> HistoryEntry { HistoryEntry(at: Self.day(at), action: action) }
        let sat = HuifangCore.Confirmation(date: Self.day("2026-03-05"), satisfied: true)
        let unsat = HuifangCore.Confirmation(date: Self.day("2026-03-05"), satisfied: false)
        let cases: [HuifangCore.Issue] = [
            Self.issue(resolved: nil, status: .open),
            Self.issue(resolved: "2026-02-13"),
            Self.issue(resolved: "2026-02-13", status: .confirmed, confirmed: sat, history: [h("2026-02-13", "resolved"), h("2026-03-05", "confirmed")]),
            Self.issue(resolved: "2026-02-13", status: .closed, confirmed: unsat, history: [h("2026-03-09", "closed"), h("2026-03-07", "confirmed")]),
            Self.issue(resolved: "2026-04-01", confirmed: sat, history: [h("2026-02-13", "resolved"), h("2026-03-01", "reopened")]),
            Self.issue(resolved: nil, status: .open, history: [h("2026-02-20", "resolved"), h("2026-02-13", "resolved"), h("2026-03-01", "reopened")]),
            Self.issue(resolved: "2026-03-10", status: .closed, history: [h("2026-03-01", "closed"), h("2026-03-20", "closed"), h("2026-03-12", "note")]),
            Self.issue(resolved: "2026-03-10", status: .open),
            Self.issue(resolved: nil, status: .resolved, history: [h("2026-02-13", "resolved")]),
        ]
        for issue in cases {
            let days = [issue].withUnsafeBufferPointer { KPIEngine.Facts.confirmationDays($0, 0) }
            #expect(days?.first == issue.firstResolutionDate?.ordinal)
            if let days { #expect(days.ended == issue.confirmationEnded?.ordinal ?? .max) }
            // And the day from which it stands resolved, for every day, unless the rule is asked.
            let from = [issue].withUnsafeBufferPointer { KPIEngine.Facts.resolvedFrom($0, 0) }
            #expect((from == KPIEngine.Facts.askTheRule) == issue.history.contains { $0.kind == .reopened })
            guard from != KPIEngine.Facts.askTheRule else { continue }
            var t = Self.day("2026-01-01")
            while t <= Self.day("2026-05-01") {
                #expect((t.ordinal >= from) == issue.isResolved(on: t), "\(t)")
                t = t.adding(days: 1)
            }
        }
    }
}
