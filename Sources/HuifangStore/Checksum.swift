/// XXH64 (xxHash, 64 bits; the reference algorithm of github.com/Cyan4973/xxHash), the
/// checksum of `.huifang/cache`: several GB/s on one core, so that verifying every cached
/// record before it is used costs little beside decoding it.
enum Checksum {
    private static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let p3: UInt64 = 0x1656_67B1_9E37_79F9
    private static let p4: UInt64 = 0x85EB_CA77_C2B2_AE63
    private static let p5: UInt64 = 0x27D4_EB2F_1656_67C5

    @inline(__always) private static func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }

    @inline(__always) private static func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
        rotl(acc &+ input &* p2, 31) &* p1
    }

    @inline(__always) private static func merge(_ acc: UInt64, _ v: UInt64) -> UInt64 {
        (acc ^ round(0, v)) &* p1 &+ p4
    }

    /// XXH64 of `bytes` with `seed`.
    static func xxh64(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        let n = bytes.count
        guard let base = bytes.baseAddress, n > 0 else { return avalanche(seed &+ p5) }
        @inline(__always) func u64(_ at: Int) -> UInt64 { UInt64(littleEndian: base.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
        var at = 0
        var h: UInt64
        if n >= 32 {
            var v1 = seed &+ p1 &+ p2, v2 = seed &+ p2, v3 = seed, v4 = seed &- p1
            repeat {
                v1 = round(v1, u64(at))
                v2 = round(v2, u64(at + 8))
                v3 = round(v3, u64(at + 16))
                v4 = round(v4, u64(at + 24))
                at += 32
            } while at + 32 <= n
            h = rotl(v1, 1) &+ rotl(v2, 7) &+ rotl(v3, 12) &+ rotl(v4, 18)
            h = merge(h, v1)
            h = merge(h, v2)
            h = merge(h, v3)
            h = merge(h, v4)
        } else {
            h = seed &+ p5
        }
        h = h &+ UInt64(n)
        return finish(h, base, from: at, to: n)
    }

    /// The last steps of XXH64: the bytes from `at` to `n` (fewer than 32) folded into `h`,
    /// which already holds the length, then the avalanche.
    @inline(__always) private static func finish(_ h: UInt64, _ base: UnsafeRawPointer, from at: Int, to n: Int) -> UInt64 {
        @inline(__always) func u64(_ at: Int) -> UInt64 { UInt64(littleEndian: base.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
        @inline(__always) func u32(_ at: Int) -> UInt64 { UInt64(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: at, as: UInt32.self))) }
        var h = h, at = at
        while at + 8 <= n {
            h = rotl(h ^ round(0, u64(at)), 27) &* p1 &+ p4
            at += 8
        }
        if at + 4 <= n {
            h = rotl(h ^ (u32(at) &* p1), 23) &* p2 &+ p3
            at += 4
        }
        while at < n {
            h = rotl(h ^ (UInt64(base.load(fromByteOffset: at, as: UInt8.self)) &* p5), 11) &* p1
            at += 1
        }
        return avalanche(h)
    }

    /// XXH64 of bytes given in pieces (the cache's index is written and hashed through one
    /// small buffer): every piece but the last a multiple of 32 bytes (the algorithm's stripe),
    /// the last one to `finish`. The same value as `xxh64` of the pieces joined.
    struct Stream {
        private var v1: UInt64, v2: UInt64, v3: UInt64, v4: UInt64
        private let seed: UInt64
        /// The bytes added so far.
        private(set) var count = 0

        init(seed: UInt64 = 0) {
            self.seed = seed
            v1 = seed &+ Checksum.p1 &+ Checksum.p2
            v2 = seed &+ Checksum.p2
            v3 = seed
            v4 = seed &- Checksum.p1
        }

        /// Adds `bytes`, a multiple of 32 of them.
        mutating func add(_ bytes: UnsafeRawBufferPointer) {
            precondition(bytes.count % 32 == 0, "Checksum.Stream.add takes whole stripes")
            guard let base = bytes.baseAddress else { return }
            stripes(base, bytes.count)
            count += bytes.count
        }

        @inline(__always) private mutating func stripes(_ base: UnsafeRawPointer, _ n: Int) {
            @inline(__always) func u64(_ at: Int) -> UInt64 { UInt64(littleEndian: base.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
            var at = 0
            while at + 32 <= n {
                v1 = Checksum.round(v1, u64(at))
                v2 = Checksum.round(v2, u64(at + 8))
                v3 = Checksum.round(v3, u64(at + 16))
                v4 = Checksum.round(v4, u64(at + 24))
                at += 32
            }
        }

        /// The checksum of everything added, then `last` (any length).
        func finish(_ last: UnsafeRawBufferPointer) -> UInt64 {
            guard count > 0 else { return Checksum.xxh64(last, seed: seed) }
            var s = self
            let n = last.count
            let whole = n / 32 * 32
            if let base = last.baseAddress, whole > 0 { s.stripes(base, whole) }
            var h = Checksum.rotl(s.v1, 1) &+ Checksum.rotl(s.v2, 7) &+ Checksum.rotl(s.v3, 12) &+ Checksum.rotl(s.v4, 18)
            h = Checksum.merge(h, s.v1)
            h = Checksum.merge(h, s.v2)
            h = Checksum.merge(h, s.v3)
            h = Checksum.merge(h, s.v4)
            h = h &+ UInt64(count + n)
            guard let base = last.baseAddress else { return Checksum.avalanche(h) }
            return Checksum.finish(h, base, from: whole, to: n)
        }
    }

    static func xxh64(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64 = 0) -> UInt64 {
        xxh64(UnsafeRawBufferPointer(bytes), seed: seed)
    }

    static func xxh64(_ bytes: [UInt8], seed: UInt64 = 0) -> UInt64 {
        bytes.withUnsafeBytes { xxh64($0, seed: seed) }
    }

    @inline(__always) private static func avalanche(_ h: UInt64) -> UInt64 {
        var h = h
        h ^= h >> 33
        h = h &* p2
        h ^= h >> 29
        h = h &* p3
        h ^= h >> 32
        return h
    }
}
