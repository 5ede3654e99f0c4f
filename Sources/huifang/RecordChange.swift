import HuifangCore
import HuifangReport
import HuifangStore

extension CommandContext {
    /// The shape of every command that changes records: take the lock, read the records, let
    /// `change` refuse (by throwing) or plan the files to write, write them (staged, then
    /// renamed; refused when a file changed meanwhile), and return what `change` returned,
    /// for the command to print.
    /// `usesRecords: false` reads only huifang.yaml (see `load`); `before` runs under the lock
    /// before anything is read (an editor session checks that its file did not change meanwhile).
    func update<T>(usesRecords: Bool = true, before: () throws -> Void = {},
                   _ change: (Records) throws -> (files: [(String, [UInt8])], result: T)) throws -> T {
        try locked(usesRecords: usesRecords, before: before) { r in
            let planned = try change(r)
            try RecordUpdate.write(planned.files, in: repository)
            return planned.result
        }
    }

    /// `update` for a change that does its own writing (attachment files beside the record, a
    /// visit whose new date renames its file and folder): takes the lock, runs `before`, reads
    /// the records and lets `change` write; the lock is released when it returns or throws.
    func locked<T>(usesRecords: Bool = true, before: () throws -> Void = {}, _ change: (Records) throws -> T) throws -> T {
        let held = try lock()
        defer { withExtendedLifetime(held) {} }
        try before()
        let r = try load(usesRecords: usesRecords).records
        return try change(r)
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
        let W = Catalogue.current
        let id = issue.id.rawValue
        func no(_ key: String, _ values: [String: String] = [:], hint: String? = nil, _ hintValues: [String: String] = [:]) -> CommandFailure {
            .usage(Message(key, values.merging(["id": id]) { a, _ in a }),
                   hint: hint.map { Message($0, hintValues.merging(["id": id]) { a, _ in a }) })
        }
        switch refusal {
        case .beforeLastChange(let last):
            return no("refusal.before-last-change", ["today": today.description, "last": last.description],
                      hint: "refusal.before-last-change.hint", ["last": last.description])
        case .notOpen(let status):
            if command == "escalate" {
                return no("refusal.escalate-not-open", ["status": W.word(status)], hint: "refusal.escalate-not-open.hint")
            }
            return no("refusal.already", ["status": W.word(status)])
        case .alreadyHighest:
            return no("refusal.already-highest", hint: "refusal.already-highest.hint")
        case .notUpward(let from, let to):
            return no("refusal.not-upward", ["from": W.word(from), "to": W.word(to)], hint: "refusal.not-upward.hint")
        case .onSpotNeedsMinor(let severity):
            return no("refusal.on-spot-minor", ["severity": W.word(severity)])
        case .notResolved(let status):
            return no("refusal.confirm-not-resolved", ["status": W.word(status)],
                      hint: status == .open ? "refusal.confirm-not-resolved.hint" : nil)
        case .beforeResolution(let day):
            return no("refusal.before-resolution", ["today": today.description, "day": day.description])
        case .alreadyClosed:
            return no("refusal.already-closed")
        case .notConfirmed(let status):
            return no("refusal.close-not-confirmed", ["status": W.word(status)],
                      hint: status == .resolved ? "refusal.close-not-confirmed.hint" : nil)
        case .needsCaseAnalysis:
            return no("refusal.needs-case-analysis", hint: "refusal.needs-case-analysis.hint")
        case .alreadyOpen:
            return no("refusal.already-open")
        case .alreadyWithdrawn:
            return no("refusal.already-withdrawn")
        }
    }
}
