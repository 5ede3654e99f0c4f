import Testing

@testable import HuifangCore

/// A visit lists the issues that name it, whatever order the issues come in.
@Suite struct VisitIssueLinksTests {
    typealias T = PeriodKPIsTests

    @Test func visitsListTheIssuesThatNameThem() {
        var r = Records(
            config: Config(), calendar: WorkCalendar(),
            visits: [T.visit("v-a001", "a", "2026-02-05", issues: ["i-0old"]), T.visit("v-a002", "a", "2026-05-10"),
                     T.visit("v-c0015678", "c", "2026-04-15"),
                     T.visit("v-c0019999", "c", "2026-04-16"), T.visit("v-d001", "d", "2026-03-25")],
            issues: [
                T.issue("i-0d01", "d", "x", raised: "2026-03-25", due: "2026-04-01", visit: "v-d001"),
                T.issue("i-0a01", "a", "x", raised: "2026-02-05", due: "2026-02-10", visit: "v-a001"),
                T.issue("i-0old", "a", "x", raised: "2026-02-05", due: "2026-02-10", visit: "v-a001"),
                T.issue("i-0a02", "a", "x", raised: "2026-05-10", due: "2026-05-20", visit: "v-a002"),
                T.issue("i-0b01", "b", "x", raised: "2026-05-10", due: "2026-05-20", visit: "v-b001"),
                T.issue("i-0c01", "c", "x", raised: "2026-04-15", due: "2026-04-20"),
                T.issue("i-0c02", "c", "x", raised: "2026-04-15", due: "2026-04-20", visit: "v-a002"),
                T.issue("i-0d02", "d", "x", raised: "2026-03-25", due: "2026-04-01", visit: "v-d001"),
                T.issue("i-0a03", "a", "x", raised: "2026-02-05", due: "2026-02-10", visit: "v-a001"),
                T.issue("i-0c03", "c", "x", raised: "2026-04-15", due: "2026-04-20", visit: "v-c00156"),  // a unique prefix
                T.issue("i-0c04", "c", "x", raised: "2026-04-15", due: "2026-04-20", visit: "v-c001"),  // two visits: neither
            ])
        r.deriveVisitIssues()
        #expect(r.visits.map { $0.issues.map(\.rawValue) } == [
            ["i-0old", "i-0a01", "i-0a03"],  // the file's list first, each id once
            ["i-0a02"],  // not i-0c02: an issue of another project does not link
            ["i-0c03"],
            [],
            ["i-0d01", "i-0d02"],
        ])
    }
}
