/// Failures that stop a command, with the exit code of README.md ("Exit codes") and what to do about them.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    case noRepository(start: String)
    /// A folder given on the command line (-C DIR, the folder of -o FILE) that is missing or
    /// is not a folder: `reason` says which.
    case noFolder(path: String, reason: String, hint: String)
    case alreadyRepository(path: String)
    case locked(path: String, seconds: Int)
    /// A record changed on disk between being read for an update and the update's rename.
    case changed(path: String)
    case badConfig(findings: Int)
    case ambiguous(what: String, prefix: String, matches: [String])
    case io(FileError)
    case invalid(String, hint: String?)
    /// An update of a record or calendar file refused (nothing was written).
    case update(UpdateFailure)

    public var exitCode: Int32 {
        switch self {
        case .noRepository, .noFolder: return 66
        case .locked: return 75
        case .changed: return 75
        case .io(let e): return e.isPermissionDenied ? 77 : 74
        case .badConfig, .invalid, .update: return 65
        case .ambiguous, .alreadyRepository: return 64
        }
    }

    public var description: String {
        switch self {
        case .noRepository(let start):
            return "not a huifang repository (or any parent up to /): \(start)"
        case .noFolder(let path, let reason, _):
            return "\(path): \(reason)"
        case .alreadyRepository(let path):
            return "\(path) is already a huifang repository (huifang.yaml exists)"
        case .locked(let path, let seconds):
            return "the repository is locked by another huifang command (\(path)); waited \(seconds) s"
        case .changed(let path):
            return "\(path) changed while updating, run again"
        case .badConfig(let n):
            return "huifang.yaml has \(n) problem\(n == 1 ? "" : "s")"
        case .ambiguous(let what, let prefix, let matches):
            return "'\(prefix)' matches \(matches.count) \(what)s: \(matches.prefix(8).joined(separator: ", "))"
        case .io(let e):
            return e.description
        case .invalid(let message, _):
            return message
        case .update(let u):
            return u.description
        }
    }

    public var hint: String? {
        switch self {
        case .noRepository: return "run 'huifang init' to create one here, or use -C DIR to point at one"
        case .noFolder(_, _, let hint): return hint
        case .alreadyRepository: return "nothing was changed; use the existing repository"
        case .locked: return "wait for the other command to finish and try again (HUIFANG_LOCK_TIMEOUT sets the wait in seconds)"
        case .changed: return "nothing was written; the file keeps what was saved into it meanwhile"
        case .badConfig: return "run 'huifang check' to see them, then fix huifang.yaml"
        case .ambiguous: return "type more characters of the id"
        case .io(let e): return e.isPermissionDenied ? "check the permissions of \(e.path) and of its folders (ls -ld)" : nil
        case .invalid(_, let hint): return hint
        case .update(let u): return u.hint
        }
    }
}
