import HuifangCore
import HuifangReport
import HuifangStore

/// Records that could not be read never vanish silently: a command whose answer depends on
/// them refuses (exit 65) and names each file at its line and column, unless --ignore-invalid
/// tells it to answer without them; then its output says how many were left out (`Warnings`).
/// A command that writes refuses even with --ignore-invalid: what it writes is derived from
/// what it read (new ids must not collide with an unread record's, a visit's kind comes from
/// the project's visits, a plan from the whole schedule), so it would be written wrong.
/// `project add` reads nothing but huifang.yaml, and goes on.
extension CommandContext {
    /// How many unreadable files a refusal names; `check` lists them all.
    static let unreadableShown = 10

    /// Lets the command go on with `loaded`, or refuses; see the type's comment.
    /// `reportsFindings`: the command shows the problems itself (`status`).
    func admit(_ loaded: LoadedRepository, reportsFindings: Bool, writing: Bool) throws {
        let unreadable = loaded.unreadable
        guard !unreadable.isEmpty, !reportsFindings else { return }
        let count = ["count": String(unreadable.count)]
        let many = unreadable.count == 1 ? "" : ".many"
        if ignoreInvalid && !writing {
            Warnings.add(Self.leftOut(unreadable))
            ProjectLeftOut.warn(unreadable, loaded.records)
            return
        }
        var s = ""
        for u in unreadable.prefix(Self.unreadableShown) { s += Console.format(u.first) }
        if unreadable.count > Self.unreadableShown {
            s += MessageLanguage.catalogue.text("msg.and-more", ["count": String(unreadable.count - Self.unreadableShown)]) + "\n"
        }
        Console.err(s)
        if writing {
            throw CommandFailure.data(Message("error.unreadable-writing" + many, count), hint: Message("hint.unreadable-writing" + many))
        }
        throw CommandFailure.data(Message("error.unreadable" + many, count), hint: Message("hint.unreadable" + many))
    }

    /// The warning that travels with an answer given without the unreadable records.
    static func leftOut(_ unreadable: [UnreadableRecord]) -> String {
        let shown = 3
        let c = MessageLanguage.catalogue
        var paths = unreadable.prefix(shown).map(\.path).joined(separator: ", ")
        if unreadable.count > shown { paths += c.text("msg.and-more-inline", ["count": String(unreadable.count - shown)]) }
        return c.text(unreadable.count == 1 ? "warning.left-out" : "warning.left-out.many", ["count": String(unreadable.count), "paths": paths])
    }
}

extension Records {
    /// The failure for a lookup that found nothing because the record's file cannot be read
    /// (with --ignore-invalid): says so, instead of "no such record".
    func unreadableFailure(_ kind: UnreadableRecord.Kind, _ text: String) -> CommandFailure? {
        guard let u = unreadable(kind, matching: text) else { return nil }
        let f = u.first
        // File names and messages are record text: cleaned of control sequences for the terminal.
        let id = u.id ?? text
        return CommandFailure(code: 65) { c in
            let message = c.text("error.exists-unreadable", ["noun": kind.rawValue, "id": id, "where": "\(f.path):\(f.line):\(f.column)",
                                                             "problem": c.message(f)])
            let hint = c.text("hint.exists-unreadable", ["hint": c.hint(f) ?? c["hint.fix-it"]])
            return (TerminalText.clean(message), TerminalText.clean(hint))
        }
    }
}
