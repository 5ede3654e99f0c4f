/// RFC 4180 CSV: comma separated, CRLF line ends, fields quoted when they hold a comma,
/// quote or line break. A cell that a spreadsheet would run as a formula (starting with
/// `=`, `+`, `-`, `@`, tab or carriage return) is prefixed with `'` so it stays text.
public enum CSVWriter {
    public static func render(headers: [String], rows: [[String]]) -> String {
        var out = line(headers)
        for row in rows { out += line(row) }
        return out
    }

    static func line(_ cells: [String]) -> String {
        cells.map(field).joined(separator: ",") + "\r\n"
    }

    public static func field(_ raw: String) -> String {
        var s = raw
        if let first = s.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first),
            !isPlainNumber(s)
        {
            s = "'" + s
        }
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }

    /// `-3` or `-0.25` are numbers, not formulas; they stay as they are.
    static func isPlainNumber(_ s: String) -> Bool {
        guard s.first == "-", s.count > 1 else { return false }
        var dot = false
        for c in s.dropFirst() {
            if c == "." && !dot {
                dot = true
            } else if !c.isASCII || !c.isNumber {
                return false
            }
        }
        return true
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = self[...]
        while let r = rest.range(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}

extension Substring {
    func range(of target: String) -> Range<Index>? {
        var i = startIndex
        while i < endIndex {
            if self[i...].hasPrefix(target) {
                return i..<index(i, offsetBy: target.count)
            }
            i = index(after: i)
        }
        return nil
    }
}
