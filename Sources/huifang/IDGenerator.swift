import HuifangCore

#if canImport(Glibc)
    import Glibc
#endif

/// New record ids: random, or reproducible when $HUIFANG_ID_SEED is set (for tests and
/// documentation examples). Ids already taken are skipped.
struct IDGenerator {
    var rng: SplitMix64?

    init() {
        if let s = getenv("HUIFANG_ID_SEED"), let seed = UInt64(String(cString: s)) {
            rng = SplitMix64(seed: seed)
        }
    }

    mutating func next<K>(_ type: RecordID<K>.Type, taken: (RecordID<K>) -> Bool) -> RecordID<K> {
        while true {
            let id: RecordID<K>
            if var g = rng {
                id = RecordID<K>.generate(using: &g)
                rng = g
            } else {
                id = RecordID<K>.generate()
            }
            if !taken(id) { return id }
        }
    }

    /// Six random lowercase hex digits, for file names that two branches must not share.
    mutating func hex6() -> String {
        let n: UInt32
        if var g = rng {
            n = UInt32.random(in: 0..<(1 << 24), using: &g)
            rng = g
        } else {
            n = UInt32.random(in: 0..<(1 << 24))
        }
        let hex = String(n, radix: 16)
        return String(repeating: "0", count: 6 - hex.count) + hex
    }
}

/// A small seeded generator (Steele, Lea, Flood 2014).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
