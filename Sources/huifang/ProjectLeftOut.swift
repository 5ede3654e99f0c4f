import HuifangCore
import HuifangReport

/// A project left out with --ignore-invalid takes more with it than its one file: its
/// schedule (every visit due) and its department, while its visits and issues, read from
/// their own files, still count in the company's figures. The left-out warning names the
/// file; this one says what that means for the answer.
enum ProjectLeftOut {
    static func warn(_ unreadable: [UnreadableRecord], _ r: Records) {
        let c = MessageLanguage.catalogue
        for u in unreadable where u.kind == .project {
            guard let pid = u.project else { continue }
            let visits = r.visits.filter { $0.project == pid }.count
            let issues = r.issues.filter { $0.project == pid }.count
            Warnings.add(c.text("warning.project-left-out", ["path": u.path, "project": pid.rawValue,
                                                             "visits": String(visits), "issues": String(issues)]))
        }
    }
}
