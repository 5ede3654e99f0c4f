import HuifangCore

/// `plan show`: a frozen plan against what was done, one row per planned visit (see
/// `PlanProgress` for how a visit is matched to a planned one).
public enum PlanListing {
    /// The status code of an entry (JSON, CSV): `on_time`, `late`, `overdue` (not done and its
    /// due day has passed) or `not_due` (not done, not due yet).
    public static func status(_ e: PlanProgress.Entry) -> String {
        switch e.onTime {
        case true?: "on_time"
        case false?: "late"
        case nil: e.overdue ? "overdue" : "not_due"
        }
    }

    public static func make(_ entries: [PlanProgress.Entry], labels L: Catalogue) -> Listing {
        var listing = Listing([
            ("due", L["col.due"]), ("project", L["col.project"]), ("department", L["col.department"]), ("kind", L["col.kind"]),
            ("visitor", L["col.visitor"]), ("status", L["col.status"]), ("done", L["plan.col.done"]), ("visit", L["plan.col.visit"]),
            ("visitor_from_owner", L["plan.col.owner default"]),
        ])
        listing.codeColumns = [3, 5]
        listing.jsonOnly = [8]
        let ordered = entries.sorted { ($0.item.due, $0.item.project.rawValue) < ($1.item.due, $1.item.project.rawValue) }
        for e in ordered {
            let code = status(e)
            listing.add([
                (e.item.due.description, .string(e.item.due.description)), (e.item.project.rawValue, .string(e.item.project.rawValue)),
                cell(e.department), (L.word(e.item.kind), .string(e.item.kind.rawValue)),
                (e.visitor, e.visitor.isEmpty ? .null : .string(e.visitor)), (L["plan.status.\(code)"], .string(code)),
                cell(e.done?.description), cell(e.visit?.rawValue), cell(e.visitorIsOwner),
            ])
        }
        return listing
    }

    /// The counts under the table: planned, done on time, late, overdue, not yet due.
    public static func totals(_ entries: [PlanProgress.Entry], _ L: Catalogue) -> String {
        var n: [String: Int] = [:]
        for e in entries { n[status(e), default: 0] += 1 }
        return L("plan.show.totals", ["planned": String(entries.count), "on_time": String(n["on_time"] ?? 0), "late": String(n["late"] ?? 0),
                                      "overdue": String(n["overdue"] ?? 0), "not_due": String(n["not_due"] ?? 0)])
    }
}
