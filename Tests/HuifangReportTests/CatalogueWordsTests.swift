import HuifangCore
import Testing

@testable import HuifangReport

/// Issue 16: values and durations in the language people read; the codes stay in JSON.
@Suite struct CatalogueWordsTests {
    static let en = Catalogue(.en), zh = Catalogue(.zh)

    @Test func latenessInBothLanguages() {
        #expect(Self.zh.lateness(9) == "逾期 9 天")
        #expect(Self.zh.lateness(1) == "逾期 1 天")
        #expect(Self.zh.lateness(0) == "今天到期")
        #expect(Self.zh.lateness(-8) == "剩 8 天")
        #expect(Self.en.lateness(9) == "9 days late")
        #expect(Self.en.lateness(1) == "1 day late")
        #expect(Self.en.lateness(0) == "due today")
        #expect(Self.en.lateness(-1) == "1 day left")
        #expect(Self.en.lateness(-8) == "8 days left")
        #expect(Self.zh.workingDaysLeft(8) == "剩 8 个工作日")
        #expect(Self.en.workingDaysLeft(8) == "8 working days left")
        #expect(Self.en.workingDaysLeft(1) == "1 working day left")
    }

    @Test func durationsInBothLanguages() {
        #expect(Self.zh.duration(Duration(5, .workingDays)) == "5 个工作日")
        #expect(Self.en.duration(Duration(5, .workingDays)) == "5 working days")
        #expect(Self.en.duration(Duration(1, .workingDays)) == "1 working day")
        #expect(Self.zh.duration(Duration(2, .weeks)) == "2 周")
        #expect(Self.en.duration(Duration(1, .months)) == "1 month")
        #expect(Self.zh.duration(Duration(3, .months)) == "3 个月")
        #expect(Self.en.duration(Duration(30, .days)) == "30 days")
        #expect(Self.zh.duration(Duration(1, .years)) == "1 年")
        #expect(Self.zh.days(9) == "9 天")
        #expect(Self.en.days(1) == "1 day")
    }

    @Test func valuesInWords() {
        #expect(VisitKind.allCases.map(Self.zh.word) == ["首次回访", "定期回访", "专项回访", "客户需求回访", "阶段回访"])
        #expect(VisitMethod.allCases.map(Self.zh.word) == ["电话", "实地", "邮件", "线上"])
        #expect(Severity.allCases.map(Self.zh.word) == ["轻微", "一般", "重大"])
        #expect(Severity.allCases.map(Self.en.word) == ["minor", "general", "major"])
        #expect(Self.en.word(VisitKind.customerRequest) == "customer request")
        #expect(Self.en.word(IssueCategory.requirementChange) == "requirement change")
        #expect(Self.zh.word(Tier.key) == "重点")
        #expect(Self.zh.word(EscalationTarget.leadership) == "公司领导")
        #expect(Self.zh.word(ImprovementStatus.inProgress) == "进行中")
    }

    /// Every code of every type has a word in both catalogues (a missing one would print its key).
    @Test func everyCodeHasAWord() {
        for L in [Self.en, Self.zh] {
            var words: [String] = []
            words += VisitKind.allCases.map(L.word) + DueKind.allCases.map(L.word) + VisitMethod.allCases.map(L.word)
            words += IssueStatus.allCases.map(L.word) + Severity.allCases.map(L.word) + IssueCategory.allCases.map(L.word)
            words += IssueSource.allCases.map(L.word) + Tier.allCases.map(L.word) + ImprovementStatus.allCases.map(L.word)
            words += EventKind.allCases.map(L.word) + Operation.allCases.map(L.word)
            words += HistoryAction.allCases.map { L["hist." + $0.rawValue] } + TimelineEntry.Kind.allCases.map { L["tl." + $0.rawValue] }
            for w in words { #expect(!w.hasPrefix("val.") && !w.hasPrefix("hist.") && !w.hasPrefix("tl."), "\(L.language): \(w)") }
        }
    }

    @Test func visitPurposeMismatchesInWords() {
        let m = VisitPurpose.Mismatch.specialOpen(event: "e-1", given: .periodic)
        #expect(Self.en.words(m) == "a special visit after event e-1 is open; a periodic visit that names no event does not clear it")
        #expect(Self.zh.words(m) == "事件 e-1 后的专项回访尚未完成；未注明事件的定期回访不能完成它")
        #expect(Self.en.words(VisitPurpose.Mismatch.alreadyHadFirstVisit) == "the project already had its first visit")
        #expect(Self.zh.words(VisitPurpose.Mismatch.customerRequestOpen(issue: "i-1")) == "客户要求的回访尚未完成（问题 i-1）")
        #expect(Self.en.words(VisitPurpose.Mismatch.namesEvent("e-2")) == "naming event e-2 makes it the special visit after that event")
    }

    @Test func agendaEntriesInWords() {
        func entry(_ about: AgendaEntry.About, title: String = "", follower: AgendaEntry.Follower? = nil) -> AgendaEntry {
            AgendaEntry(subject: .visit(.periodic), project: ProjectID("a")!, due: Day("2026-08-20")!, daysOverdue: 3, responsible: "张伟",
                        department: "east", title: title, about: about, key: "k", follower: follower)
        }
        #expect(Self.zh.about(entry(.periodicVisit(last: Day("2026-05-20")!))) == "定期回访（上次回访 2026-05-20）")
        #expect(Self.en.about(entry(.periodicVisit(last: Day("2026-05-20")!))) == "periodic visit (last visit 2026-05-20)")
        #expect(Self.zh.about(entry(.firstVisit(accepted: Day("2026-01-15")!))) == "首次回访（2026-01-15 验收）")
        #expect(Self.zh.about(entry(.specialVisit(event: "e-1"), title: "V3 大版本升级")) == "专项回访：V3 大版本升级")
        #expect(Self.en.about(entry(.specialVisit(event: "e-1"))) == "special visit: e-1", "an unknown event by its id")
        #expect(Self.zh.about(entry(.customerRequest(issue: "i-1"), title: "接口响应慢")) == "客户需求：接口响应慢（i-1）")
        #expect(Self.en.about(entry(.confirmation, title: "t")) == "customer confirmation: t")
        #expect(Self.zh.about(entry(.issue, title: "接口响应慢")) == "接口响应慢")
        let followed = entry(.issue, follower: .init(head: "陈静", department: "cs"))
        #expect(Self.zh.responsible(followed) == "张伟，陈静（cs）跟进")
        #expect(Self.en.responsible(followed) == "张伟, followed by 陈静 (cs)")
        #expect(Self.en.responsible(entry(.issue)) == "张伟")
    }
}
