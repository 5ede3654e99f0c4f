/// Terminal display width: East Asian wide and fullwidth characters (Chinese, Japanese,
/// Korean, fullwidth punctuation) take two columns, combining marks none, the rest one.
public enum DisplayWidth {
    public static func of(_ s: String) -> Int {
        var w = 0
        for c in s.unicodeScalars { w += of(c) }
        return w
    }

    public static func of(_ c: Unicode.Scalar) -> Int {
        let v = c.value
        if v < 0x300 { return v < 0x20 || (v >= 0x7F && v < 0xA0) ? 0 : 1 }
        if (0x300...0x36F).contains(v) || (0x200B...0x200F).contains(v) || v == 0xFEFF || (0xFE00...0xFE0F).contains(v) {
            return 0
        }
        if (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v)
            || (0x1F900...0x1F9FF).contains(v) || (0x20000...0x3FFFD).contains(v)
        {
            return 2
        }
        return 1
    }

    /// Cuts `s` to at most `width` columns, ending in `…` when something was cut.
    public static func truncate(_ s: String, to width: Int) -> String {
        if of(s) <= width { return s }
        var out = ""
        var w = 0
        for c in s.unicodeScalars {
            let cw = of(c)
            if w + cw > width - 1 { break }
            out.unicodeScalars.append(c)
            w += cw
        }
        return out + "…"
    }

    /// `s` padded with spaces to `width` columns.
    public static func pad(_ s: String, to width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - of(s)))
        return right ? fill + s : s + fill
    }
}

/// Record text made safe for a terminal: control characters and escape sequences removed
/// (a record must never be able to move the cursor, change colours or retitle the window),
/// line breaks and tabs turned into spaces.
public enum TerminalText {
    public static func clean(_ s: String) -> String {
        var needs = false
        for c in s.unicodeScalars where c.value < 0x20 || (c.value >= 0x7F && c.value < 0xA0) {
            needs = true
            break
        }
        if !needs { return s }
        var out = ""
        for c in s.unicodeScalars {
            if c == "\n" || c == "\t" || c == "\r" {
                out += " "
            } else if c.value < 0x20 || (c.value >= 0x7F && c.value < 0xA0) {
                continue
            } else {
                out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
