import HuifangReport

/// Warnings that travel with a command's output: whatever makes an answer less than whole
/// (records left out with --ignore-invalid, ...). Anything may add one, at any time before
/// the output is written; each is printed on standard error at once, and every output drains
/// the list: a note at the top of Markdown, HTML and terminal reports, `"warnings"` in JSON,
/// a last column in CSV (`SpreadsheetOutput.csv`), the calendar's description and
/// `X-HUIFANG-WARNING` in iCalendar, a sheet in xlsx.
enum Warnings {
    /// The warnings so far, in the order added, each once.
    nonisolated(unsafe) private(set) static var all: [String] = []

    /// Adds a warning (once) and prints it on standard error as `warning: message`.
    static func add(_ message: String) {
        guard !all.contains(message) else { return }
        all.append(message)
        let label = MessageLanguage.catalogue["msg.warning"]
        Console.err(Console.labelled(Terminal.yellow(label), label) + TerminalText.clean(message) + "\n")
    }

    /// Adds a warning (once) that the output carries, without printing it: standard error says
    /// it otherwise (a year without calendar data: `CalendarNotice.warnIfReached`, with its hint).
    static func carry(_ message: String) {
        guard !all.contains(message) else { return }
        all.append(message)
    }

    /// A JSON output with the warnings (`ReportWarnings.attach`); unchanged when there are none.
    static func attach(to json: JSONValue) -> JSONValue { ReportWarnings.attach(all, to: json) }

    /// The warnings as the last lines of a terminal table (a listing, a record shown): one
    /// `warning: message` line each after an empty line; empty when there are none.
    static var footer: String {
        guard !all.isEmpty else { return "" }
        let label = MessageLanguage.catalogue["msg.warning"]
        return "\n" + all.map { Console.labelled(label) + TerminalText.clean($0) + "\n" }.joined()
    }

    /// A report with the warnings, which its renderers print at the top.
    static func attach(to document: ReportDocument) -> ReportDocument { ReportWarnings.attach(all, to: document) }
}
