/// A report for the terminal: headings underlined, facts aligned, tables aligned by display
/// width so that Chinese text lines up, record text cleaned of control sequences.
public enum TerminalRenderer {
    public static func render(_ doc: ReportDocument) -> String {
        var out = TerminalText.clean(doc.title) + "\n"
        if !doc.subtitle.isEmpty { out += TerminalText.clean(doc.subtitle) + "\n" }
        for w in doc.warnings { out += "\n" + doc.warningLabel + ": " + TerminalText.clean(w) + "\n" }
        for block in doc.blocks {
            switch block {
            case .heading(let t):
                let clean = TerminalText.clean(t)
                out += "\n" + clean + "\n" + String(repeating: "=", count: DisplayWidth.of(clean)) + "\n"
            case .subheading(let t):
                out += "\n" + TerminalText.clean(t) + "\n"
            case .paragraph(let t): out += TerminalText.clean(t) + "\n"
            case .facts(let pairs):
                let w = pairs.map { DisplayWidth.of($0.0) }.max() ?? 0
                for (k, v) in pairs { out += "  " + DisplayWidth.pad(TerminalText.clean(k), to: w) + "  " + TerminalText.clean(v) + "\n" }
            case .table(let t):
                if t.rows.isEmpty { continue }
                var table = TextTable(headers: t.headers)
                table.rightAligned = t.numeric
                for r in t.rows { table.add(r) }
                out += table.render().split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
            case .bullets(let items):
                for i in items { out += "  - " + TerminalText.clean(i) + "\n" }
            case .quote(let text, let source):
                out += "  「" + TerminalText.clean(text) + "」" + (source.isEmpty ? "" : "  — " + TerminalText.clean(source)) + "\n"
            case .links(let links):
                for l in links { out += "  - " + TerminalText.clean(l.text) + " (" + TerminalText.clean(l.href) + ")\n" }
            case .chart(let c):
                if c.tabulated { continue }
                out += "  " + TerminalText.clean(c.title) + "\n"
                var table = TextTable(headers: [""] + c.labels)
                table.rightAligned = Set(1...max(1, c.labels.count))
                for s in c.series { table.add([s.name] + s.values.map(c.format)) }
                out += table.render().split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
            }
        }
        return out
    }
}
