import HuifangCore

/// Rows that a listing prints as a terminal table, JSON (an array of objects) or CSV; one
/// shape for every `list` command, so all of them share the same writers. The command picks
/// the format and attaches its warnings to `json`.
public struct Listing: Sendable {
    public var columns: [(key: String, title: String)]
    public var rows: [[(text: String, json: JSONValue)]] = []
    public var rightAligned: Set<Int> = []
    public var maxWidth: [Int: Int] = [:]
    /// The terminal table shows only the first so many columns (nil: all); the rest, every
    /// other field a person entered, go to CSV, JSON and xlsx (`addDetails`).
    public var tableColumns: Int?

    public init(_ columns: [(String, String)]) {
        self.columns = columns.map { (key: $0.0, title: $0.1) }
    }

    public mutating func add(_ cells: [(String, JSONValue)]) {
        rows.append(cells.map { (text: $0.0, json: $0.1) })
    }

    /// The terminal table; empty when there are no rows.
    public var table: String {
        let shown = tableColumns ?? columns.count
        var t = TextTable(headers: columns.prefix(shown).map(\.title))
        t.rightAligned = rightAligned
        t.maxWidth = maxWidth
        for r in rows { t.add(r.prefix(shown).map(\.text)) }
        return rows.isEmpty ? "" : t.render()
    }

    /// CSV with the column keys as headers.
    public var csv: String { CSVWriter.render(headers: columns.map(\.key), rows: rows.map { $0.map(\.text) }) }

    /// An array with one object per row, keyed by the column keys.
    public var json: JSONValue { .array(rows.map { r in .object(zip(columns, r).map { ($0.key, $1.json) }) }) }
}

extension Listing {
    /// Appends columns that the terminal table leaves out (after those it shows). Their keys
    /// follow the existing ones, so that JSON only gains keys and CSV gains columns at the end.
    public mutating func addDetailColumns(_ more: [(String, String)]) {
        if tableColumns == nil { tableColumns = columns.count }
        columns += more.map { (key: $0.0, title: $0.1) }
    }
}

/// A list of texts: one per line in CSV and xlsx, an array in JSON.
public func cell(lines: [String]) -> (String, JSONValue) { (lines.joined(separator: "\n"), .strings(lines)) }
/// A bool that may be missing: true/false or empty; JSON null.
public func cell(_ b: Bool?) -> (String, JSONValue) { (b.map { $0 ? "true" : "false" } ?? "", b.map(JSONValue.bool) ?? .null) }

/// Cells for optional values: empty text, JSON null.
public func cell(_ s: String?) -> (String, JSONValue) { (s ?? "", .optional(s)) }
public func cell(_ n: Int?) -> (String, JSONValue) { (n.map(String.init) ?? "", .optional(n)) }
/// A number shown with `digits` decimals and given in JSON rounded to 4.
public func cell(_ d: Double?, digits: Int = 1) -> (String, JSONValue) {
    guard let d else { return ("", .null) }
    return (ReportNumber.decimal(d, digits: digits), .optional(KPIEngine.round4(d)))
}
