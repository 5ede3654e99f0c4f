import HuifangCore
import HuifangYAML

extension Repository {
    /// `plans/YEAR-DEPT.yaml`: a department's own implementation plan (policy §三.2).
    public func planFile(year: Int, department: String?) -> String {
        department.map { "plans/\(year)-\($0).yaml" } ?? planFile(year: year)
    }
}

extension RecordUpdate {
    /// The new bytes of `plan`'s file with the visitor of the planned visits at `items` (indices
    /// into `plan.visits`, the file's order) set to `visitor`; comments, key order, quoting and
    /// unknown keys stay. Nothing is written here.
    public static func planVisitor(_ plan: Plan, items: [Int], to visitor: String, in repo: Repository,
                                   config: Config) throws(StoreError) -> [UInt8] {
        let path = plan.location.path
        let file = path.split(separator: "/").last.map(String.init) ?? path
        return try edit(repo, path, as: .plan(file: file), config: config) { (e: inout YAMLEditor) throws(YAMLError) in
            for n in items { try e.set("visitor", to: .string(visitor), inItem: n, of: "visits") }
        }
    }
}
