import HuifangCore

/// The closed vocabularies of the records as a person reads them in a report (Markdown, HTML,
/// the terminal): kinds, methods, statuses, severities, categories, tiers, deadline states and
/// durations, in the catalogue's language. JSON and CSV keep the codes (`rawValue`).
extension Catalogue {
    public func reportValue(_ v: VisitKind) -> String { self["report.kind.\(v.rawValue)"] }
    public func reportValue(_ v: DueKind) -> String { self["report.kind.\(v.rawValue)"] }
    public func reportValue(_ v: VisitMethod) -> String { self["report.method.\(v.rawValue)"] }
    public func reportValue(_ v: IssueStatus) -> String { self["report.issue.\(v.rawValue)"] }
    public func reportValue(_ v: Severity) -> String { self["report.severity.\(v.rawValue)"] }
    public func reportValue(_ v: IssueCategory) -> String { self["report.category.\(v.rawValue)"] }
    public func reportValue(_ v: ImprovementStatus) -> String { self["report.improvement.\(v.rawValue)"] }
    public func reportValue(_ v: Tier) -> String { self["report.tier.\(v.rawValue)"] }

    /// Where an overdue issue should go: a severity, or leadership.
    public func reportValue(_ v: EscalationTarget) -> String {
        switch v {
        case .severity(let s): return reportValue(s)
        case .leadership: return self["report.leadership"]
        }
    }

    /// `on track`, `due soon`, `overdue → major`, `resolved late`... in the catalogue's language.
    public func reportValue(_ v: DeadlineState) -> String {
        switch v {
        case .onTrack: return self["report.state.on track"]
        case .dueSoon: return self["report.state.due soon"]
        case .overdue(let days, let to):
            return self(days == 1 ? "report.state.overdue.one" : "report.state.overdue", ["days": String(days), "to": reportValue(to)])
        case .resolved(let late): return self[late ? "report.state.resolved late" : "report.state.resolved on time"]
        }
    }

    /// A satisfaction dimension of huifang.yaml: the policy's four (quality, delivery, service,
    /// support) in the catalogue's language, any other as the configuration names it.
    public func reportDimension(_ name: String) -> String { Catalogue.table(lang)["report.dimension.\(name)"] ?? name }

    /// "逾期 102 天" / "102 days late".
    public func daysLate(_ days: Int) -> String { self(days == 1 ? "report.days late.one" : "report.days late", ["days": String(days)]) }
}

extension ReportDocument {
    /// Charts print a missing value in the report's language ("无数据" / "n/a").
    mutating func chartsSayMissing(_ L: Catalogue) {
        for n in blocks.indices {
            if case .chart(var c) = blocks[n] {
                c.missing = L["report.n/a"]
                blocks[n] = .chart(c)
            }
        }
    }
}
