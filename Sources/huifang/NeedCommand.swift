import ArgumentParser
import HuifangCore
import HuifangReport
import HuifangStore
import HuifangYAML

extension NeedStatus: ExpressibleByArgument {}

/// Where the state of a need lives: `needs/NID.yaml`, one small file per need that was
/// updated (a need never updated is `new`), so that a reviewer sees each change in a diff and
/// the read path of the other records is not touched (only `need` and `report needs` read it).
enum NeedStore {
    static let folder = "needs"

    static func file(_ id: String) -> String { "\(folder)/\(id).yaml" }

    /// Every state written; a file that cannot be read makes the command refuse (exit 65) with
    /// its place, rather than count the need as new.
    static func read(_ repo: Repository) throws -> [String: NeedState] {
        guard let entries = FileSystem.list(repo.path(folder)) else { return [:] }
        var out: [String: NeedState] = [:]
        for e in entries where !e.isDirectory && e.name.hasSuffix(".yaml") && !e.name.hasPrefix(".") {
            let relative = folder + "/" + e.name
            let bytes: [UInt8]
            do { bytes = try FileSystem.read(repo.path(relative), limit: 1 << 20) } catch { throw CommandFailure(StoreError.io(error)) }
            let (id, state) = try decode(bytes, relative)
            out[id] = state
        }
        return out
    }

    static func decode(_ bytes: [UInt8], _ relative: String) throws -> (String, NeedState) {
        func bad(_ line: Int, _ column: Int, _ reason: String) -> CommandFailure {
            CommandFailure.data(Message("error.need.bad-file", ["path": "\(relative):\(line):\(column)", "reason": reason]),
                                hint: Message("hint.need.bad-file"))
        }
        let node: YAMLNode?
        do { node = try YAMLParser.parse(bytes) } catch { throw bad(error.mark.line, error.mark.column, error.message) }
        guard let node, node.pairs != nil else { throw bad(1, 1, "not a mapping") }
        let name = String(relative.dropFirst(folder.count + 1).dropLast(5))
        guard let id = node["need"]?.scalar, id == name else { throw bad(node.start.line, node.start.column, "need: must be \(name)") }
        guard let raw = node["status"], let text = raw.scalar, let status = NeedStatus(rawValue: text) else {
            let at = node["status"]?.start ?? node.start
            throw bad(at.line, at.column, "status: one of " + NeedStatus.allCases.map(\.rawValue).joined(separator: ", "))
        }
        func opt(_ key: String) -> String? { node[key]?.scalar.flatMap { $0.isEmpty ? nil : $0 } }
        return (id, NeedState(status: status, owner: opt("owner"), note: opt("note"), updated: opt("updated").flatMap(Day.init)))
    }

    /// The bytes of the need's file once updated: set in place when it exists (comments and
    /// other keys stay), else written new.
    static func encode(_ lead: NeedLead, _ state: NeedState, existing: [UInt8]?) throws -> [UInt8] {
        var pairs: [(String, YAMLValue)] = [("need", .string(lead.id)), ("text", .string(lead.text)), ("status", .plain(state.status.rawValue))]
        if let o = state.owner { pairs.append(("owner", .string(o))) }
        if let n = state.note { pairs.append(("note", .string(n))) }
        if let u = state.updated { pairs.append(("updated", .plain(u.description))) }
        guard let existing else { return Array(YAMLWriter.document(pairs).utf8) }
        do {
            var e = try YAMLEditor(bytes: existing)
            let order = ["need", "text", "status", "owner", "note", "updated"]
            for (k, v) in pairs where k != "need" && k != "text" { try e.set(k, to: v, order: order) }
            return e.bytes
        } catch {
            throw CommandFailure.data(Message("error.need.bad-file", ["path": "\(file(lead.id)):\(error.mark.line):\(error.mark.column)",
                                                                      "reason": error.message]), hint: Message("hint.need.bad-file"))
        }
    }
}

struct NeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "need",
        abstract: "Customer needs as leads: list them with their status, pass them on, record the outcome.",
        discussion: """
            Every need recorded with 'visit log --need' is a lead with the id VISIT-N (the N-th need \
            of that visit, from 1) and a status: new, passed_to_sales, won or dropped. A need never \
            updated is new; 'need update' writes needs/NID.yaml (status, owner, note, the day).
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
            let leads = NeedLeads.all(r, states: try NeedStore.read(ctx.repository), period: period).filter { l in
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
        @Argument(help: "The need's id, VISIT-N (as need list shows it).") var id: String
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
            try ReportCommand.run(global, options) { c in NeedsReport.build(c, leads: NeedLeads.all(c.records, states: states, period: c.period)) }
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
