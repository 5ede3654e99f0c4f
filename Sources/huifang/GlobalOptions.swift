import ArgumentParser
import HuifangCore

#if canImport(Glibc)
    import Glibc
#endif

/// Options every command takes, before the subcommand (as in git) or after it.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customShort("C"), help: ArgumentHelp("Run as if huifang was started in DIR.", valueName: "DIR"))
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
            if Day.problem(text) != nil {
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

    var startDirectory: String { directory ?? "." }
}

/// Parses a command-line date, saying what is wrong with one it does not take: not written
/// YYYY-MM-DD, outside the supported years, or a day the month does not have.
func parseDayArgument(_ text: String) throws -> Day {
    // Parsed before the repository is known: said in the language of --lang, $HUIFANG_LANG or the locale.
    let c = MessageLanguage.catalogue
    if let problem = c.dateProblem(text) { throw ValidationError(c.text("error.bad-date", ["text": text, "problem": problem])) }
    return Day(text)!
}

func parsePeriodArgument(_ text: String) throws -> Period {
    if Period(text) == nil {
        // Said in the language of --lang, $HUIFANG_LANG or the locale, as a bad date is.
        let c = MessageLanguage.catalogue
        if let year = Int(text.prefix(4)), text.utf8.prefix(4).allSatisfy({ $0 >= 48 && $0 <= 57 }), text.utf8.count >= 4,
            !Day.supportedYears.contains(year)
        {
            throw ValidationError(c.text("error.period.year", ["text": text, "year": String(text.prefix(4)),
                                                               "low": String(Day.supportedYears.lowerBound),
                                                               "high": String(Day.supportedYears.upperBound)]))
        }
        throw ValidationError(c.text("error.period.form", ["text": text]))
    }
    return Period(text)!
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
