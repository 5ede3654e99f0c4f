/// Scoring over a text's UTF-8 bytes without making a string per term (issue 19: a query that
/// matches most records must stay under 0.5 s). The result is exactly `Search.matchByTerms`'s:
/// the same terms (compared as scalars instead of strings), the same shares and phrase. Texts
/// and queries where comparing scalars could differ from comparing strings (Swift compares
/// strings by canonical equivalence) are left to `matchByTerms`: a CJK compatibility ideograph
/// (U+F900–FAFF, U+2F800–2FA1F, each equal to another ideograph as a string), a combining kana
/// sound mark (U+3099, U+309A) and a letter or digit outside ASCII and CJK (accents, Greek:
/// lower-cased by Unicode's tables, then compared as strings). Full-width Latin letters and
/// digits (ＥＲＰ, ２０２６) are read as the ASCII ones they stand for, as `terms` reads them.
extension Search {
    /// A query's keys as the scorer compares them; nil in `Query.compiled` when the query holds
    /// a scalar that only string comparison handles (see above), or more than 64 distinct keys
    /// or characters.
    struct Compiled: Sendable {
        enum Key: Sendable {
            case pair(UInt32, UInt32)
            case single(UInt32)
            case word([UInt8])
        }

        /// `Query.keys`, in their order.
        var keys: [Key]
        /// `Query.characters`' scalar values.
        var characters: [UInt32]
        /// For each of `Query.terms`: the index of its key in `keys`.
        var termKeys: [Int32]
        /// For each of `Query.terms` (from the second): whether it is a bigram continuing the
        /// previous one by one character (see `phraseEnd`).
        var continues: [Bool]

        init?(_ q: Query) {
            guard q.keys.count <= 64, q.characters.count <= 64 else { return nil }
            var keys: [Key] = []
            for k in q.keys {
                let s = Array(k.unicodeScalars)
                if s.allSatisfy({ Search.isCJK($0) }) {
                    guard !s.contains(where: { Search.onlyAsString($0.value) }) else { return nil }
                    if s.count == 1 {
                        keys.append(.single(s[0].value))
                    } else if s.count == 2 {
                        keys.append(.pair(s[0].value, s[1].value))
                    } else {
                        return nil
                    }
                } else {
                    guard s.allSatisfy({ $0.isASCII }) else { return nil }
                    keys.append(.word(Array(k.utf8)))
                }
            }
            self.keys = keys
            characters = q.characters.map(\.value)
            guard !characters.contains(where: Search.onlyAsString) else { return nil }
            termKeys = q.terms.map { t in Int32(q.keys.firstIndex(of: t.key)!) }
            continues = q.terms.indices.map { j in
                j > 0 && q.terms[j].isCJK && q.terms[j - 1].isCJK && q.terms[j].start == q.terms[j - 1].start + 1
            }
        }

        func pair(_ a: UInt32, _ b: UInt32) -> Int32 {
            for (i, k) in keys.enumerated() {
                if case .pair(a, b) = k { return Int32(i) }
            }
            return -1
        }

        func single(_ a: UInt32) -> Int32 {
            for (i, k) in keys.enumerated() {
                if case .single(a) = k { return Int32(i) }
            }
            return -1
        }

        func word(_ w: [UInt8]) -> Int32 {
            for (i, k) in keys.enumerated() {
                if case .word(let b) = k, b == w { return Int32(i) }
            }
            return -1
        }
    }

    /// A CJK scalar whose string compares equal to another's, or that composes with the one
    /// before it.
    static func onlyAsString(_ v: UInt32) -> Bool {
        (0xF900...0xFAFF).contains(v) || (0x2F800...0x2FA1F).contains(v) || v == 0x3099 || v == 0x309A
    }

    /// Buffers a search reuses from text to text, so that scoring allocates nothing once they
    /// have grown.
    public struct Scratch {
        struct Term {
            /// The index of the term's key among the query's keys; -1: not one of them.
            var key: Int32
            var start: Int32
            var end: Int32
        }

        var terms: [Term] = []
        var word: [UInt8] = []

        public init() {}
    }

    /// The score of the UTF-8 `bytes` for `query` (nil: none of its terms), without the ranges;
    /// `.slow` when only `matchByTerms` can tell (see above).
    enum Scored {
        case none
        case score(Int, phrase: Range<Int>?)
        case slow
    }

    /// Cuts `bytes` into terms (as `terms` does) into `s.terms`; gives which of the query's
    /// keys and characters were found (bit masks), or nil when the text holds a scalar only
    /// strings compare rightly, or is not valid UTF-8.
    static func scan(_ c: Compiled, _ bytes: UnsafeBufferPointer<UInt8>, into s: inout Scratch) -> (keys: UInt64, chars: UInt64)? {
        s.terms.removeAll(keepingCapacity: true)
        s.word.removeAll(keepingCapacity: true)
        var keyMask: UInt64 = 0
        var charMask: UInt64 = 0
        var offset: Int32 = 0
        var wordStart: Int32 = 0
        var runStart: Int32 = 0
        var runLength = 0
        var previous: UInt32 = 0
        let n = bytes.count
        var i = 0
        func add(_ key: Int32, _ start: Int32, _ end: Int32) {
            if key >= 0 { keyMask |= 1 << UInt64(key) }
            s.terms.append(Scratch.Term(key: key, start: start, end: end))
        }
        func flushWord() {
            guard !s.word.isEmpty else { return }
            add(c.word(s.word), wordStart, offset)
            s.word.removeAll(keepingCapacity: true)
        }
        func flushRun() {
            if runLength == 1 { add(c.single(previous), runStart, runStart + 1) }
            runLength = 0
        }
        while i < n {
            let b0 = bytes[i]
            var v: UInt32
            if b0 < 0x80 {
                v = UInt32(b0)
                i += 1
                let lower = b0 | 0x20
                if (b0 >= 0x30 && b0 <= 0x39) || (lower >= 0x61 && lower <= 0x7A) {
                    flushRun()
                    if s.word.isEmpty { wordStart = offset }
                    s.word.append(b0 >= 0x41 && b0 <= 0x5A ? lower : b0)
                } else {
                    flushRun()
                    flushWord()
                }
                offset += 1
                continue
            }
            if b0 < 0xC2 || b0 > 0xF4 { return nil }
            let length = b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4
            guard i + length <= n else { return nil }
            v = UInt32(b0) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for k in 1..<length {
                let b = bytes[i + k]
                guard b & 0xC0 == 0x80 else { return nil }
                v = v << 6 | UInt32(b & 0x3F)
            }
            i += length
            let scalar = Unicode.Scalar(v)
            guard let scalar else { return nil }
            if isCJK(scalar) {
                if onlyAsString(v) { return nil }
                flushWord()
                for (k, ch) in c.characters.enumerated() where ch == v {
                    charMask |= 1 << UInt64(k)
                    break
                }
                if runLength == 0 {
                    runStart = offset
                } else {
                    add(c.pair(previous, v), offset - 1, offset + 1)
                }
                runLength += 1
                previous = v
            } else if let a = fullWidthASCII(v) {
                // ＥＲＰ is erp, as in `terms`: one scalar, one offset.
                flushRun()
                if s.word.isEmpty { wordStart = offset }
                s.word.append(a)
            } else if isWordScalar(scalar) {
                return nil
            } else {
                flushRun()
                flushWord()
            }
            offset += 1
        }
        flushRun()
        flushWord()
        return (keyMask, charMask)
    }

    /// The score of `bytes` for `query` (see `Search`), scanning them once into `s`.
    static func score(_ query: Query, _ c: Compiled, _ bytes: UnsafeBufferPointer<UInt8>, _ s: inout Scratch) -> Scored {
        guard let (keyMask, charMask) = scan(c, bytes, into: &s) else { return .slow }
        guard keyMask != 0 else { return .none }
        let termShare = Double(keyMask.nonzeroBitCount) / Double(query.keys.count)
        let charShare = c.characters.isEmpty ? termShare : Double(charMask.nonzeroBitCount) / Double(c.characters.count)
        // In order: each query term found after the previous one found.
        var inOrder = 0
        var after: Int32 = -1
        for key in c.termKeys {
            for t in s.terms where t.key == key && t.start > after {
                inOrder += 1
                after = t.start
                break
            }
        }
        let orderShare = Double(inOrder) / Double(c.termKeys.count)
        var phrase: Range<Int>?
        let first = c.termKeys[0]
        for i in s.terms.indices where s.terms[i].key == first {
            if let last = phraseEnd(c, s.terms, from: i) {
                phrase = Int(s.terms[i].start)..<Int(s.terms[last].end)
                break
            }
        }
        let raw = 50 * termShare + 20 * charShare + 10 * orderShare + (phrase == nil ? 0 : 20)
        return .score(Int((raw + 1e-9).rounded(.down)), phrase: phrase)
    }

    /// `phraseEnd` over the scanned terms.
    static func phraseEnd(_ c: Compiled, _ found: [Scratch.Term], from i: Int) -> Int? {
        var k = i
        for j in c.termKeys.indices.dropFirst() {
            if c.continues[j] {
                k += 1
                guard k < found.count, found[k].start == found[k - 1].start + 1 else { return nil }
            } else {
                let end = found[k].end
                k += 1
                while k < found.count, found[k].start < end { k += 1 }
                guard k < found.count else { return nil }
            }
            if found[k].key != c.termKeys[j] { return nil }
        }
        return k
    }

    /// The score alone of `text` for `query` (nil: it does not match), as `match` gives it.
    public static func score(_ query: Query, _ text: String, _ s: inout Scratch) -> Int? {
        guard !query.keys.isEmpty, !text.isEmpty else { return nil }
        if let c = query.compiled {
            var t = text
            let scored = t.withUTF8 { bytes -> Scored in
                guard mayMatch(query, utf8: bytes) else { return .none }
                return score(query, c, bytes, &s)
            }
            switch scored {
            case .none: return nil
            case .score(let n, _): return n
            case .slow: break
            }
        }
        return matchByTerms(query, text)?.score
    }

    /// `match` through the scorer: the score, then the ranges from the scanned terms.
    static func fastMatch(_ query: Query, _ text: String) -> Match?? {
        guard let c = query.compiled else { return .none }
        var s = Scratch()
        var t = text
        return t.withUTF8 { bytes -> Match?? in
            switch score(query, c, bytes, &s) {
            case .slow: return .none
            case .none: return .some(nil)
            case .score(let score, let phrase):
                var ranges: [Range<Int>] = []
                // The terms are in the order they start, no two at the same place.
                for h in s.terms where h.key >= 0 {
                    let start = Int(h.start), end = Int(h.end)
                    if let last = ranges.last, start <= last.upperBound {
                        ranges[ranges.count - 1] = last.lowerBound..<max(last.upperBound, end)
                    } else {
                        ranges.append(start..<end)
                    }
                }
                let best = phrase ?? ranges.max { $0.count < $1.count || ($0.count == $1.count && $0.lowerBound > $1.lowerBound) }!
                return .some(Match(score: score, ranges: ranges, best: best))
            }
        }
    }
}
