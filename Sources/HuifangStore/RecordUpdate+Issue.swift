import HuifangCore
import HuifangYAML

extension Repository {
    /// `projects/ID/issues/IID.yaml`: where the file of an issue is made.
    public func issueFile(project: ProjectID, issue: IssueID) -> String {
        "\(projectFolder(project.rawValue))/issues/\(issue).yaml"
    }

    /// `projects/ID/visits/DATE-VID.yaml`: where the file of a visit is made.
    public func visitFile(project: ProjectID, date: Day, visit: VisitID) -> String {
        "\(projectFolder(project.rawValue))/visits/\(date)-\(visit).yaml"
    }
}

extension RecordUpdate {
    /// The new bytes of `old`'s file once it becomes `new` (what `IssueLifecycle.apply`
    /// returned): changed fields are set in place, fields `new` no longer has are removed, and
    /// the new history lines are appended; a `reopened` line keeps the resolution and
    /// confirmation it sets aside. Comments, key order and unknown keys stay. Nothing is
    /// written here: pass the bytes to `write`.
    public static func issue(_ old: Issue, becomes new: Issue, in repo: Repository, config: Config) throws(StoreError) -> [UInt8] {
        let path = old.location.path
        let file = path.split(separator: "/").last.map(String.init) ?? path
        let added = new.history.count >= old.history.count ? Array(new.history[old.history.count...]) : []
        return try edit(repo, path, as: .issue(project: old.project, file: file), config: config) {
            (e: inout YAMLEditor) throws(YAMLError) in
            let order = RecordKeys.issue
            if new.status != old.status { try e.set("status", to: .plain(new.status.rawValue), order: order) }
            if new.severity != old.severity { try e.set("severity", to: .plain(new.severity.rawValue), order: order) }
            if new.due != old.due { try e.set("due", to: .plain(new.due.description), order: order) }
            if new.owner != old.owner { try e.set("owner", to: .string(new.owner), order: order) }
            if new.resolved != old.resolved {
                if let r = new.resolved { try e.set("resolved", to: RecordEncoder.resolution(r), order: order) } else { try e.remove("resolved") }
            }
            if new.confirmed != old.confirmed {
                if let c = new.confirmed { try e.set("confirmed", to: RecordEncoder.confirmation(c), order: order) } else { try e.remove("confirmed") }
            }
            if new.caseAnalysis != old.caseAnalysis, let a = new.caseAnalysis { try e.set("case_analysis", to: .string(a), order: order) }
            for h in added {
                try e.append(h.kind == .reopened ? RecordEncoder.reopening(h, of: old) : RecordEncoder.history(h), to: "history", order: order)
            }
        }
    }
}
