import Testing

@testable import HuifangCore

/// Search without a word segmenter (issue 19): CJK bigrams, Latin words, the score rule of `Search`.
@Suite struct SearchTests {
    func keys(_ s: String) -> [String] { Search.terms(s).map(\.key) }

    @Test func chineseIsCutIntoBigramsAndLatinIntoLowerCasedWords() {
        #expect(keys("导出太慢") == ["导出", "出太", "太慢"])
        #expect(keys("慢") == ["慢"])
        #expect(keys("ERP 导出，Too-Slow 2次") == ["erp", "导出", "too", "slow", "2", "次"])
        let t = Search.terms("报表导出")
        #expect(t.map(\.start) == [0, 1, 2] && t.map(\.end) == [2, 3, 4])
    }

    /// Hand-worked: 导出太慢 has terms 导出 出太 太慢 and characters 导 出 太 慢.
    /// 报表导出太慢了: all terms, all characters, in order, the phrase: 50 + 20 + 10 + 20 = 100.
    /// 导出报表很慢: 导出 only (1/3), characters 导 出 慢 (3/4), in order 1/3, no phrase:
    /// 16.67 + 15 + 3.33 = 35. 系统运行稳定: nothing.
    @Test func exportTooSlowFindsBothWordOrdersAndRanksThePhraseFirst() throws {
        let q = Search.Query("导出太慢")
        let exact = try #require(Search.match(q, "报表导出太慢了"))
        let reordered = try #require(Search.match(q, "导出报表很慢"))
        #expect(exact.score == 100)
        #expect(reordered.score == 35)
        #expect(Search.match(q, "系统运行稳定") == nil)
        #expect(exact.best == 2..<6 && exact.ranges == [2..<6])
        #expect(reordered.ranges == [0..<2] && reordered.best == 0..<2)
    }

    @Test func latinQueriesMatchWholeWordsWithoutCase() throws {
        let q = Search.Query("Export slow")
        let a = try #require(Search.match(q, "The EXPORT is slow."))
        #expect(a.score == 80)  // both words (50 + 20), in order (10), not one after the other
        #expect(a.ranges == [4..<10, 14..<18])
        let b = try #require(Search.match(q, "export slow again"))
        #expect(b.score == 100 && b.best == 0..<11)
        let c = try #require(Search.match(q, "slow login"))
        #expect(c.score == 40)  // one word of two (25 + 10), one of two in order (5), no phrase
        #expect(Search.match(q, "exporter slowly") == nil)  // words, not parts of words
    }

    @Test func aQueryWithoutLettersIsNothingToSearchFor() {
        #expect(!Search.Query("").hasLetters)
        #expect(!Search.Query(" 12，!").hasLetters)
        #expect(Search.Query("慢").hasLetters && Search.Query("a1").hasLetters)
    }

    @Test func equalScoresRankNewestFirst() throws {
        let q = Search.Query("导出太慢")
        func hit(_ id: String, _ day: String, _ text: String) throws -> SearchHit {
            SearchHit(kind: "visit", id: id, project: "p", date: Day(day)!, field: "summary", text: text,
                      match: try #require(Search.match(q, text)))
        }
        let hits = [
            try hit("v-1", "2026-01-05", "导出报表很慢"),
            try hit("v-2", "2026-01-01", "报表导出太慢了"),
            try hit("v-3", "2026-03-01", "导出太慢"),
            try hit("v-4", "2026-02-01", "报表导出太慢"),
        ]
        #expect(Search.ranked(hits).map(\.id) == ["v-3", "v-4", "v-2", "v-1"])
        #expect(Search.ranked(hits, limit: 2).map(\.id) == ["v-3", "v-4"])
    }
}

extension SearchTests {
    /// The phrase bonus ignores spacing and punctuation between the query's runs, but not
    /// between the characters of one run.
    @Test func thePhraseIgnoresSpacingBetweenRunsOnly() throws {
        #expect(try #require(Search.match(Search.Query("打印 格式"), "打印格式错乱")).score == 100)
        #expect(try #require(Search.match(Search.Query("export slow"), "Export, slow!")).score == 100)
        #expect(try #require(Search.match(Search.Query("打印格式"), "打印，格式")).score == 60)  // 打印 格式 of 打印 印格 格式 (33.3) + 20 + 6.7 (in order), no phrase
        #expect(try #require(Search.match(Search.Query("export slow"), "export very slow")).score == 80)
    }
}
