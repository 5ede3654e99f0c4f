/// One self-contained HTML file: inline CSS, inline SVG charts, no scripts, no network. Every
/// piece of record text is escaped, so a record can never inject markup into a report.
public enum HTMLRenderer {
    public static func render(_ doc: ReportDocument) -> String { render(doc, nav: [], after: "") }

    /// A page of the static site: `nav` (relative links) above the title, `after` (markup the
    /// site builder made, escaped there) after the blocks.
    static func render(_ doc: ReportDocument, nav: [(text: String, href: String)], after: String) -> String {
        var out = ""
        out.reserveCapacity(16384)
        out += """
            <!DOCTYPE html>
            <html lang="\(escape(doc.language == "zh" ? "zh-CN" : "en"))">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(doc.title))</title>
            <style>\(css)</style>
            </head>
            <body>

            """
        if !nav.isEmpty {
            out += "<nav style=\"background:#f0f4f8;border-bottom:1px solid #d9e2ec;padding:8px 32px;font-size:14px\">"
            out += nav.map { "<a href=\"\(escape(ReportDocument.urlPath($0.href)))\" style=\"margin-right:18px\">\(escape($0.text))</a>" }.joined()
            out += "</nav>\n"
        }
        out += "<main>\n<h1>\(escape(doc.title))</h1>\n"
        if !doc.subtitle.isEmpty { out += "<p class=\"subtitle\">\(escape(doc.subtitle))</p>\n" }
        for w in doc.warnings {
            out += "<p class=\"warning\" role=\"alert\" style=\"border-left:4px solid #d97706;background:#fffbeb;padding:6px 12px\">"
            out += "<strong>\(escape(doc.warningLabel)):</strong> \(escape(w))</p>\n"
        }
        for block in doc.blocks {
            switch block {
            case .heading(let t): out += "<h2>\(escape(t))</h2>\n"
            case .subheading(let t): out += "<h3>\(escape(t))</h3>\n"
            case .paragraph(let t): out += "<p>\(escape(t))</p>\n"
            case .facts(let pairs):
                out += "<dl class=\"facts\">\n"
                for (k, v) in pairs { out += "<dt>\(escape(k))</dt><dd>\(escape(v))</dd>\n" }
                out += "</dl>\n"
            case .table(let t): out += table(t)
            case .bullets(let items):
                out += "<ul>\n" + items.map { "<li>\(escape($0))</li>\n" }.joined() + "</ul>\n"
            case .quote(let text, let source):
                out += "<blockquote>\(escape(text))"
                if !source.isEmpty { out += "<cite>\(escape(source))</cite>" }
                out += "</blockquote>\n"
            case .chart(let c): out += chart(c)
            case .links(let links):
                out += "<ul class=\"links\">\n" + links.map {
                    "<li><a href=\"\(escape(ReportDocument.urlPath($0.href)))\">\(escape($0.text))</a></li>\n"
                }.joined() + "</ul>\n"
            }
        }
        out += after
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    static let css = """
        body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;\
        color:#1f2933;background:#fff;margin:0}main{max-width:1000px;margin:0 auto;padding:24px 32px}\
        h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;border-bottom:2px solid #d9e2ec;padding-bottom:4px;margin-top:32px}\
        h3{font-size:16px;margin-top:20px}.subtitle{color:#52606d;margin:0 0 16px}\
        table{border-collapse:collapse;width:100%;margin:8px 0 16px;font-size:13px}\
        th,td{border:1px solid #d9e2ec;padding:5px 8px;text-align:left;vertical-align:top}\
        th{background:#f0f4f8}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\
        dl.facts{display:grid;grid-template-columns:max-content auto;gap:4px 16px;font-size:14px}\
        dl.facts dt{color:#52606d}dl.facts dd{margin:0}\
        blockquote{border-left:4px solid #9fb3c8;margin:8px 0;padding:4px 12px;color:#334e68;background:#f8fafc}\
        blockquote cite{display:block;font-size:12px;color:#627d98;font-style:normal}\
        figure{margin:12px 0 20px}figcaption{font-weight:600;font-size:14px;margin-bottom:4px}\
        svg text{font-size:11px;fill:#334e68}\
        @media print{main{max-width:none;padding:0}h2{break-after:avoid}table,figure{break-inside:avoid}}
        """

    static let colors = ["#2f6fb0", "#e07b39", "#3a9d5d", "#b83b5e", "#7b5ea7", "#c9a227"]

    static func table(_ t: ReportTable) -> String {
        if t.rows.isEmpty { return "" }
        var out = "<table>\n<thead><tr>"
        for (i, h) in t.headers.enumerated() { out += t.numeric.contains(i) ? "<th class=\"n\">\(escape(h))</th>" : "<th>\(escape(h))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for (r, row) in t.rows.enumerated() {
            out += "<tr>"
            for (i, c) in row.enumerated() {
                var cell = escape(c)
                if let hrefs = t.links[i], r < hrefs.count, !hrefs[r].isEmpty {
                    cell = "<a href=\"\(escape(ReportDocument.urlPath(hrefs[r])))\">\(cell)</a>"
                }
                let own = cellClass(t, r, i)
                let classes = [t.numeric.contains(i) ? "n" : nil, own].compactMap { $0 }
                let style = own.flatMap { classStyles[$0] }.map { " style=\"\($0)\"" } ?? ""
                out += classes.isEmpty ? "<td>\(cell)</td>" : "<td class=\"\(escape(classes.joined(separator: " ")))\"\(style)>\(cell)</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        if !t.legend.isEmpty {
            out += "<p class=\"legend\">" + t.legend.map { item in
                "<span class=\"\(escape(item.cls))\" style=\"display:inline-block;padding:2px 8px;margin-right:6px;\(classStyles[item.cls] ?? "")\">\(escape(item.text))</span>"
            }.joined(separator: " ") + "</p>\n"
        }
        return out
    }

    /// The look of a cell class, inline (the style sheet of every report stays as it is): the
    /// risk matrix's zones, green, amber and red, dark enough text on each to read in print.
    static let classStyles = [
        "zone-low": "background:#dcf2e3", "zone-medium": "background:#fdf0c2", "zone-high": "background:#f9d0d0;font-weight:600",
    ]

    /// The class of cell `i` of row `r`, when the table gives one.
    static func cellClass(_ t: ReportTable, _ r: Int, _ i: Int) -> String? {
        guard let classes = t.cellClasses, r < classes.count, i < classes[r].count else { return nil }
        return classes[r][i]
    }

    /// A chart as inline SVG, with the values also in a `<title>` per mark for screen readers.
    static func chart(_ c: Chart) -> String {
        let width = 640.0
        let height = 220.0
        let left = 44.0
        let bottom = 36.0
        let top = 12.0
        let plotW = width - left - 12
        let plotH = height - bottom - top
        let values = c.series.flatMap { $0.values.compactMap { $0 } }
        var maxV = max(c.maximum ?? (values.max() ?? 1), 0.0001)
        // Whole-number axes (counts, score scales) get whole-number ticks.
        let whole = !c.percent && (c.isCounts || maxV == maxV.rounded())
        if whole { maxV = max(1, maxV.rounded(.up)) }
        let ticks = whole && maxV <= 10 ? Int(maxV) : 4
        func y(_ v: Double) -> Double { top + plotH * (1 - min(v, maxV) / maxV) }
        var svg = "<figure><figcaption>\(escape(c.title))</figcaption>\n"
        svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height + (c.series.count > 1 ? 18 : 0)))\" width=\"100%\" role=\"img\" aria-label=\"\(escape(c.title))\">\n"
        for i in 0...ticks {
            let v = maxV * Double(i) / Double(ticks)
            svg += "<line x1=\"\(n(left))\" y1=\"\(n(y(v)))\" x2=\"\(n(width - 12))\" y2=\"\(n(y(v)))\" stroke=\"#e4e7eb\"/>"
            svg += "<text x=\"\(n(left - 4))\" y=\"\(n(y(v) + 4))\" text-anchor=\"end\">\(escape(c.percent ? ReportNumber.percent(v) : ReportNumber.decimal(v, digits: whole || maxV >= 10 ? 0 : 1)))</text>\n"
        }
        let groups = max(c.labels.count, 1)
        let groupW = plotW / Double(groups)
        for (gi, label) in c.labels.enumerated() {
            let cx = left + groupW * (Double(gi) + 0.5)
            svg += "<text x=\"\(n(cx))\" y=\"\(n(height - bottom + 16))\" text-anchor=\"middle\">\(escape(label))</text>\n"
        }
        switch c.kind {
        case .bars:
            let barW = groupW * 0.7 / Double(max(c.series.count, 1))
            for (si, s) in c.series.enumerated() {
                for (gi, v) in s.values.enumerated() {
                    guard let v else { continue }
                    let x = left + groupW * Double(gi) + groupW * 0.15 + barW * Double(si)
                    svg += "<rect x=\"\(n(x))\" y=\"\(n(y(v)))\" width=\"\(n(barW - 2))\" height=\"\(n(top + plotH - y(v)))\" fill=\"\(colors[si % colors.count])\">"
                    svg += "<title>\(escape(s.name)) \(escape(gi < c.labels.count ? c.labels[gi] : "")): \(escape(c.format(v)))</title></rect>\n"
                }
            }
        case .line:
            for (si, s) in c.series.enumerated() {
                var points: [String] = []
                for (gi, v) in s.values.enumerated() {
                    guard let v else { continue }
                    let x = left + groupW * (Double(gi) + 0.5)
                    points.append("\(n(x)),\(n(y(v)))")
                    svg += "<circle cx=\"\(n(x))\" cy=\"\(n(y(v)))\" r=\"3.5\" fill=\"\(colors[si % colors.count])\">"
                    svg += "<title>\(escape(s.name)) \(escape(gi < c.labels.count ? c.labels[gi] : "")): \(escape(c.format(v)))</title></circle>\n"
                }
                if points.count > 1 {
                    svg += "<polyline points=\"\(points.joined(separator: " "))\" fill=\"none\" stroke=\"\(colors[si % colors.count])\" stroke-width=\"2\"/>\n"
                }
            }
        }
        if c.series.count > 1 {
            var x = left
            for (si, s) in c.series.enumerated() {
                svg += "<rect x=\"\(n(x))\" y=\"\(n(height + 4))\" width=\"10\" height=\"10\" fill=\"\(colors[si % colors.count])\"/>"
                svg += "<text x=\"\(n(x + 14))\" y=\"\(n(height + 13))\">\(escape(s.name))</text>\n"
                x += 24 + Double(DisplayWidth.of(s.name)) * 6.5
            }
        }
        return svg + "</svg></figure>\n"
    }

    static func n(_ d: Double) -> String { ReportNumber.decimal(d, digits: 1) }

    /// HTML escaping of text and attribute values; control characters dropped.
    public static func escape(_ s: String) -> String {
        // Most text has nothing to escape or drop: returned as it is, after one scan of its bytes.
        var plain = true
        var previous: UInt8 = 0
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), 0x7F: plain = false
            case 0x80...0x9F where previous == 0xC2: plain = false  // U+0080–U+009F
            case 0..<0x20 where b != 0x0A && b != 0x09: plain = false
            default: break
            }
            if !plain { break }
            previous = b
        }
        if plain { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if c.value < 0x20 && c != "\n" && c != "\t" { continue }
                if c.value == 0x7F || (c.value >= 0x80 && c.value < 0xA0) { continue }
                out.unicodeScalars.append(c)
            }
        }
        return out
    }
}

