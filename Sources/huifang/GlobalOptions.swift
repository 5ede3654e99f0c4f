import ArgumentParser
import HuifangCore

#if canImport(Glibc)
    import Glibc
#endif

/// Options every command takes, before the subcommand (as in git) or after it.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customShort("C"), help: ArgumentHelp(
        "Run as if huifang was started in DIR: the repository is looked for from DIR, and relative paths (-o FILE, files to import or attach) are taken from DIR.",
        valueName: "DIR"))
    var directory: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "The date huifang takes as today (default: $HUIFANG_TODAY, else today).", valueName: "YYYY-MM-DD"),
            transform: parseDayArgument)
    var asOf: Day?

    @Flag(name: .customLong("no-cache"), help: "Read every record file, ignoring and not writing .huifang/cache.")
    var noCache = false

    @Flag(name: .customLong("ignore-invalid"),
          help: "Answer without the records that cannot be read (else exit 65), saying how many were left out; commands that write refuse either way.")
    var ignoreInvalid = false

    @Option(name: .customLong("lang"), help: ArgumentHelp(
        "The language huifang speaks: zh or en (default: $HUIFANG_LANG, else huifang.yaml's language).", valueName: "zh|en"))
    var lang: Language?

    /// The as-of date: --as-of, else $HUIFANG_TODAY, else the local date.
    func today() throws -> Day {
        if let asOf { return asOf }
        if let env = getenv("HUIFANG_TODAY") {
            let text = String(cString: env)
            if Day.problemCase(text) != nil {
                throw CommandFailure(code: 64) { c in
                    (c.text("error.bad-today", ["text": text, "problem": c.dateProblem(text) ?? ""]), c["hint.bad-today"])
                }
            }
            return Day(text)!
        }
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        let (y, m, d) = (Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
        guard let day = Day(year: y, month: m, day: d) else {
            throw CommandFailure.usage(Message("error.system-date", ["date": "\(y)-\(m)-\(d)", "low": String(Day.supportedYears.lowerBound),
                                                             "high": String(Day.supportedYears.upperBound)]),
                                       hint: Message("hint.system-date"))
        }
        return day
    }

    /// Where the repository is looked for: "." once the process is in `-C DIR`
    /// (`WorkingFolder`), else DIR as given (one that could not be entered, said by the command).
    var startDirectory: String { WorkingFolder.entered != nil ? "." : directory ?? "." }
}

/// Parses a command-line date, saying what is wrong with one it does not take: not written
/// YYYY-MM-DD, outside the supported years, or a day the month does not have.
func parseDayArgument(_ text: String) throws -> Day {
    // Parsed before the repository is known: said in the language of --lang, $HUIFANG_LANG or the locale.
    let c = MessageLanguage.catalogue
    if let problem = c.dateProblem(text) { throw ArgumentProblem.refuse(c.text("error.bad-date", ["text": text, "problem": problem])) }
    return Day(text)!
}

func parsePeriodArgument(_ text: String) throws -> Period {
    // Said in the language of --lang, $HUIFANG_LANG or the locale, as a bad date is.
    if let problem = MessageLanguage.catalogue.periodProblem(text) { throw ArgumentProblem.refuse(problem) }
    return Period(text)!
}

/// Why the last argument a transform refused was refused, in the catalogue's words.
/// ArgumentParser would frame it in English ("Error: The value '2026Q5' is invalid for
/// '--period <period>': ..."); `Huifang.main` prints it as huifang's other errors instead.
enum ArgumentProblem {
    nonisolated(unsafe) static var last: String?

    static func refuse(_ message: String) -> ValidationError {
        last = message
        return ValidationError(message)
    }

    /// The failure to print for ArgumentParser's `text`, when what it reports is the refusal
    /// noted last (nil otherwise: ArgumentParser's own words stand).
    static func failure(for text: String) -> CommandFailure? {
        guard let last, text.contains(last) else { return nil }
        // "... is invalid for '--period <period>': ...": the option, as a person typed it.
        let option = text.range(of: "is invalid for '").map { r in String(text[r.upperBound...].prefix { $0 != " " && $0 != "'" }) } ?? ""
        return CommandFailure(code: 64) { c in
            (option.isEmpty ? last : c.text("error.bad-argument", ["option": option, "problem": last]), c["hint.bad-argument"])
        }
    }
}

/// How a listing is printed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv, xlsx
}

extension Tier: ExpressibleByArgument {}
extension VisitKind: ExpressibleByArgument {}
extension VisitMethod: ExpressibleByArgument {}
extension Operation: ExpressibleByArgument {}
extension IssueSource: ExpressibleByArgument {}
extension IssueCategory: ExpressibleByArgument {}
extension Severity: ExpressibleByArgument {}
extension EventKind: ExpressibleByArgument {}
extension Language: ExpressibleByArgument {}
