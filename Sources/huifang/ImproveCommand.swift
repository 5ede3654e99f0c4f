import ArgumentParser
import HuifangCore
import HuifangReport
import HuifangStore

struct ImproveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "improve",
        abstract: "Improvement measures: planned, in progress, done, verified.",
        discussion: """
            Each measure names the issues it addresses, the department, the person, the deadline and \
            the expected effect; project management verifies that it was carried out and worked.
            """,
        subcommands: [Add.self, Start.self, Done.self, Verify.self, List.self]
    )

    @OptionGroup var global: GlobalOptions
}

extension ImproveCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a measure: writes improvements/ID.yaml.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "What will be done.") var title: String?
        @Option(parsing: .upToNextOption, help: "Issue ids (or prefixes) the measure addresses.") var addresses: [String] = []
        @Option(help: "Responsible department id.") var department: String?
        @Option(help: "Responsible person.") var owner: String?
        @Option(help: "Deadline, YYYY-MM-DD.", transform: parseDayArgument) var due: Day?
        @Option(help: "The effect expected, measurable where possible.") var expectedEffect: String?
        @Flag(help: "Write the measure in $VISUAL or $EDITOR, from a template pre-filled with these flags.") var edit = false

        func run() throws {
            let ctx = try CommandContext(global)
            for (value, flag) in [(title, "--title"), (department, "--department"), (owner, "--owner"), (expectedEffect, "--expected-effect")] {
                _ = try optionText(value, flag, required: true)
            }
            _ = try optionList(addresses, "--addresses")
            if edit {
                let r = try ctx.load(writing: true).records
                let template = DraftTemplates.improvement(zh: r.config.language == .zh, flags: self, departments: r.config.departments)
                let draft = try EditorSession(template: template, name: "improvement.yaml").run { text in
                    DraftTemplates.readImprovement(text).flatMap { DraftTemplates.check($0, text: text, records: r) }
                }
                var filled = self
                filled.edit = false
                filled.title = draft.title
                filled.addresses = draft.addresses
                filled.department = draft.department
                filled.owner = draft.owner
                filled.due = draft.due
                filled.expectedEffect = draft.expectedEffect
                return try filled.run()
            }
            guard let title, let department, let owner, let due, let expectedEffect else {
                throw CommandFailure.usage(Message("error.improve.needs"), hint: Message("hint.improve.needs"))
            }
            guard !addresses.isEmpty else {
                throw CommandFailure.usage(Message("error.improve.needs-addresses"), hint: Message("hint.improve.needs-addresses"))
            }
            let (id, issues, path, L) = try ctx.update { r in
                let departmentID = department.trimmed
                guard r.config.department(departmentID) != nil else {
                    throw CommandFailure.usage(Message("error.unknown-department", ["id": departmentID]),
                                               hint: Message("hint.known-departments", ["known": r.config.departments.map(\.id).joined(separator: ", ")]))
                }
                // Two prefixes of one issue, or one id given twice, name it once.
                let issues = distinct(try optionList(addresses, "--addresses").map { try r.require(r.issue(matching: $0), "issue", $0).id })
                var ids = IDGenerator()
                let taken = Set(r.improvements.map(\.id))
                let id = ids.next(ImprovementID.self) { taken.contains($0) }
                let path = ctx.repository.improvementFile(id)
                let m = Improvement(id: id, title: title.trimmed, addresses: issues, department: departmentID, owner: owner.trimmed,
                                    due: due, expectedEffect: expectedEffect.trimmed, status: .planned, location: SourceLocation(path: path))
                let text = RecordEncoder.improvement(m.entered(ctx.today))
                try RecordVerifier.verify(text, as: .improvement(file: "\(id).yaml"), path: path, config: r.config)
                return ([(path, Array(text.utf8))], (id, issues, path, ctx.catalogue(r)))
            }
            Console.out(L("improve.added", ["id": id.rawValue, "status": L.word(ImprovementStatus.planned), "due": due.description,
                                            "issues": issues.map(\.rawValue).joined(separator: ", ")]) + "\n  \(path)\n")
        }
    }

    /// Moves a measure to `status`, from one of `from`.
    static func transition(_ global: GlobalOptions, _ id: String, to status: ImprovementStatus, from: [ImprovementStatus],
                           verified: Verification? = nil) throws {
        let ctx = try CommandContext(global)
        let (m, L) = try ctx.update { r in
            let m = try r.require(r.improvement(matching: id), "improvement", id)
            guard from.contains(m.status) else {
                let (id, now, to) = (m.id.rawValue, m.status, status)
                throw CommandFailure(code: 64) { c in
                    (c.text("error.improve.status", ["id": id, "status": c.word(now), "to": c.word(to),
                                                     "from": from.map { c.word($0) }.joined(separator: c["list.or"])]), nil)
                }
            }
            return ([(m.location.path, try RecordUpdate.improvement(m, status: status, verified: verified, in: ctx.repository, config: r.config))],
                    (m, ctx.catalogue(r)))
        }
        Console.out(L("improve.now", ["id": m.id.rawValue, "status": L.word(status)]) + "\n")
    }

    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "start", abstract: "Mark a planned measure as in progress.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Improvement id (or a prefix of at least 4 characters).") var id: String

        func run() throws { try transition(global, id, to: .inProgress, from: [.planned]) }
    }

    struct Done: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "done", abstract: "Mark a measure as carried out.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Improvement id (or a prefix of at least 4 characters).") var id: String

        func run() throws { try transition(global, id, to: .done, from: [.planned, .inProgress]) }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "verify", abstract: "Record that a done measure worked, with the result seen.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Improvement id (or a prefix of at least 4 characters).") var id: String
        @Option(help: "What was observed, e.g. 'no recurrence in Q3'.") var result: String

        func run() throws {
            _ = try optionText(result, "--result")
            let today = try global.today()
            try transition(global, id, to: .verified, from: [.done], verified: Verification(date: today, result: result.trimmed))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List measures, overdue ones first.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Output format: table, json, csv or xlsx (a spreadsheet, with -o FILE.xlsx).") var format: OutputFormat = .table
        @OptionGroup var destination: ListingDestination

        func run() throws {
            let ctx = try CommandContext(global)
            let loaded = try ctx.load()
            let r = loaded.records
            let L = ctx.catalogue(loaded)
            let listing = ImprovementListing.make(r.improvements, today: ctx.today, labels: L)
            try listing.emit(format, destination, ctx: ctx, loaded: loaded, sheet: "xlsx.sheet.improvements")
            if format == .table && listing.rows.isEmpty { Console.err(L["improve.none"] + "\n") }
        }
    }
}
