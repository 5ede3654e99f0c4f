import HuifangCore
import HuifangReport

/// Records that name a department huifang.yaml no longer lists (taken out while its projects
/// still name it): `check` reports each record, and a report that breaks the company down by
/// department (summary, assessment) counts them in the company's figures but in no
/// department's row. Said as a warning that travels with the report.
enum UnknownDepartments {
    /// Adds one warning per department id that projects, issues or improvements name and
    /// huifang.yaml does not list. In a roll-up, `source` is the repository: the warning names it
    /// (which huifang.yaml lacks the department).
    static func warn(_ r: Records, in source: RollupSource? = nil) {
        // A few ids, each a small string: comparing them is cheaper than hashing every record's.
        let known = r.config.departments.map(\.id)
        var counts: [String: Int] = [:]
        var order: [String] = []
        func count(_ id: String) {
            guard !known.contains(id) else { return }
            if counts[id] == nil { order.append(id) }
            counts[id, default: 0] += 1
        }
        // Positions, not copies: a record is a dozen references, and there are 100,000.
        for n in r.projects.indices { count(r.projects[n].department) }
        for n in r.issues.indices { count(r.issues[n].department) }
        for n in r.improvements.indices { count(r.improvements[n].department) }
        let c = MessageLanguage.catalogue
        for id in order {
            let n = counts[id] ?? 0
            let text = c.text(n == 1 ? "warning.unknown-department" : "warning.unknown-department.many", ["id": id, "count": String(n)])
            Warnings.add(source.map { c.text("rollup.left-out", ["name": $0.name, "path": $0.path, "warning": text]) } ?? text)
        }
    }
}
