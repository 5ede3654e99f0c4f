import Foundation
import HuifangCore
import ZIPFoundation

/// A spreadsheet as huifang exports it: sheets of one header row and typed cells. Made from a
/// report (`ReportWorkbook`) or a listing (`Listing.workbook`), written by `XLSXWriter`.
public struct Workbook: Sendable {
    public var sheets: [Sheet]

    public init(sheets: [Sheet] = []) { self.sheets = sheets }

    public struct Sheet: Sendable {
        public var name: String
        public var headers: [String]
        public var rows: [[Cell]]

        public init(name: String, headers: [String], rows: [[Cell]] = []) {
            self.name = name
            self.headers = headers
            self.rows = rows
        }
    }

    /// A cell's value and how Excel shows it.
    public enum Cell: Sendable, Equatable {
        case empty
        case text(String)
        case number(Double, NumberFormat)
        case date(Day)
        case bool(Bool)

        /// What the cell shows, for the column width.
        var shown: String {
            switch self {
            case .empty: return ""
            case .text(let s): return s
            case .number(let d, let f):
                switch f {
                case .integer: return ReportNumber.decimal(d, digits: 0)
                case .decimal(let n): return ReportNumber.decimal(d, digits: n)
                case .percent(let n): return ReportNumber.decimal(d * 100, digits: n) + "%"
                }
            case .date(let d): return d.description
            case .bool(let b): return b ? "TRUE" : "FALSE"
            }
        }
    }

    public enum NumberFormat: Sendable, Hashable {
        /// `0`
        case integer
        /// `0.0`, `0.00`, ... with this many decimals (1...6).
        case decimal(Int)
        /// `0%`, `0.0%`, ... with this many decimals (0...4).
        case percent(Int)

        var code: String {
            switch self {
            case .integer: return "0"
            case .decimal(let n): return "0." + String(repeating: "0", count: max(1, min(n, 6)))
            case .percent(let n): return n <= 0 ? "0%" : "0." + String(repeating: "0", count: min(n, 4)) + "%"
            }
        }
    }
}

/// Office Open XML spreadsheets (.xlsx): the parts written here (workbook, one worksheet per
/// sheet, shared strings, styles with a bold font and number formats), zipped by ZIPFoundation.
/// Every sheet's first row is its header, bold and frozen; numbers are numbers with a number
/// format, dates Excel serial numbers shown as yyyy-mm-dd; columns are as wide as their widest
/// cell in display columns (a Chinese character counts two), at most `maxColumnWidth`.
/// The bytes depend only on the workbook (entries are dated 1980-01-01).
public enum XLSXWriter {
    public static let maxColumnWidth = 60
    /// The most UTF-16 units a cell holds in Excel; longer text is cut and ends with `…`.
    public static let maxCellText = 32_767
    static let dateFormat = "yyyy-mm-dd"

    public enum Failure: Error, CustomStringConvertible {
        case zip(String)
        public var description: String {
            switch self {
            case .zip(let reason): return "cannot make the xlsx container: \(reason)"
            }
        }
    }

    public static func write(_ book: Workbook) throws -> [UInt8] {
        let parts = try self.parts(book)
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            let epoch = Date(timeIntervalSince1970: 315_532_800)  // 1980-01-01, the zip format's first day
            for (path, text) in parts {
                let data = Data(text.utf8)
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: epoch,
                                     compressionMethod: .deflate) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else { throw Failure.zip("the archive has no data") }
            return [UInt8](data)
        } catch let f as Failure {
            throw f
        } catch {
            throw Failure.zip(String(describing: error))
        }
    }

    /// The container's parts as (path, XML text), in the order they are zipped.
    static func parts(_ book: Workbook) throws -> [(String, String)] {
        var book = book
        if book.sheets.isEmpty { book.sheets = [Workbook.Sheet(name: "Sheet1", headers: [])] }
        let names = sheetNames(book.sheets.map(\.name))
        var strings = SharedStrings()
        var styles = Styles()
        var sheets: [String] = []
        for (i, sheet) in book.sheets.enumerated() {
            sheets.append(worksheet(sheet, selected: i == 0, strings: &strings, styles: &styles))
        }
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
        let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        var types = header + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        for i in sheets.indices {
            types += "<Override PartName=\"/xl/worksheets/sheet\(i + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        types += "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
            + "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
            + "</Types>"
        let rootRels = header + "<Relationships xmlns=\"\(pkg)\">"
            + "<Relationship Id=\"rId1\" Type=\"\(rel)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
        var workbook = header + "<workbook xmlns=\"\(main)\" xmlns:r=\"\(rel)\"><bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
        var workbookRels = header + "<Relationships xmlns=\"\(pkg)\">"
        for (i, name) in names.enumerated() {
            workbook += "<sheet name=\"\(escape(name))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
            workbookRels += "<Relationship Id=\"rId\(i + 1)\" Type=\"\(rel)/worksheet\" Target=\"worksheets/sheet\(i + 1).xml\"/>"
        }
        workbook += "</sheets></workbook>"
        workbookRels += "<Relationship Id=\"rId\(names.count + 1)\" Type=\"\(rel)/styles\" Target=\"styles.xml\"/>"
            + "<Relationship Id=\"rId\(names.count + 2)\" Type=\"\(rel)/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"
        var parts: [(String, String)] = [
            ("[Content_Types].xml", types), ("_rels/.rels", rootRels), ("xl/workbook.xml", workbook),
            ("xl/_rels/workbook.xml.rels", workbookRels), ("xl/styles.xml", header + styles.xml(main)),
            ("xl/sharedStrings.xml", header + strings.xml(main)),
        ]
        for (i, s) in sheets.enumerated() { parts.append(("xl/worksheets/sheet\(i + 1).xml", header + s)) }
        return parts
    }

    static func worksheet(_ sheet: Workbook.Sheet, selected: Bool, strings: inout SharedStrings, styles: inout Styles) -> String {
        let columns = max(sheet.headers.count, sheet.rows.map(\.count).max() ?? 0)
        var widths = sheet.headers.map(DisplayWidth.of)
        widths += Array(repeating: 0, count: columns - widths.count)
        var data = "<sheetData>"
        if !sheet.headers.isEmpty {
            data += "<row r=\"1\">"
            for (c, h) in sheet.headers.enumerated() {
                data += "<c r=\"\(reference(c, 1))\" s=\"\(Styles.header)\" t=\"s\"><v>\(strings.index(h))</v></c>"
            }
            data += "</row>"
        }
        let first = sheet.headers.isEmpty ? 1 : 2
        for (i, row) in sheet.rows.enumerated() {
            let r = first + i
            data += "<row r=\"\(r)\">"
            for (c, cell) in row.enumerated() {
                widths[c] = max(widths[c], cell.shown.split(separator: "\n").map { DisplayWidth.of(String($0)) }.max() ?? 0)
                let ref = reference(c, r)
                switch cell {
                case .empty: continue
                case .text(let s): data += "<c r=\"\(ref)\" t=\"s\"><v>\(strings.index(s))</v></c>"
                case .number(let d, let f):
                    guard d.isFinite else { continue }
                    data += "<c r=\"\(ref)\" s=\"\(styles.index(f.code))\"><v>\(number(d))</v></c>"
                case .date(let day):
                    data += "<c r=\"\(ref)\" s=\"\(styles.index(dateFormat))\"><v>\(Int(day.ordinal) + 25569)</v></c>"
                case .bool(let b): data += "<c r=\"\(ref)\" t=\"b\"><v>\(b ? 1 : 0)</v></c>"
                }
            }
            data += "</row>"
        }
        data += "</sheetData>"
        let last = first + sheet.rows.count - 1
        var xml = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
            + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
        xml += "<dimension ref=\"A1" + (columns > 0 && last >= 1 ? ":" + reference(columns - 1, max(last, 1)) : "") + "\"/>"
        xml += "<sheetViews><sheetView workbookViewId=\"0\"" + (selected ? " tabSelected=\"1\"" : "") + ">"
        if !sheet.headers.isEmpty {
            xml += "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
                + "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/>"
        }
        xml += "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>"
        if columns > 0 {
            xml += "<cols>"
            for (c, w) in widths.enumerated() {
                xml += "<col min=\"\(c + 1)\" max=\"\(c + 1)\" width=\"\(columnWidth(w))\" customWidth=\"1\"/>"
            }
            xml += "</cols>"
        }
        return xml + data + "</worksheet>"
    }

    /// A column's width in Excel's units (the width of a '0') for a widest cell of `display`
    /// terminal columns: a Chinese character is about two '0's wide, as on a terminal; with a
    /// margin, between 6 and `maxColumnWidth`.
    public static func columnWidth(_ display: Int) -> Int { min(max(display + 2, 6), maxColumnWidth) }

    /// `A1`-style reference of a zero-based column and a one-based row.
    static func reference(_ column: Int, _ row: Int) -> String { columnName(column) + String(row) }

    static func columnName(_ column: Int) -> String {
        var n = column + 1
        var name = ""
        while n > 0 {
            let r = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + r))) + name
            n = (n - 1) / 26
        }
        return name
    }

    /// A number as Excel reads it back exactly: integers without a point, else the shortest
    /// text that gives the same Double.
    static func number(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        return String(d)
    }

    /// Sheet names as Excel takes them: at most 31 characters, none of `[]:*?/\`, not
    /// starting or ending with `'`, not empty, unique ignoring case (a repeat gets ` (2)`).
    public static func sheetNames(_ wanted: [String]) -> [String] {
        var used: Set<String> = []
        var out: [String] = []
        for w in wanted {
            var base = String(w.unicodeScalars.filter { !"[]:*?/\\".unicodeScalars.contains($0) && $0.value >= 0x20 }.map(Character.init))
            // Excel counts UTF-16 units; a name may neither start nor end with a quote (also after trimming).
            base = prefix(base, utf16: 31)
            while true {
                var next = base.trimmingCharacters(in: .whitespaces)
                while next.hasPrefix("'") { next.removeFirst() }
                while next.hasSuffix("'") { next.removeLast() }
                if next == base { break }
                base = next
            }
            if base.isEmpty || base.lowercased() == "history" { base = "Sheet" + (base.isEmpty ? "" : " " + base) }
            var name = base
            var n = 2
            while used.contains(name.lowercased()) {
                let suffix = " (\(n))"
                name = prefix(base, utf16: 31 - suffix.utf16.count).trimmingCharacters(in: .whitespaces) + suffix
                n += 1
            }
            used.insert(name.lowercased())
            out.append(name)
        }
        return out
    }

    /// The longest prefix of whole characters of `s` within `units` UTF-16 units.
    static func prefix(_ s: String, utf16 units: Int) -> String {
        guard s.utf16.count > units else { return s }
        var out = ""
        var used = 0
        for c in s {
            let n = c.utf16.count
            if used + n > units { break }
            out.append(c)
            used += n
        }
        return out
    }

    /// Text as a cell holds it: at most `maxCellText` UTF-16 units; longer text is cut and ends
    /// with `…`, so that the cut shows.
    static func cellText(_ s: String) -> String {
        guard s.utf16.count > maxCellText else { return s }
        return prefix(s, utf16: maxCellText - 1) + "…"
    }

    /// Text as XML character data: markup escaped, characters XML 1.0 does not allow
    /// (control characters but tab and line ends) as U+FFFD.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(c)
            default:
                if c.value < 0x20 || c.value == 0xFFFE || c.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out
    }

    struct SharedStrings {
        var indices: [String: Int] = [:]
        var list: [String] = []
        var count = 0

        mutating func index(_ s: String) -> Int {
            count += 1
            let s = XLSXWriter.cellText(s)
            if let i = indices[s] { return i }
            indices[s] = list.count
            list.append(s)
            return list.count - 1
        }

        func xml(_ main: String) -> String {
            var out = "<sst xmlns=\"\(main)\" count=\"\(count)\" uniqueCount=\"\(list.count)\">"
            for s in list { out += "<si><t xml:space=\"preserve\">\(escape(s))</t></si>" }
            return out + "</sst>"
        }
    }

    /// Cell formats: 0 the default, 1 the bold header, then one per number format used.
    struct Styles {
        static let header = 1
        var formats: [String] = []

        mutating func index(_ code: String) -> Int {
            if let i = formats.firstIndex(of: code) { return 2 + i }
            formats.append(code)
            return 1 + formats.count
        }

        func xml(_ main: String) -> String {
            var out = "<styleSheet xmlns=\"\(main)\">"
            if !formats.isEmpty {
                out += "<numFmts count=\"\(formats.count)\">"
                for (i, f) in formats.enumerated() { out += "<numFmt numFmtId=\"\(164 + i)\" formatCode=\"\(escape(f))\"/>" }
                out += "</numFmts>"
            }
            out += "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
                + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>"
                + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
                + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
                + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
                + "<cellXfs count=\"\(2 + formats.count)\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
                + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
            for i in formats.indices {
                out += "<xf numFmtId=\"\(164 + i)\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
            }
            out += "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>"
            return out
        }
    }
}
