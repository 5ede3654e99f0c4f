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
        var parts: [String] = []
        for file in loaded.records.config.calendarFiles {
            let mine = problems.filter { $0.path == file || $0.message.hasPrefix("calendar file '\(file)'") }
            guard !mine.isEmpty, !parts.contains(where: { $0.hasPrefix("'\(file)'") }) else { continue }
            if mine.contains(where: { $0.message.hasSuffix("does not exist") }) {
                parts.append("'\(file)' is missing")
            } else if mine.contains(where: { $0.message.hasSuffix("is outside the repository") }) {
                parts.append("'\(file)' is outside the repository")
            } else {
                parts.append("'\(file)' is invalid (\(mine.count) problem\(mine.count == 1 ? "" : "s") above)")
            }
        }
        let noun = parts.count == 1 ? "calendar file" : "calendar files"
        throw CommandFailure.data(
            "cannot count working days: \(noun) \(TerminalText.clean(listed(parts))) (listed under calendar.files in huifang.yaml)",
            hint: "restore or fix the file, or correct its name under calendar.files in huifang.yaml; 'huifang check' lists every problem")
    }

    /// The warning about `years` that no calendar file covers, and what to do about it.
    static func warning(years: [Int], config: Config) -> (message: String, hint: String) {
        let y = listed(years.map(String.init))
        let files = config.calendarFiles.isEmpty
            ? "no calendar file is listed under calendar.files in huifang.yaml"
            : "calendar file\(config.calendarFiles.count == 1 ? "" : "s") read: \(config.calendarFiles.joined(separator: ", "))"
        let message = "no calendar file covers \(y): \(years.count == 1 ? "its" : "their") working days are counted "
            + "without public holidays and make-up working days (\(files))"
        let target = config.calendarFiles.first.map { " into \($0)" } ?? ""
        let example = years.first.map(String.init) ?? "YYYY"
        let first = config.calendarFiles.isEmpty
            ? "list a calendar file under calendar.files in huifang.yaml (such as calendars/cn.yaml, which 'huifang init' writes); then, "
            : ""
        let hint = first + "once the State Council publishes the arrangement, enter it\(target) with "
            + "'huifang calendar add-holiday \(example)-MM-DD..\(example)-MM-DD --name NAME' and "
            + "'huifang calendar add-workday \(example)-MM-DD --name NAME' (see 'huifang calendar --help')"
        return (message, hint)
    }

    /// The warning as `status` shows it at the top and as standard error shows it.
    static func text(years: [Int], config: Config) -> String {
        let (message, hint) = warning(years: years, config: config)
        return Terminal.yellow("warning:") + " " + TerminalText.clean(message) + "\n  hint: " + TerminalText.clean(hint) + "\n"
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
        let (message, _) = warning(years: years, config: config)
        Warnings.add(message + "; enter the missing year with 'huifang calendar add-holiday' and 'huifang calendar add-workday'")
    }

    /// "a", "a and b", "a, b and c".
    static func listed(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }
}
