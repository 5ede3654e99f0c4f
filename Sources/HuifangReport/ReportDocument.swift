import HuifangCore

/// A report as a sequence of blocks that every text format renders the same way: Markdown
/// for git forges, self-contained HTML for print and e-mail. Record text is kept as given
/// here and escaped by each renderer.
public struct ReportDocument: Sendable {
    public var title: String
    public var subtitle: String
    public var language: String
    public var blocks: [Block]
    /// What makes the report less than whole (records left out, ...): every renderer prints
    /// these first, as a note under the title.
    public var warnings: [String] = []

    /// The note's label in the report's language.
    public var warningLabel: String { language == "zh" ? "警告" : "Warning" }

    public init(title: String, subtitle: String, language: String, blocks: [Block] = []) {
        self.title = title
        self.subtitle = subtitle
        self.language = language
        self.blocks = blocks
    }

    public enum Block: Sendable {
        case heading(String)
        case subheading(String)
        case paragraph(String)
        case facts([(String, String)])
        case table(ReportTable)
        case bullets([String])
        case quote(String, source: String)
        case chart(Chart)
        /// Files that go with the report (a visit's attachments), as links: `href` is a
        /// relative path, percent-encoded by the renderers.
        case links([(text: String, href: String)])
    }

    /// A relative path as a URL path: every byte but unreserved characters and '/' percent-encoded,
    /// so that no file name can turn into a scheme, a query or markup.
    public static func urlPath(_ path: String) -> String {
        var out = ""
        for b in path.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out += "%" + String(hex[Int(b >> 4)]) + String(hex[Int(b & 15)])
            }
        }
        return out
    }
}

public struct ReportTable: Sendable {
    public var headers: [String]
    public var rows: [[String]]
    /// Columns aligned right (numbers).
    public var numeric: Set<Int>
    /// The table's sheet name in xlsx when not its heading (two tables under one heading).
    public var sheet: String?
    /// Cells that are links in HTML (the static site): column -> one relative href per row
    /// ("" for a cell without one). Other formats show the text only.
    public var links: [Int: [String]] = [:]
    /// HTML only: a class per cell of `rows` (nil: none), e.g. the risk matrix's zones, and the
    /// legend under the table that says what each class means (class, text). Text formats show
    /// the table without them.
    public var cellClasses: [[String?]]?
    public var legend: [(cls: String, text: String)] = []

    public init(headers: [String], rows: [[String]], numeric: Set<Int> = []) {
        self.headers = headers
        self.rows = rows
        self.numeric = numeric
    }
}

/// A small chart drawn as inline SVG in HTML (and as a table in Markdown).
public struct Chart: Sendable {
    public enum Kind: Sendable { case bars, line }

    public var kind: Kind
    public var title: String
    public var labels: [String]
    /// One or more named series; nil values are gaps ("n/a").
    public var series: [(name: String, values: [Double?])]
    /// Upper end of the value axis (1 for rates, the scale for scores); nil: the largest value.
    public var maximum: Double?
    /// How a value is printed (e.g. as a percentage).
    public var percent: Bool
    /// The same numbers follow in a table: text formats show only the picture's title.
    public var tabulated = false
    /// What a missing value reads as (the report's language).
    public var missing = "n/a"

    public init(kind: Kind, title: String, labels: [String], series: [(name: String, values: [Double?])], maximum: Double? = nil, percent: Bool = false) {
        self.kind = kind
        self.title = title
        self.labels = labels
        self.series = series
        self.maximum = maximum
        self.percent = percent
    }

    public func format(_ v: Double?) -> String {
        guard let v else { return missing }
        if percent { return ReportNumber.percent(v) }
        return ReportNumber.decimal(v, digits: isCounts ? 0 : 2)
    }

    /// Every value is a whole number (counts), printed without decimals.
    var isCounts: Bool { series.allSatisfy { $0.values.allSatisfy { ($0 ?? 0) == ($0 ?? 0).rounded() } } }
}

/// Numbers as reports print them: percentages with one decimal, `missing` for no value: the
/// code "n/a" by default (CSV cells, spreadsheets); text for people passes the catalogue's
/// word, `L["report.n/a"]` (无数据 / n/a).
public enum ReportNumber {
    public static func percent(_ fraction: Double?) -> String { percent(fraction, missing: "n/a") }

    public static func percent(_ fraction: Double?, missing: String) -> String {
        guard let f = fraction else { return missing }
        return decimal(f * 100, digits: 1) + "%"
    }

    /// `decimal(d, digits:)`, with as many more digits (up to 6 more) as it takes for a value
    /// that is not `reference` not to read as it: 89.99 against 90, never 90.0 beside a verdict
    /// that 90 was missed.
    public static func decimal(_ d: Double?, digits: Int, apartFrom reference: Double, missing: String = "n/a") -> String {
        guard let d else { return missing }
        var n = digits
        while n < digits + 6, abs(d - reference) > Assessment.tolerance, decimal(d, digits: n) == decimal(reference, digits: n) { n += 1 }
        return decimal(d, digits: n)
    }

    /// `percent(f)`, with enough digits not to read as `reference` (see `decimal(_:digits:apartFrom:)`).
    public static func percent(_ fraction: Double?, apartFrom reference: Double) -> String {
        guard let f = fraction else { return "n/a" }
        return decimal(f * 100, digits: 1, apartFrom: reference * 100) + "%"
    }

    public static func decimal(_ d: Double?, digits: Int) -> String { decimal(d, digits: digits, missing: "n/a") }

    public static func decimal(_ d: Double?, digits: Int, missing: String) -> String {
        guard let d else { return missing }
        var scale = 1
        for _ in 0..<digits { scale *= 10 }
        let n = Int((abs(d) * Double(scale)).rounded())
        let sign = d < 0 && n != 0 ? "-" : ""
        if digits == 0 { return sign + String(n) }
        let frac = String(n % scale)
        return sign + String(n / scale) + "." + String(repeating: "0", count: digits - frac.count) + frac
    }
}
