import Foundation
import ZIPFoundation

#if canImport(Glibc)
    import Glibc
#endif

/// One sheet of a ledger as `huifang import` reads it: its rows (with the row numbers a person
/// sees in Excel, or the line numbers of a CSV file) as text cells.
public struct SheetTable: Sendable {
    public struct Row: Sendable {
        /// The row number in the spreadsheet (1-based), or the line a CSV record starts on.
        public var number: Int
        public var cells: [String]
        /// The columns of a workbook's row that hold a formula without a stored value (a file
        /// saved by a program that does not compute): empty cells that are not empty in Excel.
        public var uncomputed: [Int] = []

        public init(number: Int, cells: [String], uncomputed: [Int] = []) {
            self.number = number
            self.cells = cells
            self.uncomputed = uncomputed
        }

        public subscript(_ column: Int) -> String { column < cells.count ? cells[column] : "" }
    }

    /// The sheet's name (the file's name for a CSV file).
    public var name: String
    public var rows: [Row]
    /// The encoding a CSV file was read in (`UTF-8`, `UTF-8 (BOM)`, `UTF-16LE (BOM)`,
    /// `GB18030`); nil for a workbook.
    public var encoding: String?

    public init(name: String, rows: [Row], encoding: String? = nil) {
        self.name = name
        self.rows = rows
        self.encoding = encoding
    }

    /// The spreadsheet letters of a 0-based column: 0 -> A, 25 -> Z, 26 -> AA.
    public static func columnLetters(_ index: Int) -> String {
        var n = index + 1
        var s: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            s.insert(Character(Unicode.Scalar(UInt8(65 + r))), at: 0)
            n = (n - 1) / 26
        }
        return String(s)
    }
}

/// Why a ledger could not be read (the command says it in the catalogue's words).
public enum SpreadsheetReadError: Error, Equatable, Sendable {
    /// Not a zip archive, or one without the parts of a workbook.
    case notAWorkbook(String)
    /// The workbook has no sheet of that name; the names it has.
    case noSheet(String, [String])
    /// A CSV file in none of the encodings huifang reads.
    case unknownEncoding
    /// An XML part that is not well formed: its name and the byte offset.
    case badXML(String, Int)
}

/// Reads `.xlsx` workbooks: the zip container through ZIPFoundation, the sheet and shared-string
/// XML through `XMLScanner` (events, no document tree), so that 50,000 rows read in well
/// under a second.
public enum XLSXReader {
    /// The names of the workbook's sheets, in order.
    public static func sheetNames(of path: String) throws -> [String] {
        try Workbook(path: path).sheets.map(\.name)
    }

    /// The sheet named `sheet` (default: the first). Cells are text: shared and inline strings
    /// as written, numbers (dates are serial numbers) as the XML holds them, booleans as
    /// TRUE/FALSE. The value of a merged range is given to every cell of the range.
    public static func read(_ path: String, sheet: String? = nil) throws -> SheetTable {
        let book = try Workbook(path: path)
        guard let first = book.sheets.first else { throw SpreadsheetReadError.notAWorkbook(path) }
        let chosen: (name: String, part: String)
        if let sheet {
            guard let found = book.sheets.first(where: { $0.name == sheet }) else {
                throw SpreadsheetReadError.noSheet(sheet, book.sheets.map(\.name))
            }
            chosen = found
        } else {
            chosen = first
        }
        let shared = try book.part("xl/sharedStrings.xml").map { try sharedStrings($0) } ?? []
        guard let xml = try book.part(chosen.part) else { throw SpreadsheetReadError.notAWorkbook(path) }
        return try sheetTable(xml, name: chosen.name, shared: shared)
    }

    struct Workbook {
        let archive: Archive
        var sheets: [(name: String, part: String)] = []

        init(path: String) throws {
            do {
                archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
            } catch {
                throw SpreadsheetReadError.notAWorkbook(path)
            }
            guard let workbook = try part("xl/workbook.xml") else { throw SpreadsheetReadError.notAWorkbook(path) }
            var targets: [String: String] = [:]
            if let rels = try part("xl/_rels/workbook.xml.rels") {
                let h = AttributesOf(element: "Relationship")
                try XMLScanner.scan(rels, h, part: "xl/_rels/workbook.xml.rels")
                for a in h.found {
                    if let id = a["Id"], let target = a["Target"] {
                        targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
                    }
                }
            }
            let h = AttributesOf(element: "sheet")
            try XMLScanner.scan(workbook, h, part: "xl/workbook.xml")
            for (n, a) in h.found.enumerated() {
                let rid = a["r:id"] ?? a.first { $0.key.hasSuffix(":id") }?.value
                let part = rid.flatMap { targets[$0] } ?? "xl/worksheets/sheet\(n + 1).xml"
                sheets.append((a["name"] ?? "Sheet\(n + 1)", part))
            }
        }

        /// The bytes of a part, nil when the archive has none of that name.
        func part(_ name: String) throws -> [UInt8]? {
            guard let entry = archive[name] else { return nil }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(Int(entry.uncompressedSize))
            do {
                _ = try archive.extract(entry, skipCRC32: true) { data in bytes.append(contentsOf: data) }
            } catch {
                throw SpreadsheetReadError.notAWorkbook(name)
            }
            return bytes
        }
    }

    /// The attributes of every element called `element`.
    final class AttributesOf: XMLHandler {
        let element: String
        var found: [[String: String]] = []
        init(element: String) { self.element = element }
        var wantsText: Bool { false }
        func start(_ name: Substring, _ attributes: [(Substring, String)]) {
            if name == element { found.append(Dictionary(attributes.map { (String($0.0), $0.1) }) { a, _ in a }) }
        }
        func end(_ name: Substring) {}
        func text(_ s: String) {}
    }

    /// The shared strings: each `<si>`'s text runs joined, phonetic runs (`<rPh>`) left out.
    static func sharedStrings(_ xml: [UInt8]) throws -> [String] {
        final class H: XMLHandler {
            var strings: [String] = []
            var current = ""
            var inT = false
            var inPhonetic = false
            var wantsText: Bool { inT && !inPhonetic }
            func start(_ name: Substring, _ attributes: [(Substring, String)]) {
                switch name {
                case "si": current = ""
                case "t": inT = true
                case "rPh": inPhonetic = true
                default: break
                }
            }
            func end(_ name: Substring) {
                switch name {
                case "si": strings.append(current)
                case "t": inT = false
                case "rPh": inPhonetic = false
                default: break
                }
            }
            func text(_ s: String) { current += s }
        }
        let h = H()
        try XMLScanner.scan(xml, h, part: "xl/sharedStrings.xml")
        return h.strings
    }

    static func sheetTable(_ xml: [UInt8], name: String, shared: [String]) throws -> SheetTable {
        final class H: XMLHandler {
            let shared: [String]
            var rows: [SheetTable.Row] = []
            var merges: [String] = []
            var rowNumber = 0
            var cells: [String] = []
            var column = -1
            var type = ""
            var value = ""
            var inline = ""
            var inV = false
            var inT = false
            var inPhonetic = false
            var formula = false
            var uncomputed: [Int] = []
            init(shared: [String]) { self.shared = shared }
            var wantsText: Bool { (inV || inT) && !inPhonetic }
            func start(_ name: Substring, _ attributes: [(Substring, String)]) {
                switch name {
                case "row":
                    rowNumber = attributes.first { $0.0 == "r" }.flatMap { Int($0.1) } ?? rowNumber + 1
                    cells = []
                    uncomputed = []
                    column = -1
                case "c":
                    type = ""
                    value = ""
                    inline = ""
                    formula = false
                    var ref: String?
                    for (k, v) in attributes {
                        if k == "r" { ref = v } else if k == "t" { type = v }
                    }
                    column = ref.flatMap(XLSXReader.column(of:)) ?? column + 1
                case "v": inV = true
                case "t": inT = true
                case "f": formula = true
                case "rPh": inPhonetic = true
                case "mergeCell":
                    if let ref = attributes.first(where: { $0.0 == "ref" })?.1 { merges.append(ref) }
                default: break
                }
            }
            func end(_ name: Substring) {
                switch name {
                case "v": inV = false
                case "t": inT = false
                case "rPh": inPhonetic = false
                case "c":
                    let text: String
                    switch type {
                    case "s": text = Int(value).flatMap { $0 >= 0 && $0 < shared.count ? shared[$0] : nil } ?? ""
                    case "inlineStr": text = inline
                    case "b": text = value == "1" ? "TRUE" : value == "0" ? "FALSE" : value
                    default: text = value
                    }
                    if formula, value.isEmpty, type != "inlineStr", column >= 0 { uncomputed.append(column) }
                    guard column >= 0, !text.isEmpty else { return }
                    if cells.count <= column { cells += Array(repeating: "", count: column + 1 - cells.count) }
                    cells[column] = text
                case "row":
                    rows.append(SheetTable.Row(number: rowNumber, cells: cells, uncomputed: uncomputed))
                default: break
                }
            }
            func text(_ s: String) {
                if inV { value += s } else { inline += s }
            }
        }
        let h = H(shared: shared)
        try XMLScanner.scan(xml, h, part: name)
        var rows = h.rows
        if !h.merges.isEmpty { fillMerges(&rows, h.merges) }
        return SheetTable(name: name, rows: rows)
    }

    /// Gives the value of each merged range's top-left cell to every cell of the range (a
    /// header over two columns, a project name merged over its visits' rows).
    static func fillMerges(_ rows: inout [SheetTable.Row], _ merges: [String]) {
        var index: [Int: Int] = [:]
        for (i, r) in rows.enumerated() { index[r.number] = i }
        for ref in merges {
            let ends = ref.split(separator: ":")
            guard ends.count == 2, let (c0, r0) = cell(String(ends[0])), let (c1, r1) = cell(String(ends[1])),
                  r1 >= r0, c1 >= c0, r1 - r0 < 100_000, c1 - c0 < 1_000 else { continue }
            guard let top = index[r0], case let value = rows[top][c0], !value.isEmpty else { continue }
            for r in r0...r1 {
                let i: Int
                if let found = index[r] {
                    i = found
                } else {
                    rows.append(SheetTable.Row(number: r, cells: []))
                    i = rows.count - 1
                    index[r] = i
                }
                if rows[i].cells.count <= c1 { rows[i].cells += Array(repeating: "", count: c1 + 1 - rows[i].cells.count) }
                for c in c0...c1 where rows[i].cells[c].isEmpty { rows[i].cells[c] = value }
            }
        }
        rows.sort { $0.number < $1.number }
    }

    /// The 0-based column of a cell reference (`AB12` -> 27).
    static func column(of ref: String) -> Int? { cell(ref)?.column }

    /// The 0-based column and the row number of a cell reference.
    static func cell(_ ref: String) -> (column: Int, row: Int)? {
        var column = 0
        var row = 0
        var letters = 0
        for u in ref.utf8 {
            switch u {
            case 65...90: guard row == 0 else { return nil }; column = column * 26 + Int(u - 64); letters += 1
            case 97...122: guard row == 0 else { return nil }; column = column * 26 + Int(u - 96); letters += 1
            case 48...57: row = row * 10 + Int(u - 48)
            case 36: continue  // $A$1
            default: return nil
            }
            if letters > 3 || row > 10_000_000 { return nil }
        }
        guard letters > 0 else { return nil }
        return (column - 1, row)
    }
}

/// What `XMLScanner` tells as it reads: start tags (a self-closing one is followed by its
/// end), end tags and, while `wantsText`, the character data (entities decoded).
protocol XMLHandler: AnyObject {
    var wantsText: Bool { get }
    func start(_ name: Substring, _ attributes: [(Substring, String)])
    func end(_ name: Substring)
    func text(_ s: String)
}

/// A small XML event reader for the parts of a workbook: elements, attributes, character data,
/// CDATA, the five named entities and numeric character references; comments, processing
/// instructions and the DOCTYPE are skipped. Names lose their namespace prefix (`x:row` is
/// `row`); attribute names keep theirs (`r:id`).
enum XMLScanner {
    static func scan(_ b: [UInt8], _ h: XMLHandler, part: String) throws {
        let n = b.count
        var i = 0
        func bad() -> SpreadsheetReadError { .badXML(part, i) }
        while i < n {
            if b[i] != 60 {  // '<'
                let s = i
                while i < n && b[i] != 60 { i += 1 }
                if h.wantsText { h.text(decode(b, s, i)) }
                continue
            }
            guard i + 1 < n else { throw bad() }
            switch b[i + 1] {
            case 63:  // <? ... ?>
                guard let e = find(b, [63, 62], from: i + 2) else { throw bad() }
                i = e + 2
            case 33:  // <!-- -->, <![CDATA[ ]]>, <!DOCTYPE>
                if i + 3 < n && b[i + 2] == 45 && b[i + 3] == 45 {
                    guard let e = find(b, [45, 45, 62], from: i + 4) else { throw bad() }
                    i = e + 3
                } else if i + 8 < n && Array(b[(i + 2)..<(i + 9)]) == Array("[CDATA[".utf8) {
                    guard let e = find(b, [93, 93, 62], from: i + 9) else { throw bad() }
                    if h.wantsText { h.text(String(decoding: b[(i + 9)..<e], as: UTF8.self)) }
                    i = e + 3
                } else {
                    guard let e = find(b, [62], from: i + 2) else { throw bad() }
                    i = e + 1
                }
            case 47:  // </name>
                guard let e = find(b, [62], from: i + 2) else { throw bad() }
                h.end(localName(b, i + 2, e))
                i = e + 1
            default:
                var j = i + 1
                while j < n && !isSpace(b[j]) && b[j] != 62 && b[j] != 47 { j += 1 }
                let name = localName(b, i + 1, j)
                var attributes: [(Substring, String)] = []
                while true {
                    while j < n && isSpace(b[j]) { j += 1 }
                    guard j < n else { throw bad() }
                    if b[j] == 62 { h.start(name, attributes); i = j + 1; break }
                    if b[j] == 47 {
                        guard j + 1 < n, b[j + 1] == 62 else { throw bad() }
                        h.start(name, attributes)
                        h.end(name)
                        i = j + 2
                        break
                    }
                    let ks = j
                    while j < n && b[j] != 61 && !isSpace(b[j]) && b[j] != 62 { j += 1 }
                    let key = Substring(String(decoding: b[ks..<j], as: UTF8.self))
                    while j < n && isSpace(b[j]) { j += 1 }
                    guard j < n, b[j] == 61 else { throw bad() }
                    j += 1
                    while j < n && isSpace(b[j]) { j += 1 }
                    guard j < n, b[j] == 34 || b[j] == 39 else { throw bad() }
                    let quote = b[j]
                    let vs = j + 1
                    j = vs
                    while j < n && b[j] != quote { j += 1 }
                    guard j < n else { throw bad() }
                    attributes.append((key, decode(b, vs, j)))
                    j += 1
                }
            }
        }
    }

    @inline(__always) static func isSpace(_ u: UInt8) -> Bool { u == 32 || u == 9 || u == 10 || u == 13 }

    static func localName(_ b: [UInt8], _ s: Int, _ e: Int) -> Substring {
        var end = e
        while end > s && isSpace(b[end - 1]) { end -= 1 }
        var start = s
        for k in s..<end where b[k] == 58 { start = k + 1 }  // drop `x:`
        return Substring(String(decoding: b[start..<end], as: UTF8.self))
    }

    static func find(_ b: [UInt8], _ needle: [UInt8], from: Int) -> Int? {
        var i = from
        let last = b.count - needle.count
        while i <= last {
            if b[i] == needle[0] {
                var k = 1
                while k < needle.count && b[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// Text with its entities decoded; a malformed entity stays as written.
    static func decode(_ b: [UInt8], _ s: Int, _ e: Int) -> String {
        guard b[s..<e].contains(38) else { return String(decoding: b[s..<e], as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(e - s)
        var i = s
        while i < e {
            guard b[i] == 38, let semi = b[i..<min(e, i + 12)].firstIndex(of: 59) else { out.append(b[i]); i += 1; continue }
            let name = String(decoding: b[(i + 1)..<semi], as: UTF8.self)
            var scalar: Unicode.Scalar?
            switch name {
            case "amp": scalar = "&"
            case "lt": scalar = "<"
            case "gt": scalar = ">"
            case "quot": scalar = "\""
            case "apos": scalar = "'"
            default:
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                } else if name.hasPrefix("#") {
                    scalar = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init)
                }
            }
            if let scalar {
                out.append(contentsOf: Array(String(scalar).utf8))
                i = semi + 1
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Reads CSV ledgers: the encoding found from the bytes (UTF-8 with or without a BOM, UTF-16
/// with a BOM, else GB18030, the superset of GBK and GB2312 that Excel on Chinese Windows
/// writes, through the system's iconv), then RFC 4180 fields (quotes, doubled quotes, line
/// breaks inside quotes, CRLF or LF).
public enum CSVReader {
    public static func read(_ bytes: [UInt8], name: String) throws -> SheetTable {
        let (text, encoding) = try decode(bytes)
        return SheetTable(name: name, rows: parse(text), encoding: encoding)
    }

    /// The text and the name of the encoding it was found in.
    public static func decode(_ bytes: [UInt8]) throws -> (String, String) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let s = String(validating: bytes.dropFirst(3), as: UTF8.self) else { throw SpreadsheetReadError.unknownEncoding }
            return (s, "UTF-8 (BOM)")
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let little = bytes[0] == 0xFF
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var i = 2
            while i + 1 < bytes.count {
                units.append(little ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]))
                i += 2
            }
            guard let s = String(validating: units, as: UTF16.self) else { throw SpreadsheetReadError.unknownEncoding }
            return (s, little ? "UTF-16LE (BOM)" : "UTF-16BE (BOM)")
        }
        if let s = String(validating: bytes, as: UTF8.self) { return (s, "UTF-8") }
        guard let s = iconv(bytes, from: "GB18030") else { throw SpreadsheetReadError.unknownEncoding }
        return (s, "GB18030")
    }

    /// `bytes` converted from `encoding` to UTF-8 by the system's iconv; nil when iconv does
    /// not know the encoding or the bytes are not in it.
    static func iconv(_ bytes: [UInt8], from encoding: String) -> String? {
        let cd = iconv_open("UTF-8", encoding)
        guard cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        let written: Int? = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                guard Glibc.iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1, inLeft == 0 else { return nil }
                return outBuf.count - outLeft
            }
        }
        guard let written else { return nil }
        return String(validating: output[0..<written], as: UTF8.self)
    }

    /// The records of a CSV text, each with the line it starts on. The separator is a comma,
    /// or a tab when the first line has tabs and no comma. Empty lines are left out.
    public static func parse(_ text: String) -> [SheetTable.Row] {
        let u = Array(text.utf8)
        let firstLine = u.prefix { $0 != 10 }
        let separator: UInt8 = firstLine.contains(9) && !firstLine.contains(44) ? 9 : 44
        var rows: [SheetTable.Row] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var start = 1
        var i = 0
        var quoted = false
        var any = false
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        func endRecord() {
            endField()
            if fields.contains(where: { !$0.isEmpty }) { rows.append(SheetTable.Row(number: start, cells: fields)) }
            fields = []
            any = false
        }
        while i < u.count {
            let c = u[i]
            if quoted {
                if c == 34 {
                    if i + 1 < u.count && u[i + 1] == 34 { field.append(34); i += 2; continue }
                    quoted = false
                } else {
                    if c == 10 { line += 1 }
                    field.append(c)
                }
                i += 1
                continue
            }
            switch c {
            case 34 where field.isEmpty: quoted = true; any = true
            case separator: endField(); any = true
            case 13 where i + 1 < u.count && u[i + 1] == 10: break
            case 10, 13:
                endRecord()
                line += 1
                start = line
            default: field.append(c); any = true
            }
            i += 1
        }
        if any || !field.isEmpty || !fields.isEmpty { endRecord() }
        return rows
    }
}
