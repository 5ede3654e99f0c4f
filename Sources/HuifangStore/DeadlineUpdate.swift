import HuifangCore
import HuifangYAML

extension RecordUpdate {
    /// An issue's `due:` set to `due` in place (comments, order and unknown keys kept), with
    /// `entry` appended to its history: the bytes to write.
    public static func deadline(of issue: Issue, to due: Day, entry: HistoryEntry, in repo: Repository,
                                config: Config) throws(StoreError) -> [UInt8] {
        let path = issue.location.path
        let file = path.split(separator: "/").last.map(String.init) ?? path
        return try edit(repo, path, as: .issue(project: issue.project, file: file), config: config) { (e: inout YAMLEditor) throws(YAMLError) in
            try e.set("due", to: .plain(due.description), order: RecordKeys.issue)
            try e.append(RecordEncoder.history(entry), to: "history", order: RecordKeys.issue)
        }
    }
}
