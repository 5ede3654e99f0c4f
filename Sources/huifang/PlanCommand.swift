import ArgumentParser
import HuifangCore
import HuifangStore

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Freeze a year's scheduled visits into plans/YEAR.yaml for review.",
        discussion: """
            The plan lists every visit the schedule puts in the year: items already due from the history, \
            and periodic visits projected forward on the assumption that each is made on its due date. \
            Once committed, the year's visit-plan completion rate is measured against it. Refuses to \
            overwrite an existing plan without --force.
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The year, e.g. 2027.") var year: Int
    @Flag(help: "Overwrite an existing plan.") var force = false

    func run() throws {
        let ctx = try CommandContext(global)
        guard let start = Day(year: year, month: 1, day: 1), let end = Day(year: year, month: 12, day: 31) else {
            throw CommandFailure.usage(Message("error.year-range", ["year": String(year), "low": String(Day.supportedYears.lowerBound),
                                                            "high": String(Day.supportedYears.upperBound)]))
        }
        let path = ctx.repository.planFile(year: year)
        let (items, L) = try ctx.update { r in
            if FileSystem.exists(ctx.repository.path(path)) && !force {
                throw CommandFailure.usage(Message("error.plan-exists", ["path": path]), hint: Message("hint.plan-exists"))
            }
            let schedule = Schedule(r)
            let items = schedule.projected(through: end, today: ctx.today, r).filter { $0.due >= start && $0.due <= end }
            // The year's visits are laid out over its working days: a year without calendar data is said.
            r.calendar.noteReached(from: start, through: end)
            let plan = Plan(year: year, visits: items.map { Plan.Item(project: $0.project, due: $0.due, kind: $0.kind.visitKind) },
                            location: SourceLocation(path: path))
            let text = RecordEncoder.plan(plan)
            try RecordVerifier.verify(text, as: .plan(file: "\(year).yaml"), path: path, config: r.config)
            return ([(path, Array(text.utf8))], (items, ctx.catalogue(r)))
        }
        let projects = Set(items.map(\.project)).count
        let visits = L(items.count == 1 ? "status.visits1" : "status.visits", ["n": String(items.count)])
        let to = L(projects == 1 ? "status.projects1" : "status.projects", ["n": String(projects)])
        Console.out(L("plan.wrote", ["path": path, "visits": visits, "projects": to]) + "\n")
    }
}
