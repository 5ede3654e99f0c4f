import HuifangCore

extension RepositoryLoader {
    /// A record whose id another file already holds (a copied file, a merge that kept both)
    /// would be counted twice by every answer: the later one, in the records' order, is left
    /// out as an unreadable record is, so that commands refuse (or, with `--ignore-invalid`,
    /// say what they left out) and `check` reports it. One hash set per kind: cheap enough to
    /// run on every read.
    static func leaveOutDuplicateIDs(_ r: inout Records) -> [UnreadableRecord] {
        var out: [UnreadableRecord] = []
        func scan<T, K>(_ items: inout [T], _ id: (T) -> RecordID<K>, _ location: (T) -> SourceLocation) {
            var first: [RecordID<K>: Int] = [:]
            first.reserveCapacity(items.count)
            var later: [Int] = []
            for n in items.indices {
                if let f = first[id(items[n])] {
                    later.append(n)
                    let at = location(items[n])
                    let finding = Finding(at: at, message: "duplicate \(K.noun) id '\(id(items[n]))' (also in \(location(items[f]).path))",
                                          hint: "give one of them a new id (a merge or a copied file can cause this)")
                    out.append(UnreadableRecord(path: at.path, problems: [finding]))
                } else {
                    first[id(items[n])] = n
                }
            }
            guard !later.isEmpty else { return }
            let drop = Set(later)
            items = items.indices.filter { !drop.contains($0) }.map { items[$0] }
        }
        scan(&r.visits, { $0.id }, { $0.location })
        scan(&r.issues, { $0.id }, { $0.location })
        scan(&r.improvements, { $0.id }, { $0.location })
        return out
    }
}
