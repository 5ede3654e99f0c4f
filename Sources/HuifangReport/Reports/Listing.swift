import HuifangCore

/// Rows that a listing prints as a terminal table, JSON (an array of objects) or CSV; one
/// shape for every `list` command, so all of them share the same writers. The command picks
/// the format and attaches its warnings to `json`.
public struct Listing: Sendable {
    public var columns: [(key: String, title: String)]
    public var rows: [[(text: String, json: JSONValue)]] = []
    public var rightAligned: Set<Int> = []
    public var maxWidth: [Int: Int] = [:]
    /// Columns whose CSV cells are the codes JSON gives (`visit/periodic`, a day count), not the
    /// words the table shows; the other columns' CSV cells are the table's text.
    public var codeColumns: Set<Int> = []
    /// Columns only JSON gives (codes and values the table already says in words).
    public var jsonOnly: Set<Int> = []

    public init(_ columns: [(String, String)]) {
        self.columns = columns.map { (key: $0.0, title: $0.1) }
    }

    public mutating func add(_ cells: [(String, JSONValue)]) {
        rows.append(cells.map { (text: $0.0, json: $0.1) })
    }

    /// The terminal table; empty when there are no rows.
    public var table: String {
        var t = TextTable(headers: shown(columns.map(\.title)))
        t.rightAligned = rightAligned
        t.maxWidth = maxWidth
        for r in rows { t.add(shown(r.map(\.text))) }
        return rows.isEmpty ? "" : t.render()
    }

    /// CSV with the column titles (in the listing's language) as headers; code columns keep
    /// their codes.
    public var csv: String {
        CSVWriter.render(headers: shown(columns.map(\.title)), rows: rows.map { r in
            shown(r.enumerated().map { i, c in codeColumns.contains(i) ? c.json.codeText ?? c.text : c.text })
        })
    }

    /// The cells of the columns that the table and CSV show (all but `jsonOnly`, which come last).
    func shown(_ cells: [String]) -> [String] { jsonOnly.isEmpty ? cells : Array(cells.prefix(columns.count - jsonOnly.count)) }

    /// An array with one object per row, keyed by the column keys.
    public var json: JSONValue { .array(rows.map { r in .object(zip(columns, r).map { ($0.key, $1.json) }) }) }
}

/// Cells for optional values: empty text, JSON null.
public func cell(_ s: String?) -> (String, JSONValue) { (s ?? "", .optional(s)) }
public func cell(_ n: Int?) -> (String, JSONValue) { (n.map(String.init) ?? "", .optional(n)) }
/// A number shown with `digits` decimals and given in JSON rounded to 4.
public func cell(_ d: Double?, digits: Int = 1) -> (String, JSONValue) {
    guard let d else { return ("", .null) }
    return (ReportNumber.decimal(d, digits: digits), .optional(KPIEngine.round4(d)))
}

extension JSONValue {
    /// A scalar's text as a CSV code cell (nil for arrays and objects).
    var codeText: String? {
        switch self {
        case .string(let s): return s
        case .int(let n): return String(n)
        case .null: return ""
        default: return nil
        }
    }
}
