import HuifangCore

/// Rows that a listing prints as a terminal table, JSON (an array of objects) or CSV; one
/// shape for every `list` command, so all of them share the same writers. The command picks
/// the format and attaches its warnings to `json`.
public struct Listing: Sendable {
    public var columns: [(key: String, title: String)]
    public var rows: [[(text: String, json: JSONValue)]] = []
    public var rightAligned: Set<Int> = []
    public var maxWidth: [Int: Int] = [:]
    /// Columns the terminal table leaves out: every other field a person entered, which CSV,
    /// JSON and xlsx give (`addDetailColumns`).
    public var detailColumns: Set<Int> = []
    /// Columns whose CSV cells are the codes JSON gives (`visit/periodic`, a day count), not the
    /// words the table shows; the other columns' CSV cells are the table's text.
    public var codeColumns: Set<Int> = []
    /// Columns only JSON (and xlsx) gives (codes and values the table already says in words).
    public var jsonOnly: Set<Int> = []

    public init(_ columns: [(String, String)]) {
        self.columns = columns.map { (key: $0.0, title: $0.1) }
    }

    public mutating func add(_ cells: [(String, JSONValue)]) {
        rows.append(cells.map { (text: $0.0, json: $0.1) })
    }

    /// The terminal table; empty when there are no rows.
    public var table: String {
        let inTable = { (i: Int) in !detailColumns.contains(i) && !jsonOnly.contains(i) }
        var t = TextTable(headers: pick(columns.map(\.title), inTable))
        t.rightAligned = Set(rightAligned.filter(inTable).map { i in (0..<i).filter(inTable).count })
        t.maxWidth = Dictionary(uniqueKeysWithValues: maxWidth.filter { inTable($0.key) }.map { i, w in ((0..<i).filter(inTable).count, w) })
        for r in rows { t.add(pick(r.map(\.text), inTable)) }
        return rows.isEmpty ? "" : t.render()
    }

    /// CSV with the column titles (in the listing's language) as headers; code columns keep
    /// their codes.
    public var csv: String {
        CSVWriter.render(headers: shown(columns.map(\.title)), rows: rows.map { r in
            shown(r.enumerated().map { i, c in codeColumns.contains(i) ? c.json.codeText ?? c.text : c.text })
        })
    }

    /// The cells of the columns that CSV shows (all but `jsonOnly`).
    func shown(_ cells: [String]) -> [String] { pick(cells) { !jsonOnly.contains($0) } }

    func pick(_ cells: [String], _ keep: (Int) -> Bool) -> [String] {
        cells.enumerated().compactMap { i, c in keep(i) ? c : nil }
    }

    /// An array with one object per row, keyed by the column keys.
    public var json: JSONValue { .array(rows.map { r in .object(zip(columns, r).map { ($0.key, $1.json) }) }) }
}

extension Listing {
    /// Appends columns that the terminal table leaves out (after those it shows). Their keys
    /// follow the existing ones, so that JSON only gains keys and CSV gains columns at the end.
    public mutating func addDetailColumns(_ more: [(String, String)]) {
        detailColumns.formUnion(columns.count..<columns.count + more.count)
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
