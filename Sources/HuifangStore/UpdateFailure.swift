import HuifangCore

/// Why an update of a record or calendar file was refused, as a case and its values: the
/// command layer says it in the reader's language (StoreErrorText); `description` and `hint`
/// are the English words.
public enum UpdateFailure: Sendable {
    /// The file to update does not parse: where, and the parser's reason.
    case unreadable(path: String, line: Int, column: Int, reason: String)
    /// The file parses but has a shape the editor cannot change in place.
    case notEditable(path: String, line: Int, reason: String, hint: String?)
    /// The calendar file written would not read back as the days asked for.
    case readBack(path: String)
    /// The calendar file has a problem (a finding of `huifang check`).
    case invalidFile(Finding)
    /// The record written would not parse.
    case notParsing(path: String, reason: String)
    /// The record written would not be valid: its first finding, if any.
    case notValid(path: String, first: Finding?)
    /// The folder of the file leads out of the repository through a symbolic link.
    case outside(path: String, to: String)

    static let fixFirst = "fix the file first (see 'huifang check')"

    public var description: String {
        switch self {
        case .unreadable(let path, let line, let column, let reason): return "\(path):\(line):\(column): \(reason)"
        case .notEditable(let path, let line, let reason, _): return "cannot update \(path): \(reason) (line \(line))"
        case .readBack(let path): return "internal error: the new \(path) does not read back as intended; nothing was written"
        case .invalidFile(let f): return "\(f.path):\(f.line):\(f.column): \(f.message)"
        case .notParsing(let path, let reason): return "internal error: the new \(path) does not parse (\(reason)); nothing was written"
        case .notValid(let path, let first):
            let what = first.map { "\($0.line):\($0.column): \($0.message)" } ?? "no record"
            return "the new \(path) would not be a valid record (\(what)); nothing was written"
        case .outside(let path, let to):
            return "cannot write \(path): its folder leads out of the repository (to \(to)) through a symbolic link"
        }
    }

    public var hint: String {
        switch self {
        case .unreadable: return Self.fixFirst
        case .notEditable(_, _, _, let hint): return hint ?? "the file has a shape huifang cannot edit in place; edit it by hand"
        case .readBack, .notParsing: return "please report this with the command you ran"
        case .invalidFile(let f): return f.hint ?? Self.fixFirst
        case .notValid: return "check the values given on the command line"
        case .outside: return "nothing was written; replace the link with a folder inside the repository (see 'huifang check')"
        }
    }
}
