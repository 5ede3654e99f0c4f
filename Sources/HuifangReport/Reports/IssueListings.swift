import HuifangCore

/// `issue list`: the issues a command chose, most urgent first (open before the others, then
/// by deadline and id). Headers and values in `L`'s language; JSON and the CSV's severity,
/// status and state columns keep the codes.
public enum IssueListing {
    public static func make(_ issues: [Issue], in r: Records, today: Day, labels L: Catalogue) -> Listing {
        let sorted = issues.sorted { a, b in
            (a.isOpen ? 0 : 1, a.due, a.id) < (b.isOpen ? 0 : 1, b.due, b.id)
        }
        var listing = Listing([
            ("id", L["col.id"]), ("project", L["col.project"]), ("severity", L["col.severity"]), ("status", L["col.status"]),
            ("raised", L["col.raised"]), ("due", L["col.deadline"]), ("state", L["col.state"]), ("owner", L["col.issue_owner"]),
            ("title", L["col.title"]),
        ])
        listing.maxWidth = [8: 40]
        listing.addDetailColumns([
            ("source", L["col.x.source"]), ("category", L["col.x.category"]), ("department", L["col.x.department"]), ("visit", L["col.x.visit"]),
            ("resolved", L["col.x.resolved"]), ("resolution", L["col.x.resolution"]), ("on_spot", L["col.x.on_spot"]),
            ("confirmed", L["col.x.confirmed"]), ("satisfied", L["col.x.satisfied"]), ("case_analysis", L["col.x.case_analysis"]),
            ("improvements", L["col.x.improvements"]),
        ])
        let measures = Dictionary(grouping: r.improvements.flatMap { m in m.addresses.map { ($0, m.id.rawValue) } }, by: \.0)
        listing.codeColumns = [2, 3, 6]
        for i in sorted {
            let deadline = i.deadlineState(on: today, calendar: r.calendar, dueSoonShare: r.config.policy.dueSoonShare)
            let state = i.isWithdrawn ? "withdrawn" : deadline.label
            let stateWords = i.isWithdrawn ? L["state.withdrawn"] : L.words(deadline)
            listing.add([
                (i.id.rawValue, .string(i.id.rawValue)), (i.project.rawValue, .string(i.project.rawValue)),
                (L.word(i.severity), .string(i.severity.rawValue)), (L.word(i.status), .string(i.status.rawValue)),
                (i.raised.description, .string(i.raised.description)), (i.due.description, .string(i.due.description)),
                (stateWords, .string(state)), (i.owner, .string(i.owner)), (i.title, .string(i.title)),
                (i.source.rawValue, .string(i.source.rawValue)), (i.category.rawValue, .string(i.category.rawValue)),
                (i.department, .string(i.department)), cell(i.visit?.rawValue),
                cell(i.currentResolution?.date.description), cell(i.currentResolution?.summary), cell(i.currentResolution?.onSpot),
                cell(i.currentConfirmation?.date.description), cell(i.currentConfirmation?.satisfied), cell(i.caseAnalysis),
                cell(lines: (measures[i.id] ?? []).map(\.1)),
            ])
        }
        return listing
    }
}

/// `improve list`: every measure, overdue ones first (then by deadline and id). Headers and
/// values in `L`'s language; JSON and the CSV's status and overdue columns keep codes.
public enum ImprovementListing {
    /// A measure still planned or in progress after its deadline.
    public static func isOverdue(_ m: Improvement, today: Day) -> Bool {
        (m.status == .planned || m.status == .inProgress) && m.due < today
    }

    public static func make(_ improvements: [Improvement], today: Day, labels L: Catalogue) -> Listing {
        let sorted = improvements.sorted { a, b in
            (isOverdue(a, today: today) ? 0 : 1, a.due, a.id) < (isOverdue(b, today: today) ? 0 : 1, b.due, b.id)
        }
        var listing = Listing([
            ("id", L["col.id"]), ("status", L["col.status"]), ("due", L["col.deadline"]), ("overdue", L["col.late"]),
            ("department", L["col.department"]), ("owner", L["col.improvement_owner"]), ("addresses", L["col.issues"]),
            ("title", L["col.measure"]),
        ])
        listing.maxWidth = [7: 40]
        listing.addDetailColumns([("expected_effect", L["col.x.expected_effect"]), ("verified", L["col.x.verified"]),
                                  ("verification", L["col.x.verification"])])
        listing.codeColumns = [1, 3]
        for m in sorted {
            let overdue = isOverdue(m, today: today)
            let late = overdue ? L.lateness(m.due.days(until: today)) : ""
            listing.add([
                (m.id.rawValue, .string(m.id.rawValue)), (L.word(m.status), .string(m.status.rawValue)),
                (m.due.description, .string(m.due.description)), (late, .bool(overdue)),
                (m.department, .string(m.department)), (m.owner, .string(m.owner)),
                (m.addresses.map(\.rawValue).joined(separator: " "), .strings(m.addresses.map(\.rawValue))),
                (m.title, .string(m.title)),
                (m.expectedEffect, .string(m.expectedEffect)), cell(m.verified?.date.description), cell(m.verified?.result),
            ])
        }
        return listing
    }
}
