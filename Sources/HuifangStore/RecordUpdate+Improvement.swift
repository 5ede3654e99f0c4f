import HuifangCore
import HuifangYAML

extension Repository {
    /// `improvements/MID.yaml`: where the file of an improvement measure is made.
    public func improvementFile(_ id: ImprovementID) -> String { "improvements/\(id).yaml" }
}

extension RecordUpdate {
    /// The new bytes of `measure`'s file with `status` (and `verified`, when given) set in
    /// place; comments, key order and unknown keys stay. Nothing is written here.
    public static func improvement(_ measure: Improvement, status: ImprovementStatus, verified: Verification?, in repo: Repository,
                                   config: Config) throws(StoreError) -> [UInt8] {
        let path = measure.location.path
        let file = path.split(separator: "/").last.map(String.init) ?? path
        return try edit(repo, path, as: .improvement(file: file), config: config) { (e: inout YAMLEditor) throws(YAMLError) in
            try e.set("status", to: .plain(status.rawValue), order: RecordKeys.improvement)
            if let verified {
                try e.set("verified", to: .flowMap([("date", .plain(verified.date.description)), ("result", .string(verified.result))]),
                          order: RecordKeys.improvement)
            }
        }
    }
}
