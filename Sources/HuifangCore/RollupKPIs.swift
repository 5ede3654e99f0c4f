/// Adding up the KPIs of several repositories (issue 20, `report summary --repo A --repo B`):
/// every count is summed and every rate recomputed from the summed numerators and
/// denominators, never averaged. Each part was counted with its own repository's policy
/// (satisfied_at, scale, calendars), so the sum applies each repository's rules to its records.
extension PeriodKPIs {
    /// The KPIs of the union of `parts`, all of the same period (`period`, `countedOn`). The
    /// satisfaction index is the sum of each scored visit's overall score over its own scale,
    /// divided by the scored visits; the mean overall score (on no common scale when scales
    /// differ) is given only when every part with scored visits used `scale`. Dimensions are
    /// matched by name, in the order of `dimensions`.
    public static func summing(_ parts: [PeriodKPIs], period: Period, countedOn: Day, scale: Int?, dimensions: [String]) -> PeriodKPIs {
        var k = PeriodKPIs(period: period, countedOn: countedOn)
        var sums = [Double](repeating: 0, count: dimensions.count)
        var counts = [Int](repeating: 0, count: dimensions.count)
        for p in parts {
            k.plannedProjects += p.plannedProjects
            k.visitedPlannedProjects += p.visitedPlannedProjects
            k.unplannedVisits += p.unplannedVisits
            k.visits += p.visits
            k.scoredVisits += p.scoredVisits
            k.satisfiedVisits += p.satisfiedVisits
            k.completeVisits += p.completeVisits
            k.npsResponses += p.npsResponses
            k.npsPromoters += p.npsPromoters
            k.npsDetractors += p.npsDetractors
            k.issuesRaised += p.issuesRaised
            k.issuesResolved += p.issuesResolved
            k.issuesResolvedOnTime += p.issuesResolvedOnTime
            k.overdueVisits += p.overdueVisits
            k.overdueIssues += p.overdueIssues
            k.overdueConfirmations += p.overdueConfirmations
            k.overallSum += p.overallSum
            k.indexSum += p.indexSum
            k.frozenPlan = k.frozenPlan || p.frozenPlan
            for (n, name) in p.dimensions.map(\.name).enumerated() {
                guard let d = dimensions.firstIndex(of: name), n < p.dimensionSums.count else { continue }
                sums[d] += p.dimensionSums[n]
                counts[d] += p.dimensionCounts[n]
            }
        }
        k.visitPlanCompletionRate = KPIEngine.ratio(k.visitedPlannedProjects, k.plannedProjects)
        k.csat = KPIEngine.ratio(k.satisfiedVisits, k.scoredVisits)
        k.satisfactionIndex = k.scoredVisits == 0 ? nil : k.indexSum / Double(k.scoredVisits)
        k.meanOverall = k.scoredVisits == 0 || scale == nil ? nil : k.overallSum / Double(k.scoredVisits)
        if k.npsResponses > 0 { k.nps = Double(k.npsPromoters - k.npsDetractors) * 100 / Double(k.npsResponses) }
        k.issueResolutionRate = KPIEngine.ratio(k.issuesResolved, k.issuesRaised)
        k.onTimeResolutionRate = KPIEngine.ratio(k.issuesResolvedOnTime, k.issuesResolved)
        k.recordCompleteness = KPIEngine.ratio(k.completeVisits, k.visits)
        k.dimensionSums = sums
        k.dimensionCounts = counts
        k.dimensions = dimensions.indices.map { d in (dimensions[d], counts[d] == 0 || scale == nil ? nil : sums[d] / Double(counts[d])) }
        return k
    }
}

extension ReopenCount {
    /// The reopen counts of several repositories together.
    public static func summing(_ parts: [ReopenCount]) -> ReopenCount {
        ReopenCount(resolved: parts.reduce(0) { $0 + $1.resolved }, reopened: parts.reduce(0) { $0 + $1.reopened })
    }
}

extension PeopleKPIs {
    /// The per-person figures of several repositories together (`report people --repo A --repo
    /// B`): a person is a name, the same in every repository; their counts are added up and
    /// every rate recomputed from them. A visitor's satisfaction index adds each repository's
    /// scores over its own scale; the mean overall score is kept only when every repository
    /// uses one scale (`sameScale`).
    public static func summing(_ parts: [PeopleKPIs], countedOn: Day, sameScale: Bool) -> PeopleKPIs {
        var visitors: [String: Visitor] = [:]
        var indexSums: [String: Double] = [:]
        var overallSums: [String: Double] = [:]
        var net: [String: Int] = [:]
        var issueOwners: [String: IssueOwner] = [:]
        var improvementOwners: [String: ImprovementOwner] = [:]
        for k in parts {
            for v in k.visitors {
                var p = visitors[v.name] ?? Visitor(name: v.name)
                p.visits += v.visits
                p.plannedItems += v.plannedItems
                p.plannedOnTime += v.plannedOnTime
                p.scoredVisits += v.scoredVisits
                p.npsResponses += v.npsResponses
                p.completeRecords += v.completeRecords
                visitors[v.name] = p
                indexSums[v.name, default: 0] += (v.satisfactionIndex ?? 0) * Double(v.scoredVisits)
                overallSums[v.name, default: 0] += (v.meanOverall ?? 0) * Double(v.scoredVisits)
                net[v.name, default: 0] += Int(((v.nps ?? 0) * Double(v.npsResponses) / 100).rounded())
            }
            for o in k.issueOwners {
                var p = issueOwners[o.name] ?? IssueOwner(name: o.name)
                p.owned += o.owned
                p.resolved += o.resolved
                p.resolvedOnTime += o.resolvedOnTime
                p.reopened += o.reopened
                p.workingDaysTotal += o.workingDaysTotal
                issueOwners[o.name] = p
            }
            for m in k.improvementOwners {
                var p = improvementOwners[m.name] ?? ImprovementOwner(name: m.name)
                p.due += m.due
                p.done += m.done
                p.verifiedOnTime += m.verifiedOnTime
                improvementOwners[m.name] = p
            }
        }
        for name in visitors.keys {
            guard var p = visitors[name] else { continue }
            if p.scoredVisits > 0 {
                p.satisfactionIndex = indexSums[name, default: 0] / Double(p.scoredVisits)
                p.meanOverall = sameScale ? overallSums[name, default: 0] / Double(p.scoredVisits) : nil
            }
            if p.npsResponses > 0 { p.nps = Double(net[name, default: 0]) * 100 / Double(p.npsResponses) }
            visitors[name] = p
        }
        return PeopleKPIs(
            countedOn: countedOn,
            visitors: visitors.values.sorted { ($1.visits, $1.plannedItems, $0.name) < ($0.visits, $0.plannedItems, $1.name) },
            issueOwners: issueOwners.values.sorted { ($1.owned, $0.name) < ($0.owned, $1.name) },
            improvementOwners: improvementOwners.values.sorted { ($1.due, $0.name) < ($0.due, $1.name) })
    }
}
