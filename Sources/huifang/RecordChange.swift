import HuifangCore
import HuifangStore

extension CommandContext {
    /// The shape of every command that changes records: take the lock, read the records, let
    /// `change` refuse (by throwing) or plan the files to write, write them (staged, then
    /// renamed; refused when a file changed meanwhile), and return what `change` returned,
    /// for the command to print.
    func update<T>(_ change: (Records) throws -> (files: [(String, [UInt8])], result: T)) throws -> T {
        let held = try lock()
        defer { withExtendedLifetime(held) {} }
        let r = try load().records
        let planned = try change(r)
        try RecordUpdate.write(planned.files, in: repository)
        return planned.result
    }

    /// An issue command: finds issue `id` (also a withdrawn one when `withdrawn`), asks
    /// `transition` what to do with it, applies it on the as-of day (the lifecycle refuses
    /// with its reason), lets `verify` look at the changed issue, and writes it.
    func changeIssue(_ id: String, withdrawn: Bool = false, by: String?, command: String,
                     _ transition: (Issue, Records) throws -> IssueTransition,
                     verify: (Issue, Records) throws -> Void = { _, _ in }) throws -> (old: Issue, new: Issue, records: Records) {
        try update { r in
            let issue = try r.require(withdrawn ? r.anyIssue(matching: id) : r.issue(matching: id), "issue", id)
            let step = try transition(issue, r)
            let actor = recorder(by, fallback: issue.owner)
            let new: Issue
            switch IssueLifecycle.apply(step, to: issue, on: today, by: actor, policy: r.config.policy, calendar: r.calendar) {
            case .success(let changed): new = changed
            case .failure(let refusal): throw refused(refusal, issue, command: command)
            }
            try verify(new, r)
            let bytes = try RecordUpdate.issue(issue, becomes: new, in: repository, config: r.config)
            return ([(issue.location.path, bytes)], (issue, new, r))
        }
    }

    /// The refusal of a lifecycle step in words (exit 64), with what to do instead.
    func refused(_ refusal: IssueRefusal, _ issue: Issue, command: String) -> CommandFailure {
        let id = issue.id
        switch refusal {
        case .beforeLastChange(let last):
            return .usage("\(today) is before the last change of issue \(id) on \(last)",
                          hint: "changes are recorded on the as-of date; use --as-of \(last) or later")
        case .notOpen(let status):
            if command == "escalate" {
                return .usage("issue \(id) is \(status.rawValue); only open issues are escalated",
                              hint: "reopen it first: huifang issue reopen \(id) --reason ...")
            }
            return .usage("issue \(id) is already \(status.rawValue)")
        case .alreadyHighest:
            return .usage("issue \(id) is already major, the highest level", hint: "an overdue major issue goes to leadership: tell them")
        case .notUpward(let from, let to):
            return .usage("cannot move issue \(id) from \(from.rawValue) down or sideways to \(to.rawValue)",
                          hint: "escalation only moves up: minor → general → major")
        case .onSpotNeedsMinor(let severity):
            return .usage("only minor issues are resolved on the spot; \(id) is \(severity.rawValue)")
        case .notResolved(let status):
            return .usage("issue \(id) is \(status.rawValue); only resolved issues are confirmed",
                          hint: status == .open ? "resolve it first: huifang issue resolve \(id) --summary ..." : nil)
        case .beforeResolution(let day):
            return .usage("today (\(today)) is before the resolution (\(day))")
        case .alreadyClosed:
            return .usage("issue \(id) is already closed")
        case .notConfirmed(let status):
            return .usage("issue \(id) is \(status.rawValue); an issue is closed once the customer confirmed it",
                          hint: status == .resolved ? "huifang issue confirm \(id)" : nil)
        case .needsCaseAnalysis:
            return .usage("a major issue cannot be closed without a case analysis",
                          hint: "write one (e.g. docs/cases/\(id).md) and pass --case-analysis FILE")
        case .alreadyOpen:
            return .usage("issue \(id) is already open")
        case .alreadyWithdrawn:
            return .usage("issue \(id) is already withdrawn")
        }
    }
}
