/// The quoting rule of the writer: a string is written plain only when every YAML 1.1 and
/// 1.2 reader (PyYAML, yq, a git forge's viewer) reads that plain form back as the same
/// string. Everything else is double-quoted.
public enum YAMLScalarQuoting {
    static let specialWords: Set<String> = [
        "~", "null", "y", "n", "yes", "no", "true", "false", "on", "off", "<<", "=",
        ".inf", "-.inf", "+.inf", ".nan",
    ]

    /// True when `s` must be quoted to survive a round trip through other readers.
    public static func needsQuotes(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return true }
        if specialWords.contains(s.lowercased()) { return true }
        // Leading indicators and anything that could start a number, date or timestamp.
        switch first {
        case "-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`",
            " ", ".", "+":
            return true
        case "0"..."9":
            return true
        default:
            break
        }
        if last == " " || last == ":" { return true }
        var previous: Unicode.Scalar = " "
        for c in s.unicodeScalars {
            switch c {
            case ",", "[", "]", "{", "}":
                return true  // flow indicators: not plain inside [..] or {..}
            case "#" where previous == " " || previous == "\t":
                return true
            case " " where previous == ":", "\t" where previous == ":":
                return true
            default:
                // C0/C1 controls, DEL, line and paragraph separators, BOM.
                if c.value < 0x20 || (c.value >= 0x7F && c.value <= 0x9F) || c.value == 0x2028
                    || c.value == 0x2029 || c.value == 0xFEFF
                {
                    return true
                }
            }
            previous = c
        }
        return false
    }

    /// `s` as a YAML scalar token: plain when safe, else double-quoted with escapes.
    public static func token(_ s: String) -> String {
        needsQuotes(s) ? doubleQuoted(s) : s
    }

    public static func doubleQuoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if c.value < 0x20 || (c.value >= 0x7F && c.value <= 0x9F) {
                    out += "\\x" + hex(c.value, width: 2)
                } else if c.value == 0x2028 || c.value == 0x2029 || c.value == 0xFEFF {
                    out += "\\u" + hex(c.value, width: 4)
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out + "\""
    }

    static func hex(_ v: UInt32, width: Int) -> String {
        let h = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - h.count)) + h
    }
}
