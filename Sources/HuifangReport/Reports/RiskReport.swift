import HuifangCore

/// The risk register and customer health in the period reports (issue 19): the 5×5 matrix of
/// open risks, the top risks, and the customers at risk with the reasons.
public enum RiskReport {
    /// How many top risks a report lists.
    public static let topCount = 10

    /// Open risks of `projects` (nil: all) raised by `today`, highest score first.
    public static func openRisks(_ r: Records, projects: Set<ProjectID>?, today: Day) -> [Risk] {
        r.risks.filter { $0.isOpen && $0.raised <= today && (projects?.contains($0.project) ?? true) }
            .sorted { (-$0.score, $0.project, $0.id) < (-$1.score, $1.project, $1.id) }
    }

    /// Whether the reports show the register: once a risk is recorded for the scope (open or
    /// closed). A repository that does not use the register gets no empty section.
    public static func isUsed(_ r: Records, projects: Set<ProjectID>?) -> Bool {
        r.risks.contains { projects?.contains($0.project) ?? true }
    }

    /// One of the top risks as the reports list it: what the risk says, whether it is high by
    /// its repository's policy and when it is next reviewed (by its repository's calendar), so
    /// that a roll-up can keep a repository's top risks after its records are freed.
    public struct TopRisk: Sendable {
        public var id: RiskID
        public var project: ProjectID
        public var title: String
        public var category: RiskCategory
        public var probability: Int
        public var impact: Int
        public var score: Int
        public var high: Bool
        public var response: RiskResponse
        public var owner: String
        public var nextReview: Day?

        public init(_ k: Risk, _ policy: Policy, calendar: WorkCalendar) {
            id = k.id
            project = k.project
            title = k.title
            category = k.category
            probability = k.probability
            impact = k.impact
            score = k.score
            high = k.isHigh(policy)
            response = k.response
            owner = k.owner
            nextReview = k.nextReview(policy, calendar: calendar)
        }
    }

    /// The section: heading, matrix (probability rows 5 to 1, impact columns 1 to 5), the note on
    /// the high zone, and the top risks.
    public static func blocks(_ open: [Risk], _ r: Records, today: Day, _ L: Catalogue) -> [ReportDocument.Block] {
        let policy = r.config.policy
        var out = matrixBlocks(RiskMatrix(open), open: open.count, high: open.filter { $0.isHigh(policy) }.count, policy: policy, L)
        if open.isEmpty { return out }
        out.append(.subheading(L["risk.report.top"]))
        out.append(.table(topTable(open.prefix(topCount).map { TopRisk($0, policy, calendar: r.calendar) }, today: today, L)))
        return out
    }

    /// The heading, the matrix coloured by `policy`'s zones and the note on the high zone.
    public static func matrixBlocks(_ matrix: RiskMatrix, open: Int, high: Int, policy: Policy, _ L: Catalogue) -> [ReportDocument.Block] {
        var out: [ReportDocument.Block] = [.heading(L["risk.report.title"])]
        var grid = ReportTable(
            headers: [L["risk.report.corner"]] + (1...5).map(String.init),
            rows: (1...5).reversed().map { p in [String(p)] + (1...5).map { i in String(matrix.counts[p - 1][i - 1]) } },
            numeric: Set(1...5))
        // HTML colours each cell by its zone (the count of open risks stays in it) and says
        // under the matrix what the colours mean.
        grid.cellClasses = (1...5).reversed().map { p in [nil] + (1...5).map { i in "zone-" + RiskZone(score: p * i, policy).rawValue } }
        let mediumAt = RiskZone.mediumAt(policy)
        if mediumAt > 1 { grid.legend.append((cls: "zone-low", text: L("risk.zone.low", ["to": String(mediumAt - 1)]))) }
        if mediumAt < policy.riskHighAt {
            grid.legend.append((cls: "zone-medium", text: L("risk.zone.medium", ["from": String(mediumAt), "to": String(policy.riskHighAt - 1)])))
        }
        grid.legend.append((cls: "zone-high", text: L("risk.zone.high", ["from": String(policy.riskHighAt)])))
        out.append(.table(grid))
        out.append(.paragraph(L("risk.report.note", ["open": String(open), "high": String(high), "at": String(policy.riskHighAt)])))
        return out
    }

    /// The table of top risks; `repository` (a roll-up): each risk's repository, in a first
    /// column, and `project` how its project is named.
    public static func topTable(_ top: [TopRisk], today: Day, _ L: Catalogue, repository: ((Int) -> String)? = nil,
                                project: (Int) -> String = { _ in "" }) -> ReportTable {
        ReportTable(
            headers: (repository == nil ? [] : [L["rollup.repository"]])
                + ["ID", L["project"], L["risk.col.score"], L["risk.col.category"], L["risk.col.response"], L["report.responsible"],
                   L["risk.col.next_review"], L["risk.col.title"]],
            rows: top.enumerated().map { n, k in
                let nextText = k.nextReview.map { $0 < today ? L("risk.review_overdue", ["day": $0.description]) : $0.description } ?? ""
                return (repository.map { [$0(n)] } ?? [])
                    + [k.id.rawValue, repository == nil ? k.project.rawValue : project(n), k.high ? "\(k.score) !" : String(k.score),
                       L.word(k.category), L.word(k.response), k.owner, nextText, k.title]
            }, numeric: [repository == nil ? 2 : 3])
    }

    /// The same as JSON: codes and numbers.
    public static func json(_ open: [Risk], _ r: Records) -> JSONValue {
        let policy = r.config.policy
        return json(RiskMatrix(open), open: open.count, high: open.filter { $0.isHigh(policy) }.count, highAt: policy.riskHighAt,
                    top: open.prefix(topCount).map { TopRisk($0, policy, calendar: r.calendar) })
    }

    /// The register's JSON from its figures; `extra(n)`: pairs put first in the n-th top risk's
    /// object (a roll-up's repository), `project(n)`: its project as the JSON names it.
    public static func json(_ matrix: RiskMatrix, open: Int, high: Int, highAt: Int, top: [TopRisk],
                            extra: (Int) -> [(String, JSONValue)] = { _ in [] }, project: ((Int) -> String)? = nil) -> JSONValue {
        .object([
            ("open", .int(open)), ("high", .int(high)), ("high_at", .int(highAt)),
            ("matrix", .array(matrix.counts.map { .array($0.map(JSONValue.int)) })),
            ("top", .array(top.enumerated().map { n, k in
                .object(extra(n) + [
                    ("id", .string(k.id.rawValue)), ("project", .string(project?(n) ?? k.project.rawValue)), ("title", .string(k.title)),
                    ("category", .string(k.category.rawValue)), ("probability", .int(k.probability)), ("impact", .int(k.impact)),
                    ("score", .int(k.score)), ("high", .bool(k.high)), ("response", .string(k.response.rawValue)),
                    ("owner", .string(k.owner)), ("next_review", .optional(k.nextReview?.description)),
                ])
            })),
        ])
    }

    /// Customers at risk, then to watch, each with the reasons.
    public static func healthBlocks(_ health: [CustomerHealth], on day: Day, _ L: Catalogue) -> [ReportDocument.Block] {
        let shown = concerning(health)
        var out: [ReportDocument.Block] = [.heading(L["health.title"])]
        let n = counts(health)
        out.append(.paragraph(L("health.rule", ["at_risk": String(n.atRisk), "watch": String(n.watch),
                                                "projects": String(health.count), "day": day.description])))
        guard !shown.isEmpty else { return out }
        out.append(.table(ReportTable(headers: [L["health.col.level"], L["customer"], L["project"], L["health.col.why"]], rows: shown.map { h in
            [L.word(h.level), h.customer, h.project.rawValue, L.joined(h.signals.map(L.words))]
        })))
        return out
    }

    /// How many projects are at risk and how many to watch (the text and the JSON say both).
    public static func counts(_ health: [CustomerHealth]) -> (atRisk: Int, watch: Int) {
        health.reduce(into: (atRisk: 0, watch: 0)) { n, h in
            if h.level == .atRisk { n.atRisk += 1 } else if h.level == .watch { n.watch += 1 }
        }
    }

    /// The projects at risk (two signals or more), by project id. Those to watch (one signal)
    /// are counted, not listed: in a large repository they are thousands, and a summary that
    /// lists them all buries the ones at risk (and doubled the JSON's size and time).
    public static func concerning(_ health: [CustomerHealth]) -> [CustomerHealth] {
        health.filter { $0.level == .atRisk }.sorted { $0.project < $1.project }
    }

    public static func healthJSON(_ health: [CustomerHealth]) -> JSONValue {
        .array(concerning(health).map { h in
            .object([("project", .string(h.project.rawValue)), ("customer", .string(h.customer)), ("level", .string(h.level.rawValue)),
                     ("signals", .array(h.signals.map(signalJSON)))])
        })
    }

    static func signalJSON(_ s: CustomerHealth.Signal) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("code", .string(s.code))]
        switch s {
        case .dissatisfied(let last): pairs.append(("last", .number(KPIEngine.round2(last) ?? last)))
        case .falling(let from, let to):
            pairs += [("from", .number(KPIEngine.round2(from) ?? from)), ("to", .number(KPIEngine.round2(to) ?? to))]
        case .majorIssues(let n), .overdueVisits(let n), .highRisks(let n): pairs.append(("count", .int(n)))
        }
        return .object(pairs)
    }
}

extension JSONValue {
    /// An object with `more` pairs appended (other values as they are).
    func appending(_ more: [(String, JSONValue)]) -> JSONValue {
        guard case .object(let pairs) = self else { return self }
        return .object(pairs + more)
    }
}
