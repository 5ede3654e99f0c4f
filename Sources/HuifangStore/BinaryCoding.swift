/// A compact binary form for the record cache: variable-length integers and UTF-8 strings.
/// Reading never traps: any inconsistency throws, and the cache is then rebuilt.
///
/// The writer owns its bytes and cannot be copied: a write is a capacity check and a store,
/// with no array uniqueness check or call per byte (that was most of the cost of writing the
/// next cache on a cold read). `bytes` copies them out.
///
/// Two ways to grow: one buffer, grown by doubling (`init(capacity:)`), or blocks
/// (`init(blockSize:)`): a full block is left as it is and the writer goes on in a new one,
/// so that nothing written is copied again and no page is touched twice (a cold read's cache
/// payloads are tens of MB: each doubling copied all of them into fresh pages). In blocks,
/// what lies between `startRecord()` and the next one is never split: a record that does not
/// fit in the rest of a block is moved (it alone) to the next block. `count` is the bytes
/// written in all blocks, so that a record's offset is the same as in the blocks joined.
struct BinaryWriter: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    /// How many bytes are written in the current buffer.
    private var used = 0
    private(set) var capacity: Int
    /// In blocks: the blocks before the current one (each as long as what it holds) and
    /// their total length; the block size (0: one buffer, grown by doubling); where the
    /// record being written starts in the current block.
    private var full: [UnsafeMutableBufferPointer<UInt8>] = []
    private var fullBytes = 0
    private let blockSize: Int
    private var recordStart = 0

    init(capacity: Int = 1 << 16) {
        self.capacity = max(capacity, 16)
        blockSize = 0
        base = .allocate(capacity: self.capacity)
    }

    /// A writer in blocks of `blockSize` bytes; the first block is taken at the first write.
    init(blockSize: Int) {
        capacity = 16
        self.blockSize = max(blockSize, 16)
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deallocate()
        for b in full { b.baseAddress?.deallocate() }
    }

    /// How many bytes are written.
    var count: Int { fullBytes + used }

    /// The bytes written so far, as an array (a copy).
    var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count)
        for b in full { out.append(contentsOf: b) }
        out.append(contentsOf: UnsafeBufferPointer(start: base, count: used))
        return out
    }

    /// `body` on the bytes written so far (valid only inside it); one buffer only.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        precondition(full.isEmpty, "withBytes on a writer in blocks")
        return try body(UnsafeBufferPointer(start: base, count: used))
    }

    /// Marks the start of a record: the bytes written from here on stay in one block.
    mutating func startRecord() { recordStart = used }

    /// `body` on the bytes written since `startRecord()` (valid only inside it).
    func withRecord<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base + recordStart, count: used - recordStart))
    }

    /// The blocks written (the writer is left empty): they belong to the result from now on.
    mutating func takeBlocks() -> PayloadBlocks {
        var parts = full
        if used > 0 {
            parts.append(UnsafeMutableBufferPointer(start: base, count: used))
        } else {
            base.deallocate()
        }
        full = []
        fullBytes = 0
        used = 0
        recordStart = 0
        capacity = 16
        base = .allocate(capacity: capacity)
        return PayloadBlocks(owning: parts)
    }

    /// Drops the first `k` bytes (one buffer only): what follows moves to the front.
    mutating func removeFirst(_ k: Int) {
        precondition(full.isEmpty && k <= used, "removeFirst on a writer in blocks")
        if k < used { UnsafeMutableRawPointer(base).copyMemory(from: base + k, byteCount: used - k) }
        used -= k
        recordStart = 0
    }

    /// Makes room for `n` more bytes.
    mutating func reserve(_ n: Int) {
        guard used + n > capacity else { return }
        grow(used + n)
    }

    private mutating func grow(_ needed: Int) {
        if blockSize > 0, recordStart > 0 {
            // The record being written goes on in a new block; the full block keeps what
            // lies before it.
            let carried = used - recordStart
            let c = max(blockSize, needed - recordStart)
            let new = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
            new.update(from: base + recordStart, count: carried)
            full.append(UnsafeMutableBufferPointer(start: base, count: recordStart))
            fullBytes += recordStart
            base = new
            capacity = c
            used = carried
            recordStart = 0
            return
        }
        // One buffer, or one record larger than a block: doubling (a block's first
        // growth takes the whole block at once).
        var c = blockSize > 0 && capacity < blockSize ? max(blockSize, needed) : capacity
        while c < needed { c *= 2 }
        let new = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
        new.update(from: base, count: used)
        base.deallocate()
        base = new
        capacity = c
    }

    /// `body` writes up to `n` bytes from the pointer it gets and says how many it wrote
    /// (nil: none, the writer is left as it was).
    mutating func append(upTo n: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int?) -> Bool {
        reserve(n)
        guard let written = body(base + used) else { return false }
        used += written
        return true
    }

    @inline(__always)
    mutating func byte(_ b: UInt8) {
        if used == capacity { grow(used + 1) }
        base[used] = b
        used += 1
    }

    mutating func append(_ b: UnsafeBufferPointer<UInt8>) {
        guard let from = b.baseAddress, !b.isEmpty else { return }
        reserve(b.count)
        (base + used).update(from: from, count: b.count)
        used += b.count
    }

    mutating func append(_ a: [UInt8]) { a.withUnsafeBufferPointer { append($0) } }
    mutating func append(_ a: ArraySlice<UInt8>) { a.withUnsafeBufferPointer { append($0) } }

    @inline(__always)
    mutating func uint(_ v: UInt64) {
        if used + 10 > capacity { grow(used + 10) }
        var v = v
        var at = used
        while v >= 0x80 {
            base[at] = UInt8(truncatingIfNeeded: v) | 0x80
            v >>= 7
            at += 1
        }
        base[at] = UInt8(truncatingIfNeeded: v)
        used = at + 1
    }

    mutating func int(_ v: Int) { uint(Self.zigzag(v)) }

    @inline(__always)
    static func zigzag(_ v: Int) -> UInt64 { UInt64(bitPattern: Int64(v)) << 1 ^ UInt64(bitPattern: Int64(v) >> 63) }

    /// How many bytes `uint(v)`, `int(v)` and `string(s)` write.
    static func uintSize(_ v: UInt64) -> Int { v == 0 ? 1 : (64 - v.leadingZeroBitCount + 6) / 7 }
    static func intSize(_ v: Int) -> Int { uintSize(zigzag(v)) }
    static func stringSize(_ s: String) -> Int {
        let n = s.utf8.count
        return uintSize(UInt64(n)) + n
    }

    /// Four bytes, little-endian (a checksum: fixed width, so that it can be written last).
    mutating func fixed32(_ v: UInt32) {
        reserve(4)
        for k in 0..<4 { base[used + k] = UInt8(truncatingIfNeeded: v >> (8 * k)) }
        used += 4
    }

    /// Eight bytes, little-endian.
    mutating func fixed64(_ v: UInt64) {
        reserve(8)
        for k in 0..<8 { base[used + k] = UInt8(truncatingIfNeeded: v >> (8 * k)) }
        used += 8
    }

    mutating func bool(_ b: Bool) { byte(b ? 1 : 0) }

    mutating func string(_ s: String) {
        // A native string's bytes in place (no copy of the string, no retain).
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { buf in
            uint(UInt64(buf.count))
            append(buf)
        }
        if done != nil { return }
        var s = s
        s.withUTF8 { buf in
            uint(UInt64(buf.count))
            append(buf)
        }
    }

    mutating func optional<T>(_ v: T?, _ write: (inout BinaryWriter, T) -> Void) {
        if let v {
            byte(1)
            write(&self, v)
        } else {
            byte(0)
        }
    }

    mutating func array<T>(_ items: [T], _ write: (inout BinaryWriter, T) -> Void) {
        uint(UInt64(items.count))
        for i in items { write(&self, i) }
    }
}

/// What a `BinaryWriter` in blocks wrote, handed on as it is (no copy): the blocks one after
/// the other hold the bytes in the order they were written, a record never split between two.
/// Immutable once made; freed with the last reference.
final class PayloadBlocks: @unchecked Sendable {
    let parts: [UnsafeBufferPointer<UInt8>]
    /// The bytes in all parts.
    let count: Int

    init(owning parts: [UnsafeMutableBufferPointer<UInt8>]) {
        self.parts = parts.map { UnsafeBufferPointer($0) }
        count = parts.reduce(0) { $0 + $1.count }
    }

    /// A copy of `bytes`, as one part.
    convenience init(_ bytes: [UInt8]) {
        let b = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        _ = b.initialize(fromContentsOf: bytes)
        self.init(owning: bytes.isEmpty ? [] : [UnsafeMutableBufferPointer(rebasing: b[..<bytes.count])])
        if bytes.isEmpty { b.deallocate() }
    }

    deinit {
        for p in parts { UnsafeMutablePointer(mutating: p.baseAddress)?.deallocate() }
    }

    /// The `count` bytes from offset `start` (offsets as in the parts joined), when they lie in
    /// one part (as every record does); nil otherwise.
    func slice(_ start: Int, _ count: Int) -> UnsafeBufferPointer<UInt8>? {
        var at = 0
        for p in parts {
            if start < at + p.count {
                let from = start - at
                guard from >= 0, from + count <= p.count else { return nil }
                return UnsafeBufferPointer(rebasing: p[from..<(from + count)])
            }
            at += p.count
        }
        return count == 0 && start == at ? UnsafeBufferPointer(start: nil, count: 0) : nil
    }
}

struct BinaryError: Error {}

struct BinaryReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var at: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, at: Int = 0) {
        self.bytes = bytes
        self.at = at
    }

    var atEnd: Bool { at >= bytes.count }

    mutating func byte() throws(BinaryError) -> UInt8 {
        guard at < bytes.count else { throw BinaryError() }
        defer { at += 1 }
        return bytes[at]
    }

    mutating func uint() throws(BinaryError) -> UInt64 {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            v |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return v }
            shift += 7
            if shift > 63 { throw BinaryError() }
        }
    }

    mutating func fixed32() throws(BinaryError) -> UInt32 {
        guard bytes.count - at >= 4 else { throw BinaryError() }
        defer { at += 4 }
        return UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }

    mutating func fixed64() throws(BinaryError) -> UInt64 {
        let low = try fixed32()
        return UInt64(low) | UInt64(try fixed32()) << 32
    }

    mutating func int() throws(BinaryError) -> Int {
        let u = try uint()
        return Int(Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1))))
    }

    mutating func count() throws(BinaryError) -> Int {
        let n = try uint()
        guard n <= UInt64(bytes.count - at) + 1 else { throw BinaryError() }
        return Int(n)
    }

    mutating func bool() throws(BinaryError) -> Bool { try byte() != 0 }

    mutating func string() throws(BinaryError) -> String {
        let n = try count()
        guard at + n <= bytes.count else { throw BinaryError() }
        defer { at += n }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[at..<(at + n)]), as: UTF8.self)
    }

    mutating func optional<T>(_ read: (inout BinaryReader) throws(BinaryError) -> T) throws(BinaryError) -> T? {
        try bool() ? try read(&self) : nil
    }

    mutating func array<T>(_ read: (inout BinaryReader) throws(BinaryError) -> T) throws(BinaryError) -> [T] {
        let n = try count()
        var out: [T] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try read(&self)) }
        return out
    }
}
