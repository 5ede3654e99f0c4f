import HuifangCore
import HuifangReport

/// A record dated after its project's retirement is written (a goodwill visit after the end of
/// service happens), but never silently: nothing is scheduled after the last day of service.
enum RetiredNotice {
    /// Warns on standard error when `day` is after `p`'s retirement. `what` names the record
    /// ("visit v-1234abcd", "issue i-…").
    static func warn(_ p: Project, day: Day, what: String) {
        guard let retired = p.retired, day > retired.date else { return }
        let c = MessageLanguage.catalogue
        let noun = what.prefix { $0 != " " }, id = what.drop { $0 != " " }.dropFirst()
        Console.err(Console.labelled(c["msg.warning"]) + c.text("warning.retired", [
            "project": p.id.rawValue, "date": retired.date.description, "reason": TerminalText.clean(retired.reason),
            "noun": String(noun), "id": String(id), "day": day.description,
        ]) + "\n")
    }

    /// The visits and issues of `p` dated after `day`: the noun ("visit", "issue"), id and date
    /// of each, visits first.
    static func recordsAfter(_ day: Day, of p: Project, in r: Records) -> [(noun: String, id: String, date: Day)] {
        let visits = r.visits(of: p.id).filter { $0.date > day }.sorted { ($0.date, $0.id.rawValue) < ($1.date, $1.id.rawValue) }
        let issues = r.issues.filter { $0.project == p.id && $0.raised > day }.sorted { ($0.raised, $0.id.rawValue) < ($1.raised, $1.id.rawValue) }
        return visits.map { ("visit", $0.id.rawValue, $0.date) } + issues.map { ("issue", $0.id.rawValue, $0.raised) }
    }
}
