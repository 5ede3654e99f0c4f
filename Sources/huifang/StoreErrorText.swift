import HuifangReport
import HuifangStore

/// The store's failures in words of the message catalogue. The store answers in cases and
/// values (`StoreError`); what a person reads is chosen here. A text the store wrote itself
/// (`.invalid`, the reason of an I/O error) is printed as it is, framed by our words.
enum StoreErrorText {
    /// Whether the catalogue has the words of `e` (else they are the store's English).
    static func isTranslated(_ e: StoreError) -> Bool {
        let c = Catalogue(.en)
        switch e {
        case .invalid: return false
        case .noFolder(_, let reason, _): return c.has("error.no-folder.\(reason)")
        case .io(let f): return ioAction(f, c) != nil
        default: return true
        }
    }

    static func message(_ e: StoreError, _ c: Catalogue) -> String {
        switch e {
        case .noRepository(let start):
            return c.text("error.no-repository", ["start": start])
        case .noFolder(let path, let reason, _):
            let key = "error.no-folder.\(reason)"
            return c.has(key) ? c.text(key, ["path": path]) : e.description
        case .alreadyRepository(let path):
            return c.text("error.already-repository", ["path": path])
        case .locked(let path, let seconds):
            return c.text("error.locked", ["path": path, "seconds": String(seconds)])
        case .changed(let path):
            return c.text("error.changed", ["path": path])
        case .badConfig(let n):
            return c.text(n == 1 ? "error.bad-config.one" : "error.bad-config", ["count": String(n)])
        case .ambiguous(let what, let prefix, let matches):
            return c.text("error.ambiguous", ["prefix": prefix, "count": String(matches.count), "noun": what,
                                              "matches": matches.prefix(8).joined(separator: ", ")])
        case .io(let f):
            // "cannot ACTION: reason" (reason from the system) is framed in the language.
            guard let (key, reason) = ioAction(f, c) else { return e.description }
            return c.text(key, ["path": f.path, "reason": reason])
        case .invalid:
            return e.description
        }
    }

    /// The catalogue key of an I/O failure's "cannot ACTION: reason", and the reason.
    static func ioAction(_ f: FileError, _ c: Catalogue) -> (key: String, reason: String)? {
        for action in ["read", "write", "lock"] where f.message.hasPrefix("cannot \(action): ") && c.has("error.io.\(action)") {
            return ("error.io.\(action)", String(f.message.dropFirst("cannot \(action): ".count)))
        }
        return nil
    }

    static func hint(_ e: StoreError, _ c: Catalogue) -> String? {
        switch e {
        case .noRepository: return c["hint.no-repository"]
        case .noFolder(_, let reason, let hint):
            let key = "hint.no-folder.\(reason)"
            return c.has(key) ? c[key] : hint
        case .alreadyRepository: return c["hint.already-repository"]
        case .locked: return c["hint.locked"]
        case .changed: return c["hint.changed"]
        case .badConfig: return c["hint.bad-config"]
        case .ambiguous: return c["hint.ambiguous"]
        case .io(let f): return f.isPermissionDenied ? c.text("hint.permission", ["path": f.path]) : nil
        case .invalid: return e.hint
        }
    }
}
