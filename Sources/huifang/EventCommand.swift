import ArgumentParser
import HuifangCore
import HuifangStore

struct EventCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "event",
        abstract: "Record events that call for special visits (major upgrades, market events).",
        subcommands: [Add.self]
    )

    @OptionGroup var global: GlobalOptions
}

extension EventCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add an event: writes events/DATE-SLUG-XXXXXX.yaml (XXXXXX: six random hex digits).",
            discussion: """
                Every accepted project named with --project, or carrying one of the --tag tags, gets a \
                special visit due within policy.special_visit_within (default 10 working days). \
                The file name without '.yaml' is the event's id, which 'visit log --event' takes; the \
                random part keeps events added on two branches apart (files named DATE-SLUG.yaml \
                by earlier versions are read as before).
                """
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Event date, YYYY-MM-DD.", transform: parseDayArgument) var date: Day
        @Option(help: "upgrade or market.") var kind: EventKind
        @Option(help: "What happened, e.g. 'V3 major upgrade'.") var title: String
        @Option(help: "A project concerned (repeatable).") var project: [String] = []
        @Option(help: "A tag: every project with it is concerned (repeatable).") var tag: [String] = []
        @Option(help: "File name part between the date and the random part (default: from the kind and the first tag or project).") var slug: String?

        func run() throws {
            let ctx = try CommandContext(global)
            if project.isEmpty && tag.isEmpty {
                throw CommandFailure.usage(Message("error.event.needs-target"), hint: Message("hint.event.needs-target"))
            }
            _ = try optionText(title, "--title")
            let slug = try optionText(slug, "--slug")
            let tag = try optionList(tag, "--tag")
            let project = try optionList(project, "--project")
            let (r, event, id) = try ctx.update { r in
                // Two prefixes of one project name it once.
                let projects = distinct(try project.map { try r.requireProject($0).id })
                let base = slug ?? ([kind.rawValue] + [tag.first ?? projects.first?.rawValue].compactMap { $0 }).joined(separator: "-")
                let cleaned = String(base.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
                guard let stem = ProjectID(cleaned.trimmingDashes) else {
                    throw CommandFailure.usage(Message("error.event.bad-slug", ["slug": base]), hint: Message("hint.event.bad-slug"))
                }
                // A random part makes the name unique across branches: two people adding an event
                // of the same day and tag on two branches would otherwise add the same file.
                var ids = IDGenerator()
                var id = "\(date)-\(stem)-\(ids.hex6())"
                while r.events.contains(where: { $0.id == id }) || FileSystem.exists(ctx.repository.path(ctx.repository.eventFile(id))) {
                    id = "\(date)-\(stem)-\(ids.hex6())"
                }
                let event = Event(id: id, date: date, kind: kind, title: title.trimmed, projects: projects, tags: tag,
                                  location: SourceLocation(path: ctx.repository.eventFile(id)))
                let text = RecordEncoder.event(event.entered(ctx.today))
                try RecordVerifier.verify(text, as: .event(file: "\(id).yaml"), path: event.location.path, config: r.config)
                return ([(event.location.path, Array(text.utf8))], (r, event, id))
            }
            let concerned = r.projects.filter { $0.accepted.map { $0 <= date } ?? false && event.concerns($0) }
            let L = ctx.catalogue(r)
            Console.out(L(concerned.count == 1 ? "event.added1" : "event.added", ["id": id, "n": String(concerned.count)]) + "\n")
            Console.out("  \(event.location.path)\n")
        }
    }
}

extension String {
    var trimmingDashes: String {
        var s = Substring(self)
        while s.first == "-" { s.removeFirst() }
        while s.last == "-" { s.removeLast() }
        var out = ""
        for c in s where !(c == "-" && out.last == "-") { out.append(c) }
        return out
    }
}
