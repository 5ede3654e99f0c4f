import ArgumentParser
import HuifangCore
import HuifangReport
import HuifangStore

struct VisitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "visit",
        abstract: "Log, correct, list and show follow-up visits; attach their evidence.",
        subcommands: [Log.self, Edit.self, Amend.self, List.self, Show.self, Attach.self, Prepare.self]
    )

    @OptionGroup var global: GlobalOptions
}

extension VisitCommand {
    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "log",
            abstract: "Log a visit: writes projects/PROJECT/visits/DATE-ID.yaml.",
            discussion: """
                Without --kind the visit takes the kind of the open schedule item it satisfies: 'stage' \
                before acceptance, 'special' with --event or while an event awaits its visit (the event is \
                linked when exactly one does), 'customer_request' while a customer or complaint issue awaits \
                its visit, 'first' before the first visit after acceptance, else 'periodic'. A --kind that \
                does not match what is due stands, with a warning. The output names the due items the \
                visit clears. Scores are DIMENSION=N with the dimensions and scale of huifang.yaml.
                """
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Project id (or a unique prefix).") var project: String
        @Option(help: "Visit date, YYYY-MM-DD (default: today).", transform: parseDayArgument) var date: Day?
        @Option(help: "How: phone, onsite, email or online.") var method: VisitMethod?
        @Flag(help: "Write the visit in $VISUAL or $EDITOR, from a template pre-filled from the project and these flags.")
        var edit = false
        @Option(help: "Who visited (default: the project's owner).") var visitor: String?
        @Option(help: "first, periodic, special, customer_request or stage (default: from the history).") var kind: VisitKind?
        @Option(help: "What was discussed.") var summary: String?
        @Option(help: "A score, DIMENSION=N (repeatable), e.g. --score quality=4.") var score: [String] = []
        @Option(help: "Overall satisfaction, 1..scale.") var overall: Int?
        @Option(help: "Likelihood to recommend, 0..10.") var nps: Int?
        @Option(help: "How the project runs: normal, degraded or down.") var operation: Operation?
        @Option(help: "The customer's own words, verbatim (repeatable).") var quote: [String] = []
        @Option(help: "A customer contact who took part, repeatable.") var contact: [String] = []
        @Option(help: "A new or changed need (repeatable).") var need: [String] = []
        @Option(help: "What was learnt about a competitor, repeatable.") var competitor: [String] = []
        @Option(help: "The event (file name in events/ without .yaml) this special visit follows.") var event: String?
        @Flag(help: "Log it even though a visit with the same date, method and summary is already there.") var force = false

        func run() throws {
            let ctx = try CommandContext(global)
            var flags = self
            flags.visitor = try optionText(visitor, "--visitor")
            flags.summary = try optionText(summary, "--summary", required: true)
            flags.event = try optionText(event, "--event")
            flags.quote = try optionList(quote, "--quote")
            flags.contact = try optionList(contact, "--contact")
            flags.need = try optionList(need, "--need")
            flags.competitor = try optionList(competitor, "--competitor")
            if edit { return try flags.runInEditor(ctx) }
            try flags.record(ctx)
        }

        /// Writes the visit the flags describe (their text already checked by `run`).
        func record(_ ctx: CommandContext) throws {
            guard let method else {
                throw CommandFailure.usage(Message("error.visit-needs-method"), hint: Message("hint.use-edit"))
            }
            let (visit, p, day, r) = try ctx.update { r in
                let p = try r.requireProject(project)
                let config = r.config
                let day = date ?? ctx.today
                if day > ctx.today {
                    throw CommandFailure.usage(Message("error.visit-after-today", ["date": day.description, "today": ctx.today.description]),
                                               hint: Message("hint.visit-after-today"))
                }
                guard let summary = summary?.trimmed, !summary.isEmpty else {
                    throw CommandFailure.usage(Message("error.visit-needs-summary"))
                }
                let scale = config.satisfaction.scale
                var scores: [(dimension: String, score: Int)] = []
                for s in score {
                    let parts = s.split(separator: "=", maxSplits: 1).map(String.init)
                    guard parts.count == 2, let n = Int(parts[1].trimmed) else {
                        throw CommandFailure.usage(Message("error.score-form", ["score": s]), hint: Message("hint.score-form"))
                    }
                    let dim = parts[0].trimmed
                    guard config.satisfaction.dimensions.contains(dim) else {
                        throw CommandFailure.usage(Message("error.unknown-dimension", ["dimension": dim]),
                                                   hint: Message("hint.dimensions", ["known": config.satisfaction.dimensions.joined(separator: ", ")]))
                    }
                    guard (1...scale).contains(n) else {
                        throw CommandFailure.usage(Message("error.score-outside", ["dimension": dim, "score": String(n), "scale": String(scale)]))
                    }
                    if scores.contains(where: { $0.dimension == dim }) {
                        throw CommandFailure.usage(Message("error.score-twice", ["dimension": dim]))
                    }
                    scores.append((dim, n))
                }
                if let overall, !(1...scale).contains(overall) {
                    throw CommandFailure.usage(Message("error.overall-outside", ["score": String(overall), "scale": String(scale)]))
                }
                if let nps, !(0...10).contains(nps) {
                    throw CommandFailure.usage(Message("error.nps-outside", ["nps": String(nps)]))
                }
                if let event, !r.events.contains(where: { $0.id == event }) {
                    throw CommandFailure.usage(Message("error.no-event", ["event": event]),
                                               hint: r.events.isEmpty ? Message("hint.no-events")
                                                   : Message("hint.events", ["events": r.events.suffix(5).map(\.id).joined(separator: ", ")]))
                }
                let visits = r.visits(of: p.id)
                if !force { try Self.refuseDuplicate(of: visits, date: day, method: method, summary: summary) }
                let purpose = Self.purpose(p, r, day: day, event: event)
                if let kind { Self.warnMismatch(kind, event: event, purpose) }
                let chosen = kind ?? purpose.kind
                let linked = event ?? (chosen == .special && purpose.kind == .special ? purpose.event : nil)
                var ids = IDGenerator()
                let taken = Set(r.visits.map(\.id))
                let id = ids.next(VisitID.self) { taken.contains($0) }
                let visit = Visit(
                    id: id, project: p.id, date: day, kind: chosen,
                    method: method, visitor: visitor?.trimmed ?? p.owner, contacts: contact, event: linked, summary: summary,
                    operation: operation, scores: scores, overall: overall, nps: nps, quotes: quote, needs: need,
                    competitors: competitor, location: SourceLocation(path: ctx.repository.visitFile(project: p.id, date: day, visit: id)))
                let text = RecordEncoder.visit(visit.entered(ctx.today))
                try RecordVerifier.verify(text, as: .visit(project: p.id, file: "\(day)-\(id).yaml"), path: visit.location.path, config: config)
                return ([(visit.location.path, Array(text.utf8))], (visit, p, day, r))
            }
            RetiredNotice.warn(p, day: day, what: "visit \(visit.id)")
            let L = ctx.catalogue(r)
            Console.out(Self.loggedLine(visit, L))
            Console.out(Self.clearedLines(visit, r, L))
            Console.out("  \(visit.location.path)\n")
        }

        /// The editor loop: the template is written before the lock is taken (a person may take
        /// minutes), the record is checked on save, then written under the lock.
        func runInEditor(_ ctx: CommandContext) throws {
            let r = try ctx.load(writing: true).records
            let p = try r.requireProject(project)
            var ids = IDGenerator()
            let taken = Set(r.visits.map(\.id))
            let id = ids.next(VisitID.self) { taken.contains($0) }
            let day = date ?? ctx.today
            let template = VisitTemplate.text(id: id, project: p, records: r, day: day, flags: self)
            let session = EditorSession(template: template, name: "visit.yaml")
            let visit = try session.run { text in
                let decoded = RecordText.visit(text, project: p.id, config: r.config)
                var result = editedRecord(decoded)
                if case .success(let v) = result {
                    var problems: [String] = []
                    func at(_ key: String) -> String { EditorSession.position(of: key, in: text) }
                    let W = Catalogue.current
                    if v.summary.trimmed.isEmpty { problems.append("\(at("summary")): " + W["edit.visit-summary-empty"]) }
                    if v.date > ctx.today {
                        problems.append("\(at("date")): " + W.text("edit.visit-date-after-today", ["date": v.date.description, "today": ctx.today.description]))
                    }
                    if taken.contains(v.id) { problems.append("\(at("id")): " + W.text("edit.visit-id-taken", ["id": v.id.rawValue])) }
                    if !problems.isEmpty { result = .failure(EditProblems(lines: problems)) }
                }
                return result
            }
            let (path, now) = try ctx.update { now in
                if now.visits.contains(where: { $0.id == visit.id }) {
                    throw CommandFailure.data(Message("error.id-taken", ["id": visit.id.rawValue]), hint: Message("hint.run-again"))
                }
                if !force {
                    try Self.refuseDuplicate(of: now.visits(of: p.id), date: visit.date, method: visit.method, summary: visit.summary)
                }
                let path = ctx.repository.visitFile(project: p.id, date: visit.date, visit: visit.id)
                let text = RecordEncoder.visit(visit.entered(ctx.today))
                try RecordVerifier.verify(text, as: .visit(project: p.id, file: "\(visit.date)-\(visit.id).yaml"), path: path, config: now.config)
                return ([(path, Array(text.utf8))], (path, now))
            }
            let L = ctx.catalogue(now)
            Console.out(Self.loggedLine(visit, L))
            Self.warnMismatch(visit.kind, event: visit.event, Self.purpose(p, now, day: visit.date, event: visit.event))
            RetiredNotice.warn(p, day: visit.date, what: "visit \(visit.id)")
            var located = visit
            located.location = SourceLocation(path: path)
            Console.out(Self.clearedLines(located, now, L))
            Console.out("  \(path)\n")
        }

        /// A visit identical to one already logged (same project, date, method and summary) is
        /// almost always the same visit typed twice.
        static func refuseDuplicate(of visits: [Visit], date: Day, method: VisitMethod, summary: String) throws {
            let summary = summary.trimmed
            guard let same = visits.first(where: { $0.date == date && $0.method == method && $0.summary.trimmed == summary }) else { return }
            let (id, path) = (same.id.rawValue, same.location.path)
            throw CommandFailure(code: 64) { c in
                (c.text("error.visit-duplicate", ["id": id, "date": date.description, "method": c.word(method), "path": path]),
                 c.text("hint.visit-duplicate", ["id": id]))
            }
        }

        /// What a visit to `p` on `day` is for (the core rule `VisitPurpose.choose`), from the
        /// project's schedule as it stands before the visit.
        static func purpose(_ p: Project, _ r: Records, day: Day, event: String?) -> VisitPurpose {
            VisitPurpose.choose(for: p, on: day, items: Schedule.items(of: p, in: r), event: event)
        }

        /// A kind given (by --kind or in the editor) that does not match what is due stands; the
        /// mismatch is a warning.
        static func warnMismatch(_ kind: VisitKind, event: String?, _ purpose: VisitPurpose) {
            let why = event.flatMap { kind != .special ? VisitPurpose.Mismatch.namesEvent($0) : nil } ?? purpose.mismatch(with: kind)
            let L = Catalogue.current
            if let why {
                Console.err(Console.labelled(L["msg.warning"]) + L.text("warning.kind-mismatch", ["kind": L.word(kind), "why": L.words(why)]) + "\n")
            }
        }

        /// One line per due item the visit clears once recorded, or a line saying none was due.
        /// `Logged periodic visit v-… to acme-erp (2026-05-20, on site, 张伟)`, in the language.
        static func loggedLine(_ visit: Visit, _ L: Catalogue) -> String {
            L("visit.logged", ["kind": L.word(visit.kind), "id": visit.id.rawValue, "project": visit.project.rawValue,
                               "day": visit.date.description, "method": L.word(visit.method), "visitor": visit.visitor]) + "\n"
        }

        static func clearedLines(_ visit: Visit, _ r: Records, _ L: Catalogue) -> String {
            let cleared = Schedule.cleared(by: visit, in: r).sorted { ($0.due, $0.kind) < ($1.due, $1.kind) }
            let due = cleared.filter { $0.due <= visit.date || $0.kind != .periodic }
            guard !due.isEmpty else {
                let early = cleared.first.map { L("visit.clears_early", ["kind": L.word($0.kind), "due": $0.due.description]) } ?? ""
                return "  " + L("visit.clears_nothing", ["early": early]) + "\n"
            }
            var s = ""
            for item in cleared {
                let state = item.due < visit.date ? L("visit.state_late", ["days": L.days(item.due.days(until: visit.date))])
                    : L[item.due == visit.date ? "visit.state_on_the_day" : item.kind == .periodic ? "visit.state_early" : "visit.state_in_time"]
                s += "  " + L("visit.clears", ["what": clearedItem(item, L), "due": item.due.description, "state": state]) + "\n"
            }
            return s
        }

        /// A due item a visit clears, in words: `定期回访（上次回访 v-…）` / `periodic visit after visit v-…`.
        static func clearedItem(_ item: ScheduleItem, _ L: Catalogue) -> String {
            switch (item.kind, item.basis) {
            case (.special, let b?): return L("visit.after_event", ["kind": L.word(item.kind), "basis": b])
            case (.customerRequest, let b?): return L("visit.for_issue", ["kind": L.word(item.kind), "basis": b])
            case (.periodic, let b?): return L("visit.after_visit", ["kind": L.word(item.kind), "basis": b])
            case (.first, _): return L("visit.after_acceptance", ["kind": L.word(item.kind)])
            default: return L.word(item.kind)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List visits, newest first.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Only this project (id or unique prefix).") var project: String?
        @Option(help: "Only visits in this period: \(Period.expectedForm).", transform: parsePeriodArgument) var period: Period?
        @Option(help: "Output format: table, json, csv or xlsx (a spreadsheet, with -o FILE.xlsx).") var format: OutputFormat = .table
        @OptionGroup var destination: ListingDestination

        func run() throws {
            let ctx = try CommandContext(global)
            let loaded = try ctx.load()
            let r = loaded.records
            let L = ctx.catalogue(loaded)
            let only = try project.map { try r.requireProject($0).id }
            let listing = VisitListing.make(r, project: only, period: period, labels: L)
            try listing.emit(format, destination, ctx: ctx, loaded: loaded, sheet: "xlsx.sheet.visits")
            if format == .table && listing.rows.isEmpty { Console.err(L["list.no_visits"] + "\n") }
        }
    }
}
