import HuifangCore

extension RepositoryLoader {
    /// A record whose id another file already holds (a copied file, a merge that kept both)
    /// would be counted twice by every answer: the later one, in the records' order, is left
    /// out as an unreadable record is, so that commands refuse (or, with `--ignore-invalid`,
    /// say what they left out) and `check` reports it. One table per kind, keyed by a cheap
    /// hash of the id's bytes (see `IDTable`): cheap enough to run on every read.
    static func leaveOutDuplicateIDs(_ r: inout Records) -> [UnreadableRecord] {
        var out: [UnreadableRecord] = []
        // Ids read in place through the buffer: a closure over each record would copy it.
        func scan<T, K>(_ items: inout [T], _ id: (UnsafeBufferPointer<T>, Int) -> RecordID<K>,
                        _ location: (UnsafeBufferPointer<T>, Int) -> SourceLocation) {
            var later: [Int] = []
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
            }
            guard !later.isEmpty else { return }
            let drop = Set(later)
            items = items.indices.filter { !drop.contains($0) }.map { items[$0] }
        }
        scan(&r.visits, { $0[$1].id }, { $0[$1].location })
        scan(&r.issues, { $0[$1].id }, { $0[$1].location })
        scan(&r.improvements, { $0[$1].id }, { $0[$1].location })
        scan(&r.risks, { $0[$1].id }, { $0[$1].location })
        return out
    }
}

/// The positions of the ids seen so far, in an open-addressing table keyed by FNV-1a over the
/// id's UTF-8 bytes (ids are a dozen ASCII bytes: `Hasher` over a `String` costs several times
/// more, and this runs over every visit and issue on every read). Equal hashes are told apart
/// by `sameAs`, so a collision never makes two ids one.
struct IDTable {
    private var slots: [Int32]
    private var hashes: [UInt64]
    private let mask: Int

    init(capacity: Int) {
        var size = 16
        while size < 2 * capacity { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        hashes = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    static func hash(_ text: String) -> UInt64 {
        @inline(__always) func fnv(_ bytes: some Sequence<UInt8>) -> UInt64 {
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
            return h ^ (h >> 29)
        }
        return text.utf8.withContiguousStorageIfAvailable { fnv($0) } ?? fnv(text.utf8)
    }

    /// The position of an earlier id equal to `text` (as `sameAs` says of a position), or nil
    /// after recording `position` for it.
    mutating func first(_ text: String, at position: Int, sameAs: (Int) -> Bool) -> Int? {
        let h = Self.hash(text)
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] >= 0 {
            if hashes[i] == h, sameAs(Int(slots[i])) { return Int(slots[i]) }
            i = (i + 1) & mask
        }
        slots[i] = Int32(truncatingIfNeeded: position)
        hashes[i] = h
        return nil
    }
}
