/// The result of finding a record by an id or an unambiguous prefix of at least 4
/// characters, as git accepts short hashes.
public enum Lookup<T> {
    case found(T)
    case notFound
    case ambiguous([String])
    case tooShort
    /// More than one record holds the id that was named (a copied file or a merge): acting on
    /// either one would be a guess. The files that hold it, sorted.
    case duplicated(id: String, paths: [String])
}

extension Records {
    public static let minimumPrefix = 4

    static func lookup<T>(_ text: String, in items: [T], id: (T) -> String, path: (T) -> String) -> Lookup<T> {
        let exact = items.filter { id($0) == text }
        let matches = exact.isEmpty && text.count >= minimumPrefix ? items.filter { id($0).hasPrefix(text) } : exact
        if exact.isEmpty && text.count < minimumPrefix { return .tooShort }
        switch matches.count {
        case 0: return .notFound
        case 1: return .found(matches[0])
        default:
            let ids = Set(matches.map(id))
            if ids.count == 1 { return .duplicated(id: id(matches[0]), paths: matches.map(path).sorted()) }
            return .ambiguous(ids.sorted())
        }
    }

    public func issue(matching text: String) -> Lookup<Issue> {
        Records.lookup(text, in: issues, id: { $0.id.rawValue }, path: { $0.location.path })
    }
    public func visit(matching text: String) -> Lookup<Visit> {
        Records.lookup(text, in: visits, id: { $0.id.rawValue }, path: { $0.location.path })
    }
    /// Also withdrawn issues: for commands that show or annotate any issue.
    public func anyIssue(matching text: String) -> Lookup<Issue> {
        Records.lookup(text, in: withdrawnIssues.isEmpty ? issues : issues + withdrawnIssues, id: { $0.id.rawValue },
                       path: { $0.location.path })
    }
    public func improvement(matching text: String) -> Lookup<Improvement> {
        Records.lookup(text, in: improvements, id: { $0.id.rawValue }, path: { $0.location.path })
    }

    /// Projects are named by their full id, or by a unique prefix of it.
    public func project(matching text: String) -> Lookup<Project> {
        if let exact = projects.first(where: { $0.id.rawValue == text }) { return .found(exact) }
        let matches = projects.filter { $0.id.rawValue.hasPrefix(text) }
        if text.isEmpty || matches.isEmpty { return .notFound }
        return matches.count == 1 ? .found(matches[0]) : .ambiguous(matches.map(\.id.rawValue))
    }
}
