/// GitHub-flavoured Markdown that renders well on a git forge. Record text is escaped so that
/// it cannot break a table, start a heading or inject HTML.
public enum MarkdownRenderer {
    public static func render(_ doc: ReportDocument) -> String {
        var out = "# \(inline(doc.title))\n\n"
        if !doc.subtitle.isEmpty { out += "_\(inline(doc.subtitle))_\n\n" }
        for w in doc.warnings { out += "> **\(doc.warningLabel):** \(inline(w))\n\n" }
        for block in doc.blocks {
            switch block {
            case .heading(let t): out += "## \(inline(t))\n\n"
            case .subheading(let t): out += "### \(inline(t))\n\n"
            case .paragraph(let t): out += inline(t) + "\n\n"
            case .facts(let pairs):
                out += table(ReportTable(headers: ["", ""], rows: pairs.map { [$0.0, $0.1] }), headless: true)
            case .table(let t): out += table(t, headless: false)
            case .bullets(let items):
                out += items.map { "- " + inline($0) }.joined(separator: "\n") + "\n\n"
            case .quote(let text, let source):
                out += "> " + inline(text) + (source.isEmpty ? "" : " — " + inline(source)) + "\n\n"
            case .links(let links):
                out += links.map { "- [" + inline($0.text) + "](" + ReportDocument.urlPath($0.href) + ")" }.joined(separator: "\n") + "\n\n"
            case .chart(let c):
                if c.tabulated { continue }
                out += "**\(inline(c.title))**\n\n"
                let headers = [""] + c.labels
                let rows = c.series.map { [$0.name] + $0.values.map(c.format) }
                out += table(ReportTable(headers: headers, rows: rows, numeric: Set(1..<headers.count)), headless: false)
            }
        }
        while out.hasSuffix("\n\n") { out.removeLast() }
        return out
    }

    static func table(_ t: ReportTable, headless: Bool) -> String {
        if t.rows.isEmpty { return "" }
        var out = ""
        let headers = headless ? t.headers.map { _ in " " } : t.headers.map(cell)
        out += "| " + headers.joined(separator: " | ") + " |\n"
        out += "|" + t.headers.indices.map { t.numeric.contains($0) ? "---:|" : "---|" }.joined() + "\n"
        for row in t.rows {
            out += "| " + row.enumerated().map { headless && $0.offset == 0 ? "**\(cell($0.element))**" : cell($0.element) }.joined(separator: " | ") + " |\n"
        }
        return out + "\n"
    }

    /// Text inside a table cell: pipes escaped, line breaks as <br>.
    static func cell(_ s: String) -> String {
        inline(s).replacingOccurrences(of: "|", with: "\\|")
    }

    /// Text on one line with Markdown and HTML syntax neutralised.
    public static func inline(_ s: String) -> String {
        var out = ""
        for c in TerminalText.clean(s.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")) {
            switch c {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "*", "_", "`", "[", "]", "#", "\\": out += "\\" + String(c)
            default: out.append(c)
            }
        }
        return out
    }
}
