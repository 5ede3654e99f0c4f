import HuifangCore

/// One repository reduced to what the roll-up assessment needs (docs/WORKSPACE.md): per quarter
/// of the period and per assessed department (business, with projects), its KPI counts, reopen
/// counts and reviewed score; and its assessment section.
public struct RollupAssessmentPart: Sendable {
    public var departments: [Department]
    /// [quarter][department], in the order of `AssessmentReport.quarters(of:)` and `departments`.
    public var kpis: [[PeriodKPIs]]
    public var reopen: [[ReopenCount]]
    public var reviews: [[AssessmentReview?]]
    /// The business departments of huifang.yaml (those without projects anywhere are named as not assessed).
    public var business: [Department]
    public var config: AssessmentConfig

    public static func reduce(_ c: ReportContext) -> RollupAssessmentPart {
        let r = c.records
        let quarters = AssessmentReport.quarters(of: c.period)
        let depts = AssessmentReport.departments(r)
        let scopes = quarters.flatMap { q in depts.map { KPIEngine.Scope(q, projects: $0.projects) } }
        let all = KPIEngine.compute(r, schedule: c.schedule, scopes: scopes, today: c.today)
        var kpis: [[PeriodKPIs]] = []
        var reopen: [[ReopenCount]] = []
        var reviews: [[AssessmentReview?]] = []
        for (qn, q) in quarters.enumerated() {
            let row = depts.indices.map { all[qn * depts.count + $0] }
            kpis.append(row)
            reopen.append(depts.indices.map { KPIEngine.reopenCount(r, period: q, countedOn: row[$0].countedOn, projects: depts[$0].projects) })
            reviews.append(depts.map { d in r.assessments.first { $0.period == q.label && $0.department == d.department.id } })
        }
        return RollupAssessmentPart(departments: depts.map(\.department), kpis: kpis, reopen: reopen, reviews: reviews,
                                    business: r.config.departments.filter { $0.role == .business }, config: r.config.assessment)
    }
}

extension RollupReport {
    /// `report assessment` over several repositories: each department's indicators over the
    /// union of its records in every repository (counts added up), scored against the first
    /// repository's assessment section (its targets, floors, weights, review share), with the
    /// reviewed score of the first repository that has one for the department and quarter.
    public static func assessment(_ parts: [RollupAssessmentPart], sources: [RollupSource], period: Period, today: Day,
                                  _ L: Catalogue) -> ReportOutput {
        let a = parts[0].config
        let quarters = AssessmentReport.quarters(of: period)
        var depts: [Department] = []
        for p in parts { for d in p.departments where !depts.contains(where: { $0.id == d.id }) { depts.append(d) } }
        // A department reviewed in two repositories for one quarter with different scores: the
        // first is used, and the report names the others rather than drop them unseen.
        var ignoredReviews: [String] = []
        let all: [[AssessmentReport.Result]] = quarters.enumerated().map { qn, q in
            var row = depts.map { d -> AssessmentReport.Result in
                var kpis: [PeriodKPIs] = []
                var reopen: [ReopenCount] = []
                var review: AssessmentReview?
                for (pn, p) in parts.enumerated() {
                    guard let dn = p.departments.firstIndex(where: { $0.id == d.id }) else { continue }
                    kpis.append(p.kpis[qn][dn])
                    reopen.append(p.reopen[qn][dn])
                    if let other = p.reviews[qn][dn], let used = review, other.score != used.score {
                        let name = pn < sources.count ? sources[pn].name : ""
                        ignoredReviews.append(L("rollup.review ignored", ["department": d.id, "quarter": q.label, "score": String(other.score),
                                                                            "repository": name, "used": String(used.score)]))
                    }
                    review = review ?? p.reviews[qn][dn]
                }
                guard q.start <= today else {
                    return AssessmentReport.Result(department: d, period: q, lines: nil, total: nil, rank: nil, review: review, asOf: today)
                }
                let k = PeriodKPIs.summing(kpis, period: q, countedOn: min(q.end, max(today, q.start)), scale: nil, dimensions: [])
                let lines = Assessment.lines(k, reopen: ReopenCount.summing(reopen), reviewed: review?.score, rules: a.rules(for: d.id),
                                             reviewShare: a.reviewShare)
                return AssessmentReport.Result(department: d, period: q, lines: lines, total: Assessment.total(lines), rank: nil, review: review,
                                               asOf: today)
            }
            let ranks = Assessment.ranks(row.map(\.total))
            for n in row.indices { row[n].rank = ranks[n] }
            return row
        }
        var unassessed: [Department] = []
        for p in parts {
            for d in p.business where !depts.contains(where: { $0.id == d.id }) && !unassessed.contains(where: { $0.id == d.id }) { unassessed.append(d) }
        }
        let sub = subtitle(sources, period: period, today: today, L)
        var out = period.length == .year
            ? AssessmentReport.year(all, departments: depts, config: a, unassessed: unassessed, period: period, today: today, subtitle: sub, L)
            : AssessmentReport.quarter(all[0], config: a, unassessed: unassessed, period: period, today: today, subtitle: sub, L)
        let differing = zip(sources, parts).dropFirst().filter { _, p in
            p.config.configured != a.configured || p.config.rules != a.rules || p.config.departments != a.departments || p.config.reviewShare != a.reviewShare
        }.map(\.0.name)
        let note = L("rollup.targets from", ["repository": sources[0].name])
            + (differing.isEmpty ? "" : " " + L("rollup.targets differ", ["repositories": differing.joined(separator: L["report.name sep"])]))
        out.document.title += " · " + L("rollup.title", ["count": String(sources.count)])
        out.document.blocks.insert(contentsOf: repositoryBlocks(sources, period: period, L, shown: { $0.hasPrefix("assessment.") }) + [.paragraph(note), .paragraph(L["rollup.review rule"])]
                                       + ignoredReviews.map { .paragraph($0) },
                                   at: 0)
        if case .object(let pairs) = out.json {
            out.json = .object([repositoriesJSON(sources)] + pairs + [("targets_from", .string(sources[0].name))]
                + (differing.isEmpty ? [] : [("targets_differ", .strings(differing))])
                + (ignoredReviews.isEmpty ? [] : [("reviews_ignored", .strings(ignoredReviews))]))
        }
        return out
    }
}
