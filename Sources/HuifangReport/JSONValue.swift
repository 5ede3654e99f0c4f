/// A JSON value written deterministically: keys in the order given, two-space indentation,
/// UTF-8 text as is (no `\u` escapes for Chinese), fractions as given by the caller.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    /// A number already rounded by the caller; written without trailing zeros.
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.render() == b.render() }

    public static func optional(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
    public static func optional(_ n: Int?) -> JSONValue { n.map(JSONValue.int) ?? .null }
    public static func optional(_ d: Double?) -> JSONValue { d.map(JSONValue.number) ?? .null }
    public static func strings(_ a: [String]) -> JSONValue { .array(a.map(JSONValue.string)) }

    public func render(indent: Int = 0) -> String {
        // Written as UTF-8 bytes into one buffer and made a String once: a report's JSON is
        // hundreds of kilobytes of small pieces.
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        write(into: &out, indent: indent)
        return String(decoding: out, as: UTF8.self)
    }

    func write(into out: inout [UInt8], indent: Int) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let n): out.append(contentsOf: String(n).utf8)
        case .number(let d): out.append(contentsOf: JSONValue.format(d).utf8)
        case .string(let s): JSONValue.quote(s, into: &out)
        case .array(let items):
            if items.isEmpty {
                out.append(contentsOf: "[]".utf8)
                return
            }
            if items.allSatisfy(\.isScalar) {
                out.append(UInt8(ascii: "["))
                for (i, v) in items.enumerated() {
                    if i > 0 { out.append(contentsOf: ", ".utf8) }
                    v.write(into: &out, indent: indent)
                }
                out.append(UInt8(ascii: "]"))
                return
            }
            out.append(contentsOf: "[\n".utf8)
            for (i, v) in items.enumerated() {
                JSONValue.pad(indent + 2, into: &out)
                v.write(into: &out, indent: indent + 2)
                out.append(contentsOf: (i == items.count - 1 ? "\n" : ",\n").utf8)
            }
            JSONValue.pad(indent, into: &out)
            out.append(UInt8(ascii: "]"))
        case .object(let pairs):
            if pairs.isEmpty {
                out.append(contentsOf: "{}".utf8)
                return
            }
            out.append(contentsOf: "{\n".utf8)
            for (i, (k, v)) in pairs.enumerated() {
                JSONValue.pad(indent + 2, into: &out)
                JSONValue.quote(k, into: &out)
                out.append(contentsOf: ": ".utf8)
                v.write(into: &out, indent: indent + 2)
                out.append(contentsOf: (i == pairs.count - 1 ? "\n" : ",\n").utf8)
            }
            JSONValue.pad(indent, into: &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    static func pad(_ n: Int, into out: inout [UInt8]) {
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: n))
    }

    var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }

    static func format(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) + ".0" }
        return String(d)
    }

    static func quote(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in
            // Most text needs no escape: appended whole. 0xE2 leads U+2028/U+2029 (and other
            // characters, which are copied as they are).
            var from = 0
            var k = 0
            while k < bytes.count {
                let b = bytes[k]
                let escape: String?
                switch b {
                case 0x22: escape = "\\\""
                case 0x5C: escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0xE2 where k + 2 < bytes.count && bytes[k + 1] == 0x80 && (bytes[k + 2] == 0xA8 || bytes[k + 2] == 0xA9):
                    escape = bytes[k + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                case ..<0x20:
                    let h = String(b, radix: 16)
                    escape = "\\u" + String(repeating: "0", count: 4 - h.count) + h
                default: escape = nil
                }
                if let escape {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from..<k]))
                    out.append(contentsOf: escape.utf8)
                    k += b == 0xE2 ? 3 : 1
                    from = k
                } else {
                    k += 1
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from..<bytes.count]))
        }
        out.append(UInt8(ascii: "\""))
    }
}
