import HuifangCore
import HuifangReport
import HuifangStore

/// What an import makes of a ledger's rows: the records to create (as the text their files
/// get), the rows that are invalid (each problem at `FILE:ROW:COLUMN`), the rows imported
/// before (unchanged, or changed since and only reported).
struct ImportPlan {
    struct Created {
        var id: String
        /// A few words naming it in the output (project and date, title, name).
        var what: String
        /// `FILE:ROW`
        var place: String
        var path: String
        var text: String
        var job: RepositoryLoader.Job
    }

    struct Problem {
        /// The 0-based column, for the order of a row's problems (nil: the row).
        var column: Int?
        var place: String
        var key: String
        var values: [String: String]
    }

    struct Invalid {
        var row: Int
        var problems: [Problem]
    }

    struct Changed {
        var place: String
        var id: String
        var path: String
    }

    var created: [Created] = []
    var invalid: [Invalid] = []
    var changed: [Changed] = []
    var unchanged = 0

    static func make(_ s: ImportSource, _ r: Records, ctx: CommandContext) -> ImportPlan {
        var plan = ImportPlan()
        var builder = ImportBuilder(source: s, records: r, ctx: ctx)
        let paths: [String]
        switch s.kind {
        case .visits: paths = r.visits.map(\.location.path)
        case .issues: paths = (r.issues + r.withdrawnIssues).map(\.location.path)
        case .projects: paths = r.projects.map(\.location.path)
        }
        let before = ImportedRows.read(paths, in: ctx.repository)
        let sheet = s.sheet
        let file = fileName(s.file)
        let dataRows = s.table.rows.drop { $0.number <= s.columns.headerRow }
        let mapped = s.columns.fieldOf.keys.sorted()
        for row in dataRows {
            if mapped.allSatisfy({ row[$0].trimmed.isEmpty }) { continue }
            if mapped.allSatisfy({ row[$0].trimmed == (s.columns.headerText[$0] ?? "") }) { continue }  // a repeated header
            let digest = ImportedRows.digest(row, s.columns)
            let place = "\(s.file):\(row.number)"
            if let known = before[ImportedRows.key(file: file, sheet: sheet, row: row.number)] {
                if known.digest == digest {
                    plan.unchanged += 1
                } else {
                    plan.changed.append(Changed(place: place, id: known.id, path: known.path))
                }
                continue
            }
            let origin = ImportOrigin.text(file: file, sheet: sheet, row: row.number, digest: digest)
            var reader = RowReader(row: row, columns: s.columns, file: s.file)
            reader.checkDisagreeing()
            reader.checkUncomputed()
            if let record = builder.build(&reader, origin: origin), reader.problems.isEmpty {
                plan.created.append(record)
            } else {
                let problems = reader.problems.enumerated().sorted { ($0.element.column ?? -1, $0.offset) < ($1.element.column ?? -1, $1.offset) }
                plan.invalid.append(Invalid(row: row.number, problems: problems.map(\.element)))
            }
        }
        if s.kind == .visits { builder.assignKinds(&plan.created) }
        return plan
    }
}

/// The `imported:` of the records already there: by file, sheet and row, the digest and the record.
enum ImportedRows {
    struct Known {
        var digest: String
        var id: String
        var path: String
    }

    static func key(file: String, sheet: String?, row: Int) -> String { "\(file)\u{1F}\(sheet ?? "")\u{1F}\(row)" }

    /// Reads the files at `paths` that hold `imported:`.
    static func read(_ paths: [String], in repo: Repository) -> [String: Known] {
        var known: [String: Known] = [:]
        for path in paths {
            guard let bytes = try? FileSystem.read(repo.path(path)), let origin = ImportOrigin.read(bytes) else { continue }
            known[key(file: origin.file, sheet: origin.sheet, row: origin.row)] = Known(digest: origin.digest, id: origin.id ?? path, path: path)
        }
        return known
    }

    /// FNV-1a (64 bits) of the row's recognised cells with their headers, as 16 hex digits:
    /// the same row read again has the same digest; a changed cell changes it.
    static func digest(_ row: SheetTable.Row, _ columns: ImportColumns) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func add(_ s: String) {
            for u in s.utf8 { h = (h ^ UInt64(u)) &* 0x0000_0100_0000_01B3 }
            h = (h ^ 0x1F) &* 0x0000_0100_0000_01B3
        }
        for c in columns.fieldOf.keys.sorted() {
            add(columns.fieldOf[c]!)
            add(row[c].trimmed)
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// One row's cells by field, and the problems found in them.
struct RowReader {
    let row: SheetTable.Row
    let columns: ImportColumns
    let file: String
    var problems: [ImportPlan.Problem] = []

    /// The first non-empty cell of `field`'s columns, else the map's default; with its column.
    func cell(_ field: String) -> (text: String, column: Int?) {
        for c in columns.columns(of: field) where !row[c].trimmed.isEmpty { return (row[c].trimmed, c) }
        return (columns.defaults[field]?.trimmed ?? "", columns.columns(of: field).first)
    }

    /// Two columns of one field (满意度 twice, 日期 and 回访日期) with different values: `cell`
    /// would take the first and drop the other without a word, so the row is invalid instead.
    /// The fields whose columns are merged (lists) or may hold a project's name beside its id aside.
    mutating func checkDisagreeing() {
        for (field, list) in columns.columnsOf.sorted(by: { $0.key < $1.key }) where list.count > 1 && !Self.merged.contains(field) {
            var first: (text: String, column: Int)?
            for c in list where !row[c].trimmed.isEmpty {
                let t = row[c].trimmed
                guard let f = first else { first = (t, c); continue }
                if columns.value(field, t) != columns.value(field, f.text) {
                    fail(field, c, "import.bad.disagree", ["value": t, "column": SheetTable.columnLetters(c), "other": f.text,
                                                           "other_header": header(field, f.column), "other_column": SheetTable.columnLetters(f.column),
                                                           "field": field])
                    break
                }
            }
        }
    }

    static let merged: Set<String> = ["project", "contacts", "quotes", "needs", "competitors"]

    /// A cell of an imported column with a formula but no stored value (the workbook was saved by
    /// a program that does not compute): read as empty, its value would be dropped unseen.
    mutating func checkUncomputed() {
        for c in row.uncomputed {
            guard let field = columns.fieldOf[c] else { continue }
            fail(field, c, "import.bad.uncomputed")
        }
    }

    /// Every non-empty cell of `field`'s columns, each split into items at line breaks (and at `separators`).
    func list(_ field: String, separators: Set<Character> = []) -> [String] {
        var out: [String] = []
        for c in columns.columns(of: field) {
            for part in row[c].split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" || separators.contains($0) }) {
                let t = String(part).trimmed
                if !t.isEmpty && !out.contains(t) { out.append(t) }
            }
        }
        if out.isEmpty, let d = columns.defaults[field]?.trimmed, !d.isEmpty { out = [d] }
        return out
    }

    func place(_ column: Int?) -> String {
        "\(file):\(row.number)" + (column.map { ":" + SheetTable.columnLetters($0) } ?? "")
    }

    func header(_ field: String, _ column: Int?) -> String { column.flatMap { columns.headerText[$0] } ?? field }

    mutating func fail(_ field: String, _ column: Int?, _ key: String, _ values: [String: String] = [:]) {
        var v = values
        v["header"] = header(field, column)
        problems.append(ImportPlan.Problem(column: column, place: place(column), key: key, values: v))
    }

    /// A required text; a problem when empty.
    mutating func text(_ field: String) -> String? {
        let (t, c) = cell(field)
        if t.isEmpty { fail(field, c, "import.bad.empty"); return nil }
        return t
    }

    mutating func optionalText(_ field: String) -> String? {
        let t = cell(field).text
        return t.isEmpty ? nil : t
    }

    /// A date; nil (with a problem when `required` or not empty) when there is none.
    mutating func day(_ field: String, required: Bool, today: Day) -> Day? {
        let (t, c) = cell(field)
        if t.isEmpty {
            if required { fail(field, c, "import.bad.empty") }
            return nil
        }
        guard let d = ImportDates.day(t) else { fail(field, c, "import.bad.date", ["value": t]); return nil }
        if d > today { fail(field, c, "import.bad.future", ["date": d.description, "today": today.description]); return nil }
        return d
    }

    /// A word of a closed vocabulary (through the map's and the built-in words).
    mutating func word<T: RawRepresentable & CaseIterable>(_ field: String, _ type: T.Type, required: Bool) -> T? where T.RawValue == String {
        let (t, c) = cell(field)
        if t.isEmpty {
            if required { fail(field, c, "import.bad.empty") }
            return nil
        }
        if let v = T(rawValue: columns.value(field, t)) ?? T(rawValue: t.lowercased()) { return v }
        let known = T.allCases.map(\.rawValue).joined(separator: ", ")
        fail(field, c, "import.bad.word", ["value": t, "known": known, "field": field])
        return nil
    }

    /// A whole number in `range` (words through the map: 满意 -> 5).
    mutating func number(_ field: String, _ range: ClosedRange<Int>) -> Int? {
        let (t, c) = cell(field)
        if t.isEmpty { return nil }
        let v = columns.value(field, t)
        if let d = Double(v), d == d.rounded(), let n = Int(exactly: d), range.contains(n) { return n }
        fail(field, c, "import.bad.number", ["value": t, "min": String(range.lowerBound), "max": String(range.upperBound), "field": field])
        return nil
    }
}

/// The dates ledgers write.
enum ImportDates {
    /// 2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日, 2026-03-05 10:30 (the time dropped),
    /// or an Excel serial number of a day from 1950 to 2099 (a bare number outside those,
    /// 2026 say, is more likely a year than a date and is refused).
    static func day(_ text: String) -> Day? {
        let t = text.trimmed
        if let d = Day(t) { return d }
        if let v = Double(t) {
            guard v >= 18264, v < 73051 else { return nil }  // 1950-01-01 ..< 2100-01-01
            return Day(ordinal: Int32(v.rounded(.down)) - 25569)  // serial 25569 is 1970-01-01
        }
        var date = Substring(t)
        if let space = date.firstIndex(where: { $0 == " " || $0 == "T" }), date.distance(from: date.startIndex, to: space) >= 8 {
            date = date[..<space]
        }
        let parts = date.split(whereSeparator: { "-/.年月日".contains($0) })
        guard parts.count == 3, parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              parts[0].count == 4, parts[1].count <= 2, parts[2].count <= 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        if date.contains("年") && !(date.contains("月") && date.hasSuffix("日") || date.contains("月")) { return nil }
        return Day(year: y, month: m, day: d)
    }
}
