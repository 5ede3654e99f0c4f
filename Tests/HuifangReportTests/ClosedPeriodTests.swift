import HuifangCore
import Testing

@testable import HuifangReport

/// Issue 17: a closed quarter's frozen figures against the figures restated from today's records.
///
/// The fixture is the issue's own case: east (business) has two standard projects accepted on
/// 06-01, each with its first visit due 07-01 (policy: within 1 month). acme was visited on 07-02
/// (overall 5, entered the same day); Q3 was closed on 10-05; on 11-30 a visit of beta dated
/// 09-15 (overall 4) was entered late (补录).
///   Frozen (as entered by 10-05): completion 1/2 = 50%; satisfaction index 5/5 = 100%;
///   CSAT 1/1; completeness 1/1. Assessment (default rules, 25% each; resolution n/a, its
///   weight shared out): completion 0.5 against the 95% target from a 0 floor = 52.63;
///   satisfaction 100; report quality 100 → (52.63 + 100 + 100) / 3 = 84.2.
///   Restated: completion 2/2 = 100%; satisfaction index (5 + 4) / 2 / 5 = 90%; CSAT 2/2 (4 is
///   satisfied); completeness 2/2; assessment 100 (every indicator at or above its target).
@Suite struct ClosedPeriodTests {
    static func day(_ s: String) -> Day { Day(s)! }
    static let east = Department(id: "east", name: "East Office", head: "Zhang", role: .business)

    static func visit(_ id: String, _ project: String, _ date: String, overall: Int, recorded: String?) -> Visit {
        var v = Visit(id: VisitID(id)!, project: ProjectID(project)!, date: day(date), kind: .first, method: .phone, visitor: "Sun",
                      contacts: ["Wang"], summary: "ok", overall: overall,
                      location: SourceLocation(path: "projects/\(project)/visits/\(date)-\(id).yaml"))
        v.recorded = recorded.map(day)
        return v
    }

    static var records: Records {
        let projects = ["acme", "beta"].map {
            Project(id: ProjectID($0)!, name: $0, customer: Customer(name: $0), department: "east", owner: "Sun", tier: .standard,
                    accepted: day("2026-06-01"), location: SourceLocation(path: "projects/\($0)/project.yaml"))
        }
        return Records(config: Config(organization: "Acme", departments: [east]), calendar: WorkCalendar(), projects: projects,
                       visits: [visit("v-0000000a", "acme", "2026-07-02", overall: 5, recorded: "2026-07-02"),
                                visit("v-0000000b", "beta", "2026-09-15", overall: 4, recorded: "2026-11-30")])
    }

    static func context(_ r: Records, lang: String = "en") -> ReportContext {
        ReportContext(records: r, schedule: Schedule(r), period: Period("2026Q3")!, today: day("2026-12-01"), labels: Catalogue(lang))
    }

    static func value(_ figures: [ClosedPeriod.Figure], _ key: String) -> Double? { figures.first { $0.key == key }?.value ?? nil }

    @Test func theLateVisitRestatesCompletionAndSatisfaction() throws {
        let r = Self.records
        let closedOn = Self.day("2026-10-05")
        let frozen = ClosedPeriod.figures(Self.context(ClosedPeriod.asEntered(r, by: closedOn)))
        let restated = ClosedPeriod.figures(Self.context(r))
        #expect(Self.value(frozen, "total.visit_plan_completion_rate") == 0.5)
        #expect(Self.value(frozen, "total.satisfaction_index") == 1.0)
        #expect(Self.value(frozen, "assessment.east.total") == 84.2)
        #expect(Self.value(restated, "total.visit_plan_completion_rate") == 1.0)
        #expect(Self.value(restated, "total.satisfaction_index") == 0.9)
        #expect(Self.value(restated, "assessment.east.total") == 100)
        let changes = ClosedPeriod.changes(frozen: frozen, restated: restated)
        #expect(changes.map(\.key) == ["total.visit_plan_completion_rate", "total.satisfaction_index",
                                       "department.east.visit_plan_completion_rate", "department.east.satisfaction_index",
                                       "assessment.east.total"])
        #expect(changes[0].frozen == 0.5 && changes[0].restated == 1.0)
        // CSAT (1/1 then 2/2) and completeness (1/1 then 2/2) keep their value: not restated.
        #expect(!changes.contains { $0.key.hasSuffix(".csat") || $0.key.hasSuffix(".record_completeness") })
        let late = ClosedPeriod.lateEntries(r, period: Period("2026Q3")!, closedOn: closedOn)
        #expect(late == [ClosedPeriod.LateEntry(kind: "visit", path: "projects/beta/visits/2026-09-15-v-0000000b.yaml",
                                                date: Self.day("2026-09-15"), recorded: Self.day("2026-11-30"))])
    }

    @Test func aRecordWithoutRecordedCountsOnItsOwnDate() {
        var r = Self.records
        r.visits[1].recorded = nil  // written by hand: counts as entered on 09-15, before the close
        let closedOn = Self.day("2026-10-05")
        #expect(ClosedPeriod.lateEntries(r, period: Period("2026Q3")!, closedOn: closedOn).isEmpty)
        #expect(ClosedPeriod.asEntered(r, by: closedOn).visits.count == 2)
        // Entered after the close but dated in another quarter: not a late entry of Q3.
        var later = Self.records
        later.visits[1].date = Self.day("2026-10-15")
        #expect(ClosedPeriod.lateEntries(later, period: Period("2026Q3")!, closedOn: closedOn).isEmpty)
        #expect(ClosedPeriod.asEntered(later, by: closedOn).visits.count == 1)
        // An assessment review for the quarter entered after the close is late, whatever its own date.
        var reviewed = Self.records
        var review = AssessmentReview(period: "2026Q3", department: "east", score: 80, note: "ok", date: Self.day("2026-11-02"),
                                      location: SourceLocation(path: "assessments/2026Q3-east.yaml"))
        review.recorded = Self.day("2026-11-02")
        reviewed.assessments = [review]
        #expect(ClosedPeriod.lateEntries(reviewed, period: Period("2026Q3")!, closedOn: closedOn).map(\.kind) == ["assessment", "visit"])
    }

    @Test func changesCountAFigureMissingOnOneSideAsNA() {
        let frozen = [ClosedPeriod.Figure(key: "total.csat", value: 0.8), ClosedPeriod.Figure(key: "total.nps", value: nil),
                      ClosedPeriod.Figure(key: "department.gone.csat", value: 0.5)]
        let restated = [ClosedPeriod.Figure(key: "total.csat", value: 0.8), ClosedPeriod.Figure(key: "total.nps", value: 20),
                        ClosedPeriod.Figure(key: "department.new.csat", value: 1), ClosedPeriod.Figure(key: "department.new.nps", value: nil)]
        let c = ClosedPeriod.changes(frozen: frozen, restated: restated)
        #expect(c.map(\.key) == ["total.nps", "department.gone.csat", "department.new.csat"])
        #expect(c[1].frozen == 0.5 && c[1].restated == nil)
        #expect(c[2].frozen == nil && c[2].restated == 1)
    }

    @Test func theSectionShowsFrozenBesideRestatedInBothLanguages() throws {
        let r = Self.records
        let closedOn = Self.day("2026-10-05")
        let frozen = ClosedPeriod.figures(Self.context(ClosedPeriod.asEntered(r, by: closedOn)))
        let closing = ClosedPeriod.Closing(period: Period("2026Q3")!, closedOn: closedOn, by: "Wang", digest: "00000000000000aa", frozen: frozen)
        let changes = ClosedPeriod.changes(frozen: frozen, restated: ClosedPeriod.figures(Self.context(r)))
        let late = ClosedPeriod.lateEntries(r, period: closing.period, closedOn: closedOn)
        let en = ClosedPeriod.blocks(closing, changes: changes, late: late, digestNow: "00000000000000bb", r, Catalogue("en"))
        let t = tables(en)
        #expect(t.count == 2)
        #expect(t[0].headers == ["Figure", "Frozen", "Restated"])
        #expect(t[0].rows[0] == ["Company · Visit-plan completion rate", "50.0%", "100.0%"])
        #expect(t[0].rows[4] == ["East Office · Assessment score", "84.2", "100.0"])
        #expect(t[1].rows == [["projects/beta/visits/2026-09-15-v-0000000b.yaml", "visit", "2026-09-15", "2026-11-30"]])
        let zh = ClosedPeriod.blocks(closing, changes: changes, late: late, digestNow: "00000000000000bb", r, Catalogue("zh"))
        #expect(tables(zh)[0].headers == ["指标", "冻结值", "重述值"])
        #expect(tables(zh)[1].rows[0][1] == "回访")
        let json = JSONValue.object(ClosedPeriod.json(closing, changes: changes, late: late, digestNow: "00000000000000bb"))
        #expect(keys(json) == ["closed", "frozen", "restated", "late_entries", "removed"])
        let text = json.render()
        #expect(text.contains("\"total.visit_plan_completion_rate\": {\"frozen\": 0.5, \"restated\": 1.0}")
                    || text.contains("\"frozen\": 0.5"), "\(text)")
        // Nothing entered or changed since the close: one sentence, no table.
        let same = ClosedPeriod.blocks(closing, changes: [], late: [], digestNow: closing.digest, r, Catalogue("en"))
        #expect(tables(same).isEmpty && paragraphs(same) == [Catalogue("en")["closed.unchanged"]])
    }
}
