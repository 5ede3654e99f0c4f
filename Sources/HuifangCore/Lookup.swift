/// The result of finding a record by an id or an unambiguous prefix of at least 4
/// characters, as git accepts short hashes.
public enum Lookup<T> {
    case found(T)
    case notFound
    case ambiguous([String])
    case tooShort
}

extension Records {
    public static let minimumPrefix = 4

    static func lookup<T>(_ text: String, in items: [T], id: (T) -> String) -> Lookup<T> {
        if let exact = items.first(where: { id($0) == text }) { return .found(exact) }
        guard text.count >= minimumPrefix else { return .tooShort }
        let matches = items.filter { id($0).hasPrefix(text) }
        switch matches.count {
        case 0: return .notFound
        case 1: return .found(matches[0])
        default: return .ambiguous(matches.map(id).sorted())
        }
    }

    public func issue(matching text: String) -> Lookup<Issue> { Records.lookup(text, in: issues) { $0.id.rawValue } }
    /// Also withdrawn issues: for commands that show or annotate any issue.
    public func anyIssue(matching text: String) -> Lookup<Issue> {
        Records.lookup(text, in: withdrawnIssues.isEmpty ? issues : issues + withdrawnIssues) { $0.id.rawValue }
    }
    public func visit(matching text: String) -> Lookup<Visit> { Records.lookup(text, in: visits) { $0.id.rawValue } }
    public func improvement(matching text: String) -> Lookup<Improvement> {
        Records.lookup(text, in: improvements) { $0.id.rawValue }
    }

    /// Projects are named by their full id, or by a unique prefix of it.
    public func project(matching text: String) -> Lookup<Project> {
        if let exact = projects.first(where: { $0.id.rawValue == text }) { return .found(exact) }
        let matches = projects.filter { $0.id.rawValue.hasPrefix(text) }
        if text.isEmpty || matches.isEmpty { return .notFound }
        return matches.count == 1 ? .found(matches[0]) : .ambiguous(matches.map(\.id.rawValue))
    }
}
