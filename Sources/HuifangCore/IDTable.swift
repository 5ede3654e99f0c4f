/// The positions of the ids seen so far, in an open-addressing table keyed by FNV-1a over the
/// id's UTF-8 bytes (ids are a dozen ASCII bytes: `Hasher` over a `String` costs several times
/// more, and this runs over every visit and issue on every read). Equal hashes are told apart
/// by `sameAs`, so a collision never makes two ids one. Ids are ASCII (`ProjectID`,
/// `RecordID`): equal bytes are equal strings, as a `Dictionary` would compare them.
public struct IDTable: Sendable {
    private var slots: [Int32]
    private var hashes: [UInt64]
    private let mask: Int

    public init(capacity: Int) {
        var size = 16
        while size < 2 * capacity { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        hashes = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    @inline(__always)
    public static func hash(_ text: String) -> UInt64 {
        @inline(__always) func fnv(_ bytes: some Sequence<UInt8>) -> UInt64 {
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
            return h ^ (h >> 29)
        }
        return text.utf8.withContiguousStorageIfAvailable { fnv($0) } ?? fnv(text.utf8)
    }

    /// The position of an earlier id equal to `text` (as `sameAs` says of a position), or nil
    /// after recording `position` for it.
    public mutating func first(_ text: String, at position: Int, sameAs: (Int) -> Bool) -> Int? {
        let h = Self.hash(text)
        let (slot, found) = probe(h, sameAs)
        if found != nil { return found }
        slots[slot] = Int32(truncatingIfNeeded: position)
        hashes[slot] = h
        return nil
    }

    /// The position recorded for the id equal to `text` (as `sameAs` says of a position), or nil.
    public func position(of text: String, sameAs: (Int) -> Bool) -> Int? {
        probe(Self.hash(text), sameAs).found
    }

    /// The position of the id of hash `h` (as `sameAs` says), or the empty slot where it goes.
    @inline(__always)
    private func probe(_ h: UInt64, _ sameAs: (Int) -> Bool) -> (slot: Int, found: Int?) {
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] >= 0 {
            if hashes[i] == h, sameAs(Int(slots[i])) { return (i, Int(slots[i])) }
            i = (i + 1) & mask
        }
        return (i, nil)
    }
}
