/// A record file (or a project folder) that reading left out: its YAML does not parse, a
/// field is missing or invalid, or it lies where huifang does not read records. Its record
/// is not among `Records`, so every answer computed without it may be wrong: commands refuse
/// unless told to leave it out (`--ignore-invalid`), and then say so.
///
/// Reading drops a record with any error (a record is never half read), so "has an error of
/// its own" and "was left out" are the same thing. Problems between records (duplicate ids,
/// unknown references) are not here: those records were read, and `check` reports them.
public struct UnreadableRecord: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case project, visit, issue, improvement, event, plan, assessment, risk
        /// A `.yaml` file where no record belongs (e.g. directly in a project folder).
        case file
    }

    public var kind: Kind
    /// Relative to the repository root: the file, or the project folder.
    public var path: String
    /// The id the file name gives (a visit's `DATE-ID.yaml` gives ID); nil when the name says none.
    public var id: String?
    /// The project whose folder holds it.
    public var project: ProjectID?
    /// Its errors, first first; never empty.
    public var problems: [Finding]

    /// Where reading stopped, `path:line:col: error: message`.
    public var first: Finding { problems[0] }

    /// What the path says about the record: its kind, id and project.
    public init(path: String, problems: [Finding]) {
        self.path = path
        self.problems = problems.sorted()
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        func stem(_ name: String) -> String {
            for ext in [".yaml", ".yml"] where name.hasSuffix(ext) { return String(name.dropLast(ext.count)) }
            return name
        }
        kind = .file
        id = nil
        project = nil
        switch parts.first {
        case "projects" where parts.count >= 2:
            project = ProjectID(parts[1])
            if parts.count == 2 || (parts.count == 3 && parts[2] == "project.yaml") {
                kind = .project
                id = parts[1]
            } else if parts.count == 4 && parts[2] == "visits" {
                kind = .visit
                // DATE-ID.yaml: the id follows the date.
                let s = stem(parts[3])
                id = s.count > 11 && Day(String(s.prefix(10))) != nil ? String(s.dropFirst(11)) : s
            } else if parts.count == 4 && parts[2] == "issues" {
                kind = .issue
                id = stem(parts[3])
            } else if parts.count == 4 && parts[2] == "risks" {
                kind = .risk
                id = stem(parts[3])
            }
        case "improvements" where parts.count == 2:
            kind = .improvement
            id = stem(parts[1])
        case "events" where parts.count == 2:
            kind = .event
            id = stem(parts[1])
        case "plans" where parts.count == 2:
            kind = .plan
            id = stem(parts[1])
        case "assessments" where parts.count == 2:
            kind = .assessment
            id = stem(parts[1])
        default:
            break
        }
    }
}

extension Records {
    /// The unreadable record of `kind` that `text` names, by the id its file name gives: the
    /// whole id, or (as lookups accept) a prefix of at least `minimumPrefix` characters that
    /// names one file only (any prefix for projects, as `project(matching:)` accepts).
    public func unreadable(_ kind: UnreadableRecord.Kind, matching text: String) -> UnreadableRecord? {
        let candidates = unreadable.filter { $0.kind == kind && $0.id != nil }
        if let exact = candidates.first(where: { $0.id == text }) { return exact }
        guard !text.isEmpty, kind == .project || text.count >= Records.minimumPrefix else { return nil }
        let matches = candidates.filter { $0.id!.hasPrefix(text) }
        return matches.count == 1 ? matches[0] : nil
    }
}
