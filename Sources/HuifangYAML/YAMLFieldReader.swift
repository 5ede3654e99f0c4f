/// Typed reading of YAML values with diagnostics: each accessor returns nil and records a
/// diagnostic (with the value's line and column) when the value is missing or of the wrong
/// type, so that one pass over a record reports every bad field.
public final class YAMLFieldReader {
    public private(set) var diagnostics: [YAMLDiagnostic] = []

    public init() {}

    public func report(_ message: String, at mark: Mark, hint: String? = nil, code: String? = nil, values: [String: String] = [:]) {
        diagnostics.append(YAMLDiagnostic(message, at: mark, hint: hint, code: code, values: values))
    }

    /// The value of `key`, reporting a missing required key at the mapping's start.
    /// A plain `null`/`~`/empty value counts as absent.
    public func node(_ map: YAMLNode, _ key: String, required: Bool) -> YAMLNode? {
        if let v = map[key], !v.isNull { return v }
        if required {
            report("missing required key '\(key)'", at: map[key]?.start ?? map.start,
                   hint: "add '\(key):' with a value", code: "missing-key", values: ["key": key])
        }
        return nil
    }

    public func mapping(_ node: YAMLNode, _ what: String) -> YAMLNode? {
        if node.pairs != nil { return node }
        report("\(what) must be a mapping (key: value), found \(node.kindDescription)", at: node.start,
               code: "not-mapping", values: ["what": what, "found": node.kindDescription])
        return nil
    }

    public func text(_ node: YAMLNode, _ what: String) -> String? {
        if let s = node.scalar, !node.isNull { return s }
        report("'\(what)' must be a single value, found \(node.kindDescription)", at: node.start,
               code: "not-single-value", values: ["key": what, "found": node.kindDescription])
        return nil
    }

    public func string(_ map: YAMLNode, _ key: String, required: Bool = false) -> String? {
        guard let v = node(map, key, required: required) else { return nil }
        return text(v, key)
    }

    /// A whole number within `range`, written as plain decimal digits.
    public func intValue(_ node: YAMLNode, _ what: String, in range: ClosedRange<Int>) -> Int? {
        guard let s = text(node, what) else { return nil }
        guard let n = YAMLScalars.int(s) else {
            if let n = YAMLScalars.looseInt(s) {
                // 010 (octal 8 to a YAML 1.1 reader), +9: not what a person writes as a number.
                report("'\(what)' must be written as plain digits, found '\(s)'", at: node.start,
                       hint: "write \(n)", code: "number-form", values: ["key": what, "value": s, "plain": String(n)])
                return nil
            }
            report("'\(what)' must be a whole number, found '\(s)'", at: node.start,
                   code: "not-whole-number", values: ["key": what, "value": s])
            return nil
        }
        if case .scalar(_, let style) = node.content, style != .plain {
            report("'\(what)' must be a number, found the quoted text \"\(s)\"", at: node.start,
                   hint: "remove the quotes", code: "quoted-number", values: ["key": what, "value": s])
            return nil
        }
        guard range.contains(n) else {
            report("'\(what)' is \(n), outside \(range.lowerBound)..\(range.upperBound)", at: node.start,
                   hint: "use a whole number from \(range.lowerBound) to \(range.upperBound)", code: "out-of-range",
                   values: ["key": what, "value": String(n), "low": String(range.lowerBound), "high": String(range.upperBound)])
            return nil
        }
        return n
    }

    public func int(_ map: YAMLNode, _ key: String, in range: ClosedRange<Int>, required: Bool = false) -> Int? {
        guard let v = node(map, key, required: required) else { return nil }
        return intValue(v, key, in: range)
    }

    public func bool(_ map: YAMLNode, _ key: String, required: Bool = false) -> Bool? {
        guard let v = node(map, key, required: required), let s = text(v, key) else { return nil }
        switch s {
        case "true": return true
        case "false": return false
        default:
            report("'\(key)' must be true or false, found '\(s)'", at: v.start, code: "not-boolean", values: ["key": key, "value": s])
            return nil
        }
    }

    /// One of an enum's raw values; the message lists the allowed ones.
    public func choiceValue<T: RawRepresentable & CaseIterable>(_ node: YAMLNode, _ what: String, as type: T.Type) -> T?
    where T.RawValue == String {
        guard let s = text(node, what) else { return nil }
        if let v = T(rawValue: s) { return v }
        let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
        report("unknown \(what) '\(s)'; allowed: \(allowed)", at: node.start, hint: "use one of: \(allowed)",
               code: "unknown-value", values: ["key": what, "value": s, "allowed": allowed])
        return nil
    }

    public func choice<T: RawRepresentable & CaseIterable>(_ map: YAMLNode, _ key: String, as type: T.Type, required: Bool = false) -> T?
    where T.RawValue == String {
        guard let v = node(map, key, required: required) else { return nil }
        return choiceValue(v, key, as: type)
    }

    /// A value parsed by `parse`; `expected` names the form in the message.
    public func parsedValue<T>(_ node: YAMLNode, _ what: String, expected: String, hint: String? = nil, _ parse: (String) -> T?) -> T? {
        guard let s = text(node, what) else { return nil }
        if let v = parse(s) { return v }
        report("'\(what)' must be \(expected), found '\(s)'", at: node.start, hint: hint,
               code: hint == nil ? "bad-value" : nil, values: ["key": what, "expected": expected, "value": s])
        return nil
    }

    public func parsed<T>(_ map: YAMLNode, _ key: String, required: Bool = false, expected: String, hint: String? = nil, _ parse: (String) -> T?) -> T? {
        guard let v = node(map, key, required: required) else { return nil }
        return parsedValue(v, key, expected: expected, hint: hint, parse)
    }

    /// The items of a list; a single value is reported (not silently wrapped).
    public func list(_ map: YAMLNode, _ key: String, required: Bool = false) -> [YAMLNode]? {
        guard let v = node(map, key, required: required) else { return nil }
        if let items = v.items { return items }
        report("'\(key)' must be a list, found \(v.kindDescription)", at: v.start,
               hint: "write it as [a, b] or as lines starting with '- '", code: "not-list", values: ["key": key, "found": v.kindDescription])
        return nil
    }

    public func strings(_ map: YAMLNode, _ key: String, required: Bool = false) -> [String]? {
        guard let items = list(map, key, required: required) else { return nil }
        return items.compactMap { text($0, key) }
    }
}

/// Scalar resolution by hand from the text: no regular expressions, no formatters.
public enum YAMLScalars {
    /// A whole number as a person writes one: `0`, or decimal digits not starting with 0,
    /// optionally after `-`. Refused: a leading `+` or zeros (`010` is 8 to a YAML 1.1 reader,
    /// 10 to a YAML 1.2 one), `-0`, and every other form (`9.0`, `0x9`, `1e1`, `1_0`).
    public static func int(_ s: String) -> Int? {
        var s = s
        return s.withUTF8 { int(utf8: $0) }
    }

    /// `int` of a scalar's bytes, without making its text (the fast decoders' numbers).
    public static func int(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var value = 0
        var negative = false
        var digits = 0
        for (i, b) in bytes.enumerated() {
            if i == 0, b == UInt8(ascii: "-") {
                negative = true
                continue
            }
            guard b >= 48, b <= 57 else { return nil }
            if b == 48, digits == 0, bytes.count > i + 1 { return nil }  // 010, 00, -0x..: a leading zero
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int(b - 48))
            if o1 || o2 { return nil }
            value = a
            digits += 1
        }
        guard digits > 0, !(negative && value == 0) else { return nil }
        return negative ? -value : value
    }

    /// A whole number in a form `int` refuses but that means one: a leading `+` or zeros
    /// (`+9`, `010`, `-0`): what to suggest instead. Nil for anything else.
    public static func looseInt(_ s: String) -> Int? {
        var rest = Substring(s)
        var sign = ""
        if let first = rest.first, first == "+" || first == "-" {
            sign = first == "-" ? "-" : ""
            rest = rest.dropFirst()
        }
        let digits = rest.drop { $0 == "0" }
        guard let n = int(digits.isEmpty ? (rest.isEmpty ? "" : "0") : String(digits)), n >= 0 else { return nil }
        return sign == "-" ? -n : n
    }
}
