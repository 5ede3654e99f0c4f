import HuifangCore
import Testing

@testable import HuifangReport

/// What a closed quarter adds to a report's output (issue 13: built here, not in the command),
/// and the warnings that travel with any output.
@Suite struct ClosedPeriodAttachTests {
    static let r = ClosedPeriodTests.records
    static let closedOn = Day("2026-10-05")!

    static func section() -> ClosedPeriod.Section {
        let c = ClosedPeriodTests.context(r)
        let frozen = ClosedPeriod.figures(ClosedPeriodTests.context(ClosedPeriod.asEntered(r, by: closedOn)))
        let closing = ClosedPeriod.Closing(period: Period("2026Q3")!, closedOn: closedOn, by: "li", digest: "d1", frozen: frozen)
        return ClosedPeriod.Section(closing: closing, changes: ClosedPeriod.changes(frozen: frozen, restated: ClosedPeriod.figures(c)),
                                    late: ClosedPeriod.lateEntries(r, period: Period("2026Q3")!, closedOn: closedOn), digestNow: "d2")
    }

    static var output: ReportOutput {
        ReportOutput(document: ReportDocument(title: "t", subtitle: "s", language: "en", blocks: [.paragraph("body")]),
                     json: .object([("period", .string("2026Q3"))]), csv: (headers: [], rows: []))
    }

    @Test func theSectionOpensTheReportAndJoinsItsJSON() throws {
        let (out, warnings) = ClosedPeriod.attach(Self.section(), to: Self.output, records: Self.r, department: nil, tabular: false, Catalogue("en"))
        #expect(warnings.isEmpty)  // md/html/json carry the section itself
        #expect(out.document.blocks.count > 1)
        if case .paragraph(let text) = out.document.blocks.last { #expect(text == "body") } else { Issue.record("the body moved") }
        guard case .object(let pairs) = out.json else { Issue.record("not an object"); return }
        #expect(pairs.first?.0 == "period")
        #expect(pairs.count > 1)
    }

    @Test func aSpreadsheetGetsAWarningForWhatItCannotShow() {
        let en = ClosedPeriod.attach(Self.section(), to: Self.output, records: Self.r, department: nil, tabular: true, Catalogue("en"))
        #expect(en.warnings.count == 1)
        #expect(en.warnings[0].contains("2026Q3") && en.warnings[0].contains("2026-10-05"))
        let zh = ClosedPeriod.attach(Self.section(), to: Self.output, records: Self.r, department: nil, tabular: true, Catalogue("zh"))
        #expect(zh.warnings.count == 1 && zh.warnings[0] != en.warnings[0])
    }

    @Test func aDepartmentKeepsTheCompanysFiguresAndItsOwn() {
        #expect(ClosedPeriod.departmentShows("east", "total.csat"))
        #expect(ClosedPeriod.departmentShows("east", "department.east.csat"))
        #expect(ClosedPeriod.departmentShows("east", "assessment.east.total"))
        #expect(!ClosedPeriod.departmentShows("east", "department.eastern.csat"))
        #expect(!ClosedPeriod.departmentShows("east", "department.west.csat"))
    }

    @Test func aYearThatTakesInTheClosedQuarterSaysItCountsTheLateEntry() {
        let (out, warnings) = ClosedPeriod.attachWithin([Self.section()], period: Period("2026")!, to: Self.output, records: Self.r,
                                                        department: nil, shown: { $0.hasPrefix("total.") }, Catalogue("en"))
        #expect(warnings.count == 1 && warnings[0].contains("2026Q3"))
        guard case .object(let pairs) = out.json else { Issue.record("not an object"); return }
        #expect(pairs.map(\.0).suffix(2) == ["closed_quarters", "includes_late_entries"])
        if case .bool(let includes) = pairs.last?.1 { #expect(includes) } else { Issue.record("no includes_late_entries") }
    }

    @Test func warningsLeadTheJSONAndWrapAListing() {
        #expect(ReportWarnings.attach([], to: .array([.string("a")])) == .array([.string("a")]))
        #expect(ReportWarnings.attach(["w"], to: .object([("warnings", .strings(["old"])), ("n", .int(1))]))
            == .object([("warnings", .strings(["w"])), ("n", .int(1))]))
        #expect(ReportWarnings.attach(["w"], to: .array([.string("a")])) == .object([("warnings", .strings(["w"])), ("items", .array([.string("a")]))]))
        var d = ReportDocument(title: "t", subtitle: "s", language: "en")
        d.warnings = ["w"]
        #expect(ReportWarnings.attach(["w", "x"], to: d).warnings == ["w", "x"])
    }
}
