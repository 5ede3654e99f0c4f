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
        let count = UnreadableRecord.count(unreadable.count)
        if ignoreInvalid && !writing {
            Warnings.add(Self.leftOut(unreadable))
            return
        }
        var s = ""
        for u in unreadable.prefix(Self.unreadableShown) { s += Console.format(u.first) }
        if unreadable.count > Self.unreadableShown { s += "... and \(unreadable.count - Self.unreadableShown) more\n" }
        Console.err(s)
        let them = unreadable.count == 1 ? "it" : "them"
        if writing {
            throw CommandFailure.data(
                "\(count) could not be read; nothing was written",
                hint: "fix \(them) first ('huifang check' lists every problem). --ignore-invalid does not apply to commands that write: "
                    + "what they write depends on the records they read (new ids, visit kinds, deadlines, plans)")
        }
        throw CommandFailure.data(
            "\(count) could not be read, and the answer depends on \(them)",
            hint: "fix \(them) ('huifang check' lists every problem), or add --ignore-invalid to answer without \(them)")
    }

    /// The warning that travels with an answer given without the unreadable records.
    static func leftOut(_ unreadable: [UnreadableRecord]) -> String {
        let shown = 3
        var paths = unreadable.prefix(shown).map(\.path).joined(separator: ", ")
        if unreadable.count > shown { paths += " and \(unreadable.count - shown) more" }
        return "left out \(UnreadableRecord.count(unreadable.count)) that could not be read (\(paths)); run 'huifang check'"
    }
}

extension Records {
    /// The failure for a lookup that found nothing because the record's file cannot be read
    /// (with --ignore-invalid): says so, instead of "no such record".
    func unreadableFailure(_ kind: UnreadableRecord.Kind, _ text: String) -> CommandFailure? {
        guard let u = unreadable(kind, matching: text) else { return nil }
        let f = u.first
        // File names and messages are record text: cleaned of control sequences for the terminal.
        return CommandFailure.data(TerminalText.clean("\(kind.rawValue) '\(u.id ?? text)' exists but cannot be read: \(f.path):\(f.line):\(f.column): \(f.message)"),
                                   hint: TerminalText.clean("\(f.hint ?? "fix it") ('huifang check' lists every problem)"))
    }
}
