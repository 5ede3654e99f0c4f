/// A plain-text table for the terminal whose columns line up with Chinese text (measured in
/// display columns, not characters). Cells are cleaned of control characters.
public struct TextTable {
    public var headers: [String]
    public var rows: [[String]] = []
    /// Columns aligned to the right (numbers).
    public var rightAligned: Set<Int> = []
    /// Widest a column may get before its cells are cut with `…`.
    public var maxWidth: [Int: Int] = [:]

    public init(headers: [String]) { self.headers = headers }

    public mutating func add(_ row: [String]) { rows.append(row.map(TerminalText.clean)) }

    public func render() -> String {
        var widths = headers.map(DisplayWidth.of)
        let cut = rows.map { row in
            row.enumerated().map { i, cell in maxWidth[i].map { DisplayWidth.truncate(cell, to: $0) } ?? cell }
        }
        for row in cut {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], DisplayWidth.of(cell))
            }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (i, cell) in cells.enumerated() where i < widths.count {
                let last = i == widths.count - 1
                parts.append(last && !rightAligned.contains(i) ? cell : DisplayWidth.pad(cell, to: widths[i], right: rightAligned.contains(i)))
            }
            var s = parts.joined(separator: "  ")
            while s.hasSuffix(" ") { s.removeLast() }
            return s
        }
        var out = line(headers) + "\n"
        out += line(widths.map { String(repeating: "-", count: $0) }) + "\n"
        for row in cut { out += line(row) + "\n" }
        return out
    }
}

extension TextTable {
    /// The rows only, aligned, each line prefixed with `indent` (no header).
    public func renderRows(indent: String) -> String {
        var widths: [Int] = []
        let cut = rows.map { row in
            row.enumerated().map { i, cell in maxWidth[i].map { DisplayWidth.truncate(cell, to: $0) } ?? cell }
        }
        for row in cut {
            for (i, cell) in row.enumerated() {
                if i >= widths.count { widths.append(0) }
                widths[i] = max(widths[i], DisplayWidth.of(cell))
            }
        }
        var out = ""
        for row in cut {
            var parts: [String] = []
            for (i, cell) in row.enumerated() {
                parts.append(i == row.count - 1 ? cell : DisplayWidth.pad(cell, to: widths[i]))
            }
            var line = indent + parts.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        return out
    }
}
