import HuifangReport

/// Rows that a listing prints as a terminal table, JSON (an array of objects) or CSV; one
/// shape for every `list` command, so all of them share the same writers.
struct Listing {
    var columns: [(key: String, title: String)]
    var rows: [[(text: String, json: JSONValue)]] = []
    var rightAligned: Set<Int> = []
    var maxWidth: [Int: Int] = [:]

    init(_ columns: [(String, String)]) {
        self.columns = columns.map { (key: $0.0, title: $0.1) }
    }

    mutating func add(_ cells: [(String, JSONValue)]) {
        rows.append(cells.map { (text: $0.0, json: $0.1) })
    }

    func render(_ format: OutputFormat) -> String {
        switch format {
        case .table:
            var t = TextTable(headers: columns.map(\.title))
            t.rightAligned = rightAligned
            t.maxWidth = maxWidth
            for r in rows { t.add(r.map(\.text)) }
            return rows.isEmpty ? "" : t.render()
        case .csv:
            return CSVWriter.render(headers: columns.map(\.key), rows: rows.map { $0.map(\.text) })
        case .json:
            let objects = rows.map { r in JSONValue.object(zip(columns, r).map { ($0.key, $1.json) }) }
            return Warnings.attach(to: JSONValue.array(objects)).render() + "\n"
        }
    }
}

/// Cells for optional values: empty text, JSON null.
func cell(_ s: String?) -> (String, JSONValue) { (s ?? "", .optional(s)) }
func cell(_ n: Int?) -> (String, JSONValue) { (n.map(String.init) ?? "", .optional(n)) }
func cell(_ d: Double?, digits: Int = 1) -> (String, JSONValue) {
    guard let d else { return ("", .null) }
    return (formatDecimal(d, digits: digits), .number(roundTo(d, digits: 4)))
}

func roundTo(_ d: Double, digits: Int) -> Double {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    return (d * scale).rounded() / scale
}

/// `d` with exactly `digits` decimals, without Foundation's formatters.
func formatDecimal(_ d: Double, digits: Int) -> String {
    var scale = 1
    for _ in 0..<digits { scale *= 10 }
    let n = Int((abs(d) * Double(scale)).rounded())
    let sign = d < 0 && n != 0 ? "-" : ""
    if digits == 0 { return sign + String(n) }
    let frac = String(n % scale)
    return sign + String(n / scale) + "." + String(repeating: "0", count: digits - frac.count) + frac
}
