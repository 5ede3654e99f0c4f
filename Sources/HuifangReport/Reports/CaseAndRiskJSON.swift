import HuifangCore

// Builders that were in the command target (issue 13's "Done when": report builders belong
// here; commands look records up and pass values in): a risk as JSON (`risk show`), the case
// library's listing and one case analysis as JSON (`case list`, `case show`), and similar past
// cases as report blocks (`visit prepare`).

/// A risk as JSON: codes, not words.
public enum RiskJSON {
    public static func make(_ k: Risk, _ r: Records) -> JSONValue {
        let policy = r.config.policy
        return .object([
            ("id", .string(k.id.rawValue)), ("project", .string(k.project.rawValue)), ("title", .string(k.title)),
            ("category", .string(k.category.rawValue)), ("probability", .int(k.probability)), ("impact", .int(k.impact)),
            ("score", .int(k.score)), ("high", .bool(k.isHigh(policy))), ("response", .string(k.response.rawValue)),
            ("plan", .string(k.plan)), ("owner", .string(k.owner)), ("raised", .string(k.raised.description)),
            ("review_every", .string((k.reviewEvery ?? policy.riskReviewEvery).description)),
            ("next_review", .optional(k.nextReview(policy, calendar: r.calendar)?.description)), ("status", .string(k.status.rawValue)),
            ("path", .string(k.location.path)),
            ("history", .array(k.history.map { h in
                .object([("at", .string(h.at.description)), ("action", .string(h.action)), ("by", .optional(h.by)),
                         ("probability", .optional(h.probability)), ("impact", .optional(h.impact)), ("plan", .optional(h.plan)),
                         ("note", .optional(h.note)), ("reason", .optional(h.reason))])
            })),
        ])
    }
}

/// The case library in `L`'s language (codes in the JSON and the CSV's code columns).
public enum CaseListing {
    /// Section names in the language: 经过、原因 / What happened, Cause.
    public static func sectionNames(_ sections: [CaseAnalysis.Section], _ L: Catalogue) -> String {
        sections.map { L["case.section." + $0.rawValue] }.joined(separator: L["case.section.sep"])
    }

    /// `case list`: one row per issue with its case analysis file and the sections it still
    /// misses (nil: the file could not be read).
    public static func make(_ cases: [(issue: Issue, file: String, missing: [CaseAnalysis.Section]?)], labels L: Catalogue) -> Listing {
        var listing = Listing([
            ("id", L["col.id"]), ("project", L["col.project"]), ("category", L["col.x.category"]), ("severity", L["col.severity"]),
            ("status", L["col.status"]), ("raised", L["col.raised"]), ("missing", L["col.case.missing"]), ("title", L["col.title"]),
            ("file", L["col.case.file"]),
        ])
        listing.maxWidth = [7: 40]
        listing.codeColumns = [2, 3, 4, 6]
        for (i, file, missing) in cases {
            let missingText = missing.map { $0.isEmpty ? L["case.complete"] : sectionNames($0, L) } ?? L["case.unreadable"]
            let missingJSON: JSONValue = missing.map { .strings($0.map(\.rawValue)) } ?? .null
            listing.add([
                (i.id.rawValue, .string(i.id.rawValue)), (i.project.rawValue, .string(i.project.rawValue)),
                (L.word(i.category), .string(i.category.rawValue)), (L.word(i.severity), .string(i.severity.rawValue)),
                (L.word(i.status), .string(i.status.rawValue)), (i.raised.description, .string(i.raised.description)),
                (missingText, missingJSON), (i.title, .string(i.title)), (file, .string(file)),
            ])
        }
        return listing
    }

    /// `case show --format json`: the issue, the file, each section's text (null when absent)
    /// and the sections missing.
    public static func json(_ issue: Issue, file: String, text: String) -> JSONValue {
        let sections = CaseAnalysis.sections(text)
        return .object([
            ("issue", .string(issue.id.rawValue)), ("project", .string(issue.project.rawValue)), ("title", .string(issue.title)),
            ("category", .string(issue.category.rawValue)), ("severity", .string(issue.severity.rawValue)),
            ("status", .string(issue.status.rawValue)), ("file", .string(file)),
            ("sections", .object(CaseAnalysis.Section.allCases.map { s in
                (s.rawValue, .optional(sections.first { $0.0 == s }.map(\.1)))
            })),
            ("missing", .strings(CaseAnalysis.missing(text).map(\.rawValue))),
        ])
    }
}

/// Past cases like a new problem in a report document (`visit prepare`): a heading and one
/// bullet per case, with its resolution and case analysis.
public enum SimilarCasesReport {
    public static func blocks(_ similar: [SimilarCases.Similar], _ L: Catalogue) -> [ReportDocument.Block] {
        guard !similar.isEmpty else { return [] }
        var heading = L["similar.heading"]
        while heading.last == "：" || heading.last == ":" { heading.removeLast() }
        return [.heading(heading), .bullets(similar.map { s in
            let c = s.candidate
            let category = IssueCategory(rawValue: c.category).map { L.word($0) } ?? c.category
            var text = L("similar.row", ["id": c.id, "title": c.title, "project": c.project, "category": category, "score": String(s.score)])
            if let res = c.resolution { text += " — " + L("similar.resolution", ["text": res]) }
            if let file = c.caseAnalysis { text += " — " + L("similar.case", ["path": file, "id": c.id]) }
            return text
        })]
    }
}
