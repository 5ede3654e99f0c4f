import HuifangCore
import HuifangReport
import HuifangStore

/// What the calendar files mean for a command: a missing or invalid one stops every command
/// that counts working days, and a year that no file covers is said once per command.
enum CalendarNotice {
    /// Set when the command showed the warning in its own output (`status`): not said again.
    nonisolated(unsafe) static var shownInOutput = false

    /// Refuses (exit 65) when a calendar file of `calendar.files` is outside the repository,
    /// missing or invalid: every working-day date would be wrong. Each problem is printed as
    /// `path:line:col: error: ...` first.
    static func requireCalendars(_ loaded: LoadedRepository) throws {
        let problems = loaded.calendarErrors
        guard !problems.isEmpty else { return }
        for f in problems { Console.err(Console.format(f)) }
        let c = MessageLanguage.catalogue
        var parts: [String] = []
        for file in loaded.records.config.calendarFiles {
            let mine = problems.filter { $0.path == file || $0.message.hasPrefix("calendar file '\(file)'") }
            guard !mine.isEmpty, !parts.contains(where: { $0.hasPrefix("'\(file)'") }) else { continue }
            if mine.contains(where: { $0.message.hasSuffix("does not exist") }) {
                parts.append(c.text("calendar.part.missing", ["file": file]))
            } else if mine.contains(where: { $0.message.hasSuffix("is outside the repository") }) {
                parts.append(c.text("calendar.part.outside", ["file": file]))
            } else {
                parts.append(c.text(mine.count == 1 ? "calendar.part.invalid" : "calendar.part.invalid.many", ["file": file, "count": String(mine.count)]))
            }
        }
        throw CommandFailure.data(
            Message(parts.count == 1 ? "error.calendars" : "error.calendars.many", ["parts": TerminalText.clean(listed(parts, c))]),
            hint: Message("hint.calendars"))
    }

    /// The warning about `years` that no calendar file covers, and what to do about it.
    /// In the language of the messages.
    /// Years entered in part (`partial:`) are said as such: their days are counted with the
    /// entries made so far, and `calendar complete` is what ends the warning.
    static func warning(years: [Int], config: Config) -> (message: String, hint: String) {
        let c = MessageLanguage.catalogue
        // Years that a calendar file covers but that look incomplete (`DoubtfulYear`), each
        // with its count of holiday days against the other years'.
        let doubtful = KeptUntilExit.repositories.first?.records.calendar.doubtfulYears ?? [:]
        let doubted = years.filter { doubtful[$0] != nil }
        if !doubted.isEmpty {
            let said = doubted.map { y in
                let d = doubtful[y]!
                return c.text(d.holidays == 1 ? "warning.calendar-doubtful.one" : "warning.calendar-doubtful",
                              ["year": String(y), "count": String(d.holidays),
                               "others": d.othersLow == d.othersHigh ? String(d.othersLow) : "\(d.othersLow)-\(d.othersHigh)"])
            }.joined(separator: "; ")
            let hint = c.text("hint.calendar-doubtful", ["year": String(doubted[0])])
            let rest = years.filter { doubtful[$0] == nil }
            guard !rest.isEmpty else { return (said, hint) }
            let (message, other) = warning(years: rest, config: config)
            return (message + "; " + said, other + "; " + hint)
        }
        let partialYears = KeptUntilExit.repositories.first?.records.calendar.partialYears ?? []
        let partial = years.filter { partialYears.contains($0) }
        let years = years.filter { !partialYears.contains($0) }
        let y = listed(years.map(String.init), c)
        let listedFiles = config.calendarFiles.joined(separator: ", ")
        let files = config.calendarFiles.isEmpty ? c["calendar.files.none"]
            : c.text(config.calendarFiles.count == 1 ? "calendar.files.one" : "calendar.files.many", ["files": listedFiles])
        if !partial.isEmpty {
            let said = c.text(partial.count == 1 ? "warning.calendar-partial" : "warning.calendar-partial.many",
                              ["years": listed(partial.map(String.init), c), "files": files])
            let hint = c.text("hint.calendar-partial", ["year": String(partial[0])])
            guard !years.isEmpty else { return (said, hint) }
            let (message, rest) = warning(years: years, config: config)
            return (message + "; " + said, rest + "; " + hint)
        }
        let message = c.text(years.count == 1 ? "warning.calendar-uncovered" : "warning.calendar-uncovered.many", ["years": y, "files": files])
        let target = config.calendarFiles.first.map { c.text("calendar.target", ["file": $0]) } ?? ""
        let example = years.first.map(String.init) ?? "YYYY"
        let first = config.calendarFiles.isEmpty ? c["hint.calendar-uncovered.first"] : ""
        let hint = first + c.text("hint.calendar-uncovered", ["target": target, "year": example])
        return (message, hint)
    }

    /// The warning as `status` shows it at the top and as standard error shows it.
    static func text(years: [Int], config: Config) -> String {
        let (message, hint) = warning(years: years, config: config)
        let c = MessageLanguage.catalogue
        return Console.labelled(Terminal.yellow(c["msg.warning"]), c["msg.warning"]) + TerminalText.clean(message)
            + "\n  " + Console.labelled(c["msg.hint"]) + TerminalText.clean(hint) + "\n"
    }

    /// Says once, on standard error, which uncovered years the command's working-day
    /// arithmetic reached (called when a command has finished).
    static func warnIfReached() {
        guard !shownInOutput, let first = KeptUntilExit.repositories.first else { return }
        var years = Set<Int>()
        for loaded in KeptUntilExit.repositories { years.formUnion(loaded.records.calendar.reachedUncoveredYears) }
        guard !years.isEmpty else { return }
        Console.err(text(years: years.sorted(), config: first.records.config))
    }

    /// A report says in itself which uncovered years its period or schedule reaches (a note
    /// in Markdown and HTML, `warnings` in JSON, standard error for CSV), and only those: the
    /// rest of the history's arithmetic does not change its figures.
    static func noteInReport(_ years: [Int], config: Config) {
        shownInOutput = true
        guard !years.isEmpty else { return }
        Warnings.add(inOutput(years, config: config))
    }

    /// The uncovered years that `r`'s working-day arithmetic reached so far, carried by the
    /// output (JSON `warnings`, a table's last line) while standard error still says them once
    /// at the end, with the hint (`warnIfReached`).
    static func carryReached(_ r: Records) {
        let years = r.calendar.reachedUncoveredYears
        guard !years.isEmpty else { return }
        Warnings.carry(inOutput(years, config: r.config))
    }

    /// The warning about `years` as an output carries it: the message and what to do, in one.
    static func inOutput(_ years: [Int], config: Config) -> String {
        let (message, _) = warning(years: years, config: config)
        let calendar = KeptUntilExit.repositories.first?.records.calendar
        let partial = calendar?.partialYears ?? []
        let doubtful = calendar?.doubtfulYears ?? [:]
        // A year entered in part, or one that looks incomplete, needs no other year entered:
        // its own hint says what to do.
        let note = years.allSatisfy { partial.contains($0) || doubtful[$0] != nil } ? "; " + warning(years: years, config: config).hint
            : MessageLanguage.catalogue["warning.calendar-uncovered.note"]
        return message + note
    }

    /// The uncovered years that `r`'s working-day arithmetic reached so far, as a warning that
    /// travels with the output (CSV, xlsx, iCalendar: files read later, without standard error).
    static func noteReached(_ r: Records) {
        noteInReport(r.calendar.reachedUncoveredYears, config: r.config)
    }

    /// A record shown as JSON (`issue show`, `project show`, `risk show`) with the warnings,
    /// the years without calendar data that its working-day dates reached among them.
    static func attach(_ json: JSONValue, _ r: Records) -> JSONValue {
        carryReached(r)
        return Warnings.attach(to: json)
    }

    /// The last lines of a record shown as text: the warnings, the years without calendar data
    /// that its working-day dates reached among them (empty when there are none).
    static func footer(_ r: Records) -> String {
        carryReached(r)
        return Warnings.footer
    }

    /// "a", "a and b", "a, b and c" ("a、b 和 c").
    static func listed(_ items: [String], _ c: Catalogue = MessageLanguage.catalogue) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: c["msg.list.comma"]) + c["msg.list.and"] + items[items.count - 1]
    }
}
