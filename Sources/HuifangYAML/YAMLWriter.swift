/// Writes records deterministically: keys in the order given, two-space indentation,
/// UTF-8 text as is (Chinese stays readable), quoting only where another reader would
/// misread, a trailing newline and no trailing spaces.
public enum YAMLWriter {
    /// A whole document whose top level is a block mapping.
    public static func document(_ pairs: [(String, YAMLValue)], lineEnding: String = "\n") -> String {
        var out = ""
        writeBlockMapping(pairs, indent: 0, into: &out)
        return lineEnding == "\n" ? out : out.replacingNewlines(with: lineEnding)
    }

    /// A value on one line (flow style for collections), as spliced after `key: `.
    public static func inline(_ value: YAMLValue) -> String {
        switch value {
        case .string(let s): return YAMLScalarQuoting.token(s)
        case .plain(let s): return s
        case .mapping(let pairs, _):
            if pairs.isEmpty { return "{}" }
            return "{" + pairs.map { "\($0.0): " + inline($0.1) }.joined(separator: ", ") + "}"
        case .sequence(let items, _):
            return "[" + items.map(inline).joined(separator: ", ") + "]"
        }
    }

    static func writeBlockMapping(_ pairs: [(String, YAMLValue)], indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for (key, value) in pairs {
            switch value {
            case .mapping(let inner, false) where !inner.isEmpty:
                out += pad + key + ":\n"
                writeBlockMapping(inner, indent: indent + 2, into: &out)
            case .sequence(let items, false) where !items.isEmpty:
                out += pad + key + ":\n"
                writeBlockSequence(items, indent: indent + 2, into: &out)
            default:
                out += pad + key + ": " + inline(value) + "\n"
            }
        }
    }

    static func writeBlockSequence(_ items: [YAMLValue], indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for item in items {
            switch item {
            case .mapping(let inner, false) where !inner.isEmpty:
                var nested = ""
                writeBlockMapping(inner, indent: indent + 2, into: &nested)
                out += pad + "- " + nested.dropFirst(indent + 2)
            case .sequence(let inner, false) where !inner.isEmpty:
                out += pad + "-\n"
                writeBlockSequence(inner, indent: indent + 2, into: &out)
            default:
                out += pad + "- " + inline(item) + "\n"
            }
        }
    }
}

extension String {
    func replacingNewlines(with ending: String) -> String {
        var out = ""
        out.reserveCapacity(utf8.count + utf8.count / 16)
        for c in unicodeScalars {
            if c == "\n" { out += ending } else { out.unicodeScalars.append(c) }
        }
        return out
    }
}
