import HuifangCore

// Values in words: the core answers in codes and values (kinds, methods, statuses, severities,
// durations, routes, why an agenda entry is due); these put them into the catalogue's language.
// JSON keeps the codes; these are for lines a person reads.

extension Catalogue {
    /// A code's word: the key `val.TYPE.CODE` (both catalogues have every code of every type).
    func value(_ type: String, _ code: String) -> String { self["val.\(type).\(code)"] }

    public func word(_ v: VisitKind) -> String { value("kind", v.rawValue) }
    public func word(_ v: DueKind) -> String { value("kind", v.rawValue) }
    public func word(_ v: VisitMethod) -> String { value("method", v.rawValue) }
    public func word(_ v: IssueStatus) -> String { value("status", v.rawValue) }
    public func word(_ v: Severity) -> String { value("severity", v.rawValue) }
    public func word(_ v: IssueCategory) -> String { value("category", v.rawValue) }
    public func word(_ v: IssueSource) -> String { value("source", v.rawValue) }
    public func word(_ v: Tier) -> String { value("tier", v.rawValue) }
    public func word(_ v: ImprovementStatus) -> String { value("improvement", v.rawValue) }
    public func word(_ v: EventKind) -> String { value("event", v.rawValue) }
    public func word(_ v: Operation) -> String { value("operation", v.rawValue) }
    /// A satisfaction dimension: the four of the policy in words, any other (huifang.yaml may
    /// name its own) as written.
    public func dimension(_ name: String) -> String {
        let key = "val.dimension.\(name)"
        return Catalogue.table(lang)[key] ?? name
    }

    public func word(_ v: EscalationTarget) -> String {
        switch v {
        case .severity(let s): return word(s)
        case .leadership: return self["val.leadership"]
        }
    }

    // MARK: durations

    /// A count of days with its unit: `9 天` / `9 days` (`1 day`).
    public func days(_ n: Int) -> String { self(n == 1 ? "dur.day" : "dur.days", ["n": String(n)]) }

    /// A duration as a person says it: `5 个工作日` / `5 working days`, `2 周`, `1 个月`...
    public func duration(_ d: Duration) -> String {
        let unit: String
        switch d.unit {
        case .days: unit = "day"
        case .workingDays: unit = "wd"
        case .weeks: unit = "week"
        case .months: unit = "month"
        case .years: unit = "year"
        }
        return self("dur.\(unit)" + (d.amount == 1 ? "" : "s"), ["n": String(d.amount)])
    }

    /// Where a due date stands on a day, from its days past due (negative: days left):
    /// `逾期 9 天` / `9 days late`, `今天到期` / `due today`, `剩 8 天` / `8 days left`.
    public func lateness(_ daysOverdue: Int) -> String {
        if daysOverdue > 0 { return self(daysOverdue == 1 ? "dur.late1" : "dur.late", ["n": String(daysOverdue)]) }
        if daysOverdue == 0 { return self["dur.today"] }
        return self(daysOverdue == -1 ? "dur.left1" : "dur.left", ["n": String(-daysOverdue)])
    }

    /// Working days left before a deadline: `剩 8 个工作日` / `8 working days left`.
    public func workingDaysLeft(_ n: Int) -> String { self(n == 1 ? "dur.wdleft1" : "dur.wdleft", ["n": String(n)]) }

    // MARK: deadlines and routes

    /// An issue's deadline state: `按期推进` / `on track`, `逾期，应升级为重大` / `overdue → major`...
    public func words(_ s: DeadlineState) -> String {
        switch s {
        case .onTrack: return self["state.on_track"]
        case .dueSoon: return self["state.due_soon"]
        case .overdue(_, let to): return self("state.overdue", ["to": word(to)])
        case .resolved(let late): return self[late ? "state.resolved_late" : "state.resolved_on_time"]
        }
    }

    public func words(_ p: RouteParty) -> String {
        switch p {
        case .department(let id, let d): return d.map { "\($0.name) (\($0.id))" } ?? id
        case .departmentHead(let id, let d):
            return d.map { self("route.head", ["head": $0.head, "department": $0.name]) } ?? self("route.head_of", ["department": id])
        case .projectManagement(let d): return d.map { "\($0.name) (\($0.id))" } ?? self["route.pmo"]
        case .projectManagementHead(let d):
            return d.map { self("route.head", ["head": $0.head, "department": $0.name]) } ?? self["route.pmo"]
        case .leader(let name): return self("route.leader", ["name": name])
        case .leadership: return self["val.leadership"]
        case .complaintFollower(let cs): return self("route.follower", ["head": cs.head, "department": cs.name])
        }
    }

    public func words(_ h: Route.Handler) -> String {
        switch h {
        case .visitorOnTheSpot(let visitor, let otherwise):
            return self("route.on_the_spot", ["visitor": visitor, "otherwise": words(otherwise)])
        case .party(let p): return words(p)
        case .namesOwnerAndDeadline(let head): return self("route.names_owner", ["head": words(head)])
        case .workingGroup(let lead): return self("route.working_group", ["lead": words(lead)])
        }
    }

    public func words(_ r: Route.RouteReport) -> String {
        switch r {
        case .writtenReport(let to): return self("route.written_report", ["to": words(to)])
        case .progressReportsToLeadership: return self["route.progress_reports"]
        }
    }

    public func words(_ n: Route.ClosingNeed) -> String {
        switch n {
        case .customerConfirmation: return self["route.customer_confirmation"]
        case .caseAnalysis: return self["route.case_analysis"]
        }
    }

    /// What closing an issue needs, joined: `客户确认和案例分析（case_analysis:）`.
    public func words(_ needs: [Route.ClosingNeed]) -> String { needs.map(words).joined(separator: self["list.and"]) }

    /// A list of parties or reports, joined with the language's separator (`；` / `; `).
    public func joined(_ items: [String]) -> String { items.joined(separator: self["list.sep"]) }

    // MARK: visit purposes

    /// Why a visit's given kind does not match what is due, in words.
    public func words(_ m: VisitPurpose.Mismatch) -> String {
        switch m {
        case .beforeAcceptance: return self["purpose.before_acceptance"]
        case .specialOpen(let event, let given):
            return event.map { self("purpose.special_open_event", ["event": $0, "kind": word(given)]) }
                ?? self("purpose.special_open", ["kind": word(given)])
        case .customerRequestOpen(let issue):
            return issue.map { self("purpose.request_open_issue", ["issue": $0]) } ?? self["purpose.request_open"]
        case .firstVisitDue: return self["purpose.first_due"]
        case .alreadyHadFirstVisit: return self["purpose.had_first"]
        case .noSpecialOpen: return self["purpose.no_special"]
        case .noCustomerRequestOpen: return self["purpose.no_request"]
        case .alreadyAccepted: return self["purpose.accepted"]
        case .namesEvent(let event): return self("purpose.names_event", ["event": event])
        }
    }

    // MARK: the timeline

    /// A timeline entry's facts in words: `定期回访 线上 2.5`, `一般 → 重大`, `2026-11-20 前确认`.
    public func words(_ f: TimelineEntry.Facts) -> String {
        switch f {
        case .none: return ""
        case .tier(let t): return word(t)
        case .visit(let k, let m, let overall, let attachments):
            var s = [word(k), word(m), overall].compactMap { $0 }.joined(separator: " ")
            if !attachments.isEmpty { s += self("tlf.attached", ["files": attachments.joined(separator: " ")]) }
            return s
        case .issue(let s, let c, let src): return [word(s), word(c), word(src)].joined(separator: " ")
        case .escalation(let from, let to): return "\(from.map(word) ?? "?") → \(to.map(word) ?? "?")"
        case .confirmBy(let day): return self("tlf.confirm_by", ["day": day.description])
        case .written(let text): return text
        case .change(let action, let from, let to):
            let values = ["action": action, "from": from ?? "?", "to": to ?? "?"]
            return text(has("tlf.change." + action) ? "tlf.change." + action : "tlf.change", values)
        case .event(let k): return word(k)
        case .improvement(let s): return word(s)
        case .risk(let p, let i): return self("tlf.risk", ["p": String(p), "i": String(i), "score": String(p * i)])
        }
    }

    // MARK: the agenda

    /// Why an agenda entry is due, in words, with the record's own title where it has one:
    /// `定期回访（上次回访 2026-05-20）` / `periodic visit (last visit 2026-05-20)`.
    public func about(_ e: AgendaEntry) -> String {
        switch e.about {
        case .firstVisit(let accepted): return self("agenda.first", ["day": accepted.description])
        case .periodicVisit(let last): return self("agenda.periodic", ["day": last.description])
        case .specialVisit(let event): return self("agenda.special", ["title": e.title.isEmpty ? event : e.title])
        case .customerRequest(let issue): return self("agenda.request", ["title": e.title, "issue": issue])
        case .issue: return e.title
        case .confirmation: return self("agenda.confirmation", ["title": e.title])
        case .riskReview(let score): return self("agenda.risk", ["title": e.title, "score": String(score)])
        }
    }

    /// Who is responsible, and for a complaint who follows it: `王五，陈静（cs）跟进` / `王五, followed by 陈静 (cs)`.
    public func responsible(_ e: AgendaEntry) -> String {
        e.follower.map { self("agenda.followed", ["who": e.responsible, "head": $0.head, "department": $0.department]) } ?? e.responsible
    }
}
