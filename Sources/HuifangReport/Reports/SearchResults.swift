import HuifangCore

/// What `huifang search` prints: one line per matching field, best first, with a snippet of
/// about `snippetWidth` display columns around the best match and every match in it marked.
public struct SearchResults: Sendable {
    public var query: String
    public var hits: [SearchHit]
    /// How many fields matched before `--limit` kept the first ones.
    public var total: Int
    public static let snippetWidth = 40

    public init(query: String, hits: [SearchHit], total: Int) {
        self.query = query
        self.hits = hits
        self.total = total
    }

    /// A piece of a snippet: text, and whether it matched.
    public typealias Piece = (text: String, matched: Bool)

    /// The snippet of a hit: about `width` display columns of its text around the best match,
    /// `…` where the text was cut, line breaks and control characters as spaces; the pieces that
    /// matched are flagged.
    public static func snippet(_ hit: SearchHit, width: Int = snippetWidth) -> [Piece] {
        let scalars = Array(hit.text.unicodeScalars)
        let widths = scalars.map { TerminalText.isControl($0) || TerminalText.isBidiControl($0) ? 1 : DisplayWidth.of($0) }
        let best = hit.match.best.clamped(to: 0..<scalars.count)
        var lo = best.lowerBound
        var hi = best.upperBound
        var used = widths[lo..<hi].reduce(0, +)
        // Grow around the match: a third of the room before it, the rest after; what one side
        // cannot use goes to the other.
        let before = max(0, (width - used) / 3)
        var spent = 0
        while lo > 0, spent + widths[lo - 1] <= before {
            lo -= 1
            spent += widths[lo]
        }
        used += spent
        while hi < scalars.count, used + widths[hi] <= width {
            used += widths[hi]
            hi += 1
        }
        while lo > 0, used + widths[lo - 1] <= width {
            lo -= 1
            used += widths[lo]
        }
        var pieces: [Piece] = []
        if lo > 0 { pieces.append(("…", false)) }
        var i = lo
        for r in hit.match.ranges where r.upperBound > lo && r.lowerBound < hi {
            let s = max(r.lowerBound, lo), e = min(r.upperBound, hi)
            if i < s { pieces.append((text(scalars[i..<s]), false)) }
            pieces.append((text(scalars[s..<e]), true))
            i = e
        }
        if i < hi { pieces.append((text(scalars[i..<hi]), false)) }
        if hi < scalars.count { pieces.append(("…", false)) }
        return pieces
    }

    static func text(_ s: ArraySlice<Unicode.Scalar>) -> String {
        var out = String.UnicodeScalarView()
        for c in s { out.append(TerminalText.isControl(c) || TerminalText.isBidiControl(c) ? " " : c) }
        return String(out)
    }

    /// The snippet as one line, each match between the catalogue's marks (【】 in Chinese,
    /// ** in English).
    public static func marked(_ pieces: [Piece], _ L: Catalogue) -> String {
        pieces.map { $0.matched ? L["search.mark_open"] + $0.text + L["search.mark_close"] : $0.text }.joined()
    }

    /// The table: score, record, project, date, field, snippet. `paint` styles a match on a
    /// terminal (then the marks are left out); nil gives the marks.
    public func table(_ L: Catalogue, paint: ((String) -> String)? = nil) -> String {
        guard !hits.isEmpty else { return "" }
        var t = TextTable(headers: [L["search.col.score"], L["search.col.record"], L["col.project"], L["col.date"],
                                    L["search.col.field"], L["search.col.snippet"]])
        t.rightAligned = [0]
        let snippets = hits.map { Self.snippet($0) }
        for (h, s) in zip(hits, snippets) {
            let plain = paint == nil ? Self.marked(s, L) : s.map(\.text).joined()
            t.add([String(h.match.score), L("search.record", ["kind": L["search.kind." + h.kind], "id": h.id]), h.project,
                   h.date.description, L["search.field." + h.field], plain])
        }
        var lines = t.render().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let paint {
            // The snippet is the last column, never padded: swap its plain text for the painted one.
            for (i, s) in snippets.enumerated() {
                let plain = s.map(\.text).joined()
                let row = i + 2
                guard row < lines.count, lines[row].hasSuffix(plain) else { continue }
                lines[row] = String(lines[row].dropLast(plain.count)) + s.map { $0.matched ? paint($0.text) : $0.text }.joined()
            }
        }
        var out = lines.joined(separator: "\n")
        if total > hits.count { out += L("search.more", ["shown": String(hits.count), "total": String(total)]) + "\n" }
        return out
    }

    /// `{"query", "total", "results": [{kind, id, project, date, field, score, text, matches,
    /// best, snippet}]}`; offsets count Unicode code points of `text` (end excluded).
    public var json: JSONValue {
        .object([
            ("query", .string(query)),
            ("total", .int(total)),
            ("results", .array(hits.map { h in
                .object([
                    ("kind", .string(h.kind)), ("id", .string(h.id)), ("project", .string(h.project)),
                    ("date", .string(h.date.description)), ("field", .string(h.field)), ("score", .int(h.match.score)),
                    ("text", .string(h.text)),
                    ("matches", .array(h.match.ranges.map { .array([.int($0.lowerBound), .int($0.upperBound)]) })),
                    ("best", .array([.int(h.match.best.lowerBound), .int(h.match.best.upperBound)])),
                    ("snippet", .string(Self.snippet(h).map(\.text).joined())),
                ])
            })),
        ])
    }
}
