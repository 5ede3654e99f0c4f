import HuifangCore

extension RepositoryLoader {
    /// A record whose id another file already holds (a copied file, a merge that kept both)
    /// would be counted twice by every answer: the later one, in the records' order, is left
    /// out as an unreadable record is, so that commands refuse (or, with `--ignore-invalid`,
    /// say what they left out) and `check` reports it. One table per kind, keyed by a cheap
    /// hash of the id's bytes (see `IDTable`): cheap enough to run on every read.
    static func leaveOutDuplicateIDs(_ r: inout Records) -> [UnreadableRecord] {
        var tables = RecordCheck.KnownIDs()
        return leaveOutDuplicateIDs(&r, tables: &tables)
    }

    /// The same, keeping in `tables` the table of each kind that had no id twice (its positions
    /// are those of the records as they stay): the rules between records need not make it again.
    static func leaveOutDuplicateIDs(_ r: inout Records, tables: inout RecordCheck.KnownIDs) -> [UnreadableRecord] {
        var out: [UnreadableRecord] = []
        // Ids read in place through the buffer: a closure over each record would copy it.
        @discardableResult
        func scan<T, K>(_ items: inout [T], _ id: (UnsafeBufferPointer<T>, Int) -> RecordID<K>,
                        _ location: (UnsafeBufferPointer<T>, Int) -> SourceLocation) -> IDTable? {
            var later: [Int] = []
            var kept: IDTable?
            items.withUnsafeBufferPointer { b in
                var table = IDTable(capacity: b.count)
                for n in b.indices {
                    let key = id(b, n)
                    if let f = table.first(key.rawValue, at: n, sameAs: { id(b, $0) == key }) {
                        later.append(n)
                        let at = location(b, n)
                        let finding = Finding(at: at, message: "duplicate \(K.noun) id '\(key)' (also in \(location(b, f).path))",
                                              hint: "give one of them a new id (a merge or a copied file can cause this)",
                                              code: .duplicateID, values: ["noun": K.noun, "id": key.rawValue, "other": location(b, f).path])
                        out.append(UnreadableRecord(path: at.path, problems: [finding]))
                    }
                }
                if later.isEmpty { kept = table }
            }
            guard !later.isEmpty else { return kept }
            let drop = Set(later)
            items = items.indices.filter { !drop.contains($0) }.map { items[$0] }
            return nil
        }
        tables.visits = scan(&r.visits, { $0[$1].id }, { $0[$1].location })
        tables.issues = scan(&r.issues, { $0[$1].id }, { $0[$1].location })
        tables.improvements = scan(&r.improvements, { $0[$1].id }, { $0[$1].location })
        scan(&r.risks, { $0[$1].id }, { $0[$1].location })
        return out
    }
}
