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

/// Record text made safe for a terminal: control characters, escape sequences and
/// bidirectional overrides removed (a record must never be able to move the cursor, change
/// colours, retitle the window or reorder what is shown), line breaks and tabs turned into
/// spaces. For table cells and one-line fields; whole outputs go through `neutralise`.
public enum TerminalText {
    public static func clean(_ s: String) -> String {
        var needs = false
        for c in s.unicodeScalars where isControl(c) || isBidiControl(c) {
            needs = true
            break
        }
        if !needs { return s }
        var out = ""
        for c in s.unicodeScalars {
            if c == "\n" || c == "\t" || c == "\r" {
                out += " "
            } else if isControl(c) || isBidiControl(c) {
                continue
            } else {
                out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// C0 controls, DEL and C1 controls.
    static func isControl(_ c: Unicode.Scalar) -> Bool { c.value < 0x20 || (c.value >= 0x7F && c.value < 0xA0) }

    /// The bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069):
    /// the characters that make a terminal show text in another order than it is stored.
    static func isBidiControl(_ c: Unicode.Scalar) -> Bool { (0x202A...0x202E).contains(c.value) || (0x2066...0x2069).contains(c.value) }

    /// Any text about to be shown on a terminal (every format, and every message on standard
    /// error), made harmless and visible: C0 controls and DEL in caret notation (`^[` for ESC,
    /// `^G` for BEL, `^M` for a carriage return not ending a line), C1 controls and bidi
    /// overrides as `<U+009B>`, `<U+202E>`. Line feeds and tabs stay, and so does CR LF.
    /// With `keepingStyles`, colour sequences (`ESC [ digits ; m`) stay too: for text whose
    /// every record-supplied piece went through `clean` and whose only escapes are the
    /// colours huifang itself added.
    /// Files and pipes get the data as it is: only the terminal paths call this.
    public static func neutralise(_ s: String, keepingStyles: Bool = false) -> String {
        if !needsNeutralising(s) { return s }
        var out = String.UnicodeScalarView()
        let scalars = Array(s.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            let v = c.value
            if c == "\n" || c == "\t" || (c == "\r" && i + 1 < scalars.count && scalars[i + 1] == "\n") {
                out.append(c)
            } else if keepingStyles, v == 0x1B, let end = styleEnd(scalars, i) {
                out.append(contentsOf: scalars[i...end])
                i = end
            } else if v < 0x20 || v == 0x7F {
                out.append("^")
                out.append(Unicode.Scalar(v == 0x7F ? 0x3F : v + 0x40)!)
            } else if isControl(c) || isBidiControl(c) {
                let hex = String(v, radix: 16, uppercase: true)
                out.append(contentsOf: ("<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">").unicodeScalars)
            } else {
                out.append(c)
            }
            i += 1
        }
        return String(out)
    }

    /// Whether `neutralise` would change anything: one pass over the UTF-8 bytes.
    static func needsNeutralising(_ s: String) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { scan($0) } ?? scan(Array(s.utf8))
    }

    private static func scan<C: RandomAccessCollection>(_ b: C) -> Bool where C.Element == UInt8, C.Index == Int {
        var i = b.startIndex
        while i < b.endIndex {
            let x = b[i]
            if x < 0x20 {
                if x != 0x0A && x != 0x09 && !(x == 0x0D && i + 1 < b.endIndex && b[i + 1] == 0x0A) { return true }
            } else if x == 0x7F {
                return true
            } else if x == 0xC2, i + 1 < b.endIndex, (0x80...0x9F).contains(b[i + 1]) {
                return true
            } else if x == 0xE2, i + 2 < b.endIndex {
                let y = b[i + 1], z = b[i + 2]
                if (y == 0x80 && (0xAA...0xAE).contains(z)) || (y == 0x81 && (0xA6...0xA9).contains(z)) { return true }
            }
            i += 1
        }
        return false
    }

    /// The index of the `m` ending a colour sequence that starts at `i` (`ESC [ 0-9;* m`).
    private static func styleEnd(_ s: [Unicode.Scalar], _ i: Int) -> Int? {
        guard i + 2 < s.count, s[i + 1] == "[" else { return nil }
        var j = i + 2
        while j < s.count, ("0"..."9").contains(s[j]) || s[j] == ";" { j += 1 }
        return j < s.count && s[j] == "m" ? j : nil
    }
}
