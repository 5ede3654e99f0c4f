import HuifangCore
import HuifangYAML

extension Repository {
    /// `projects/ID/risks/RID.yaml`: where the file of a risk is made.
    public func riskFile(project: ProjectID, risk: RiskID) -> String {
        "\(projectFolder(project.rawValue))/risks/\(risk).yaml"
    }
}

extension RecordUpdate {
    /// The new bytes of `old`'s file once it becomes `new`: changed fields are set in place and
    /// the new history lines appended. Comments, key order and unknown keys stay. Nothing is
    /// written here: pass the bytes to `write`.
    public static func risk(_ old: Risk, becomes new: Risk, in repo: Repository, config: Config) throws(StoreError) -> [UInt8] {
        let path = old.location.path
        let file = path.split(separator: "/").last.map(String.init) ?? path
        let added = new.history.count >= old.history.count ? Array(new.history[old.history.count...]) : []
        return try edit(repo, path, as: .risk(project: old.project, file: file), config: config) { (e: inout YAMLEditor) throws(YAMLError) in
            let order = RecordKeys.risk
            if new.probability != old.probability { try e.set("probability", to: .int(new.probability), order: order) }
            if new.impact != old.impact { try e.set("impact", to: .int(new.impact), order: order) }
            if new.plan != old.plan { try e.set("plan", to: .string(new.plan), order: order) }
            if new.status != old.status { try e.set("status", to: .plain(new.status.rawValue), order: order) }
            for h in added { try e.append(RecordEncoder.history(h), to: "history", order: order) }
        }
    }
}
