import Testing

@testable import HuifangCore

/// Per-visitor figures of the department report on KPITests' records, worked by hand (2026Q3):
/// 王五 v-0001 (overall 5, lists i-0001 raised in it) and v-0002 (scores mean 3.75): both
/// complete; 赵六 v-0003 (overall 4, but i-0002 raised in it is not listed) and v-0004 (no
/// contact, not scored): neither complete; 孙七 v-0005 (overall 2): complete.
@Suite struct VisitorKPIsTests {
    @Test func perVisitorAgreesWithTheRecordCompletenessKPI() {
        let r = KPITests.records
        let q3 = KPITests.q3
        let visits = r.visits.filter { q3.contains($0.date) }
        var raisedIn: [VisitID: [IssueID]] = [:]
        for i in r.issues where q3.contains(i.raised) {
            if let v = i.visit { raisedIn[v, default: []].append(i.id) }
        }
        let v = VisitorKPIs.of(visits, raisedIn: raisedIn, scale: 5)
        #expect(v.map(\.visitor) == ["王五", "赵六", "孙七"])
        #expect(v.map(\.visits) == [2, 2, 1])
        #expect(v.map(\.scoredVisits) == [2, 1, 1])
        #expect(v.map(\.meanOverall) == [4.375, 4.0, 2.0])
        #expect(v.map(\.satisfactionIndex) == [0.875, 0.8, 0.4])
        #expect(v.map(\.completeRecords) == [2, 0, 1])
        #expect(v.map(\.recordCompleteness) == [1.0, 0.0, 1.0])
        // The same rule as the KPI: 3 complete of 5.
        let k = KPITests.kpis()
        #expect(k.recordCompleteness == 0.6)
        #expect(Double(v.map(\.completeRecords).reduce(0, +)) / Double(v.map(\.visits).reduce(0, +)) == k.recordCompleteness)
        // And the same visits and means as VisitorCount.
        #expect(VisitorCount.of(r, period: q3, projects: nil).map { [$0.visitor, String($0.visits)] } == v.map { [$0.visitor, String($0.visits)] })
    }
}
