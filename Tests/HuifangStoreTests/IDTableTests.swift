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
}
