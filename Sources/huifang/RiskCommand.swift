import ArgumentParser
import HuifangCore
import HuifangReport
import HuifangStore

struct RiskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "risk",
        abstract: "The risk register: identify, assess, respond, review, close.",
        discussion: """
            Each risk belongs to a project (projects/PROJECT/risks/ID.yaml). It is assessed by \
            probability and impact, each 1 to 5; its score is probability x impact. A risk is high \
            from policy.risk_high_at (default 15) up. It is reviewed every --review-every (default \
            policy.risk_review_every, 1m): every update counts as a review, and reviews due appear \
            in status, due and export ics.
            """,
        subcommands: [Add.self, Update.self, Close.self, List.self, Show.self]
    )

    @OptionGroup var global: GlobalOptions
}

extension RiskCategory: ExpressibleByArgument {
    public init?(argument: String) { self.init(word: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension RiskResponse: ExpressibleByArgument {}

/// A probability or impact from the command line: 1 to 5.
func parseRiskLevel(_ text: String) throws -> Int {
    guard let n = Int(text), Risk.levels.contains(n) else {
        throw ValidationError(MessageLanguage.catalogue.text("error.risk.level", ["text": text]))
    }
    return n
}

/// A review period from the command line: a duration of at least one unit.
func parseReviewPeriod(_ text: String) throws -> Duration {
    let d = try parseDurationArgument(text)
    guard d.amount > 0 else { throw ValidationError(MessageLanguage.catalogue.text("error.risk.review-every", ["text": text])) }
    return d
}

extension RiskCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Register a risk of a project: writes projects/PROJECT/risks/ID.yaml.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Project id (or a unique prefix).") var project: String
        @Option(help: "What could happen, in a few words (required unless --edit).") var title: String?
        @Option(help: "technical, resource, schedule, cost or customer (or the same word in Chinese; required unless --edit).")
        var category: RiskCategory?
        @Option(help: "How likely, 1 (rare) to 5 (almost certain; required unless --edit).", transform: parseRiskLevel) var probability: Int?
        @Option(help: "How bad if it happens, 1 (slight) to 5 (severe; required unless --edit).", transform: parseRiskLevel) var impact: Int?
        @Option(help: "avoid, mitigate, transfer or accept (required unless --edit).") var response: RiskResponse?
        @Option(help: "What is done about it (required unless --edit).") var plan: String?
        @Option(help: "Who watches it (required unless --edit).") var owner: String?
        @Option(help: "How often it is reviewed (default: policy.risk_review_every, 1m).", transform: parseReviewPeriod)
        var reviewEvery: Duration?
        @Option(help: "Who records it (default: $HUIFANG_USER, else the owner).") var by: String?
        @Flag(help: "Write the risk in $VISUAL or $EDITOR, from a template pre-filled with these flags.") var edit = false

        func run() throws {
            let ctx = try CommandContext(global)
            for (value, flag) in [(title, "--title"), (plan, "--plan"), (owner, "--owner")] { _ = try optionText(value, flag, required: true) }
            _ = try optionText(by, "--by")
            if edit {
                // As issue add --edit: the template before the lock (a person may take minutes),
                // problems shown and the editor opened again on a terminal, refused otherwise.
                let r = try ctx.load(writing: true).records
                let p = try r.requireProject(project)
                let template = DraftTemplates.risk(project: p, flags: self, ctx.catalogue(r))
                let draft = try EditorSession(template: template, name: "risk.yaml").run { DraftTemplates.readRisk($0) }
                var filled = self
                filled.edit = false
                filled.title = draft.title
                filled.category = draft.category
                filled.probability = draft.probability
                filled.impact = draft.impact
                filled.response = draft.response
                filled.plan = draft.plan
                filled.owner = draft.owner
                filled.reviewEvery = draft.reviewEvery
                return try filled.run()
            }
            let missing = [(title == nil, "--title"), (category == nil, "--category"), (probability == nil, "--probability"),
                           (impact == nil, "--impact"), (response == nil, "--response"), (plan == nil, "--plan"), (owner == nil, "--owner")]
                .filter(\.0).map(\.1)
            guard missing.isEmpty, let title, let category, let probability, let impact, let response, let plan, let owner else {
                throw CommandFailure.usage(Message("error.risk-needs", ["options": missing.joined(separator: ", ")]), hint: Message("hint.use-edit"))
            }
            let (risk, path, r) = try ctx.update { r in
                let p = try r.requireProject(project)
                var ids = IDGenerator()
                let taken = Set(r.risks.map(\.id))
                let id = ids.next(RiskID.self) { taken.contains($0) }
                let path = ctx.repository.riskFile(project: p.id, risk: id)
                let who = recorder(by, fallback: owner.trimmed)
                let risk = Risk(id: id, project: p.id, title: title.trimmed, category: category, probability: probability, impact: impact,
                                response: response, plan: plan.trimmed, owner: owner.trimmed, raised: ctx.today, reviewEvery: reviewEvery,
                                history: [RiskHistoryEntry(at: ctx.today, action: RiskHistoryEntry.opened, by: who, probability: probability,
                                                           impact: impact)],
                                location: SourceLocation(path: path)).entered(ctx.today)
                let text = RecordEncoder.risk(risk)
                try RecordVerifier.verify(text, as: .risk(project: p.id, file: "\(id).yaml"), path: path, config: r.config)
                return ([(path, Array(text.utf8))], (risk, path, r))
            }
            if let p = r.project(risk.project) { RetiredNotice.warn(p, day: risk.raised, what: "risk \(risk.id)") }
            let L = ctx.catalogue(r)
            Console.out(L("risk.added", ["id": risk.id.rawValue, "project": risk.project.rawValue, "title": TerminalText.clean(risk.title)]) + "\n")
            Console.out(riskSummary(risk, r, L))
            Console.out("  \(path)\n")
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "update",
            abstract: "Assess an open risk again, change its plan or note a review; each update is a review.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Risk id (or a prefix of at least 4 characters).") var id: String
        @Option(help: "New probability, 1 to 5.", transform: parseRiskLevel) var probability: Int?
        @Option(help: "New impact, 1 to 5.", transform: parseRiskLevel) var impact: Int?
        @Option(help: "New response plan.") var plan: String?
        @Option(help: "What the review found.") var note: String?
        @Option(help: "Who reviews it (default: $HUIFANG_USER, else the owner).") var by: String?

        func run() throws {
            let ctx = try CommandContext(global)
            for (value, flag) in [(plan, "--plan"), (note, "--note"), (by, "--by")] { _ = try optionText(value, flag) }
            guard probability != nil || impact != nil || plan != nil || note != nil else {
                throw CommandFailure.usage(Message("error.risk.update-nothing"), hint: Message("hint.risk.update-nothing"))
            }
            let (old, new, r) = try ctx.update { r in
                let old = try r.require(r.risk(matching: id), "risk", id)
                try requireOpen(old, command: "update", today: ctx.today)
                var new = old
                var line = RiskHistoryEntry(at: ctx.today, action: RiskHistoryEntry.updated, by: recorder(by, fallback: old.owner))
                if let probability, probability != old.probability { new.probability = probability }
                if let impact, impact != old.impact { new.impact = impact }
                if new.probability != old.probability || new.impact != old.impact {
                    line.probability = new.probability
                    line.impact = new.impact
                }
                if let plan = plan?.trimmed, plan != old.plan {
                    new.plan = plan
                    line.plan = plan
                }
                line.note = note?.trimmed
                guard line.probability != nil || line.plan != nil || line.note != nil else {
                    throw CommandFailure.usage(Message("error.risk.unchanged", ["id": old.id.rawValue]), hint: Message("hint.risk.unchanged"))
                }
                new.history.append(line)
                let bytes = try RecordUpdate.risk(old, becomes: new, in: ctx.repository, config: r.config)
                return ([(old.location.path, bytes)], (old, new, r))
            }
            let L = ctx.catalogue(r)
            Console.out(L("risk.updated", ["id": new.id.rawValue, "from": String(old.score), "to": String(new.score)]) + "\n")
            Console.out(riskSummary(new, r, L))
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "close", abstract: "Close a risk that is over (it passed, or it happened and became an issue).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Risk id (or a prefix of at least 4 characters).") var id: String
        @Option(help: "Why it is closed.") var reason: String
        @Option(help: "Who closes it (default: $HUIFANG_USER, else the owner).") var by: String?

        func run() throws {
            let ctx = try CommandContext(global)
            _ = try optionText(reason, "--reason")
            _ = try optionText(by, "--by")
            let (risk, r) = try ctx.update { r in
                let old = try r.require(r.risk(matching: id), "risk", id)
                try requireOpen(old, command: "close", today: ctx.today)
                var new = old
                new.status = .closed
                new.history.append(RiskHistoryEntry(at: ctx.today, action: RiskHistoryEntry.closed, by: recorder(by, fallback: old.owner),
                                                    reason: reason.trimmed))
                let bytes = try RecordUpdate.risk(old, becomes: new, in: ctx.repository, config: r.config)
                return ([(old.location.path, bytes)], (new, r))
            }
            let L = ctx.catalogue(r)
            Console.out(L("risk.closed", ["id": risk.id.rawValue, "reason": TerminalText.clean(reason.trimmed)]) + "\n")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List risks: open ones first, highest score first.")

        @OptionGroup var global: GlobalOptions
        @Flag(help: "Only open risks.") var open = false
        @Option(help: "Only risks scoring at least this (1 to 25).") var minScore: Int?
        @Option(help: "Only this project (id or unique prefix).") var project: String?
        @Option(help: "Only the projects of this department.") var department: String?
        @Option(help: "Output format: table, json, csv or xlsx (a spreadsheet, with -o FILE.xlsx).") var format: OutputFormat = .table
        @OptionGroup var destination: ListingDestination

        func run() throws {
            if let minScore, !(1...25).contains(minScore) {
                throw CommandFailure.usage(Message("error.risk.min-score", ["value": String(minScore)]), hint: Message("hint.risk.min-score"))
            }
            let ctx = try CommandContext(global)
            let loaded = try ctx.load()
            let r = loaded.records
            let L = ctx.catalogue(loaded)
            let only = try project.map { try r.requireProject($0).id }
            if let department { _ = try r.config.requireDepartment(department) }
            let departments = Dictionary(r.projects.map { ($0.id, $0.department) }, uniquingKeysWith: { a, _ in a })
            let policy = r.config.policy
            let chosen = r.risks.filter { k in
                (!open || k.isOpen) && (minScore.map { k.score >= $0 } ?? true) && (only == nil || k.project == only)
                    && (department == nil || departments[k.project] == department)
            }.sorted { a, b in
                (a.isOpen ? 0 : 1, -a.score, a.project, a.id) < (b.isOpen ? 0 : 1, -b.score, b.project, b.id)
            }
            var listing = Listing([
                ("id", L["col.id"]), ("project", L["col.project"]), ("score", L["risk.col.score"]), ("high", L["risk.col.high"]),
                ("status", L["col.status"]), ("category", L["risk.col.category"]), ("response", L["risk.col.response"]),
                ("next_review", L["risk.col.next_review"]), ("owner", L["col.owner"]), ("title", L["risk.col.title"]),
            ])
            listing.maxWidth = [9: 40]
            listing.rightAligned = [2]
            listing.jsonOnly = [3]
            listing.addDetailColumns([
                ("probability", L["risk.col.probability"]), ("impact", L["risk.col.impact"]), ("plan", L["risk.col.plan"]),
                ("raised", L["col.raised"]), ("review_every", L["risk.col.review_every"]), ("closed", L["risk.col.closed"]),
                ("reason", L["risk.col.reason"]),
            ])
            listing.codeColumns = [2, 4, 5, 6]
            for k in chosen {
                let next = k.nextReview(policy, calendar: r.calendar)
                let nextText = next.map { $0 < ctx.today ? L("risk.review_overdue", ["day": $0.description]) : $0.description } ?? ""
                let closing = k.isOpen ? nil : k.closing
                listing.add([
                    (k.id.rawValue, .string(k.id.rawValue)), (k.project.rawValue, .string(k.project.rawValue)),
                    (k.isHigh(policy) ? "\(k.score) !" : String(k.score), .int(k.score)), cell(k.isHigh(policy)),
                    (L.word(k.status), .string(k.status.rawValue)), (L.word(k.category), .string(k.category.rawValue)),
                    (L.word(k.response), .string(k.response.rawValue)), (nextText, .optional(next?.description)),
                    (k.owner, .string(k.owner)), (k.title, .string(k.title)),
                    (String(k.probability), .int(k.probability)), (String(k.impact), .int(k.impact)), (k.plan, .string(k.plan)),
                    (k.raised.description, .string(k.raised.description)),
                    ((k.reviewEvery ?? policy.riskReviewEvery).description, .string((k.reviewEvery ?? policy.riskReviewEvery).description)),
                    cell(closing?.at.description), cell(closing?.reason),
                ])
            }
            try listing.emit(format, destination, ctx: ctx, loaded: loaded, sheet: "risk.sheet")
            if format == .table && chosen.isEmpty { Console.err(L["risk.none"] + "\n") }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a risk: its assessment, plan, review schedule and history.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Risk id (or a prefix of at least 4 characters).") var id: String
        @Option(help: "Output format: table or json.") var format: OutputFormat = .table

        func run() throws {
            if format == .csv || format == .xlsx { throw CommandFailure.usage(Message("error.show-format", ["command": "risk show", "format": format.rawValue])) }
            let ctx = try CommandContext(global)
            let loaded = try ctx.load()
            let r = loaded.records
            let L = ctx.catalogue(loaded)
            let k = try r.require(r.risk(matching: id), "risk", id)
            let policy = r.config.policy
            let next = k.nextReview(policy, calendar: r.calendar)
            if format == .json {
                Console.out(CalendarNotice.attach(RiskJSON.make(k, r), r).render() + "\n")
                return
            }
            var rows: [(String, String)] = []
            func row(_ key: String, _ v: String) { rows.append((L["risk." + key], v)) }
            row("project", k.project.rawValue)
            row("category", L.word(k.category))
            row("assessment", L.riskScore(k, high: k.isHigh(policy)))
            row("response", L.word(k.response))
            row("plan", k.plan)
            row("owner", k.owner)
            row("raised", k.raised.description)
            row("status", L.word(k.status))
            if let next {
                let days = next.days(until: ctx.today)
                let state = days > 0 ? L("risk.review_late", ["days": L.days(days)]) : days == 0 ? L["risk.review_today"]
                    : L("risk.review_in", ["days": L.days(-days)])
                row("next_review", "\(next)  [\(state)]  (\(L("risk.every", ["every": L.duration(k.reviewEvery ?? policy.riskReviewEvery)])))")
            }
            let width = (rows.map { DisplayWidth.of($0.0) }.max() ?? 0) + 2
            var s = TerminalText.clean("\(k.id)  \(k.title)") + "\n"
            for (label, v) in rows { s += DisplayWidth.pad(label, to: width) + TerminalText.clean(v) + "\n" }
            s += "\n" + L["risk.history"] + "\n"
            for h in k.history {
                var line = "  \(h.at)  \(L.riskAction(h.action))"
                if let p = h.probability, let i = h.impact {
                    line += "  " + L("risk.score", ["p": String(p), "i": String(i), "score": String(Risk.score(probability: p, impact: i))])
                }
                if let b = h.by { line += "  " + L("hist.by", ["who": b]) }
                if let plan = h.plan { line += "  " + L("risk.hist_plan", ["plan": plan]) }
                if let reason = h.reason { line += "  " + L("hist.reason", ["reason": reason]) }
                if let note = h.note { line += ": \(note)" }
                s += TerminalText.clean(line) + "\n"
            }
            Console.out(s + CalendarNotice.footer(r))
        }
    }
}

/// A closed risk is not updated or closed again; a change dated before the last one is refused.
func requireOpen(_ k: Risk, command: String, today: Day) throws {
    guard k.isOpen else {
        throw CommandFailure.usage(Message("error.risk.closed", ["id": k.id.rawValue, "command": command]), hint: Message("hint.risk.closed"))
    }
    if today < k.lastReviewed {
        throw CommandFailure.usage(Message("error.risk.before-last", ["id": k.id.rawValue, "today": today.description,
                                                                      "last": k.lastReviewed.description]),
                                   hint: Message("hint.risk.before-last"))
    }
}

/// The lines under `risk add` and `risk update`: the score and the next review.
func riskSummary(_ k: Risk, _ r: Records, _ L: Catalogue) -> String {
    var s = "  " + L("risk.summary_score", ["score": L.riskScore(k, high: k.isHigh(r.config.policy))]) + "\n"
    if let next = k.nextReview(r.config.policy, calendar: r.calendar) {
        s += "  " + L("risk.summary_review", ["day": next.description]) + "\n"
    }
    return s
}
