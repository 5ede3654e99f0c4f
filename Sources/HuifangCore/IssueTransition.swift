/// What a line of an issue's history records (`action:`). A file may hold other words
/// (edited by hand): `HistoryEntry.action` keeps the file's word, `kind` names it when known.
public enum HistoryAction: String, Sendable, CaseIterable {
    case opened, escalated, resolved, confirmed, reopened, closed, withdrawn, note
}

extension HistoryEntry {
    public init(at: Day, action: HistoryAction, by: String? = nil, from: Severity? = nil, to: Severity? = nil,
                reason: String? = nil, note: String? = nil) {
        self.init(at: at, action: action.rawValue, by: by, from: from, to: to, reason: reason, note: note)
    }
}

/// A step of an issue's life (policy section 8): what `issue escalate`, `resolve`, `confirm`,
/// `close`, `reopen`, `note` and `withdraw` record.
public enum IssueTransition: Sendable, Hashable {
    /// One level up, or to `to`; the deadline is counted again from the day; `owner` when given.
    case escalate(to: Severity?, reason: String, owner: String?)
    /// Solved; `onSpot` only for a minor issue.
    case resolve(summary: String, onSpot: Bool)
    /// The customer's answer on a resolved issue; not satisfied opens it again.
    case confirm(satisfied: Bool)
    /// Closed once confirmed; a major issue needs its case analysis (given here, or already recorded).
    case close(caseAnalysis: String?)
    /// Open again; the resolution and confirmation set aside go into the history line.
    case reopen(reason: String)
    /// A progress note; the state does not change.
    case note(String)
    /// Logged by mistake: kept, counted nowhere.
    case withdraw(reason: String)
}

/// Why a transition is refused, with the values a message needs.
public enum IssueRefusal: Error, Sendable, Hashable {
    /// The day lies before the last change the issue records (`last`).
    case beforeLastChange(last: Day)
    /// Only open issues move this way (escalate, resolve); the issue is `status`.
    case notOpen(IssueStatus)
    /// Already major: nothing above it but leadership.
    case alreadyHighest
    /// Escalation only moves up.
    case notUpward(from: Severity, to: Severity)
    /// Only minor issues are resolved on the spot; the issue is `severity`.
    case onSpotNeedsMinor(Severity)
    /// Only resolved issues are confirmed; the issue is `status`.
    case notResolved(IssueStatus)
    /// The day lies before the resolution being confirmed.
    case beforeResolution(Day)
    case alreadyClosed
    /// Only confirmed issues are closed; the issue is `status`.
    case notConfirmed(IssueStatus)
    /// A major issue needs its case analysis to be closed.
    case needsCaseAnalysis
    case alreadyOpen
    case alreadyWithdrawn
}

/// The issue lifecycle: each transition takes an issue, the day, the actor and the policy, and
/// returns the changed issue (with its new history line) or a refusal.
public enum IssueLifecycle {
    /// The `reason:` an unsatisfied confirmation writes into the reopened history line: a value
    /// of the record, stored as it always was (files written before keep matching it); people
    /// read it through the catalogue (`Catalogue.historyReason`).
    public static let unsatisfiedReason = "customer not satisfied"

    /// The last day the issue records a change on: no change is recorded before it.
    public static func lastChange(of issue: Issue) -> Day {
        issue.history.map(\.at).max().map { max($0, issue.raised) } ?? issue.raised
    }

    /// `issue` after `transition` on `day` by `actor`. Escalation counts its new deadline in
    /// working days of `calendar` (policy.resolve_within). A withdrawn issue only takes notes.
    public static func apply(_ transition: IssueTransition, to issue: Issue, on day: Day, by actor: String,
                             policy: Policy, calendar: WorkCalendar) -> Result<Issue, IssueRefusal> {
        if case .withdraw = transition, issue.isWithdrawn { return .failure(.alreadyWithdrawn) }
        let last = lastChange(of: issue)
        if day < last { return .failure(.beforeLastChange(last: last)) }
        var changed = issue
        switch transition {
        case .escalate(let to, let reason, let owner):
            guard issue.isOpen else { return .failure(.notOpen(issue.status)) }
            guard let target = to ?? issue.severity.next else { return .failure(.alreadyHighest) }
            guard target > issue.severity else { return .failure(.notUpward(from: issue.severity, to: target)) }
            changed.severity = target
            changed.due = calendar.adding(Routing.allowed(target, policy), to: day)
            if let owner { changed.owner = owner }
            changed.history.append(HistoryEntry(at: day, action: .escalated, by: actor, from: issue.severity, to: target, reason: reason))
        case .resolve(let summary, let onSpot):
            guard issue.isOpen else { return .failure(.notOpen(issue.status)) }
            if onSpot && issue.severity != .minor { return .failure(.onSpotNeedsMinor(issue.severity)) }
            changed.status = .resolved
            changed.resolved = Resolution(date: day, summary: summary, onSpot: onSpot)
            // A confirmation of an earlier resolution (the customer was not satisfied) no
            // longer applies; the history keeps it.
            changed.confirmed = nil
            changed.history.append(HistoryEntry(at: day, action: .resolved, by: actor))
        case .confirm(let satisfied):
            guard issue.status == .resolved, let resolved = issue.resolved else { return .failure(.notResolved(issue.status)) }
            if day < resolved.date { return .failure(.beforeResolution(resolved.date)) }
            if satisfied {
                changed.status = .confirmed
                changed.confirmed = Confirmation(date: day, satisfied: true)
                changed.history.append(HistoryEntry(at: day, action: .confirmed, by: actor))
            } else {
                reopen(&changed, day: day, by: actor, reason: IssueLifecycle.unsatisfiedReason)
            }
        case .close(let given):
            if issue.status == .closed { return .failure(.alreadyClosed) }
            guard issue.status == .confirmed else { return .failure(.notConfirmed(issue.status)) }
            let analysis = given ?? issue.caseAnalysis
            if issue.severity == .major && analysis == nil { return .failure(.needsCaseAnalysis) }
            changed.status = .closed
            changed.caseAnalysis = analysis
            changed.history.append(HistoryEntry(at: day, action: .closed, by: actor))
        case .reopen(let reason):
            guard !issue.isOpen else { return .failure(.alreadyOpen) }
            reopen(&changed, day: day, by: actor, reason: reason)
        case .note(let text):
            changed.history.append(HistoryEntry(at: day, action: .note, by: actor, note: text))
        case .withdraw(let reason):
            changed.status = .withdrawn
            changed.history.append(HistoryEntry(at: day, action: .withdrawn, by: actor, reason: reason))
        }
        return .success(changed)
    }

    /// Open again: the resolution and confirmation set aside leave the current state (the
    /// store keeps them in the `reopened` history line).
    private static func reopen(_ issue: inout Issue, day: Day, by actor: String, reason: String) {
        issue.status = .open
        issue.resolved = nil
        issue.confirmed = nil
        issue.history.append(HistoryEntry(at: day, action: .reopened, by: actor, reason: reason))
    }
}
