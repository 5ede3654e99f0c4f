import ArgumentParser
import HuifangCore
import HuifangReport
import HuifangStore

extension ProjectCommand {
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Change a project's basics in place (comments and unknown keys kept); --edit opens project.yaml in $EDITOR.",
            discussion: """
                Only the values given change. --contact and --tag replace the whole list. A change of \
                owner or department is recorded in the project's history (with --reason when given).
                """
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Project id (or a unique prefix).") var id: String
        @Option(help: "Project name.") var name: String?
        @Option(help: "Customer (company) name.") var customer: String?
        @Option(help: "Responsible department id (from huifang.yaml).") var department: String?
        @Option(help: "Person responsible for the visits.") var owner: String?
        @Option(help: "Tier: key, standard or basic.") var tier: Tier?
        @Option(help: "Acceptance date, YYYY-MM-DD.", transform: parseDayArgument) var accepted: Day?
        @Option(help: "A customer contact NAME[,ROLE[,PHONE[,EMAIL]]]; the given ones replace the list.") var contact: [String] = []
        @Option(help: "A tag; the given ones replace the list.") var tag: [String] = []
        @Option(help: "Why (written to the history with an owner or department change).") var reason: String?
        @Option(help: "Who makes the change (default: $HUIFANG_USER, else the new owner).") var by: String?
        @Flag(help: "Edit projects/ID/project.yaml in $VISUAL or $EDITOR; it is checked before it is written.") var edit = false

        func run() throws {
            let ctx = try CommandContext(global)
            if edit { return try runInEditor(ctx) }
            for (label, value) in [("--name", name), ("--customer", customer), ("--owner", owner), ("--reason", reason)] {
                if let value, value.trimmed.isEmpty { throw CommandFailure.usage(Message("error.empty-option", ["option": label])) }
            }
            for t in tag where t.trimmed.isEmpty { throw CommandFailure.usage(Message("error.empty-option", ["option": "--tag"])) }
            let contacts = try contact.map(parseContact)
            guard name != nil || customer != nil || department != nil || owner != nil || tier != nil || accepted != nil
                || !contact.isEmpty || !tag.isEmpty
            else {
                throw CommandFailure.usage(Message("error.amend.nothing"), hint: Message("hint.amend.nothing.project"))
            }
            let (p, path, changes, unchanged) = try ctx.update { r in
                let p = try r.requireProject(id)
                if let department { _ = try r.config.requireDepartment(department) }
                if let accepted, accepted > ctx.today {
                    throw CommandFailure.usage(Message("error.accepted-after-today", ["date": accepted.description, "today": ctx.today.description]))
                }
                let newOwner = owner?.trimmed
                let who = recorder(by, fallback: newOwner ?? p.owner)
                var changes: [ProjectHistoryEntry] = []
                if let newOwner, newOwner != p.owner {
                    changes.append(ProjectHistoryEntry(at: ctx.today, action: "owner_changed", by: who, from: p.owner, to: newOwner, reason: reason?.trimmed))
                }
                if let department, department != p.department {
                    changes.append(ProjectHistoryEntry(at: ctx.today, action: "department_changed", by: who, from: p.department, to: department,
                                                       reason: reason?.trimmed))
                }
                let path = p.location.path
                var change = ProjectAmendment()
                (change.name, change.customer, change.contacts, change.department) = (name?.trimmed, customer?.trimmed, contacts, department)
                (change.owner, change.tier, change.accepted, change.tags, change.history) = (newOwner, tier, accepted, tag.map(\.trimmed), changes)
                let bytes = try RecordUpdate.project(p, change, in: ctx.repository, config: r.config)
                // Nothing is written when the values given are already there.
                let unchanged = bytes == (try? FileSystem.read(ctx.repository.path(path)))
                return (unchanged ? [] : [(path, bytes)], (p, path, changes, unchanged))
            }
            let L = Catalogue.current  // the repository's language, set when it was read
            if unchanged {
                Console.out(L("amend.unchanged_project", ["id": p.id.rawValue]) + "\n")
                return
            }
            Console.out(L("amend.updated_project", ["id": p.id.rawValue]) + "\n")
            for c in changes {
                Console.out(TerminalText.clean("  " + L.words(.change(action: c.action, from: c.from, to: c.to))) + L["amend.history"] + "\n")
            }
            Console.out("  \(path)\n")
        }

        func runInEditor(_ ctx: CommandContext) throws {
            let r = try ctx.load().records
            let p = try r.requireProject(id)
            let session = try RecordFileEdit(ctx, path: p.location.path)
            let (text, edited) = try session.run(name: "project.yaml") { text in
                editedRecord(RecordText.project(text, folder: p.id.rawValue, config: r.config))
            }
            try ctx.update(before: session.requireUnchanged) { now in
                var bytes = Array(text.utf8)
                // An owner changed by hand is recorded as `project edit --owner` records it.
                if edited.owner != p.owner, !edited.history.contains(where: { $0.action == "owner_changed" && $0.to == edited.owner && $0.at == ctx.today }) {
                    let entry = ProjectHistoryEntry(at: ctx.today, action: "owner_changed", by: recorder(by, fallback: edited.owner), from: p.owner,
                                                    to: edited.owner, reason: reason?.trimmed)
                    switch RecordUpdate.appendingHistory(entry, to: bytes) {
                    case .success(let appended): bytes = appended
                    case .failure(let error):
                        throw CommandFailure.data(Message("error.owner-history", ["path": p.location.path, "problem": error.message]),
                                                  hint: Message("hint.owner-history", ["id": p.id.rawValue]))
                    }
                }
                try RecordVerifier.verify(bytes, as: .project(folder: p.id.rawValue), path: p.location.path, config: now.config)
                return ([(p.location.path, bytes)], ())
            }
            Console.out(Catalogue.current("amend.updated_project", ["id": p.id.rawValue]) + "\n  \(p.location.path)\n")
        }
    }

    struct Retire: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retire",
            abstract: "Record that a project's service ended: no visits are due after that day.",
            discussion: """
                Writes 'retired: {date, reason}' to project.yaml and a line to its history. Visits due up \
                to the day stay in the schedule, so reports of earlier periods do not change.
                """
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Project id (or a unique prefix).") var id: String
        @Option(help: "The last day of service, YYYY-MM-DD.", transform: parseDayArgument) var on: Day
        @Option(help: "Why the service ended.") var reason: String
        @Option(help: "Who records it (default: $HUIFANG_USER, else the owner).") var by: String?
        @Flag(help: "Retire it even though visits or issues are dated after that day (they then count for no schedule).")
        var force = false

        func run() throws {
            let ctx = try CommandContext(global)
            guard !reason.trimmed.isEmpty else { throw CommandFailure.usage(Message("error.empty-option", ["option": "--reason"])) }
            let (p, path) = try ctx.update { r in
                let p = try r.requireProject(id)
                if let retired = p.retired {
                    throw CommandFailure.usage(Message("error.retire.already", ["id": p.id.rawValue, "date": retired.date.description]),
                                               hint: Message("hint.retire.already", ["id": p.id.rawValue]))
                }
                if let accepted = p.accepted, on < accepted {
                    throw CommandFailure.usage(Message("error.retire.before-acceptance", ["date": on.description, "accepted": accepted.description]))
                }
                // Records after the last day would lose their place in the schedule and change
                // reports already made: refused unless --force.
                let records = RetiredNotice.recordsAfter(on, of: p, in: r)
                let after = records.map { ["noun": $0.noun, "id": $0.id, "date": $0.date.description] }
                if !after.isEmpty {
                    let values = ["id": p.id.rawValue, "date": on.description, "count": String(after.count)]
                    // The words are chosen when printed: the refusal in the language of the messages.
                    let what: @Sendable (Catalogue) -> String = { c in
                        let comma = c["msg.list.comma"]
                        let items = after.map { c.text("retire.record-item", $0) }
                        let listing = items.count > 5
                            ? items.prefix(5).joined(separator: comma) + c.text("msg.and-more-inline", ["count": String(items.count - 5)])
                            : items.joined(separator: comma)
                        return c.text(after.count == 1 ? "retire.records-after.one" : "retire.records-after",
                                      ["count": String(after.count), "date": on.description, "records": listing])
                    }
                    if !force {
                        throw CommandFailure(code: 64) { c in
                            (c.text("error.retire.records-after", values.merging(["detail": what(c)]) { a, _ in a }),
                             c.text("hint.retire.records-after", ["date": on.description]))
                        }
                    }
                    let c = MessageLanguage.catalogue
                    Console.err(Console.labelled(c["msg.warning"])
                        + c.text("warning.retire.records-after", values.merging(["detail": what(c)]) { a, _ in a }) + "\n")
                }
                let retirement = Retirement(date: on, reason: reason.trimmed)
                let entry = ProjectHistoryEntry(at: ctx.today, action: "retired", by: recorder(by, fallback: p.owner), reason: reason.trimmed)
                let path = p.location.path
                return ([(path, try RecordUpdate.retire(p, retirement, recorded: entry, in: ctx.repository, config: r.config))], (p, path))
            }
            Console.out(Catalogue.current("amend.retired", ["id": p.id.rawValue, "day": on.description]) + "\n  \(path)\n")
        }
    }
}
