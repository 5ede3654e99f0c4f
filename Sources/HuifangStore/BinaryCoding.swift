/// A compact binary form for the record cache: variable-length integers and UTF-8 strings.
/// Reading never traps: any inconsistency throws, and the cache is then rebuilt.
///
/// The writer owns its bytes (a buffer it grows by doubling) and cannot be copied: a write is
/// a capacity check and a store, with no array uniqueness check or call per byte (that was
/// most of the cost of writing the next cache on a cold read). `bytes` copies them out.
struct BinaryWriter: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    /// How many bytes are written.
    private(set) var count = 0
    private(set) var capacity: Int

    init(capacity: Int = 1 << 16) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The bytes written so far, as an array (a copy).
    var bytes: [UInt8] { withBytes { Array($0) } }

    /// `body` on the bytes written so far (valid only inside it).
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// Makes room for `n` more bytes.
    mutating func reserve(_ n: Int) {
        guard count + n > capacity else { return }
        grow(count + n)
    }

    private mutating func grow(_ needed: Int) {
        var c = capacity
        while c < needed { c *= 2 }
        let new = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
        new.update(from: base, count: count)
        base.deallocate()
        base = new
        capacity = c
    }

    /// `body` writes up to `n` bytes from the pointer it gets and says how many it wrote
    /// (nil: none, the writer is left as it was).
    mutating func append(upTo n: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int?) -> Bool {
        reserve(n)
        guard let written = body(base + count) else { return false }
        count += written
        return true
    }

    @inline(__always)
    mutating func byte(_ b: UInt8) {
        if count == capacity { grow(count + 1) }
        base[count] = b
        count += 1
    }

    mutating func append(_ b: UnsafeBufferPointer<UInt8>) {
        guard let from = b.baseAddress, !b.isEmpty else { return }
        reserve(b.count)
        (base + count).update(from: from, count: b.count)
        count += b.count
    }

    mutating func append(_ a: [UInt8]) { a.withUnsafeBufferPointer { append($0) } }
    mutating func append(_ a: ArraySlice<UInt8>) { a.withUnsafeBufferPointer { append($0) } }

    @inline(__always)
    mutating func uint(_ v: UInt64) {
        if count + 10 > capacity { grow(count + 10) }
        var v = v
        var at = count
        while v >= 0x80 {
            base[at] = UInt8(truncatingIfNeeded: v) | 0x80
            v >>= 7
            at += 1
        }
        base[at] = UInt8(truncatingIfNeeded: v)
        count = at + 1
    }

    mutating func int(_ v: Int) { uint(UInt64(bitPattern: Int64(v)) << 1 ^ UInt64(bitPattern: Int64(v) >> 63)) }

    /// Four bytes, little-endian (a checksum: fixed width, so that it can be written last).
    mutating func fixed32(_ v: UInt32) {
        reserve(4)
        for k in 0..<4 { base[count + k] = UInt8(truncatingIfNeeded: v >> (8 * k)) }
        count += 4
    }

    /// Eight bytes, little-endian.
    mutating func fixed64(_ v: UInt64) {
        reserve(8)
        for k in 0..<8 { base[count + k] = UInt8(truncatingIfNeeded: v >> (8 * k)) }
        count += 8
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
