/// Full-text search without a word segmenter (Chinese has no spaces between words).
///
/// Text is cut into *terms*: a run of CJK characters gives its overlapping bigrams (a run of one
/// character gives that character), a run of other letters and digits gives one word, lower-cased.
/// Everything else (spaces, punctuation) separates runs. So 导出太慢 is 导出 出太 太慢, and
/// "Export SLOW" is export slow.
///
/// A text matches a query when it holds at least one of the query's terms. Its score, 0–100:
///
///     50 × the share of the query's distinct terms found in the text
///   + 20 × the share of the query's distinct CJK characters found (for a query without CJK:
///          the share of terms again)
///   + 10 × the share of the query's terms found in the query's order (greedily: each term
///          after the previous one found)
///   + 20 when the query's terms stand in the text one after the other (the exact phrase,
///          spacing and punctuation between the query's own runs aside: see `phraseEnd`)
///
/// rounded down to a whole number. So 导出太慢 scores 100 on 报表导出太慢了, 35 on 导出报表很慢
/// (导出 found, 导 出 慢 of 导出太慢's characters) and does not match 系统运行稳定.
/// Callers rank by score, then newest first.
public enum Search {
    /// One term of a text: its key (a bigram, a character or a lower-cased word) and where it
    /// stands, in Unicode scalars from the start of the text (`end` excluded).
    public struct Term: Sendable, Hashable {
        public var key: String
        public var start: Int
        public var end: Int
        public var isCJK: Bool
    }

    /// A query made ready for matching.
    public struct Query: Sendable {
        public let text: String
        public let terms: [Term]
        /// The distinct keys, in the order they first appear.
        public let keys: [String]
        /// The distinct CJK characters of the query.
        public let characters: [Unicode.Scalar]
        /// The CJK characters that stand alone in the query (a run of one), which a text's
        /// pairs hold too.
        let singles: Set<Unicode.Scalar>
        /// Each key's UTF-8 bytes (ASCII lower-cased) for a quick scan before scoring, or nil
        /// when the key has letters whose case only a full lower-casing finds.
        let probes: [[UInt8]?]
        /// Whether a key is a word (letters or digits outside CJK), which full-width letters
        /// may spell too (`mayMatch`).
        let hasWordKey: Bool
        /// The keys as the scorer over UTF-8 bytes compares them (nil: only strings compare
        /// them rightly; see `Search+Scorer`).
        private(set) var compiled: Compiled? = nil

        public init(_ text: String) {
            self.text = text
            terms = Search.terms(text)
            var seen = Set<String>()
            keys = terms.map(\.key).filter { seen.insert($0).inserted }
            var chars: [Unicode.Scalar] = []
            for c in text.unicodeScalars where Search.isCJK(c) && !chars.contains(c) { chars.append(c) }
            characters = chars
            singles = Set(terms.filter { $0.isCJK && $0.end - $0.start == 1 }.compactMap(\.key.unicodeScalars.first))
            probes = keys.map { k in k.unicodeScalars.allSatisfy { $0.isASCII || Search.isCJK($0) } ? Array(k.utf8) : nil }
            hasWordKey = keys.contains { k in k.unicodeScalars.first.map { !Search.isCJK($0) } ?? false }
            // A lone CJK character (慢) is also found inside the text's pairs: only the terms' path does that.
            compiled = singles.isEmpty ? Compiled(self) : nil
        }

        /// No letters at all (empty, digits and punctuation only): nothing worth searching for.
        public var hasLetters: Bool { text.unicodeScalars.contains { $0.properties.isAlphabetic } }
    }

    /// A text that matched: its score and the stretches that matched, merged and in order
    /// (Unicode scalar offsets, `end` excluded).
    public struct Match: Sendable, Equatable {
        public var score: Int
        public var ranges: [Range<Int>]
        /// The stretch to show first: the exact phrase if found, else the longest stretch.
        public var best: Range<Int>
    }

    public static func isCJK(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        return (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xF900...0xFAFF).contains(v)
            || (0x3040...0x30FF).contains(v) || (0xAC00...0xD7A3).contains(v) || (0x20000...0x3FFFD).contains(v)
    }

    /// A full-width Latin letter or digit (ＥＲＰ, ２０２６: U+FF10–FF19, U+FF21–FF3A, U+FF41–FF5A)
    /// as the lower-case ASCII byte it stands for, so that ＥＲＰ and ERP are one term; nil for
    /// any other scalar. (Full-width punctuation separates terms as ASCII punctuation does.)
    @inline(__always) static func fullWidthASCII(_ v: UInt32) -> UInt8? {
        switch v {
        case 0xFF10...0xFF19, 0xFF41...0xFF5A: return UInt8(v - 0xFEE0)
        case 0xFF21...0xFF3A: return UInt8(v - 0xFEE0) | 0x20
        default: return nil
        }
    }

    static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || c.properties.numericType != nil
    }

    /// The terms of `text`, in order.
    public static func terms(_ text: String) -> [Term] {
        var out: [Term] = []
        var cjkRun: [Unicode.Scalar] = []
        var cjkStart = 0
        var word = ""
        var wordStart = 0
        func flushCJK() {
            if cjkRun.count == 1 {
                out.append(Term(key: String(cjkRun[0]), start: cjkStart, end: cjkStart + 1, isCJK: true))
            } else if cjkRun.count > 1 {
                for i in 0..<(cjkRun.count - 1) {
                    var k = String(cjkRun[i])
                    k.unicodeScalars.append(cjkRun[i + 1])
                    out.append(Term(key: k, start: cjkStart + i, end: cjkStart + i + 2, isCJK: true))
                }
            }
            cjkRun.removeAll(keepingCapacity: true)
        }
        var offset = 0
        for c in text.unicodeScalars {
            if isCJK(c) {
                if !word.isEmpty {
                    out.append(Term(key: word, start: wordStart, end: offset, isCJK: false))
                    word = ""
                }
                if cjkRun.isEmpty { cjkStart = offset }
                cjkRun.append(c)
            } else if isWordScalar(c) {
                flushCJK()
                if word.isEmpty { wordStart = offset }
                if c.isASCII {
                    word.unicodeScalars.append(c.properties.isUppercase ? Unicode.Scalar(c.value + 32)! : c)
                } else if let a = fullWidthASCII(c.value) {
                    word.unicodeScalars.append(Unicode.Scalar(a))
                } else {
                    word += c.properties.lowercaseMapping
                }
            } else {
                flushCJK()
                if !word.isEmpty {
                    out.append(Term(key: word, start: wordStart, end: offset, isCJK: false))
                    word = ""
                }
            }
            offset += 1
        }
        flushCJK()
        if !word.isEmpty { out.append(Term(key: word, start: wordStart, end: offset, isCJK: false)) }
        return out
    }

    /// The score of `text` for `query`, or nil when it holds none of the query's terms.
    public static func match(_ query: Query, _ text: String) -> Match? {
        guard !query.keys.isEmpty, !text.isEmpty, mayMatch(query, text) else { return nil }
        if let fast = fastMatch(query, text) { return fast }
        return matchByTerms(query, text)
    }

    /// `match` by cutting the text into `terms` (strings): what the scorer over UTF-8 bytes
    /// (`Search+Scorer`) gives, and what answers when it cannot.
    static func matchByTerms(_ query: Query, _ text: String) -> Match? {
        guard !query.keys.isEmpty, !text.isEmpty, mayMatch(query, text) else { return nil }
        let found = terms(text)
        let wanted = Set(query.keys)
        var hits = found.filter { wanted.contains($0.key) }
        // A character the query has alone (a run of one: 慢) stands in the text's pairs too
        // (响应偏慢 is 响应 应偏 偏慢): a hit on that character, not on the pair.
        if !query.singles.isEmpty {
            var seen = Set<Int>()
            for t in found where t.isCJK && t.end - t.start == 2 {
                for (k, c) in t.key.unicodeScalars.enumerated() where query.singles.contains(c) && seen.insert(t.start + k).inserted {
                    hits.append(Term(key: String(c), start: t.start + k, end: t.start + k + 1, isCJK: true))
                }
            }
            hits.sort { ($0.start, $0.end) < ($1.start, $1.end) }
        }
        guard !hits.isEmpty else { return nil }
        let hitKeys = Set(hits.map(\.key))
        let termShare = Double(hitKeys.count) / Double(query.keys.count)
        let charShare: Double
        if query.characters.isEmpty {
            charShare = termShare
        } else {
            let present = Set(text.unicodeScalars.filter(isCJK))
            charShare = Double(query.characters.filter(present.contains).count) / Double(query.characters.count)
        }
        // In order: each query term found after the previous one found.
        var inOrder = 0
        var after = -1
        for t in query.terms {
            if let next = hits.first(where: { $0.key == t.key && $0.start > after }) {
                inOrder += 1
                after = next.start
            }
        }
        let orderShare = Double(inOrder) / Double(query.terms.count)
        // The exact phrase: the query's terms one after the other among the text's terms.
        var phrase: Range<Int>?
        if query.terms.count == 1, let only = query.terms.first, query.singles.contains(where: { String($0) == only.key }) {
            phrase = hits.first.map { $0.start..<$0.end }
        }
        for i in found.indices where phrase == nil && found[i].key == query.terms[0].key {
            if let last = phraseEnd(query.terms, found, from: i) {
                phrase = found[i].start..<found[last].end
                break
            }
        }
        let raw = 50 * termShare + 20 * charShare + 10 * orderShare + (phrase == nil ? 0 : 20)
        let score = Int((raw + 1e-9).rounded(.down))
        // Merge the stretches that matched.
        var ranges: [Range<Int>] = []
        for h in hits.sorted(by: { ($0.start, $0.end) < ($1.start, $1.end) }) {
            if let last = ranges.last, h.start <= last.upperBound {
                ranges[ranges.count - 1] = last.lowerBound..<max(last.upperBound, h.end)
            } else {
                ranges.append(h.start..<h.end)
            }
        }
        let best = phrase ?? ranges.max { $0.count < $1.count || ($0.count == $1.count && $0.lowerBound > $1.lowerBound) }!
        return Match(score: score, ranges: ranges, best: best)
    }

    /// Where the query's terms, from `found[i]` on, stand one after the other in the text: the
    /// index of the last one, or nil. A bigram that continues the query's previous one must
    /// continue it in the text too (one character on); a term that starts a new run of the query
    /// (after a space or punctuation) must be the text's next term that does not overlap the
    /// previous one, so 打印 格式 stands in 打印格式 and export slow in "export, slow".
    static func phraseEnd(_ q: [Term], _ found: [Term], from i: Int) -> Int? {
        var k = i
        for j in 1..<q.count {
            if q[j].isCJK && q[j - 1].isCJK && q[j].start == q[j - 1].start + 1 {
                k += 1
                guard k < found.count, found[k].start == found[k - 1].start + 1 else { return nil }
            } else {
                let end = found[k].end
                k += 1
                while k < found.count, found[k].start < end { k += 1 }
                guard k < found.count else { return nil }
            }
            if found[k].key != q[j].key { return nil }
        }
        return k
    }

    /// A quick scan of the bytes: false when no term of the query can be in `text` (most texts),
    /// so that only the few that may match are cut into terms.
    static func mayMatch(_ query: Query, _ text: String) -> Bool {
        var t = text
        return t.withUTF8 { mayMatch(query, utf8: $0) }
    }

    /// `mayMatch` on a text's UTF-8 bytes (the search index keeps texts so, and makes a string
    /// only of those that may match): false when no term of the query can be in them.
    public static func mayMatch(_ query: Query, utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if query.probes.contains(where: { $0 == nil }) { return true }
        for case let p? in query.probes where contains(bytes, p) { return true }
        // A word written in full-width letters or digits (ＥＲＰ) is the ASCII word (erp): such a
        // text may hold a word key that the bytes above do not show.
        return query.hasWordKey && hasFullWidthLetterOrDigit(bytes)
    }

    /// Whether the UTF-8 `bytes` hold a full-width Latin letter or digit (EF BC 90–99,
    /// EF BC A1–BA, EF BD 81–9A).
    static func hasFullWidthLetterOrDigit(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = bytes.count
        var i = 0
        while i + 2 < n {
            if bytes[i] == 0xEF {
                let b1 = bytes[i + 1], b2 = bytes[i + 2]
                if (b1 == 0xBC && ((b2 >= 0x90 && b2 <= 0x99) || (b2 >= 0xA1 && b2 <= 0xBA))) || (b1 == 0xBD && b2 >= 0x81 && b2 <= 0x9A) {
                    return true
                }
            }
            i += 1
        }
        return false
    }

    /// Whether `bytes` holds `needle`, comparing ASCII letters without case (`needle` is lower-case).
    static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        let m = needle.count
        guard m > 0, bytes.count >= m else { return false }
        let first = needle[0]
        var i = 0
        let last = bytes.count - m
        while i <= last {
            var b = bytes[i]
            if b >= 0x41 && b <= 0x5A { b |= 0x20 }
            if b == first {
                var j = 1
                while j < m {
                    var x = bytes[i + j]
                    if x >= 0x41 && x <= 0x5A { x |= 0x20 }
                    if x != needle[j] { break }
                    j += 1
                }
                if j == m { return true }
            }
            i += 1
        }
        return false
    }
}

/// One field of one record that matched a search.
public struct SearchHit: Sendable {
    /// `visit`, `issue`, `case` (an issue's case analysis: `id` is the issue's), `improvement` or `risk`.
    public var kind: String
    public var id: String
    public var project: String
    /// The record's day: a visit's date, an issue's raised day (also for its case analysis), an
    /// improvement's deadline, a risk's raised day.
    public var date: Day
    /// The field's code: `summary`, `quote`, `need`, `competitor` (a visit); `title`,
    /// `resolution` (an issue); a case analysis's section, `course`, `cause`, `measures`,
    /// `lessons`, `scope`; `title`, `expected_effect` (an improvement); `title`, `plan`, `note`
    /// (a review's), `reason` (the closing's) (a risk).
    public var field: String
    public var text: String
    public var match: Search.Match

    public init(kind: String, id: String, project: String, date: Day, field: String, text: String, match: Search.Match) {
        self.kind = kind
        self.id = id
        self.project = project
        self.date = date
        self.field = field
        self.text = text
        self.match = match
    }
}

extension Search {
    /// Hits by relevance: the higher score first, then the newer record, then by id and field
    /// (so that the order never depends on the order the records were read in). One hit per
    /// record and field, the best of a record's fields first; `limit` keeps the first ones.
    public static func ranked(_ hits: [SearchHit], limit: Int? = nil) -> [SearchHit] {
        let sorted = hits.sorted { a, b in
            if a.match.score != b.match.score { return a.match.score > b.match.score }
            if a.date != b.date { return a.date > b.date }
            if a.id != b.id { return a.id < b.id }
            return a.field < b.field
        }
        guard let limit, limit < sorted.count else { return sorted }
        return Array(sorted.prefix(limit))
    }
}
