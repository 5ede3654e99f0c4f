import ArgumentParser
import HuifangCore
import HuifangReport
import HuifangStore

struct ProjectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Add, edit, retire, list and show delivered projects.",
        subcommands: [Add.self, Edit.self, Retire.self, List.self, Show.self, Log.self]
    )

    @OptionGroup var global: GlobalOptions
}

extension ProjectCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a delivered project: writes projects/ID/project.yaml.",
            discussion: """
                The id is also the folder name: lowercase letters, digits and '-'. Without --accepted the \
                project is not yet delivered and has no visit schedule. --contact takes \
                NAME[,ROLE[,PHONE[,EMAIL]]] and may be repeated.
                """
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Project id, e.g. acme-erp.") var id: String
        @Option(help: "Project name.") var name: String
        @Option(help: "Customer (company) name.") var customer: String
        @Option(help: "Responsible department id (from huifang.yaml).") var department: String
        @Option(help: "Person responsible for the visits.") var owner: String
        @Option(help: "Tier: key, standard or basic.") var tier: Tier
        @Option(help: "Acceptance date (delivery accepted), YYYY-MM-DD.", transform: parseDayArgument) var accepted: Day?
        @Option(help: "A customer contact: NAME[,ROLE[,PHONE[,EMAIL]]].") var contact: [String] = []
        @Option(help: "A tag (product line, region...); events can target tags.") var tag: [String] = []

        func run() throws {
            let ctx = try CommandContext(global)
            for (value, flag) in [(name, "--name"), (customer, "--customer"), (department, "--department"), (owner, "--owner")] {
                _ = try optionText(value, flag)
            }
            guard let pid = ProjectID(id) else {
                throw CommandFailure.usage(Message("error.bad-project-id", ["id": id]), hint: Message("hint.project-id-form"))
            }
            // Only huifang.yaml counts: whether the project exists is its folder's existence.
            let (project, config) = try ctx.update(usesRecords: false) { r in
                let config = r.config
                let folder = ctx.repository.projectFolder("\(pid)")
                // A folder that lost its project.yaml (check reports it) gains a new one; its visits and issues stay.
                let folderPath = ctx.repository.path(folder)
                if FileSystem.exists(folderPath + "/project.yaml") {
                    throw CommandFailure.usage(Message("error.project-exists", ["project": pid.rawValue, "folder": folder]), hint: Message("hint.project-exists", ["folder": folder]))
                }
                if FileSystem.exists(folderPath) && !FileSystem.isRealDirectory(folderPath) {
                    throw CommandFailure.usage(Message("error.not-a-folder", ["folder": folder]), hint: Message("hint.not-a-folder"))
                }
                let departmentID = department.trimmed
                _ = try config.requireDepartment(departmentID)
                if let accepted, accepted > ctx.today {
                    throw CommandFailure.usage(Message("error.accepted-after-today", ["date": accepted.description, "today": ctx.today.description]),
                                               hint: Message("hint.accepted-after-today"))
                }
                let contacts = distinct(try optionList(contact, "--contact").map(parseContact))
                let tags = try optionList(tag, "--tag")
                let project = Project(id: pid, name: name.trimmed, customer: Customer(name: customer.trimmed, contacts: contacts),
                                      department: departmentID, owner: owner.trimmed, tier: tier, accepted: accepted, tags: tags,
                                      location: SourceLocation(path: folder + "/project.yaml"))
                let text = RecordEncoder.project(project.entered(ctx.today))
                try RecordVerifier.verify(text, as: .project(folder: pid.rawValue), path: project.location.path, config: config)
                return ([(project.location.path, Array(text.utf8))], (project, config))
            }
            let L = ctx.catalogue(config)
            Console.out(L(accepted == nil ? "project.added_unaccepted" : "project.added",
                          ["id": pid.rawValue, "tier": L.word(tier), "day": accepted?.description ?? ""]) + "\n")
            Console.out("  \(project.location.path)\n")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List projects with their visits and open issues.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Only projects of this department.") var department: String?
        @Option(help: "Output format: table, json, csv or xlsx (a spreadsheet, with -o FILE.xlsx).") var format: OutputFormat = .table
        @OptionGroup var destination: ListingDestination

        func run() throws {
            let ctx = try CommandContext(global)
            let loaded = try ctx.load()
            let L = ctx.catalogue(loaded)
            let listing = ProjectListing.make(loaded.records, department: department, labels: L)
            try listing.emit(format, destination, ctx: ctx, loaded: loaded, sheet: "xlsx.sheet.projects")
            if format == .table && listing.rows.isEmpty {
                Console.err((department.map { L("list.no_projects_in", ["department": $0]) } ?? L["list.no_projects"]) + "\n")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a project: basics, contacts, visits and open items.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Project id (or a unique prefix).") var id: String
        @Option(help: "Output format: table or json.") var format: OutputFormat = .table

        func run() throws {
            let ctx = try CommandContext(global)
            let loaded = try ctx.load()
            let r = loaded.records
            let L = ctx.catalogue(loaded)
            let p = try r.requireProject(id)
            let visits = r.visits(of: p.id)
            let issues = r.issues(of: p.id)
            let dept = r.config.department(p.department)
            // The deadlines shown were counted over working days: one in a year without
            // calendar data is said on standard error (CalendarNotice).
            for i in issues where i.isUnclosed { r.calendar.noteReached(from: i.raised.adding(days: 1), through: i.due) }
            if format == .json {
                Console.out(CalendarNotice.attach(ProjectJSON.project(p, visits: visits, issues: issues), r).render() + "\n")
                return
            }
            if format == .csv || format == .xlsx { throw CommandFailure.usage(Message("error.show-format", ["command": "project show", "format": format.rawValue])) }
            var s = TerminalText.clean("\(p.id)  \(p.name)") + "\n"
            var rows: [(String, String)] = []
            func row(_ k: String, _ v: String) { rows.append((k.isEmpty ? "" : L["show." + k], v)) }
            row("customer", p.customer.name)
            row("department", p.department + (dept.map { " (\($0.name))" } ?? ""))
            row("owner", p.owner)
            row("tier", L.word(p.tier))
            row("accepted", p.accepted?.description ?? L["not accepted"])
            if let retired = p.retired { row("retired", "\(retired.date): \(retired.reason)") }
            if !p.tags.isEmpty { row("tags", p.tags.joined(separator: ", ")) }
            for (i, c) in p.customer.contacts.enumerated() {
                let extra = [c.role, c.phone, c.email].compactMap { $0 }.joined(separator: ", ")
                row(i == 0 ? "contacts" : "", c.name + (extra.isEmpty ? "" : " (\(extra))"))
            }
            let width = max(12, (rows.map { DisplayWidth.of($0.0) }.max() ?? 0) + 2)
            for (k, v) in rows { s += DisplayWidth.pad(k, to: width) + TerminalText.clean(v) + "\n" }
            s += "\n" + L("show.visits", ["n": String(visits.count)]) + "\n"
            if visits.isEmpty {
                s += "  " + L("show.no_visits", ["project": p.id.rawValue]) + "\n"
            } else {
                var t = TextTable(headers: ["col.date", "col.id", "col.kind", "col.method", "col.visitor", "col.overall", "col.summary"].map { L[$0] })
                t.rightAligned = [5]
                t.maxWidth = [6: 40]
                for v in visits.reversed() {
                    t.add([v.date.description, v.id.rawValue, L.word(v.kind), L.word(v.method), v.visitor,
                           v.overallScore.map { ReportNumber.decimal($0, digits: 1) } ?? "", v.summary])
                }
                s += indent(t.render())
            }
            let open = issues.filter(\.isUnclosed)
            s += "\n" + L("show.open_items", ["n": String(open.count)]) + "\n"
            if open.isEmpty {
                s += "  " + L["none"] + "\n"
            } else {
                var t = TextTable(headers: ["col.id", "col.severity", "col.status", "col.deadline", "col.issue_owner", "col.title"].map { L[$0] })
                t.maxWidth = [5: 40]
                for i in open.sorted(by: { $0.due < $1.due }) {
                    let late = i.isOpen && i.due < ctx.today ? L["show.overdue"] : ""
                    t.add([i.id.rawValue, L.word(i.severity), L.word(i.status), i.due.description + late, i.owner, i.title])
                }
                s += indent(t.render())
            }
            Console.out(s + CalendarNotice.footer(r))
        }

        func indent(_ text: String) -> String {
            text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
        }
    }
}

extension ProjectCommand {
    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "log",
            abstract: "Everything that happened to a project, newest first, one line each (like git log).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Project id (or a unique prefix).") var id: String
        @Option(help: "Only from this date on.", transform: parseDayArgument) var since: Day?
        @Option(help: "Only up to this date.", transform: parseDayArgument) var until: Day?
        @Option(help: "Output format: table, json, csv or xlsx (a spreadsheet, with -o FILE.xlsx).") var format: OutputFormat = .table
        @OptionGroup var destination: ListingDestination

        func run() throws {
            let ctx = try CommandContext(global)
            if let since, since > (until ?? ctx.today) {
                throw CommandFailure.usage(until.map { Message("error.since-after-until", ["since": since.description, "until": $0.description]) }
                                               ?? Message("error.since-after-today", ["since": since.description, "today": ctx.today.description]),
                                           hint: Message(until == nil ? "hint.since-after-today" : "hint.since-after-until"))
            }
            let loaded = try ctx.load()
            let r = loaded.records
            let p = try r.requireProject(id)
            let entries = Timeline.of(p, in: r, since: since, until: until ?? ctx.today)
            let L = ctx.catalogue(loaded)
            if format == .table {
                var t = TextTable(headers: [])
                for e in entries {
                    t.add([e.date.description, L["tl." + e.kind.rawValue], e.id, e.who ?? "", e.facts == .none ? e.subject : "[\(L.words(e.facts))] \(e.subject)"])
                }
                t.maxWidth = [4: 72]
                _ = try SpreadsheetOutput.excel(destination.excel, isCSV: false, config: r.config, L)
                try destination.write((entries.isEmpty ? "" : t.renderRows(indent: "")) + highRisksNote(p, r, today: ctx.today, L), ctx: ctx, records: r)
                if entries.isEmpty { Console.err(L("log.nothing", ["project": p.id.rawValue]) + "\n") }
                return
            }
            try TimelineListing.make(entries, labels: L).emit(format, destination, ctx: ctx, loaded: loaded, sheet: "xlsx.sheet.log")
        }
    }
}

/// Under the project log: the project's open high risks (issue 19), when it has any.
func highRisksNote(_ p: Project, _ r: Records, today: Day, _ L: Catalogue) -> String {
    let high = r.highRisks(of: p.id).filter { $0.raised <= today }
    guard !high.isEmpty else { return "" }
    var t = TextTable(headers: [])
    for k in high { t.add([k.id.rawValue, L.riskScore(k, high: true), k.owner, k.title]) }
    t.maxWidth = [3: 60]
    return "\n" + L("log.high_risks", ["n": String(high.count)]) + "\n" + t.renderRows(indent: "  ")
}

/// NAME[,ROLE[,PHONE[,EMAIL]]], with ASCII or fullwidth commas.
func parseContact(_ text: String) throws -> Contact {
    let parts = text.split(omittingEmptySubsequences: false) { $0 == "," || $0 == "，" }.map { String($0).trimmed }
    guard let name = parts.first, !name.isEmpty, parts.count <= 4 else {
        throw CommandFailure.usage(Message("error.contact-form", ["contact": text]))
    }
    func part(_ i: Int) -> String? { i < parts.count && !parts[i].isEmpty ? parts[i] : nil }
    return Contact(name: name, role: part(1), phone: part(2), email: part(3))
}

extension String {
    var trimmed: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
