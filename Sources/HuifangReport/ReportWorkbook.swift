import Foundation
import HuifangCore

/// The sheets of an exported report or listing (`--format xlsx`).
///
/// A report: a first sheet with the title, subtitle, warnings and the document's text (facts,
/// paragraphs, bullets, quotes); one sheet per table, named after its heading; one per chart
/// whose numbers no table repeats; a data sheet with the CSV's rows at full precision (the
/// numbers of the JSON output); and, for the company summary, one sheet per department.
/// Numbers in the document's tables are read back from what the table shows ("85.7%" is 0.857
/// shown as a percentage), in numeric columns only; "n/a" stays text.
public enum ReportWorkbook {
    public static func make(_ out: ReportOutput, warnings: [String], labels L: Catalogue, scopeSheets: Bool) -> Workbook {
        let doc = out.document
        var book = Workbook()
        var about = Workbook.Sheet(name: L["xlsx.sheet.report"], headers: [L["xlsx.item"], L["xlsx.content"]])
        about.rows.append([.text(L["xlsx.title"]), .text(doc.title)])
        about.rows.append([.text(L["xlsx.subtitle"]), .text(doc.subtitle)])
        for w in doc.warnings + warnings.filter({ !doc.warnings.contains($0) }) {
            about.rows.append([.text(doc.warningLabel), .text(w)])
        }
        var heading = doc.title
        var tableSheets: [Workbook.Sheet] = []
        for block in doc.blocks {
            switch block {
            case .heading(let h):
                heading = h
                about.rows.append([.text(h), .empty])
            case .subheading(let h):
                heading = h
                about.rows.append([.text(h), .empty])
            case .paragraph(let p): about.rows.append([.empty, .text(p)])
            case .facts(let facts): for (k, v) in facts { about.rows.append([.text(k), .text(v)]) }
            case .bullets(let items): for b in items { about.rows.append([.empty, .text("• " + b)]) }
            case .quote(let q, let source): about.rows.append([.text(source), .text("“" + q + "”")])
            case .links(let links): for l in links { about.rows.append([.empty, .text(l.text)]) }
            case .table(let t):
                let split = splitCounts(t, counts: L["xlsx.counts"])
                tableSheets.append(Workbook.Sheet(name: t.sheet ?? heading, headers: split.headers, rows: typed(split.rows, numeric: split.numeric)))
            case .chart(let c):
                guard !c.tabulated else { continue }
                let rows: [[Workbook.Cell]] = c.labels.indices.map { i in
                    [.text(c.labels[i])] + c.series.map { s in
                        guard i < s.values.count, let v = s.values[i] else { return .text("n/a") }
                        return .number(v, c.percent ? .percent(1) : c.isCounts ? .integer : .decimal(2))
                    }
                }
                tableSheets.append(Workbook.Sheet(name: c.title, headers: [""] + c.series.map(\.name), rows: rows))
            }
        }
        book.sheets.append(about)
        book.sheets += tableSheets
        let data = dataRows(out.csv)
        book.sheets.append(Workbook.Sheet(name: L["xlsx.sheet.data"], headers: out.csv.headers, rows: data))
        if scopeSheets, let scope = out.csv.headers.firstIndex(of: "scope"), let name = out.csv.headers.firstIndex(of: "name") {
            for (row, cells) in zip(out.csv.rows, data) where row[scope] != "total" {
                var sheet = Workbook.Sheet(name: row[name], headers: [L.report("indicator"), row[name]])
                for (i, key) in out.csv.headers.enumerated() where i != scope && i != name && key != "period" {
                    sheet.rows.append([.text(key == "mean_overall" ? L["xlsx.mean_overall"] : L.report(key)), cells[i]])
                }
                book.sheets.append(sheet)
            }
        }
        return book
    }

    /// A table whose numeric cells carry their counts or a small-sample mark ("85.0%（17/20）*",
    /// "80.0% (n=12)") gets a column beside each such column for what follows the number, so that
    /// the number stays a number: "85.0%" in one cell, "（17/20）*" in the next.
    static func splitCounts(_ t: ReportTable, counts: String) -> (headers: [String], rows: [[String]], numeric: Set<Int>) {
        let carrying = Set(t.numeric.filter { c in t.rows.contains { c < $0.count && numberAndNote($0[c]) != nil } })
        guard !carrying.isEmpty else { return (t.headers, t.rows, t.numeric) }
        func widen(_ row: [String], _ cell: (Int, String) -> [String]) -> [String] {
            row.enumerated().flatMap { c, text in carrying.contains(c) ? cell(c, text) : [text] }
        }
        let headers = widen(t.headers) { _, h in [h, "\(h) \(counts)"] }
        let rows = t.rows.map { row in
            widen(row) { _, text in
                if let (number, note) = numberAndNote(text) { return [number, note] }
                return [text, ""]
            }
        }
        var numeric = Set<Int>(), column = 0
        for c in t.headers.indices {
            if t.numeric.contains(c) { numeric.insert(column) }
            column += carrying.contains(c) ? 2 : 1
        }
        return (headers, rows, numeric)
    }

    /// "85.0%（17/20）*" as ("85.0%", "（17/20）*"); nil for a cell that is a number alone or no number.
    static func numberAndNote(_ text: String) -> (String, String)? {
        let end = text.firstIndex { !"-0123456789.%".contains($0) } ?? text.endIndex
        guard end != text.startIndex, end != text.endIndex, number(String(text[..<end])) != nil else { return nil }
        return (String(text[..<end]), text[end...].trimmingCharacters(in: .whitespaces))
    }

    /// A table's cells typed from their text: in `numeric` columns "85.7%" is 0.857 as a
    /// percentage, "4.25" a number with two decimals, "12" an integer; a column whose every
    /// filled cell is a date (YYYY-MM-DD) holds dates; the rest (and "n/a") is text.
    public static func typed(_ rows: [[String]], numeric: Set<Int>) -> [[Workbook.Cell]] {
        let columns = rows.map(\.count).max() ?? 0
        let dates = Set((0..<columns).filter { c in
            let filled = rows.compactMap { c < $0.count && !$0[c].isEmpty ? $0[c] : nil }
            return !filled.isEmpty && filled.allSatisfy { Day($0) != nil }
        })
        return rows.map { row in
            row.enumerated().map { c, text in
                if text.isEmpty { return .empty }
                if dates.contains(c), let d = Day(text) { return .date(d) }
                if numeric.contains(c), let n = number(text) { return .number(n.value, n.format) }
                return .text(text)
            }
        }
    }

    /// The CSV's rows typed by their keys: KPIs (rates as percentages, NPS in points), counts,
    /// the mean score; and, for any other column, dates and numbers when every filled cell of
    /// the column is one ("n/a" aside, which stays text).
    static func dataRows(_ csv: (headers: [String], rows: [[String]])) -> [[Workbook.Cell]] {
        let kpis = Dictionary(ReportKPI.all.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        let counts = Set(ReportCount.all.map(\.key))
        let text: Set<String> = ["period", "scope", "name", "id", "summary", "quotes", "issues", "attachments", "contacts", "visitor", "kind", "method"]
        var formats: [Int: Workbook.NumberFormat] = [:]
        var dates: Set<Int> = []
        for (c, key) in csv.headers.enumerated() {
            if let k = kpis[key] {
                formats[c] = k.isPoints ? .decimal(1) : .percent(1)
            } else if counts.contains(key) {
                formats[c] = .integer
            } else if key == "mean_overall" {
                formats[c] = .decimal(2)
            } else if !text.contains(key) {
                let filled = csv.rows.compactMap { c < $0.count && !$0[c].isEmpty && $0[c] != "n/a" ? $0[c] : nil }
                guard !filled.isEmpty else { continue }
                if filled.allSatisfy({ Day($0) != nil }) {
                    dates.insert(c)
                } else if filled.allSatisfy({ number($0) != nil && !$0.hasSuffix("%") }) {
                    let digits = filled.map { $0.split(separator: ".").dropFirst().first?.count ?? 0 }.max() ?? 0
                    formats[c] = digits == 0 ? .integer : .decimal(digits)
                }
            }
        }
        return csv.rows.map { row in
            row.enumerated().map { c, s in
                if s.isEmpty { return .empty }
                if dates.contains(c), let d = Day(s) { return .date(d) }
                if let f = formats[c], let n = number(s), !s.hasSuffix("%") { return .number(n.value, f) }
                return .text(s)
            }
        }
    }

    /// A number as the reports print one: `12`, `-3`, `4.25`, `85.7%` (a fraction, 0.857).
    public static func number(_ text: String) -> (value: Double, format: Workbook.NumberFormat)? {
        var s = Substring(text)
        let percent = s.hasSuffix("%")
        if percent { s = s.dropLast() }
        let body = s.hasPrefix("-") ? s.dropFirst() : s
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard !body.isEmpty, parts.count <= 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let value = Double(s)
        else { return nil }
        let digits = parts.count == 2 ? parts[1].count : 0
        // 78.6% is 786 / 1000, the double nearest 0.786 (78.6 / 100 is not).
        if percent, digits < 12, let whole = Double(parts.joined()) {
            var scale = 100.0
            for _ in 0..<digits { scale *= 10 }
            return ((s.hasPrefix("-") ? -whole : whole) / scale, .percent(digits))
        }
        if percent { return (value / 100, .percent(digits)) }
        return (value, digits == 0 ? .integer : .decimal(digits))
    }
}

extension Listing {
    /// The listing as one sheet (after a sheet of warnings, when there are any): the column
    /// titles as the header, each cell typed by its JSON value (numbers with as many decimals
    /// as the table shows, true/false), and every date (YYYY-MM-DD) as a date.
    public func workbook(sheet: String, warnings: [String], labels L: Catalogue) -> Workbook {
        var book = Workbook()
        if !warnings.isEmpty {
            book.sheets.append(Workbook.Sheet(name: L["xlsx.sheet.warnings"], headers: [L["xlsx.sheet.warnings"]],
                                              rows: warnings.map { [.text($0)] }))
        }
        let cells: [[Workbook.Cell]] = rows.map { r in
            r.enumerated().map { c, cell in
                switch cell.json {
                case .null: return .empty
                case .bool(let b): return .bool(b)
                case .int(let n): return .number(Double(n), .integer)
                case .number(let d):
                    let digits = cell.text.split(separator: ".").dropFirst().first?.count ?? 2
                    return .number(d, digits == 0 ? .integer : .decimal(digits))
                case .string(let s):
                    // A date is a date wherever it stands (a column may mix dates and words).
                    if let d = Day(s) { return .date(d) }
                    return .text(s)
                case .array, .object:
                    return cell.text.isEmpty ? .empty : .text(cell.text)
                }
            }
        }
        book.sheets.append(Workbook.Sheet(name: sheet, headers: columns.map(\.title), rows: cells))
        return book
    }
}
