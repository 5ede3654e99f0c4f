import HuifangCore

/// The written parts of the summary and department reports (policy §七.2): an overview built
/// from the figures the report already computed (this period against the one before), and
/// recommendations drawn from the recurring problems, overdue items and unverified improvements.
/// Every sentence comes from the catalogue and says only what the figures show.
public enum ReportOverview {
    /// The overview: the period's activity, which KPIs rose, fell or stayed (and which cannot be
    /// compared), what is overdue, and the major issues.
    public static func sentences(current k: PeriodKPIs, previous: PeriodKPIs, major: [Issue], projectNames: [ProjectID: String],
                                 _ L: Catalogue) -> [String] {
        var out = [L("report.ov.activity", [
            "period": k.period.label, "visits": String(k.visits), "planned": String(k.plannedProjects),
            "visited": String(k.visitedPlannedProjects), "raised": String(k.issuesRaised), "resolved": String(k.issuesResolved),
        ])]
        var rose: [String] = []
        var fell: [String] = []
        var same: [String] = []
        var noPrevious: [String] = []
        var noCurrent: [String] = []
        for kpi in ReportKPI.all {
            let name = kpi.label(L)
            guard let now = kpi.value(k) else {
                noCurrent.append(name)
                continue
            }
            let nowText = kpi.counts(k).display(kpi.display(k, L), L, mark: false)
            guard let before = kpi.value(previous) else {
                noPrevious.append(L("report.ov.flat", ["kpi": name, "value": nowText]))
                continue
            }
            let beforeText = kpi.counts(previous).display(kpi.display(previous, L), L, mark: false)
            // Compared as printed: a change too small to show is no change.
            let delta = change(kpi, from: before, to: now)
            let isSmall = kpi.counts(k).smallSample || kpi.counts(previous).smallSample
            let min = String(ReportKPI.smallSampleBelow)
            let note = isSmall ? L("report.ov.small", ["min": min]) : ""
            let deltaText = kpi.isPoints ? ReportNumber.decimal(abs(delta), digits: 1)
                : L("report.ov.points", ["delta": ReportNumber.decimal(abs(delta), digits: 1)])
            if delta > 0 {
                rose.append(L("report.ov.up", ["kpi": name, "from": beforeText, "to": nowText, "delta": deltaText, "note": note]))
            } else if delta < 0 {
                fell.append(L("report.ov.down", ["kpi": name, "from": beforeText, "to": nowText, "delta": deltaText, "note": note]))
            } else {
                same.append(L("report.ov.same value", ["kpi": name, "value": nowText,
                                                       "note": isSmall ? L("report.ov.small alone", ["min": min]) : ""]))
            }
        }
        let sep = L["report.list sep"]
        let previousLabel = previous.period.label
        if !rose.isEmpty { out.append(L("report.ov.rose", ["previous": previousLabel, "items": rose.joined(separator: sep)])) }
        if !fell.isEmpty { out.append(L("report.ov.fell", ["previous": previousLabel, "items": fell.joined(separator: sep)])) }
        if !same.isEmpty { out.append(L("report.ov.same", ["previous": previousLabel, "items": same.joined(separator: sep)])) }
        if !noPrevious.isEmpty {
            out.append(L("report.ov.no previous", ["previous": previousLabel, "items": noPrevious.joined(separator: sep)]))
        }
        if !noCurrent.isEmpty { out.append(L("report.ov.no current", ["items": noCurrent.joined(separator: L["report.name sep"])])) }

        let day = k.countedOn.description
        if k.overdueVisits + k.overdueIssues + k.overdueConfirmations == 0 {
            out.append(L("report.ov.no overdue", ["day": day]))
        } else {
            out.append(L("report.ov.overdue", ["day": day, "visits": String(k.overdueVisits), "issues": String(k.overdueIssues),
                                               "confirmations": String(k.overdueConfirmations)]))
        }
        if major.isEmpty {
            out.append(L["report.ov.no major"])
        } else {
            var items = major.prefix(listed).map {
                L("report.ov.major item", ["title": $0.title, "project": projectNames[$0.project] ?? $0.project.rawValue, "status": L.reportValue($0.status)])
            }
            if major.count > listed { items.append(L("report.ov.more", ["count": String(major.count - listed)])) }
            out.append(L("report.ov.major", ["count": String(major.count), "items": items.joined(separator: sep)]))
        }
        return out
    }

    /// The change from `before` to `now` between the values as the report prints them (so that
    /// a reader subtracting them gets the same): percentage points to one decimal for a rate,
    /// points to one decimal for NPS.
    static func change(_ kpi: ReportKPI, from before: Double, to now: Double) -> Double {
        // The same arithmetic as `ReportNumber.percent`/`decimal` (× 100, then × 10): 0.2875 × 1000
        // is 287.5 but 0.2875 × 100 × 10 is 287.4999…, printed 28.7%.
        func printed(_ v: Double) -> Double { kpi.isPoints ? (v * 10).rounded() : (v * 100 * 10).rounded() }
        return (printed(now) - printed(before)) / 10
    }

    /// How many items of one kind the recommendations name before pointing to their section.
    public static let listed = 5

    /// Recommendations: each recurring problem (with the measures that address it, or none),
    /// the overdue visits, issues and confirmations of `k`, and the improvements past their
    /// deadline (on `today`) or done but not verified.
    public static func recommendations(recurring: [RecurringProblem], improvements: [Improvement], current k: PeriodKPIs, today: Day,
                                       _ L: Catalogue) -> [String] {
        var out: [String] = []
        var addressedBy: [IssueID: [ImprovementID]] = [:]
        for m in improvements {
            for i in m.addresses { addressedBy[i, default: []].append(m.id) }
        }
        for p in recurring.prefix(listed) {
            var measures: [String] = []
            for i in p.ids {
                for m in addressedBy[i] ?? [] where !measures.contains(m.rawValue) { measures.append(m.rawValue) }
            }
            let values: KeyValuePairs<String, String> = [
                "title": p.title, "category": L.reportValue(p.category), "projects": String(p.projects), "issues": String(p.issues),
                "measures": measures.joined(separator: L["report.name sep"]),
            ]
            out.append(L(measures.isEmpty ? "report.rec.recurring" : "report.rec.recurring covered", values))
        }
        if recurring.count > listed {
            out.append(L("report.rec.more", ["count": String(recurring.count - listed), "section": L.report("recurring")]))
        }
        if k.overdueVisits > 0 { out.append(L("report.rec.overdue visits", ["count": String(k.overdueVisits)])) }
        if k.overdueIssues > 0 { out.append(L("report.rec.overdue issues", ["count": String(k.overdueIssues)])) }
        if k.overdueConfirmations > 0 { out.append(L("report.rec.overdue confirmations", ["count": String(k.overdueConfirmations)])) }
        let followUp = improvements.filter { m in
            ((m.status == .planned || m.status == .inProgress) && m.due < today) || m.status == .done
        }
        for m in followUp.prefix(listed) {
            if m.status == .done {
                out.append(L("report.rec.unverified", ["id": m.id.rawValue, "title": m.title]))
            } else {
                out.append(L("report.rec.late measure", ["id": m.id.rawValue, "title": m.title, "due": m.due.description,
                                                         "status": L.reportValue(m.status), "owner": m.owner]))
            }
        }
        if followUp.count > listed {
            out.append(L("report.rec.more", ["count": String(followUp.count - listed), "section": L.report("improvement measures")]))
        }
        return out.isEmpty ? [L["report.rec.none"]] : out
    }

    /// The small-sample footnote, when any value of `kpis` shown in a table is marked.
    public static func smallSampleNote(_ kpis: [PeriodKPIs], _ L: Catalogue) -> [ReportDocument.Block] {
        kpis.contains { k in ReportKPI.all.contains { $0.isSmallSample(k) } } ? [.paragraph(RateCounts.note(L))] : []
    }
}
