import HuifangCore
import Testing

@testable import HuifangStore

/// The table that finds duplicate ids on every read: it must find every repeated id, and only
/// those, however the hashes fall (also when they all fall in one slot).
@Suite struct IDTableTests {
    @Test func findsEachRepeatAtItsFirstPositionAsADictionaryWould() {
        var ids: [String] = []
        for n in 0..<5000 { ids.append("v-" + String(n * 7919 % 100_003, radix: 36)) }
        ids += ["v-dup1", "v-aaaa", "v-dup1", "v-aaaa", "v-dup1", ids[17], ids[4999]]
        var table = IDTable(capacity: ids.count)
        var seen: [String: Int] = [:]
        for (n, id) in ids.enumerated() {
            let found = table.first(id, at: n, sameAs: { ids[$0] == id })
            #expect(found == seen[id], "\(id) at \(n)")
            if seen[id] == nil { seen[id] = n }
        }
    }

    @Test func aHashCollisionNeverMakesTwoIdsOne() {
        // `sameAs` decides: here it says "different" for every pair, as for ids whose hashes
        // are equal and whose text is not; nothing is then reported, and every id gets a slot.
        var table = IDTable(capacity: 4)
        for n in 0..<8 { #expect(table.first("v-same", at: n, sameAs: { _ in false }) == nil) }
        #expect(table.first("v-same", at: 8, sameAs: { $0 == 3 }) == 3)
    }

    @Test func duplicateVisitIdsAreLeftOutAndReported() {
        func visit(_ id: String, _ file: String) -> Visit {
            Visit(id: VisitID(id)!, project: ProjectID("a")!, date: Day("2026-03-01")!, kind: .periodic, method: .phone, visitor: "v",
                  summary: "s", location: SourceLocation(path: "projects/a/visits/\(file)"))
        }
        var r = Records(config: Config(), calendar: WorkCalendar())
        r.visits = [visit("v-0001", "1.yaml"), visit("v-0002", "2.yaml"), visit("v-0001", "3.yaml"), visit("v-0003", "4.yaml")]
        let out = RepositoryLoader.leaveOutDuplicateIDs(&r)
        #expect(r.visits.map(\.location.path) == ["projects/a/visits/1.yaml", "projects/a/visits/2.yaml", "projects/a/visits/4.yaml"])
        #expect(out.map(\.path) == ["projects/a/visits/3.yaml"])
        #expect(out.first?.problems.first?.message == "duplicate visit id 'v-0001' (also in projects/a/visits/1.yaml)")
    }

    /// The tables kept as duplicates are left out serve the rules between records: the same
    /// findings as tables made afresh, and none for a kind that had an id twice (its positions moved).
    @Test func theTablesKeptAreTheOnesTheRulesWouldMake() {
        let project = ProjectID("p1-erp")!
        var r = Records(config: Config(), calendar: WorkCalendar())
        for k in 0..<300 {
            r.visits.append(Visit(id: VisitID("v-\(String(k, radix: 36))aaaa")!, project: project, date: Day("2026-03-01")!.adding(days: k),
                                  kind: .periodic, method: .phone, visitor: "v", summary: "s\(k)",
                                  location: SourceLocation(path: "projects/p1-erp/visits/\(k).yaml")))
            r.issues.append(HuifangCore.Issue(id: IssueID("i-\(String(k, radix: 36))aaaa")!, project: project, title: "t\(k)", raised: Day("2026-03-01")!,
                                  source: .visit, visit: VisitID("v-\(String(k, radix: 36))aaaa"), category: .technical, severity: .general,
                                  owner: "o", department: "east", due: Day("2026-03-10")!, status: .closed,
                                  location: SourceLocation(path: "projects/p1-erp/issues/\(k).yaml")))
        }
        r.visits[250].id = r.visits[3].id  // issue 250 names a visit no longer there once this one is left out
        r.issues[7].visit = VisitID("v-nowhere")
        var tables = RecordCheck.KnownIDs()
        let out = RepositoryLoader.leaveOutDuplicateIDs(&r, tables: &tables)
        #expect(out.map(\.path) == ["projects/p1-erp/visits/250.yaml"])
        #expect(tables.visits == nil, "a visit was left out: its table is not kept")
        #expect(tables.issues != nil && tables.improvements != nil)
        let fresh = RecordCheck.run(r, threads: 2)
        #expect(RecordCheck.run(r, threads: 2, known: tables) == fresh)
        #expect(fresh.contains { $0.code == .unknownVisit } && !fresh.contains { $0.code == .duplicateID })
        // With no duplicate left, every table is kept, and the findings are the same again.
        var again = RecordCheck.KnownIDs()
        #expect(RepositoryLoader.leaveOutDuplicateIDs(&r, tables: &again).isEmpty)
        #expect(again.visits != nil && again.issues != nil && again.improvements != nil)
        #expect(RecordCheck.run(r, threads: 1, known: again) == fresh)
    }
}
