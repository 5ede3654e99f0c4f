import Testing

@testable import HuifangCore

/// The case library (issue 19): the five sections of a case analysis, and which past cases
/// are like a new problem.
@Suite struct CaseAnalysisTests {
    static let complete = """
        # 案例分析：报表导出超时

        ## 经过
        客户反映导出很慢。

        ## 原因：
        同步导出超过网关超时。

        ## 措施
        改为异步导出。

        ### 细节
        子标题属于措施。

        ## 经验教训
        首次回访即评估数据量。

        ## 适用范围
        所有报表导出功能。
        """

    @Test func aCompleteAnalysisHasNothingMissing() {
        #expect(CaseAnalysis.missing(Self.complete).isEmpty)
        let sections = CaseAnalysis.sections(Self.complete)
        #expect(sections.map(\.0) == [.course, .cause, .measures, .lessons, .scope])
        #expect(sections[2].1 == "改为异步导出。\n\n### 细节\n子标题属于措施。")
    }

    @Test func anEmptyFileMissesEverySection() {
        #expect(CaseAnalysis.missing("") == CaseAnalysis.Section.allCases)
        #expect(CaseAnalysis.missing("# 案例分析\n") == CaseAnalysis.Section.allCases)
    }

    @Test func theTemplateIsIncompleteUntilWritten() {
        let t = CaseAnalysis.template(title: "案例分析", hints: [.course: "发生了什么"], chinese: true)
        #expect(t.contains("## 经过\n\n<!-- 发生了什么 -->\n"))
        #expect(CaseAnalysis.missing(t) == CaseAnalysis.Section.allCases)
        let en = CaseAnalysis.template(title: "Case", hints: [:], chinese: false)
        #expect(en.contains("## Lessons learned\n"))
        #expect(CaseAnalysis.missing(en) == CaseAnalysis.Section.allCases)
    }

    @Test func emptySectionsAndCommentsOnlyAreNamed() {
        let text = """
            ## What happened
            The export timed out.
            ## cause
            <!-- why -->
            ## Measures:
            Async export.
            ## 经验教训
            ## Applies to
            Reports.
            """
        #expect(CaseAnalysis.missing(text) == [.cause, .lessons])
    }

    @Test func anotherHeadingEndsASectionAndFencesAreText() {
        let text = "## 经过\n有内容\n## 结果与经验\n不是经验教训\n## 经验教训\n```\n## 原因\n```\n"
        let sections = CaseAnalysis.sections(text)
        #expect(sections.map(\.0) == [.course, .lessons])
        #expect(sections[1].1 == "```\n## 原因\n```")
        #expect(CaseAnalysis.missing(text) == [.cause, .measures, .scope])
        #expect(CaseAnalysis.Section.named("经验教训：") == .lessons && CaseAnalysis.Section.named("LESSONS LEARNED") == .lessons)
        #expect(CaseAnalysis.Section.named("经验") == nil)
    }

    // Similar cases.

    static func c(_ id: String, _ title: String, _ category: String = "technical", text: String = "", day: Int = 1) -> SimilarCases.Candidate {
        SimilarCases.Candidate(id: id, project: "p", title: title, category: category, text: text, resolution: nil, caseAnalysis: nil,
                               date: Day(year: 2026, month: 3, day: day)!)
    }

    /// 报表导出超时 has terms 报表 表导 导出 出超 超时 (5). Against the title 导出报表很慢
    /// (导出 出报 报表 表很 很慢, 5): 2 shared, Dice 0.4 → 24, same category 15: 39.
    /// 报表导出超时了 shares all 5 of its 6: Dice 10/11 → 54.5, + 15: 69.
    /// 打印格式错乱 shares nothing: never similar, though the category is the same.
    @Test func rankingIsByTitleOverlapTextAndCategory() {
        let q = "报表导出超时"
        #expect(SimilarCases.score(query: q, category: "technical", Self.c("a", "导出报表很慢")) == 39)
        #expect(SimilarCases.score(query: q, category: "technical", Self.c("b", "报表导出超时了")) == 69)
        #expect(SimilarCases.score(query: q, category: "technical", Self.c("c", "打印格式错乱")) == nil)
        // Found only in the resolution/case text: 25 × 2/5 = 10, other category: 10, below the minimum.
        #expect(SimilarCases.score(query: q, category: "technical", Self.c("d", "系统卡顿", "quality", text: "导出报表改异步")) == 10)
        let ranked = SimilarCases.ranked(query: q, category: "technical", [
            Self.c("a", "导出报表很慢"), Self.c("c", "打印格式错乱"), Self.c("b", "报表导出超时了"),
            Self.c("d", "系统卡顿", "quality", text: "导出报表改异步"),
        ])
        #expect(ranked.map(\.candidate.id) == ["b", "a"])
        #expect(ranked.map(\.score) == [69, 39])
    }

    @Test func atMostThreeAndTheNewerFirstAmongEquals() {
        let same = (1...5).map { Self.c("i-\($0)", "报表导出超时", day: $0) }
        let ranked = SimilarCases.ranked(query: "报表导出超时", category: nil, same)
        #expect(ranked.map(\.candidate.id) == ["i-5", "i-4", "i-3"])
        #expect(ranked.allSatisfy { $0.score == 60 })
    }
}
