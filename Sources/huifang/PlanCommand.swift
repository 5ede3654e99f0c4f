import ArgumentParser
import HuifangCore
import HuifangReport
import HuifangStore

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "The annual visit plan: freeze it (plan YEAR), say who makes each visit (plan assign), follow it (plan show).",
        subcommands: [Write.self, Assign.self, Show.self],
        defaultSubcommand: Write.self
    )
}

extension PlanCommand {
    struct Write: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "write",
            abstract: "Freeze a year's scheduled visits into plans/YEAR.yaml (or a department's own plans/YEAR-DEPT.yaml) for review.",
            discussion: """
                The plan lists every visit the schedule puts in the year: items already due from the history, \
                and periodic visits projected forward on the assumption that each is made on its due date. \
                Each planned visit names its visitor, the project's owner; change it with 'huifang plan assign' \
                or by editing the file. Once committed, the year's visit-plan completion rate is measured against \
                the company's plan. With --department, only that department's projects, into its own \
                implementation plan. Refuses to overwrite an existing plan without --force. 'huifang plan YEAR' \
                is short for 'huifang plan write YEAR'.
                """
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The year, e.g. 2027.") var year: Int
        @Option(help: "Write this department's own implementation plan, plans/YEAR-DEPT.yaml (its projects only).") var department: String?
        @Flag(help: "Overwrite an existing plan.") var force = false

        func run() throws {
            let ctx = try CommandContext(global)
            guard let start = Day(year: year, month: 1, day: 1), let end = Day(year: year, month: 12, day: 31) else {
                throw CommandFailure.usage(Message("error.year-range", ["year": String(year), "low": String(Day.supportedYears.lowerBound),
                                                                "high": String(Day.supportedYears.upperBound)]))
            }
            let path = ctx.repository.planFile(year: year, department: department)
            let (items, L) = try ctx.update { r in
                if let department { _ = try r.config.requireDepartment(department) }
                if FileSystem.exists(ctx.repository.path(path)) && !force {
                    throw CommandFailure.usage(Message("error.plan-exists", ["path": path]), hint: Message("hint.plan-exists"))
                }
                let schedule = Schedule(r)
                let owned = department.map { KPIEngine.projects(of: $0, in: r) }
                let items = schedule.projected(through: end, today: ctx.today, r)
                    .filter { $0.due >= start && $0.due <= end && (owned?.contains($0.project) ?? true) }
                DatedAfterToday.warnPlan(r, today: ctx.today, projects: Set(items.map(\.project)))
                // The year's visits are laid out over its working days: a year without calendar data is said.
                r.calendar.noteReached(from: start, through: end)
                let owners = Dictionary(r.projects.map { ($0.id, $0.owner) }, uniquingKeysWith: { a, _ in a })
                let plan = Plan(year: year, visits: items.map { Plan.Item(project: $0.project, due: $0.due, kind: $0.kind.visitKind, visitor: owners[$0.project]) },
                                location: SourceLocation(path: path), department: department)
                let text = RecordEncoder.plan(plan)
                try RecordVerifier.verify(text, as: .plan(file: String(path.dropFirst("plans/".count))), path: path, config: r.config)
                return ([(path, Array(text.utf8))], (items, ctx.catalogue(r)))
            }
            let projects = Set(items.map(\.project)).count
            let visits = L(items.count == 1 ? "status.visits1" : "status.visits", ["n": String(items.count)])
            let to = L(projects == 1 ? "status.projects1" : "status.projects", ["n": String(projects)])
            Console.out(L("plan.wrote", ["path": path, "visits": visits, "projects": to]) + "\n")
            if !items.isEmpty { Console.out(L["plan.visitors"] + "\n") }
        }
    }

    /// Reads the plan of `year` (a department's own with `department`) or refuses, saying how to write it.
    static func plan(_ r: Records, year: Int, department: String?, repository: Repository) throws -> Plan {
        let path = repository.planFile(year: year, department: department)
        guard let plan = r.plans.first(where: { $0.location.path == path }) else {
            let command = "huifang plan \(year)" + (department.map { " --department \($0)" } ?? "")
            throw CommandFailure.usage(Message("plan.show.none", ["year": String(year), "path": path]),
                                       hint: Message("plan.show.none hint", ["command": "'\(command)'"]))
        }
        return plan
    }

    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "assign",
            abstract: "Say who makes a project's planned visits: sets their visitor in plans/YEAR.yaml (or plans/YEAR-DEPT.yaml).",
            discussion: """
                Without --month or --due, every planned visit of the project in the year; with them, those due in \
                that month or on that day. The file is updated in place: comments, key order and other keys stay.
                """
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The year of the plan, e.g. 2027.") var year: Int
        @Argument(help: "Project id (or a unique prefix).") var project: String
        @Option(help: "The visitor: who makes the visits.") var to: String
        @Option(help: "Only the visits due in this month (1-12).") var month: Int?
        @Option(help: "Only the visit due on this day.", transform: parseDayArgument) var due: Day?
        @Option(help: "In this department's own plan, plans/YEAR-DEPT.yaml.") var department: String?

        func run() throws {
            let ctx = try CommandContext(global)
            let visitor = try optionText(to, "--to")
            if let month, !(1...12).contains(month) {
                throw CommandFailure.usage(Message("plan.err.month", ["option": "--month", "month": String(month)]))
            }
            if month != nil && due != nil { throw CommandFailure.usage(Message("error.period-and-range")) }
            let message = try ctx.update { r -> (files: [(String, [UInt8])], result: String) in
                let L = ctx.catalogue(r)
                if let department { _ = try r.config.requireDepartment(department) }
                let id = try r.requireProject(project).id
                let plan = try PlanCommand.plan(r, year: year, department: department, repository: ctx.repository)
                let chosen = plan.visits.indices.filter { n in
                    let item = plan.visits[n]
                    return item.project == id && (month.map { item.due.month == $0 } ?? true) && (due.map { item.due == $0 } ?? true)
                }
                guard !chosen.isEmpty else {
                    let when = month.map { L("plan.when.month", ["year": String(year), "month": String(format2($0))]) }
                        ?? due.map { L("plan.when.due", ["due": $0.description]) } ?? ""
                    throw CommandFailure.usage(Message("plan.err.no match", ["path": plan.location.path, "project": id.rawValue, "when": when]),
                                               hint: Message("plan.err.no match hint", ["command": "'huifang plan show \(year)'"]))
                }
                let changing = chosen.filter { plan.visits[$0].visitor != visitor }
                guard !changing.isEmpty else {
                    return ([], L("plan.assign.unchanged", ["path": plan.location.path, "project": id.rawValue, "visitor": visitor]))
                }
                let bytes = try RecordUpdate.planVisitor(plan, items: changing, to: visitor, in: ctx.repository, config: r.config)
                let dues = changing.map { plan.visits[$0].due.description }.joined(separator: ", ")
                return ([(plan.location.path, bytes)], L(changing.count == 1 ? "plan.assign.done1" : "plan.assign.done", ["path": plan.location.path, "n": String(changing.count),
                                                                             "project": id.rawValue, "visitor": visitor, "dues": dues]))
            }
            Console.out(message + "\n")
        }

        func format2(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "A year's plan against what was done: each planned visit, who makes it, done on time, late, overdue or not due yet.",
            discussion: """
                A planned visit is made by the first visit to its project after the previous planned visit of that \
                project was due (from 1 January for the first), on time when on or before its due day. With \
                --department, the department's own plan when it keeps one (plans/YEAR-DEPT.yaml), else the \
                company's plan for its projects.
                """
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The year of the plan, e.g. 2027.") var year: Int
        @Option(help: "Only this department: its own plan when it keeps one, else its projects in the company's plan.") var department: String?
        @Option(help: "Output format: table, json, csv or xlsx (a spreadsheet, with -o FILE.xlsx).") var format: OutputFormat = .table
        @OptionGroup var destination: ListingDestination

        func run() throws {
            let ctx = try CommandContext(global)
            let loaded = try ctx.load()
            let r = loaded.records
            let L = ctx.catalogue(loaded)
            if let department { _ = try r.config.requireDepartment(department) }
            let own = department.flatMap { d in r.plans.first { $0.year == year && $0.department == d } }
            let plan = try own ?? PlanCommand.plan(r, year: year, department: nil, repository: ctx.repository)
            // The department's own plan is shown whole (check warns about another department's project in it).
            let projects = own == nil ? department.map { KPIEngine.projects(of: $0, in: r) } : nil
            let entries = PlanProgress.entries(plan, r, today: ctx.today).filter { e in projects.map { $0.contains(e.item.project) } ?? true }
            try PlanListing.make(entries, labels: L).emit(format, destination, ctx: ctx, loaded: loaded, sheet: "xlsx.sheet.plan", page: false)
            if format == .table {
                Console.err(plan.location.path + ": " + PlanListing.totals(entries, L) + "\n" + L["plan.show.rule"] + "\n")
            }
        }
    }
}
