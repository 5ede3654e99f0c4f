/// A compact binary form for the record cache: variable-length integers and UTF-8 strings.
/// Reading never traps: any inconsistency throws, and the cache is then rebuilt.
struct BinaryWriter {
    var bytes: [UInt8] = []

    init(capacity: Int = 1 << 16) { bytes.reserveCapacity(capacity) }

    mutating func uint(_ v: UInt64) {
        var v = v
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func int(_ v: Int) { uint(UInt64(bitPattern: Int64(v)) << 1 ^ UInt64(bitPattern: Int64(v) >> 63)) }

    /// Four bytes, little-endian (a checksum: fixed width, so that it can be written last).
    mutating func fixed32(_ v: UInt32) {
        for k in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * k))) }
    }

    /// Eight bytes, little-endian.
    mutating func fixed64(_ v: UInt64) {
        for k in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * k))) }
    }

    mutating func bool(_ b: Bool) { bytes.append(b ? 1 : 0) }

    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { buf in
            uint(UInt64(buf.count))
            bytes.append(contentsOf: buf)
        }
    }

    mutating func optional<T>(_ v: T?, _ write: (inout BinaryWriter, T) -> Void) {
        if let v {
            bytes.append(1)
            write(&self, v)
        } else {
            bytes.append(0)
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
