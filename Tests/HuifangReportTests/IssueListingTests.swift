import HuifangCore
import Testing

@testable import HuifangReport

/// `issue list` and `improve list` rows, built from core values without the command: order,
/// words in the table, codes in JSON and in the CSV's code columns.
@Suite struct IssueListingTests {
    @Test func issuesOpenFirstWithWordsInTheTableAndCodesInJSON() {
        let r = Fixture.records
        let today = Fixture.day("2026-08-01")
        // Given in the other order: the open issue comes first whatever its deadline.
        let en = IssueListing.make(r.issues.reversed(), in: r, today: today, labels: Catalogue(.en))
        #expect(en.rows.map { $0[0].text } == ["i-0001", "i-0002"])
        #expect(en.rows[0].prefix(6).map(\.text) == ["i-0001", "a", "major", "open", "2026-05-12", "2026-05-19"])
        #expect(en.columns.map(\.key).prefix(9) == ["id", "project", "severity", "status", "raised", "due", "state", "owner", "title"])
        #expect(en.codeColumns == [2, 3, 6])
        #expect(element(en.json, 0).flatMap { member($0, "severity") } == .string("major"))
        #expect(element(en.json, 0).flatMap { member($0, "state") }?.render().hasPrefix("\"overdue") == true, "a code, not words")
        #expect(element(en.json, 1).flatMap { member($0, "state") } == .string("resolved on time"))
        #expect(element(en.json, 0).flatMap { member($0, "improvements") } == .strings(["m-0001"]), "the measure that addresses it")
        #expect(element(en.json, 1).flatMap { member($0, "resolution") } == .string("fixed"))
        #expect(element(en.json, 1).flatMap { member($0, "improvements") } == .strings([]))
        let zh = IssueListing.make(r.issues, in: r, today: today, labels: Catalogue(.zh))
        #expect(zh.rows[0][2].text == "重大" && zh.rows[0][3].text == "处理中", "the table says severity and status in words")
        #expect(zh.rows[0][6].text != "overdue" && LanguageWords.chinese(zh.rows[0][6].text), "the state in words: \(zh.rows[0][6].text)")
        #expect(zh.csv.contains(",major,open,"), "the CSV's code columns keep the codes: \(zh.csv)")
        #expect(IssueListing.make([], in: r, today: today, labels: Catalogue(.en)).rows.isEmpty)
    }

    @Test func aWithdrawnIssueSaysSo() {
        let r = Fixture.records
        var withdrawn = r.issues[1]
        withdrawn.status = .withdrawn
        let listing = IssueListing.make([withdrawn], in: r, today: Fixture.day("2026-08-01"), labels: Catalogue(.zh))
        #expect(listing.rows[0][6].text == "已撤销")
        #expect(element(listing.json, 0).flatMap { member($0, "state") } == .string("withdrawn"))
    }

    @Test func measuresOverdueFirstWithTheirLateness() {
        let r = Fixture.records
        var late = r.improvements[0]
        late.id = ImprovementID("m-0002")!
        late.due = Fixture.day("2026-07-01")
        var done = r.improvements[0]
        done.id = ImprovementID("m-0003")!
        done.due = Fixture.day("2026-06-01")
        done.status = .done
        let listing = ImprovementListing.make([r.improvements[0], done, late], today: Fixture.day("2026-08-01"), labels: Catalogue(.en))
        // m-0002 is overdue (planned, due before today); m-0003 is done, so not late although earlier.
        #expect(listing.rows.map { $0[0].text } == ["m-0002", "m-0003", "m-0001"])
        #expect(!listing.rows[0][3].text.isEmpty && listing.rows[1][3].text.isEmpty && listing.rows[2][3].text.isEmpty)
        #expect(element(listing.json, 0).flatMap { member($0, "overdue") } == .bool(true))
        #expect(element(listing.json, 1).flatMap { member($0, "overdue") } == .bool(false))
        #expect(element(listing.json, 2).flatMap { member($0, "addresses") } == .strings(["i-0001"]))
        #expect(listing.rows[2][1].text == "planned" && element(listing.json, 2).flatMap { member($0, "status") } == .string("planned"))
        let zh = ImprovementListing.make([late], today: Fixture.day("2026-08-01"), labels: Catalogue(.zh))
        #expect(zh.rows[0][1].text == "计划中")
        #expect(zh.rows[0][3].text == Catalogue(.zh).lateness(31), "31 days after 07-01")
        #expect(zh.csv.contains(",planned,"), "the CSV's status column keeps the code: \(zh.csv)")
    }
}

enum LanguageWords {
    /// Whether `text` holds Chinese.
    static func chinese(_ text: String) -> Bool { text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }
}
