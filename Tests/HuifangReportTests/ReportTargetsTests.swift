import HuifangCore
import Testing

@testable import HuifangReport

/// Targets beside the KPIs of the summary and department reports, on the builder fixture
/// (2026Q2 as of 08-01). Hand-worked:
///   issues raised in Q2: i-0001 (a, east, open), i-0002 (b, north, resolved 06-03):
///     issue resolution total 1/2 = 50.0% (target 90%: missed), east 0/1 = 0.0% (missed),
///     north 1/1 = 100.0% against its own target 100%: met exactly.
///   reopen rate (lower is better, target 5%): resolved in Q2 only i-0002, never reopened:
///     total 0/1 = 0.0% met, north 0/1 = 0.0% met, east none resolved: n/a.
@Suite struct ReportTargetsTests {
    static func context() -> ReportContext {
        var c = Fixture.context()
        var a = AssessmentConfig(rules: [IndicatorRule(.issueResolution, target: 0.9, weight: 50), IndicatorRule(.reportQuality, weight: 25),
                                         IndicatorRule(.reopenRate, target: 0.05, weight: 25)])
        a.configured = true
        a.departments["north"] = [.issueResolution: .init(target: 1.0)]
        c.records.config.assessment = a
        return c
    }

    @Test func theSummaryShowsEachTargetMetOrMissedPerScope() throws {
        let out = SummaryReport.build(Self.context())
        let kpis = out.document.section("KPIs")
        #expect(kpis.contains { if case .subheading("Targets") = $0 { true } else { false } })
        let table = try #require(tables(kpis).last)
        #expect(table.headers == ["Indicator", "Target", "Company", "East Office", "North Office"])
        // Visit report quality is the assessment's own composite: not a row here.
        #expect(table.rows == [
            ["Issue resolution rate", "90.0%", "50.0% (1/2)* missed", "0.0% (0/1)* missed", "100.0% (1/1)* met (own target 100.0%)"],
            ["Reopen rate", "5.0%", "0.0% (0/1)* met", "n/a", "0.0% (0/1)* met"],
        ])
        #expect(paragraphs(kpis).contains { $0.hasPrefix("Targets from the assessment section of huifang.yaml") })
        let targets = try #require(member(out.json, "targets"))
        #expect(targets.render().contains("\"indicator\": \"issue_resolution_rate\""))
        let north = try #require(member(out.json, "targets")).render()
        #expect(north.contains("\"scope\": \"north\",\n        \"value\": 1.0,\n        \"target\": 1.0,\n        \"met\": true"), "\(north)")
        #expect(north.contains("\"scope\": \"total\",\n        \"value\": 0.5,\n        \"target\": 0.9,\n        \"met\": false"), "\(north)")
        #expect(north.contains("\"scope\": \"east\",\n        \"value\": null,\n        \"target\": 0.05,\n        \"met\": null"), "\(north)")
        // CSV: target and verdict per indicator on each scope's row.
        let h = out.csv.headers
        let met = try #require(h.firstIndex(of: "met_issue_resolution_rate")), target = try #require(h.firstIndex(of: "target_issue_resolution_rate"))
        #expect(out.csv.rows.map { [$0[1], $0[target], $0[met]] } == [["total", "0.9", "no"], ["east", "0.9", "no"], ["north", "1.0", "yes"]])
    }

    @Test func theDepartmentReportShowsItsOwnTargetBesideTheCompanys() throws {
        let c = Self.context()
        let out = DepartmentReport.build(c, Fixture.north)
        let table = try #require(tables(out.document.section("KPIs")).last)
        #expect(table.headers == ["Indicator", "Target", "North Office", "Company"])
        #expect(table.rows[0] == ["Issue resolution rate", "90.0%", "100.0% (1/1)* met (own target 100.0%)", "50.0% (1/2)* missed"])
        #expect(member(out.json, "targets") != nil)
        #expect(out.csv.headers.suffix(4) == ["target_issue_resolution_rate", "met_issue_resolution_rate", "target_reopen_rate", "met_reopen_rate"])
        #expect(out.csv.rows[0].suffix(4) == ["1.0", "yes", "0.05", "yes"])
    }

    /// Without an assessment section no one set a target: nothing is shown, the JSON has no
    /// `targets` and the CSV no target columns (the reports are as before).
    @Test func withoutAnAssessmentSectionThereAreNoTargets() {
        let out = SummaryReport.build(Fixture.context())
        #expect(!out.document.blocks.contains { if case .subheading("Targets") = $0 { true } else { false } })
        #expect(member(out.json, "targets") == nil)
        #expect(!out.csv.headers.contains { $0.hasPrefix("target_") })
    }

    /// Both sides of a threshold in the summary: 1 of 2 resolved against 50% meets it, against
    /// 50.01% misses it and shows 50.0% with enough digits (50.00%) not to read as the target.
    /// Each rate with its counts (a small sample marked), as in the KPI table.
    @Test func aTargetJustAboveTheValueIsMissedAndSaysSo() throws {
        for (target, cell) in [(0.5, "50.0% (1/2)* met"), (0.5001, "50.00% (1/2)* missed")] {
            var c = Self.context()
            c.records.config.assessment.rules[0].target = target
            let table = try #require(tables(SummaryReport.build(c).document.section("KPIs")).last)
            #expect(table.rows[0][2] == cell, "\(target)")
        }
    }
}
