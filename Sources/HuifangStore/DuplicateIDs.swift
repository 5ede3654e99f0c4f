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
    /// The visits and the issues (nearly all the records) are scanned side by side on `threads`.
    static func leaveOutDuplicateIDs(_ r: inout Records, tables: inout RecordCheck.KnownIDs, threads: Int = 1) -> [UnreadableRecord] {
        /// One kind's table, and the positions and problems of its records whose id an earlier one holds.
        struct Scan: Sendable {
            var table: IDTable
            var later: [Int] = []
            var out: [UnreadableRecord] = []
        }
        // Ids read in place through the buffer: a closure over each record would copy it.
        @Sendable func scan<T, K>(_ items: [T], _ id: (UnsafeBufferPointer<T>, Int) -> RecordID<K>,
                        _ location: (UnsafeBufferPointer<T>, Int) -> SourceLocation) -> Scan {
            items.withUnsafeBufferPointer { b in
                var s = Scan(table: IDTable(capacity: b.count))
                for n in b.indices {
                    let key = id(b, n)
                    if let f = s.table.first(key.rawValue, at: n, sameAs: { id(b, $0) == key }) {
                        s.later.append(n)
                        let at = location(b, n)
                        let finding = Finding(at: at, message: "duplicate \(K.noun) id '\(key)' (also in \(location(b, f).path))",
                                              hint: "give one of them a new id (a merge or a copied file can cause this)",
                                              code: .duplicateID, values: ["noun": K.noun, "id": key.rawValue, "other": location(b, f).path])
                        s.out.append(UnreadableRecord(path: at.path, problems: [finding]))
                    }
                }
                return s
            }
        }
        /// Leaves out the records `s` found; the table when there were none (else its positions moved).
        func leaveOut<T>(_ items: inout [T], _ s: Scan) -> IDTable? {
            guard !s.later.isEmpty else { return s.table }
            let drop = Set(s.later)
            items = items.indices.filter { !drop.contains($0) }.map { items[$0] }
            return nil
        }
        let (v, i): (Scan, Scan)
        do {
            let visits = r.visits, issues = r.issues
            let both = Parallel.map(2, threads: min(threads, 2), chunksPerThread: 1) { k in
                k == 0 ? scan(visits, { $0[$1].id }, { $0[$1].location }) : scan(issues, { $0[$1].id }, { $0[$1].location })
            }
            (v, i) = (both[0], both[1])
        }
        let m = scan(r.improvements, { $0[$1].id }, { $0[$1].location })
        let k = scan(r.risks, { $0[$1].id }, { $0[$1].location })
        tables.visits = leaveOut(&r.visits, v)
        tables.issues = leaveOut(&r.issues, i)
        tables.improvements = leaveOut(&r.improvements, m)
        _ = leaveOut(&r.risks, k)
        return v.out + i.out + m.out + k.out
    }
}
