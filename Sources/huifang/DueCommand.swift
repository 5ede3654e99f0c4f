import ArgumentParser
import HuifangCore
import HuifangReport
import HuifangStore

struct DueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "due",
        abstract: "What is due and overdue: visits, open issues and confirmations, by date.",
        discussion: """
            Visits follow the policy of huifang.yaml over working days and Chinese holidays: the first \
            visit after acceptance, periodic visits by tier from the latest visit, special visits after \
            events, and visits on a customer's request. Open issues are listed with their deadlines, and \
            resolved issues with the day the customer's confirmation is due (policy.confirm_within).
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "How far ahead to look, as a duration (30d, 2w, 1m, 10wd).", transform: parseDurationArgument)
    var within: Duration = Duration(30, .days)
    @Flag(help: "Only what is overdue.") var overdue = false
    @Option(help: "Only this project (id or unique prefix).") var project: String?
    @Option(help: "Only this department (with the complaints it follows, for customer service).") var department: String?
    @Option(help: "Output format: table, json, csv or xlsx (a spreadsheet, with -o FILE.xlsx).") var format: OutputFormat = .table
    @OptionGroup var destination: ListingDestination

    func run() throws {
        let ctx = try CommandContext(global)
        let loaded = try ctx.load()
        let r = loaded.records
        let L = ctx.catalogue(loaded)
        let only = try project.map { try r.requireProject($0).id }
        if let department { _ = try r.config.requireDepartment(department) }
        let schedule = Schedule(r)
        let until = overdue ? ctx.today.adding(days: -1) : r.calendar.adding(within, to: ctx.today)
        let entries = Agenda.entries(r, schedule: schedule, today: ctx.today, until: until).filter {
            (only == nil || $0.project == only) && (department.map($0.concerns(department:)) ?? true)
        }
        // A date shown in a year without calendar data is warned about at the end (stored deadlines too).
        for e in entries { r.calendar.noteReached(from: e.due, through: e.due) }
        try AgendaListing.make(entries, labels: L).emit(format, destination, ctx: ctx, loaded: loaded, sheet: "xlsx.sheet.due", page: false)
        if format == .table && entries.isEmpty {
            Console.err((overdue ? L("due.nothing_overdue", ["day": ctx.today.description]) : L("due.nothing_due", ["day": until.description])) + "\n")
        }
    }
}

func parseDurationArgument(_ text: String) throws -> Duration {
    guard let d = Duration(text) else {
        throw ArgumentProblem.refuse(MessageLanguage.catalogue.text("error.duration.form", ["text": text]))
    }
    // At most a hundred years ahead: further lies outside the dates huifang supports.
    let limit: [Duration.Unit: Int] = [.days: 36_525, .workingDays: 26_100, .weeks: 5_218, .months: 1_200, .years: 100]
    if d.amount > limit[d.unit]! {
        throw ArgumentProblem.refuse(MessageLanguage.catalogue.text("error.duration.too-far", ["text": text]))
    }
    return d
}
