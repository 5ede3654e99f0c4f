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
        case .update: return true
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
        case .update(let u):
            return updateMessage(u, c)
        }
    }

    /// Why an update was refused, in `c`'s language. The parser's and editor's own reasons
    /// (libyaml's words) are quoted as they are.
    static func updateMessage(_ u: UpdateFailure, _ c: Catalogue) -> String {
        switch u {
        case .unreadable(let path, let line, let column, let reason):
            return c.text("error.update.unreadable", ["path": path, "line": String(line), "column": String(column), "reason": reason])
        case .notEditable(let path, let line, let reason, _):
            return c.text("error.update.not-editable", ["path": path, "line": String(line), "reason": reason])
        case .readBack(let path):
            return c.text("error.update.read-back", ["path": path])
        case .invalidFile(let f):
            return c.text("error.update.unreadable", ["path": f.path, "line": String(f.line), "column": String(f.column), "reason": c.message(f)])
        case .notParsing(let path, let reason):
            return c.text("error.update.not-parsing", ["path": path, "reason": reason])
        case .notValid(let path, let first):
            let what = first.map { "\($0.line):\($0.column): " + c.message($0) } ?? c["error.update.no-record"]
            return c.text("error.update.not-valid", ["path": path, "first": what])
        case .outside(let path, let to):
            return c.text("error.update.outside", ["path": path, "to": to])
        }
    }

    static func updateHint(_ u: UpdateFailure, _ c: Catalogue) -> String {
        switch u {
        case .unreadable: return c["hint.update.fix-first"]
        case .notEditable(_, _, _, let hint): return hint ?? c["hint.update.not-editable"]
        case .readBack, .notParsing: return c["hint.update.report"]
        case .invalidFile(let f): return c.hint(f) ?? c["hint.update.fix-first"]
        case .notValid: return c["hint.update.not-valid"]
        case .outside: return c["hint.update.outside"]
        }
    }

    /// The catalogue key of an I/O failure's "cannot ACTION: reason", and the reason.
    static func ioAction(_ f: FileError, _ c: Catalogue) -> (key: String, reason: String)? {
        for action in ["read", "write", "lock", "write into the folder", "follow the link"] where f.message.hasPrefix("cannot \(action): ") && c.has("error.io.\(action)") {
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
        case .update(let u): return updateHint(u, c)
        }
    }
}
