import Testing

@testable import HuifangCore

/// The rules between records answer in codes and values, never in sentences (issue 13), and
/// findings at one place are listed in the order their English messages had (issue 16's goldens
/// stay byte-identical): by code in `Finding.Code.listingOrder`, then by the values the message
/// names.
@Suite struct RecordCheckCodesTests {
    static func d(_ s: String) -> Day { Day(s)! }

    /// An issue closed without resolution or confirmation, major, due before it was raised, of an
    /// unknown department (its key at the record's first line): five findings at one place.
    static var records: Records {
        var i = CalendarCoverageTests.issue("i-0000aaaa", raised: "2026-03-10", due: "2026-03-01", status: .closed)
        i.severity = .major
        i.department = "nowhere"
        var open = CalendarCoverageTests.issue("i-0000bbbb", raised: "2026-03-10", due: "2026-03-20")
        open.resolved = Resolution(date: d("2026-03-01"), summary: "x")
        return Records(config: Config(), calendar: WorkCalendar(), projects: [CalendarCoverageTests.project("acme-erp")], issues: [i, open])
    }

    @Test func theCoreWritesNoSentence() {
        let findings = RecordCheck.run(Self.records)
        #expect(findings.count >= 6, "\(findings)")
        for f in findings {
            #expect(f.code != nil && f.message.isEmpty && f.hint == nil && f.saidByCode, "\(f)")
        }
        let codes = Set(findings.compactMap(\.code))
        #expect(codes.isSuperset(of: [.resolvedMissing, .confirmedMissing, .majorWithoutCaseAnalysis, .dueBeforeRaised, .unknownDepartment,
                                      .openWithResolution, .resolvedBeforeRaised]), "\(codes)")
        let resolved = findings.first { $0.code == .resolvedBeforeRaised }
        #expect(resolved?.values == ["resolved": "2026-03-01", "raised": "2026-03-10"])
    }

    /// The order the English messages gave: "a major issue ..." < "due ..." < "status is 'closed'
    /// but 'confirmed:' ..." < "status is 'closed' but 'resolved:' ..." < "unknown department ...".
    @Test func findingsAtOnePlaceAreListedAsTheirEnglishMessagesWere() {
        let closed = RecordCheck.run(Self.records).filter { $0.path.hasSuffix("i-0000aaaa.yaml") && $0.line == 1 && $0.column == 1 }.sorted()
        #expect(closed.map(\.code) == [.majorWithoutCaseAnalysis, .dueBeforeRaised, .confirmedMissing, .resolvedMissing, .unknownDepartment])
        // By name they would be confirmed-missing, due-before-raised, major-..., resolved-missing, unknown-department.
        #expect(closed.map(\.code!.rawValue).sorted() != closed.map(\.code!.rawValue))
    }

    @Test func oneGroupIsListedByItsValues() {
        let at = SourceLocation(path: "projects/b/visits/2026-01-01-v-1.yaml", line: 4, column: 9)
        let other = { (id: String) in Finding(at: at, code: .issueOfOtherProject, values: ["issue": id, "project": "a", "own": "b"]) }
        let unreadable = { (id: String) in
            Finding(.warning, at: at, code: .unreadableReference, values: ["noun": "issue", "id": id, "path": "projects/a/issues/\(id).yaml"])
        }
        let unknown = Finding(at: at, code: .unknownIssue, values: ["issue": "i-0"])
        let elsewhere = Finding(.warning, at: at, code: .issueRaisedElsewhere, values: ["issue": "i-9", "visit": "v-2"])
        let listed = [unknown, other("i-3"), unreadable("i-2"), other("i-1"), elsewhere].sorted()
        // "'issues:' lists ...", "issue 'i-1' belongs ...", "issue 'i-2' exists ...", "issue 'i-3' belongs ...", "unknown issue ..."
        #expect(listed == [elsewhere, other("i-1"), unreadable("i-2"), other("i-3"), unknown])
        // A department's plan: by project (the message names it before the owner).
        let plan = SourceLocation(path: "plans/2026-east.yaml")
        let a = Finding(.warning, at: plan, code: .planOtherDepartment, values: ["department": "east", "project": "p-a", "owner": "west"])
        let b = Finding(.warning, at: plan, code: .planOtherDepartment, values: ["department": "east", "project": "p-b", "owner": "north"])
        #expect([b, a].sorted() == [a, b])
        // A finding without a code (a store's English message) comes after the coded ones at its place.
        let english = Finding(at: at, message: "a message")
        #expect([english, unknown].sorted() == [unknown, english])
        #expect(!(english < english) && !(unknown < unknown))
    }
}
