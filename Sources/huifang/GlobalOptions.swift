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

    /// The as-of date: --as-of, else $HUIFANG_TODAY, else the local date.
    func today() throws -> Day {
        if let asOf { return asOf }
        if let env = getenv("HUIFANG_TODAY") {
            let text = String(cString: env)
            guard let day = Day(text) else {
                throw CommandFailure.usage("HUIFANG_TODAY='\(text)' is not a real date YYYY-MM-DD",
                                           hint: "unset it or set it to a date such as 2026-07-06")
            }
            return day
        }
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        return Day(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))!
    }

    var startDirectory: String { directory ?? "." }
}

/// Parses a command-line date, saying what is wrong with an impossible one.
func parseDayArgument(_ text: String) throws -> Day {
    if let day = Day(text) { return day }
    let parts = text.split(separator: "-")
    if parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m) {
        throw ValidationError("'\(text)' is not a real date: \(y)-\(parts[1]) has \(Day.daysIn(month: m, year: y)) days (got \(d))")
    }
    throw ValidationError("'\(text)' is not a date; write it as YYYY-MM-DD, e.g. 2026-03-14")
}

func parsePeriodArgument(_ text: String) throws -> Period {
    guard let p = Period(text) else {
        throw ValidationError("'\(text)' is not a period; use \(Period.expectedForm)")
    }
    return p
}

/// How a listing is printed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
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
