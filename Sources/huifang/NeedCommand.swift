import ArgumentParser
import HuifangCore
import HuifangReport
import HuifangStore

extension NeedStatus: ExpressibleByArgument {}

/// Need files (`NeedFile`, in the store) as the commands use them: a file that cannot be read
/// is refused (exit 65) with its place and, in the language, what is wrong.
enum NeedStore {
    static func file(_ id: String) -> String { NeedFile.path(id) }

    /// The needs with their states; a file written for another text than the need's with its id is
    /// not applied, and a warning (standard error, the report, JSON) names it.
    static func leads(_ r: Records, _ states: [String: NeedState], period: Period?, _ L: Catalogue) -> [NeedLead] {
        let (leads, stale) = NeedLeads.leads(r, states: states, period: period)
        for s in stale {
            Warnings.add(L("need.warning.stale", ["path": file(s.id), "written": s.written, "id": s.id, "now": s.now]))
        }
        return leads
    }

    static func read(_ repo: Repository) throws -> [String: NeedState] {
        do { return try NeedFile.readAll(repo) } catch let p as NeedFile.Problem { throw failure(p) } catch let e as StoreError {
            throw CommandFailure(e)
        }
    }

    /// Says which state files no need has any more (`NeedLeads.orphans`): they count nowhere.
    static func warnOrphans(_ r: Records, _ states: [String: NeedState], _ L: Catalogue) {
        let orphans = NeedLeads.orphans(r, states: states)
        guard !orphans.isEmpty else { return }
        Warnings.add(L("need.orphans", ["count": String(orphans.count),
                                        "files": orphans.prefix(10).map(file).joined(separator: ", ") + (orphans.count > 10 ? ", …" : "")]))
    }

    static func encode(_ lead: NeedLead, _ state: NeedState, existing: [UInt8]?) throws -> [UInt8] {
        do { return try NeedFile.encode(lead, state, existing: existing) } catch { throw failure(error) }
    }

    static func failure(_ p: NeedFile.Problem) -> CommandFailure {
        CommandFailure(code: 65) { c in
            let reason: String
            switch p.kind {
            case .yaml(let code, let values, let message):
                reason = code.map { "finding." + $0 }.flatMap { c.has($0) ? c.text($0, values) : nil } ?? message
            case .notMapping: reason = c["need.problem.not-mapping"]
            case .wrongID(let expected): reason = c.text("need.problem.id", ["id": expected])
            case .badStatus: reason = c.text("need.problem.status", ["values": NeedStatus.allCases.map { "'\($0.rawValue)'" }.joined(separator: c["msg.list.comma"])])
            }
            return (c.text("error.need.bad-file", ["path": "\(p.path):\(p.line):\(p.column)", "reason": reason]), c["hint.need.bad-file"])
        }
    }
}

struct NeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "need",
        abstract: "Customer needs as leads: list them with their status, pass them on, record the outcome.",
        discussion: """
            Every need recorded with 'visit log --need' is a lead with the id VISIT-XXXX (the visit's \
            id and four hex digits of the need's text, so that inserting or removing another need of \
            the visit changes no id) and a status: new, passed_to_sales, won or dropped. A need never \
            updated is new; 'need update' writes needs/NID.yaml (status, owner, note, the day). A \
            state whose need no visit has any more (its text was changed) is named in a warning.
            """,
        subcommands: [List.self, Update.self]
    )

    @OptionGroup var global: GlobalOptions
}

extension NeedCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the needs visits recorded, the newest visit first.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this status: new, passed_to_sales, won or dropped.") var status: NeedStatus?
        @Option(help: "Only needs of visits in this period: \(Period.expectedForm).", transform: parsePeriodArgument) var period: Period?
        @Option(help: "Only this department's projects (id from huifang.yaml).") var department: String?
        @Option(help: "Output format: table, json, csv or xlsx (a spreadsheet, with -o FILE.xlsx).") var format: OutputFormat = .table
        @OptionGroup var destination: ListingDestination

        func run() throws {
            let ctx = try CommandContext(global)
            let loaded = try ctx.load()
            let r = loaded.records
            let L = ctx.catalogue(loaded)
            let dept = try department.map { try r.config.requireDepartment($0).id }
            let projects = Dictionary(r.projects.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let states = try NeedStore.read(ctx.repository)
            NeedStore.warnOrphans(r, states, L)
            let leads = NeedStore.leads(r, states, period: period, L).filter { l in
                (status == nil || l.state.status == status) && (dept == nil || projects[l.project]?.department == dept)
            }
            var listing = Listing([
                ("id", L["col.id"]), ("date", L["col.date"]), ("project", L["col.project"]), ("customer", L["customer"]),
                ("status", L["col.status"]), ("owner", L["needs.owner"]), ("need", L["needs.need"]), ("note", L["needs.note"]),
            ])
            listing.maxWidth = [6: 40, 7: 30]
            listing.codeColumns = [4]
            for l in leads {
                let customer = projects[l.project]?.customer.name ?? ""
                listing.add([
                    (l.id, .string(l.id)), (l.date.description, .string(l.date.description)), (l.project.rawValue, .string(l.project.rawValue)),
                    (customer, .string(customer)), (L["need.status." + l.state.status.rawValue], .string(l.state.status.rawValue)),
                    cell(l.state.owner), (l.text, .string(l.text)), cell(l.state.note),
                ])
            }
            try listing.emit(format, destination, ctx: ctx, loaded: loaded, sheet: "xlsx.sheet.needs")
            if format == .table && leads.isEmpty { Console.err(L["need.none"] + "\n") }
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "update",
            abstract: "Set a need's status (and owner, note): writes needs/NID.yaml, in place when it exists.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The need's id, VISIT-XXXX (as need list shows it).") var id: String
        @Option(help: "new, passed_to_sales, won or dropped.") var status: NeedStatus
        @Option(help: "Who follows it up (e.g. the salesperson it was passed to).") var owner: String?
        @Option(help: "A note: what was done, what came of it.") var note: String?

        func run() throws {
            let ctx = try CommandContext(global)
            let owner = try optionText(owner, "--owner")
            let note = try optionText(note, "--note")
            let given = id.trimmed
            let (lead, state, r) = try ctx.update { r in
                let states = try NeedStore.read(ctx.repository)
                guard let lead = NeedLeads.all(r, states: states).first(where: { $0.id == given }) else {
                    throw CommandFailure.usage(Message("error.need.unknown", ["id": given]), hint: Message("hint.need.unknown"))
                }
                var state = lead.state
                state.status = status
                if let owner { state.owner = owner }
                if let note { state.note = note }
                state.updated = ctx.today
                let path = NeedStore.file(lead.id)
                let existing = FileSystem.exists(ctx.repository.path(path)) ? try? FileSystem.read(ctx.repository.path(path)) : nil
                let bytes = try NeedStore.encode(lead, state, existing: existing)
                return ([(path, bytes)], (lead, state, r))
            }
            let L = ctx.catalogue(r)
            Console.out(L("need.updated", ["id": lead.id, "status": L["need.status." + state.status.rawValue],
                                          "path": NeedStore.file(lead.id)]) + "\n")
        }
    }
}

extension ReportCommand {
    struct Needs: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "needs",
            abstract: "Customer needs of the period as leads, by department and customer, with their status.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: Options

        func run() throws {
            let states = try NeedStore.read(try CommandContext(global).repository)
            try ReportCommand.run(global, options) { c in
                NeedStore.warnOrphans(c.records, states, c.labels)
                return NeedsReport.build(c, leads: NeedStore.leads(c.records, states, period: c.period, c.labels))
            }
        }
    }

    struct Competitors: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "competitors",
            abstract: "Competitor notes of the period by competitor (named before a colon: 'NAME: note'): mentions, projects, what customers said.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: Options

        func run() throws { try ReportCommand.run(global, options) { CompetitorsReport.build($0) } }
    }
}
