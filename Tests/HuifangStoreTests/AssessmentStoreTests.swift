import Testing

@testable import HuifangCore
@testable import HuifangStore

/// huifang.yaml's `assessment:` section as read, and the `assessments/` records through the
/// loader and the cache.
@Suite struct AssessmentStoreTests {
    static func load(_ t: TempFolder, cache: Bool = false) -> LoadedRepository {
        RepositoryLoader.load(Repository(root: t.path), .init(useCache: cache))
    }

    static func withSection(_ section: String) throws -> TempFolder {
        let (t, _) = try TempFolder.repository()
        let config = t.read("huifang.yaml") ?? ""
        try t.write("huifang.yaml", config + section)
        return t
    }

    @Test func theSectionIsReadWithItsValuesAndDefaults() throws {
        let t = try Self.withSection("""
            assessment:
              indicators:
                visit_plan_completion_rate: {target: 90%, floor: 50%, weight: 40}
                nps: {target: 20, weight: 30}
                overdue_visits: {target: 1, weight: 30}
              departments:
                east:
                  nps: {target: 10, weight: 30}
              review_share: 40%

            """)
        defer { t.remove() }
        let l = Self.load(t)
        #expect(l.findings.filter { $0.path == "huifang.yaml" }.isEmpty, "\(l.findings)")
        let a = l.records.config.assessment
        #expect(a.configured && a.problems == 0)
        #expect(a.rules.map(\.indicator) == [.visitPlanCompletion, .nps, .overdueVisits])
        #expect(a.rules[0] == IndicatorRule(.visitPlanCompletion, target: 0.9, floor: 0.5, weight: 40))
        // Floors not given are the defaults: −100 for NPS, 10 for overdue visits.
        #expect(a.rules[1].floor == -100 && a.rules[2].floor == 10)
        #expect(a.rules(for: "east")[1].target == 10 && a.rules(for: "north")[1].target == 20)
        #expect(a.reviewShare == 0.4)
    }

    @Test func withoutASectionTheDefaultsAreUsed() throws {
        let (t, _) = try TempFolder.repository()
        defer { t.remove() }
        let a = Self.load(t).records.config.assessment
        #expect(!a.configured && a.problems == 0 && a.rules.count == 4)
    }

    /// Each problem at its line and column; huifang.yaml stays readable for every other command.
    @Test func problemsAreFindingsThatLeaveTheConfigurationReadable() throws {
        let (t0, _) = try TempFolder.repository()
        let base = (t0.read("huifang.yaml") ?? "").split(separator: "\n", omittingEmptySubsequences: false).count
        t0.remove()
        let t = try Self.withSection("""
            assessment:
              indicators:
                csat: {target: 120%, weight: 50}
                reopen_rate: {target: 20%, floor: 10%, weight: 50}
                nps: {target: 30, wieght: 1}

            """)
        defer { t.remove() }
        let l = Self.load(t)
        #expect(!l.configFailed)
        let found = l.findings.filter { $0.path == "huifang.yaml" }.map { "\($0.line):\($0.column): \($0.message)" }
        let at = base  // the line of `assessment:`
        #expect(found.contains("\(at + 2):20: indicator 'csat': target '120%' is not a percentage from 0% to 100% (95%, or the fraction 0.95)"), "\(found)")
        #expect(found.contains("\(at + 3):5: reopen_rate: floor 10% is not above target 20%"), "\(found)")
        #expect(found.contains("\(at + 4):23: unknown key 'wieght' in indicator 'nps'; did you mean 'weight'?"), "\(found)")
        #expect(found.contains("\(at + 4):5: indicator 'nps' has no weight"), "\(found)")
        #expect(l.records.config.assessment.problems == 4)
    }

    @Test func aReviewIsReadAndComesBackFromTheCacheTheSame() throws {
        let (t, _) = try TempFolder.repository()
        defer { t.remove() }
        try t.write("assessments/2026Q3-east.yaml", "# 评审\nperiod: 2026q3\ndepartment: east\nscore: 85\nnote: 报告完整\ndate: 2026-10-09\nby: 王芳\n")
        let cold = Self.load(t, cache: true)
        #expect(cold.findings.isEmpty, "\(cold.findings)")
        let r = try #require(cold.records.assessments.first)
        #expect(r.period == "2026Q3" && r.department == "east" && r.score == 85 && r.note == "报告完整" && r.by == "王芳")
        #expect(r.date == Day("2026-10-09")! && r.location.path == "assessments/2026Q3-east.yaml")
        // The cache is written on a background thread and finished before load returns.
        let warm = Self.load(t, cache: true)
        let w = try #require(warm.records.assessments.first)
        #expect(w.period == r.period && w.department == r.department && w.score == r.score && w.note == r.note && w.date == r.date
                && w.by == r.by && w.location == r.location)
    }

    @Test func badReviewsAreUnreadableRecords() throws {
        let (t, _) = try TempFolder.repository()
        defer { t.remove() }
        try t.write("assessments/2026Q3-east.yaml", "period: 2026-08\ndepartment: east\nscore: 120\ndate: 2026-10-09\n")
        try t.write("assessments/2026Q3-west.yaml", "period: 2026Q3\ndepartment: west\nscore: 80\ndate: 2026-10-09\n")
        let l = Self.load(t)
        #expect(l.records.assessments.isEmpty)
        #expect(l.unreadable.map(\.path) == ["assessments/2026Q3-east.yaml", "assessments/2026Q3-west.yaml"])
        let messages = l.findings.map(\.message)
        #expect(messages.contains { $0.contains("a quarter such as 2026Q3") }, "\(messages)")
        #expect(messages.contains("unknown department 'west'"), "\(messages)")
    }

    @Test func aReviewOfADepartmentThatIsNotAssessedIsAWarning() throws {
        let (t, _) = try TempFolder.repository()
        defer { t.remove() }
        try t.write("assessments/2026Q3-tech.yaml", "period: 2026Q3\ndepartment: tech\nscore: 80\ndate: 2026-10-09\n")
        let l = Self.load(t)
        #expect(l.records.assessments.count == 1 && l.unreadable.isEmpty)
        #expect(l.findings.map(\.message) == ["'tech' is not a business department (role technical): the assessment does not use this review"])
        #expect(l.findings.first?.severity == .warning && l.findings.first?.line == 2)
    }

    @Test func theEncoderWritesWhatTheDecoderReads() throws {
        let review = AssessmentReview(period: "2026Q3", department: "east", score: 0, note: "无: 报告缺失 # 未交", date: Day("2026-10-09")!,
                                      location: SourceLocation(path: "assessments/2026Q3-east.yaml"))
        let text = RecordEncoder.assessmentReview(review)
        try RecordVerifier.verify(text, as: .assessment(file: "2026Q3-east.yaml"), path: review.location.path,
                                  config: Config(departments: [Department(id: "east", name: "华东", head: "张", role: .business)]))
        #expect(text.contains("score: 0\n"))
    }
}
