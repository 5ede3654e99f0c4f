/// A project id chosen by the user: `[a-z0-9][a-z0-9-]{0,63}`. It is also a folder name,
/// so nothing else (no `/`, no `..`) can ever get through.
public struct ProjectID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: String

    public init?(_ text: String) {
        // Over the UTF-8 bytes in place: ids are read 100,000 times per command.
        var text = text
        guard text.withUTF8(Self.isValid) else { return nil }
        rawValue = text
    }

    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard (1...64).contains(bytes.count) else { return false }
        for k in bytes.indices where !(isLowerAlnum(bytes[k]) || (k > 0 && bytes[k] == UInt8(ascii: "-"))) { return false }
        return true
    }

    public var description: String { rawValue }
    public static func < (a: ProjectID, b: ProjectID) -> Bool { a.rawValue < b.rawValue }
}

/// The kinds of generated ids and their prefixes.
public protocol RecordKind: Sendable {
    static var prefix: String { get }
    static var noun: String { get }
}

public enum VisitKindTag: RecordKind {
    public static let prefix = "v-"
    public static let noun = "visit"
}

public enum IssueKindTag: RecordKind {
    public static let prefix = "i-"
    public static let noun = "issue"
}

public enum ImprovementKindTag: RecordKind {
    public static let prefix = "m-"
    public static let noun = "improvement"
}

/// A generated record id: prefix + lowercase letters and digits (8 when huifang makes one,
/// 4 to 32 accepted from files), so no path separator or `..` can get through.
public struct RecordID<Kind: RecordKind>: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: String

    public init?(_ text: String) {
        // Over the UTF-8 bytes in place: ids are read 100,000 times per command.
        var text = text
        guard text.withUTF8(Self.isValid) else { return nil }
        rawValue = text
    }

    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var prefix = Kind.prefix
        return prefix.withUTF8 { p in
            guard bytes.count >= p.count, (4...32).contains(bytes.count - p.count) else { return false }
            for k in p.indices where bytes[k] != p[k] { return false }
            for k in p.count..<bytes.count where !isLowerAlnum(bytes[k]) { return false }
            return true
        }
    }

    /// A new random id: prefix + 8 lowercase hex digits.
    public static func generate<G: RandomNumberGenerator>(using rng: inout G) -> RecordID {
        let n = UInt32.random(in: .min ... .max, using: &rng)
        let hex = String(n, radix: 16)
        return RecordID(Kind.prefix + String(repeating: "0", count: 8 - hex.count) + hex)!
    }

    public static func generate() -> RecordID {
        var g = SystemRandomNumberGenerator()
        return generate(using: &g)
    }

    public var description: String { rawValue }
    public static func < (a: RecordID, b: RecordID) -> Bool { a.rawValue < b.rawValue }
}

public typealias VisitID = RecordID<VisitKindTag>
public typealias IssueID = RecordID<IssueKindTag>
public typealias ImprovementID = RecordID<ImprovementKindTag>

func isLowerAlnum(_ c: UInt8) -> Bool {
    (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
}
