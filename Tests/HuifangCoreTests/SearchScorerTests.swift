import Testing

@testable import HuifangCore

/// The scorer over UTF-8 bytes and the bounded heap (issue 19's speed) give exactly what cutting
/// texts into string terms and sorting every hit gives (`Search.matchByTerms`, `Search.hits` +
/// `Search.ranked`), also on texts only string comparison handles rightly.
@Suite struct SearchScorerTests {
    /// A small deterministic generator (xorshift), so that a failure can be run again.
    struct Generator {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(n))
        }
    }

    /// Pieces texts are made of: the queries' characters and words in every case, other Chinese,
    /// spaces and punctuation, and what only strings compare rightly (a compatibility ideograph
    /// and the one it equals, a kana and a combining sound mark, accented and full-width letters).
    static let pieces: [String] = [
        "导", "出", "太", "慢", "报", "表", "系", "统", "运", "行", "打", "印", "格", "式", "很", "了", "稳", "定",
        "导出", "太慢", "报表", "系统运行", "Export", "EXPORT", "export", "slow", "Slow", "exporter", "a1", "2026",
        " ", "  ", "，", "。", ", ", "!", "\n", "：", "、", "々",
        "\u{F900}", "\u{8C48}", "か", "\u{3099}", "が", "é", "e\u{301}", "Ａ", "ａ", "Ω", "１", "\u{2F800}", "\u{4E3D}",
        "ＥＲＰ", "ERP", "ｅｒｐ", "２０２６", "Ｅｘｐｏｒｔ", "－", "，ＳＬＯＷ",
    ]

    static let queries = [
        "导出太慢", "报表 慢", "系统运行", "export slow", "Export", "打印 格式", "打印格式", "慢", "导出报表很慢了",
        "a1 2026", "运行 export", "\u{F900}", "\u{8C48}", "が", "か", "é", "Ａ", "Ω慢", "报表 \u{2F800}", "系统 系统 运行",
        "ERP", "ＥＲＰ", "２０２６", "ｅｘｐｏｒｔ　ｓｌｏｗ", "ERP 2026",
    ]

    static func texts(count: Int, seed: UInt64) -> [String] {
        var g = Generator(state: seed)
        return (0..<count).map { _ in
            var t = ""
            for _ in 0..<(1 + g.next(14)) { t += pieces[g.next(pieces.count)] }
            return t
        }
    }

    @Test func theScorerAgreesWithTheTermsOnEveryText() {
        let texts = Self.texts(count: 3000, seed: 0x9E37_79B9_7F4A_7C15) + ["", "报表导出太慢了", "导出报表很慢", "系统运行稳定", "Export, slow!"]
        var scratch = Search.Scratch()
        var compared = 0
        for q in Self.queries.map(Search.Query.init) {
            for t in texts {
                let reference = Search.matchByTerms(q, t)
                #expect(Search.match(q, t) == reference, "\(q.text) in \(t.debugDescription)")
                #expect(Search.score(q, t, &scratch) == reference?.score, "\(q.text) in \(t.debugDescription)")
                if reference != nil { compared += 1 }
            }
        }
        #expect(compared > 5000)
    }

    /// The comparison above is not of the string path with itself: plain queries and texts take
    /// the scorer, and the texts only strings compare rightly are handed to them.
    @Test func theScorerAnswersPlainTextsAndHandsOnTheOthers() throws {
        let q = Search.Query("导出太慢")
        let fast = try #require(Search.fastMatch(q, "报表导出太慢了"))
        #expect(fast?.score == 100)
        #expect(try #require(Search.fastMatch(q, "系统运行稳定")) == nil)
        #expect(Search.fastMatch(q, "导出太慢\u{F900}") == nil)  // left to the terms
        #expect(Search.fastMatch(q, "导出太慢 café") == nil)
        #expect(Search.Query("\u{F900}").compiled == nil)
        #expect(Search.Query("Ａb").compiled != nil)  // full-width letters are the ASCII ones: ab
        #expect(Search.Query("Ωb").compiled == nil)
        #expect(Search.Query("export 太慢").compiled != nil)
        // A lone CJK character is found inside the text's pairs too (响应偏慢): the terms' path.
        #expect(Search.Query("export 慢").compiled == nil)
        #expect(Search.match(Search.Query("慢"), "响应偏慢")?.score == 100)
        // A compatibility ideograph equals its unified ideograph as a string, but the bytes are
        // scanned first: neither path matches one with the other.
        #expect(Search.match(Search.Query("\u{8C48}"), "\u{F900}") == nil)
        #expect(Search.matchByTerms(Search.Query("\u{8C48}"), "\u{F900}") == nil)
    }

    /// Full-width Latin letters and digits (ＥＲＰ, ２０２６, as a Chinese input method types them)
    /// are the ASCII ones, both ways, on both paths; full-width punctuation and the ideographic
    /// space separate words as ASCII punctuation and spaces do.
    @Test func fullWidthLettersAndDigitsAreTheASCIIOnes() throws {
        #expect(Search.terms("ＥＲＰ２０２６，Ｅｘｐｏｒｔ　ＳＬＯＷ－ａ１").map(\.key) == ["erp2026", "export", "slow", "a1"])
        for (query, text) in [("ERP", "ＥＲＰ系统上线"), ("ＥＲＰ", "erp 系统上线"), ("2026", "２０２６年验收"), ("２０２６", "2026年验收"),
                              ("ｅｘｐｏｒｔ ｓｌｏｗ", "Export, slow!"), ("export slow", "ＥＸＰＯＲＴ，ＳＬＯＷ")] {
            let q = Search.Query(query)
            let reference = try #require(Search.matchByTerms(q, text), "\(query) in \(text)")
            #expect(reference.score == 100, "\(query) in \(text): \(reference)")
            // The scorer over bytes answers it itself, and the same.
            let fast = try #require(Search.fastMatch(q, text), "\(query) in \(text): left to the terms")
            #expect(fast == reference, "\(query) in \(text)")
            var scratch = Search.Scratch()
            #expect(Search.score(q, text, &scratch) == 100)
            // The quick scan of the bytes (the search index's) lets the text through.
            var t = text
            #expect(t.withUTF8 { Search.mayMatch(q, utf8: $0) }, "\(query) in \(text)")
        }
        // Still a word apart from other words: ＥＲＰ is not erpx.
        #expect(Search.match(Search.Query("ERP"), "ＥＲＰＸ") == nil)
        #expect(Search.match(Search.Query("ＥＲＰ"), "CRM 系统") == nil)
    }

    /// `top` gives `ranked(hits)`'s first results and the count of all hits, for every limit,
    /// equal scores and days included (ties fall to id, field, then the order found).
    @Test func theHeapKeepsWhatSortingEveryHitKeeps() {
        var g = Generator(state: 42)
        let texts = Self.texts(count: 400, seed: 7)
        var documents: [SearchDocument] = []
        for (n, t) in texts.enumerated() {
            let kind = SearchDocument.Kind.allCases[g.next(4)]
            let day = Day(year: 2026, month: 1 + g.next(2), day: 1 + g.next(3))!
            var fields = [SearchDocument.Field(kind == .visit ? "summary" : "title", t)]
            if g.next(2) == 0 { fields.append(SearchDocument.Field(kind == .visit ? "quote" : "plan", texts[g.next(texts.count)])) }
            if kind == .visit, g.next(2) == 0 { fields.append(SearchDocument.Field("quote", texts[g.next(texts.count)])) }
            documents.append(SearchDocument(kind: kind, id: "r-\(n % 37)", project: "p\(n % 5)", projects: ["p\(n % 5)"],
                                            department: "d\(n % 2)", date: day, fields: fields))
        }
        for text in ["导出太慢", "报表 慢", "export slow", "系统运行", "é 慢"] {
            let q = Search.Query(text)
            for scopeKind in 0..<2 {
                var scope = SearchScope()
                if scopeKind == 1 {
                    scope.department = "d1"
                    scope.risks = false
                }
                let (all, _) = Search.hits(q, in: documents, scope: scope, byTerms: true) { _ in nil }
                #expect(all.count > 10, "\(text)")
                for limit in [nil, 0, 1, 2, 5, 20, 1000] as [Int?] {
                    let top = Search.top(q, in: documents, scope: scope, limit: limit) { _ in nil }
                    let expected = limit == 0 ? [] : Search.ranked(all, limit: limit)
                    #expect(top.total == all.count)
                    #expect(top.hits.map(\.id) == expected.map(\.id), "\(text) limit \(String(describing: limit))")
                    #expect(top.hits.map(\.field) == expected.map(\.field))
                    #expect(top.hits.map(\.text) == expected.map(\.text))
                    #expect(top.hits.map(\.kind) == expected.map(\.kind))
                    #expect(top.hits.map(\.match) == expected.map(\.match))
                }
            }
        }
    }
}
