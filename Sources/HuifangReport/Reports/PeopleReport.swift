import HuifangCore

/// 个人绩效报告 (issue 17; docs/KPIS.md, "People"): per visitor, per issue owner and per
/// improvement owner, what they were given in the period and how much of it they did on time.
/// Every figure is shown with its counts; one counted over fewer than 5 carries the small-sample mark.
public enum PeopleReport {
    public static func build(_ c: ReportContext, department: Department? = nil) -> ReportOutput {
        render(PeopleKPIs.compute(c.records, schedule: c.schedule, period: c.period, today: c.today, department: department?.id),
               period: c.period, today: c.today, subtitle: c.subtitle, department: department, c.labels)
    }

    /// The report of figures already computed (one repository's, or several added up).
    public static func render(_ k: PeopleKPIs, period: Period, today: Day, subtitle: String, department: Department?, _ L: Catalogue) -> ReportOutput {
        let title = L["people.title"] + (department.map { " · " + $0.name } ?? "") + " \(period.label)"
        var doc = ReportDocument(title: title, subtitle: subtitle, language: L.language)
        doc.blocks.append(.paragraph(L("people.counted on", ["day": k.countedOn.description])))
        var small = false
        func show(_ value: String?, _ counts: RateCounts) -> String {
            guard let value else { return L["report.n/a"] }
            if counts.smallSample { small = true }
            return counts.display(value, L)
        }

        doc.blocks.append(.heading(L["people.visitors"]))
        if k.visitors.isEmpty {
            doc.blocks.append(.paragraph(L.report("none")))
        } else {
            doc.blocks.append(.table(ReportTable(
                headers: [L["people.person"], L["people.visits"], L["people.planned on time"], L.report("satisfaction_index"), L.report("nps"),
                          L.report("record_completeness")],
                rows: k.visitors.map { v in
                    [name(v.name), String(v.visits),
                     show(v.onTimeRate.map(ReportNumber.percent), RateCounts(numerator: v.plannedOnTime, denominator: v.plannedItems)),
                     show(v.satisfactionIndex.map(ReportNumber.percent), RateCounts(numerator: nil, denominator: v.scoredVisits)),
                     show(v.nps.map { ReportNumber.decimal($0, digits: 1) }, RateCounts(numerator: nil, denominator: v.npsResponses)),
                     show(v.recordCompleteness.map(ReportNumber.percent), RateCounts(numerator: v.completeRecords, denominator: v.visits))]
                }, numeric: [1, 2, 3, 4, 5])))
        }

        doc.blocks.append(.heading(L["people.issue owners"]))
        if k.issueOwners.isEmpty {
            doc.blocks.append(.paragraph(L.report("none")))
        } else {
            doc.blocks.append(.table(ReportTable(
                headers: [L["people.person"], L["people.owned"], L["people.resolved"], L["people.resolved on time"], L["people.reopened"],
                          L["people.mean days"]],
                rows: k.issueOwners.map { o in
                    [name(o.name), String(o.owned),
                     show(o.resolutionRate.map(ReportNumber.percent), RateCounts(numerator: o.resolved, denominator: o.owned)),
                     show(o.onTimeRate.map(ReportNumber.percent), RateCounts(numerator: o.resolvedOnTime, denominator: o.resolved)),
                     show(o.reopenRate.map(ReportNumber.percent), RateCounts(numerator: o.reopened, denominator: o.owned)),
                     show(o.meanWorkingDays.map { ReportNumber.decimal($0, digits: 1) }, RateCounts(numerator: nil, denominator: o.resolved))]
                }, numeric: [1, 2, 3, 4, 5])))
        }

        doc.blocks.append(.heading(L["people.improvement owners"]))
        if k.improvementOwners.isEmpty {
            doc.blocks.append(.paragraph(L.report("none")))
        } else {
            doc.blocks.append(.table(ReportTable(
                headers: [L["people.person"], L["people.measures due"], L["people.done"], L["people.verified on time"]],
                rows: k.improvementOwners.map { m in
                    [name(m.name), String(m.due),
                     show(m.doneRate.map(ReportNumber.percent), RateCounts(numerator: m.done, denominator: m.due)),
                     show(m.verifiedOnTimeRate.map(ReportNumber.percent), RateCounts(numerator: m.verifiedOnTime, denominator: m.due))]
                }, numeric: [1, 2, 3])))
        }
        doc.blocks.append(.paragraph(L["people.rules"]))
        if small { doc.blocks.append(.paragraph(RateCounts.note(L))) }

        let json = JSONValue.object([
            ("report", .string("people")),
            ("period", .object([("label", .string(period.label)), ("start", .string(period.start.description)),
                                ("end", .string(period.end.description))])),
            ("as_of", .string(today.description)), ("counted_on", .string(k.countedOn.description)),
            ("department", department.map { .string($0.id) } ?? .null),
            ("visitors", .array(k.visitors.map { v in
                .object([("name", .string(v.name)), ("visits", .int(v.visits)),
                         ("planned_on_time", figure(v.onTimeRate, v.plannedOnTime, v.plannedItems)),
                         ("satisfaction_index", figure(v.satisfactionIndex, nil, v.scoredVisits)),
                         ("mean_overall", .optional(KPIEngine.round2(v.meanOverall))),
                         ("nps", figure(v.nps, nil, v.npsResponses, points: true)),
                         ("record_completeness", figure(v.recordCompleteness, v.completeRecords, v.visits))])
            })),
            ("issue_owners", .array(k.issueOwners.map { o in
                .object([("name", .string(o.name)), ("owned", .int(o.owned)),
                         ("resolved", figure(o.resolutionRate, o.resolved, o.owned)),
                         ("resolved_on_time", figure(o.onTimeRate, o.resolvedOnTime, o.resolved)),
                         ("reopened", figure(o.reopenRate, o.reopened, o.owned)),
                         ("mean_working_days_to_resolve", figure(o.meanWorkingDays, nil, o.resolved, points: true))])
            })),
            ("improvement_owners", .array(k.improvementOwners.map { m in
                .object([("name", .string(m.name)), ("due", .int(m.due)),
                         ("done", figure(m.doneRate, m.done, m.due)),
                         ("verified_on_time", figure(m.verifiedOnTimeRate, m.verifiedOnTime, m.due))])
            })),
        ])
        var rows: [[String]] = []
        func row(_ role: String, _ person: String, _ figure: String, _ value: Double?, _ n: Int?, _ d: Int, points: Bool = false) {
            let v = points ? KPIEngine.round1(value) : KPIEngine.round4(value)
            rows.append([role, person, figure, v.map { JSONValue.number($0).render() } ?? "n/a", n.map(String.init) ?? "", String(d),
                         RateCounts(numerator: n, denominator: d).smallSample ? "yes" : "no"])
        }
        for v in k.visitors {
            rows.append(["visitor", v.name, "visits", String(v.visits), "", "", RateCounts(numerator: nil, denominator: v.visits).smallSample ? "yes" : "no"])
            row("visitor", v.name, "planned_on_time", v.onTimeRate, v.plannedOnTime, v.plannedItems)
            row("visitor", v.name, "satisfaction_index", v.satisfactionIndex, nil, v.scoredVisits)
            row("visitor", v.name, "nps", v.nps, nil, v.npsResponses, points: true)
            row("visitor", v.name, "record_completeness", v.recordCompleteness, v.completeRecords, v.visits)
        }
        for o in k.issueOwners {
            row("issue_owner", o.name, "resolved", o.resolutionRate, o.resolved, o.owned)
            row("issue_owner", o.name, "resolved_on_time", o.onTimeRate, o.resolvedOnTime, o.resolved)
            row("issue_owner", o.name, "reopened", o.reopenRate, o.reopened, o.owned)
            row("issue_owner", o.name, "mean_working_days_to_resolve", o.meanWorkingDays, nil, o.resolved, points: true)
        }
        for m in k.improvementOwners {
            row("improvement_owner", m.name, "done", m.doneRate, m.done, m.due)
            row("improvement_owner", m.name, "verified_on_time", m.verifiedOnTimeRate, m.verifiedOnTime, m.due)
        }
        return ReportOutput(document: doc, json: json,
                            csv: (["role", "person", "figure", "value", "numerator", "denominator", "small_sample"], rows))
    }

    static func name(_ n: String) -> String { n.isEmpty ? "—" : n }

    /// A figure in JSON: its value (a rate to 4 decimals, points or days to 1) with its counts.
    static func figure(_ value: Double?, _ numerator: Int?, _ denominator: Int, points: Bool = false) -> JSONValue {
        guard case .object(let counts) = RateCounts(numerator: numerator, denominator: denominator).json else { return .null }
        return .object([("value", .optional(points ? KPIEngine.round1(value) : KPIEngine.round4(value)))] + counts)
    }
}
