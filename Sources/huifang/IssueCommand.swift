import ArgumentParser
import HuifangCore
import HuifangReport
import HuifangStore

#if canImport(Glibc)
    import Glibc
#endif

struct IssueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue",
        abstract: "Customer problems: record, route by severity, escalate, resolve, confirm, close.",
        discussion: """
            Routing (policy section 8): a minor issue is handled by the visitor on the spot or by the \
            responsible department; a general one by the head of the project's department, who names \
            owner and deadline and reports to project management on resolution; a major one by a \
            working group led by project management, with leadership told at once, and it cannot be \
            closed without a case analysis. Deadlines count working days (policy.resolve_within).
            """,
        subcommands: [Add.self, Escalate.self, Resolve.self, Confirm.self, Close.self, Reopen.self, Note.self, Withdraw.self, Show.self, List.self]
    )

    @OptionGroup var global: GlobalOptions
}

/// Who is recording a change: --by, else $HUIFANG_USER, else the given fallback.
func recorder(_ by: String?, fallback: String) -> String {
    if let by, !by.trimmed.isEmpty { return by.trimmed }
    if let env = getenv("HUIFANG_USER"), !String(cString: env).trimmed.isEmpty { return String(cString: env).trimmed }
    return fallback
}

func fileName(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
}

/// The route in plain words, as `issue add` and `issue escalate` print it.
func describe(_ route: Route, issue: Issue, today: Day, _ L: Catalogue) -> String {
    var rows: [(String, String)] = [
        ("issue.handled_by", L.words(route.handler)),
        ("issue.route_owner", "\(issue.owner) (\(issue.department))"),
        ("issue.tell_now", L.joined(route.notify.map(L.words))),
        ("issue.deadline", L("issue.deadline_value", ["due": issue.due.description, "allowed": L.duration(route.allowed), "day": today.description])),
    ]
    if !route.reportOnResolution.isEmpty { rows.append(("issue.afterwards", L.joined(route.reportOnResolution.map(L.words)))) }
    rows.append(("issue.to_close", L.words(route.toClose)))
    if let cs = route.followedBy {
        rows.append(("issue.complaint", L("issue.complaint_followed", ["name": cs.name, "id": cs.id, "head": cs.head, "department": issue.department])))
    } else if route.isComplaint {
        rows.append(("issue.complaint", L["issue.complaint_nobody"]))
    }
    // Labels padded to one column, as the terminal shows them (a CJK character is two columns wide).
    let width = rows.map { DisplayWidth.of(L[$0.0]) }.max() ?? 0
    return rows.map { "  " + DisplayWidth.pad(L[$0.0] + L["issue.colon"], to: width + DisplayWidth.of(L["issue.colon"]) + 1) + $0.1 + "\n" }.joined()
}

extension IssueCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Record a customer problem and route it: writes projects/PROJECT/issues/ID.yaml.",
            discussion: """
                With --visit, the issue records the visit in which it was raised ('visit:'); the visit \
                file is not changed (its issues are listed from the issues that name it, so two people \
                adding issues to one visit on two branches never conflict). The source defaults to 'visit' with --visit, else 'customer'; issues a customer \
                raises themselves (customer, complaint) also call for a visit within \
                policy.customer_request_within. A complaint is recorded and followed to the end by the \
                department with role customer_service (policy section 3.4), whose head is told at once.
                """
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Project id (or a unique prefix).") var project: String
        @Option(help: "What the problem is, in a few words.") var title: String?
        @Option(help: "technical, quality, service or requirement_change.") var category: IssueCategory?
        @Option(help: "minor, general or major.") var severity: Severity?
        @Option(help: "visit, customer or complaint.") var source: IssueSource?
        @Option(help: "The visit in which it was raised (id or prefix).") var visit: String?
        @Option(help: "When it was raised (default: the visit's date, else today).", transform: parseDayArgument) var raised: Day?
        @Option(help: "Owner (default: from the route).") var owner: String?
        @Option(help: "Responsible department id (default: from the route).") var department: String?
        @Option(help: "Who records it (default: $HUIFANG_USER, else the visitor or project owner).") var by: String?
        @Flag(help: "Write the problem in $VISUAL or $EDITOR, from a template pre-filled with these flags.") var edit = false

        func run() throws {
            let ctx = try CommandContext(global)
            _ = try optionText(title, "--title", required: true)
            for (value, flag) in [(visit, "--visit"), (owner, "--owner"), (department, "--department"), (by, "--by")] {
                _ = try optionText(value, flag)
            }
            if edit {
                let r = try ctx.load(writing: true).records
                let p = try r.requireProject(project)
                let template = DraftTemplates.issue(project: p, zh: r.config.language == .zh, flags: self, today: ctx.today)
                let draft = try EditorSession(template: template, name: "issue.yaml").run { text in
                    DraftTemplates.readIssue(text).flatMap { DraftTemplates.check($0, text: text, records: r, project: p, today: ctx.today) }
                }
                var filled = self
                filled.edit = false
                filled.title = draft.title
                filled.category = draft.category
                filled.severity = draft.severity
                filled.source = draft.source
                filled.visit = draft.visit.flatMap { $0.trimmed.isEmpty ? nil : $0 }
                filled.raised = draft.raised
                filled.owner = draft.owner.flatMap { $0.trimmed.isEmpty ? nil : $0 }
                filled.department = draft.department.flatMap { $0.trimmed.isEmpty ? nil : $0 }
                return try filled.run()
            }
            guard let title, let category, let severity else {
                throw CommandFailure.usage(Message("error.issue-needs"), hint: Message("hint.use-edit"))
            }
            guard !title.trimmed.isEmpty else { throw CommandFailure.usage(Message("error.empty-option", ["option": "--title"])) }
            let (r, p, v, route, issue, path) = try ctx.update { r in
                let p = try r.requireProject(project)
                let v = try visit.map { try r.require(r.visit(matching: $0.trimmed), "visit", $0.trimmed) }
                if let v, v.project != p.id {
                    throw CommandFailure.usage(Message("error.visit-of-other-project", ["visit": v.id.rawValue, "project": v.project.rawValue, "own": p.id.rawValue]))
                }
                let src = source ?? (v == nil ? .customer : .visit)
                if src == .visit && v == nil {
                    throw CommandFailure.usage(Message("error.source-visit"), hint: Message("hint.source-visit"))
                }
                let day = raised ?? v?.date ?? ctx.today
                if day > ctx.today { throw CommandFailure.usage(Message("error.raised-after-today", ["date": day.description, "today": ctx.today.description])) }
                if let v, day < v.date { throw CommandFailure.usage(Message("error.raised-before-visit", ["date": day.description, "visit": v.date.description])) }
                if let department = department?.trimmed, r.config.department(department) == nil {
                    throw CommandFailure.usage(Message("error.unknown-department", ["id": department]),
                                               hint: Message("hint.known-departments", ["known": r.config.departments.map(\.id).joined(separator: ", ")]))
                }
                let route = Routing.route(severity, project: p, config: r.config, calendar: r.calendar, from: day, visitor: v?.visitor,
                                          source: src)
                // A route to a department huifang.yaml no longer lists has no head to handle it or be told.
                if department == nil, r.config.department(route.department) == nil {
                    throw CommandFailure.data(Message("error.route-department-unknown", ["project": p.id.rawValue, "id": route.department]),
                                              hint: Message("hint.route-department-unknown", ["project": p.id.rawValue]))
                }
                var ids = IDGenerator()
                let taken = Set((r.issues + r.withdrawnIssues).map(\.id))
                let id = ids.next(IssueID.self) { taken.contains($0) }
                let who = recorder(by, fallback: v?.visitor ?? p.owner)
                let path = ctx.repository.issueFile(project: p.id, issue: id)
                let issue = Issue(
                    id: id, project: p.id, title: title.trimmed, raised: day, source: src, visit: v?.id, category: category,
                    severity: severity, owner: owner?.trimmed ?? route.owner, department: department?.trimmed ?? route.department,
                    due: route.due, status: .open, history: [HistoryEntry(at: day, action: .opened, by: who)],
                    location: SourceLocation(path: path))
                let text = RecordEncoder.issue(issue.entered(ctx.today))
                try RecordVerifier.verify(text, as: .issue(project: p.id, file: "\(id).yaml"), path: path, config: r.config)
                return ([(path, Array(text.utf8))], (r, p, v, route, issue, path))
            }
            let (id, day) = (issue.id, issue.raised)
            if let same = r.issues.first(where: { $0.project == p.id && $0.isOpen && $0.title == issue.title }) {
                let W = MessageLanguage.catalogue
                Console.err(Console.labelled(W["msg.warning"])
                    + W.text("warning.same-title", ["same": same.id.rawValue, "project": p.id.rawValue, "id": id.rawValue]) + "\n")
            }
            RetiredNotice.warn(p, day: day, what: "issue \(id)")
            let L = ctx.catalogue(r)
            Console.out(L("issue.recorded", ["severity": L.word(severity), "id": id.rawValue, "project": p.id.rawValue,
                                             "title": TerminalText.clean(issue.title)]) + "\n")
            Console.out(describe(route, issue: issue, today: day, L))
            Console.out("  \(path)\n")
            if let v { Console.out("  " + L("issue.raised_in", ["visit": v.id.rawValue, "day": v.date.description]) + "\n") }
            let similar = SimilarCases.ranked(query: issue.title, category: issue.category.rawValue,
                                              SimilarCasesOutput.candidates(r, ctx.repository, excluding: [issue.id]))
            for line in SimilarCasesOutput.lines(similar, L) { Console.out(line + "\n") }
        }
    }

    struct Escalate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "escalate",
            abstract: "Move an open issue one level up (or to --to); the deadline is counted again from today.",
            discussion: "An issue never moves down. The escalation is appended to the issue's history."
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Issue id (or a prefix of at least 4 characters).") var id: String
        @Option(help: "The new severity (default: one level up).") var to: Severity?
        @Option(help: "Why it is escalated.") var reason: String
        @Option(help: "Who escalates (default: $HUIFANG_USER, else the owner).") var by: String?
        @Option(help: "New owner.") var owner: String?

        func run() throws {
            let ctx = try CommandContext(global)
            _ = try optionText(reason, "--reason")
            _ = try optionText(by, "--by")
            _ = try optionText(owner, "--owner")
            let (issue, updated, r) = try ctx.changeIssue(id, by: by, command: "escalate") { _, _ in
                .escalate(to: to, reason: reason.trimmed, owner: owner?.trimmed)
            } verify: { new, r in
                guard r.project(new.project) != nil else { throw CommandFailure.data(Message("error.issue.unknown-project", ["id": new.id.rawValue])) }
            }
            let p = r.project(issue.project)!
            let route = Routing.route(updated.severity, project: p, config: r.config, calendar: r.calendar, from: ctx.today, visitor: nil,
                                      source: issue.source)
            let target = updated.severity
            let L = ctx.catalogue(r)
            Console.out(L("issue.escalated", ["id": issue.id.rawValue, "from": L.word(issue.severity), "to": L.word(target)]) + "\n")
            Console.out(describe(route, issue: updated, today: ctx.today, L))
        }
    }

    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "resolve", abstract: "Record how an open issue was resolved; the customer confirms next.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Issue id (or a prefix of at least 4 characters).") var id: String
        @Option(help: "What was done.") var summary: String
        @Flag(help: "Solved on the spot during the visit (minor issues).") var onSpot = false
        @Option(help: "Who resolved it (default: $HUIFANG_USER, else the owner).") var by: String?

        func run() throws {
            let ctx = try CommandContext(global)
            _ = try optionText(summary, "--summary")
            _ = try optionText(by, "--by")
            let (issue, _, r) = try ctx.changeIssue(id, by: by, command: "resolve") { _, _ in .resolve(summary: summary.trimmed, onSpot: onSpot) }
            let L = ctx.catalogue(r)
            let values: KeyValuePairs<String, String> = ["id": issue.id.rawValue, "due": issue.due.description,
                                                         "days": L.days(issue.due.days(until: ctx.today))]
            let confirmBy = r.calendar.adding(r.config.policy.confirmWithin, to: ctx.today)
            Console.out(L(ctx.today > issue.due ? "issue.resolved_late" : "issue.resolved_on_time", values) + "\n")
            Console.out("  " + L("issue.next_confirm", ["day": confirmBy.description, "id": issue.id.rawValue]) + "\n")
        }
    }

    struct Confirm: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "confirm",
            abstract: "Record the customer's confirmation of a resolved issue; --unsatisfied reopens it.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Issue id (or a prefix of at least 4 characters).") var id: String
        @Flag(help: "The customer is not satisfied: the issue is open again.") var unsatisfied = false
        @Option(help: "Who recorded the confirmation (default: $HUIFANG_USER, else the owner).") var by: String?

        func run() throws {
            let ctx = try CommandContext(global)
            _ = try optionText(by, "--by")
            let (issue, _, r) = try ctx.changeIssue(id, by: by, command: "confirm") { _, _ in .confirm(satisfied: !unsatisfied) }
            let L = ctx.catalogue(r)
            let values: KeyValuePairs<String, String> = ["id": issue.id.rawValue, "due": issue.due.description]
            if unsatisfied {
                let late = ctx.today > issue.due ? L("issue.unsatisfied_late", values) : ""
                Console.out(L("issue.unsatisfied_open", values) + late + "\n")
            } else {
                let next = L(issue.severity == .major ? "issue.next_close_major" : "issue.next_close", values)
                Console.out(L("issue.confirmed_next", ["id": issue.id.rawValue, "next": next]) + "\n")
            }
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "close",
            abstract: "Close a confirmed issue; a major issue needs its case analysis, every section written.",
            discussion: """
                The case analysis is the issue's linked file (huifang case new IID writes one) or \
                --case-analysis FILE. It must have text under each of its five headings (What happened, \
                Cause, Measures, Lessons learned, Applies to; in Chinese or English, see 'huifang case'); \
                a file given with --case-analysis is held to that for any severity.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Issue id (or a prefix of at least 4 characters).") var id: String
        @Option(help: "The case analysis, a file inside the repository (required for major issues).") var caseAnalysis: String?
        @Option(help: "Who closes it (default: $HUIFANG_USER, else the owner).") var by: String?

        func run() throws {
            let ctx = try CommandContext(global)
            _ = try optionText(by, "--by")
            _ = try optionText(caseAnalysis, "--case-analysis")
            let (_, issue, r) = try ctx.changeIssue(id, by: by, command: "close") { issue, _ in
                // The path is read once the issue can be closed, so that a closed issue is named as such first.
                let ready = issue.status == .confirmed && IssueLifecycle.lastChange(of: issue) <= ctx.today
                return .close(caseAnalysis: try caseAnalysis.map { ready ? try caseAnalysisPath($0, ctx.repository) : $0 })
            } verify: { new, _ in
                if let analysis = new.caseAnalysis, !FileSystem.exists(ctx.repository.path(analysis)) {
                    throw CommandFailure.usage(Message("error.no-case-analysis", ["path": analysis]), hint: Message("hint.no-case-analysis"))
                }
                if let analysis = new.caseAnalysis, new.severity == .major || caseAnalysis != nil {
                    try requireCompleteCaseAnalysis(analysis, ctx.repository)
                }
            }
            let L = ctx.catalogue(r)
            Console.out((issue.caseAnalysis.map { L("issue.closed_case", ["id": issue.id.rawValue, "path": $0]) }
                ?? L("issue.closed", ["id": issue.id.rawValue])) + "\n")
        }
    }

    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Open a resolved, confirmed or closed issue again.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Issue id (or a prefix of at least 4 characters).") var id: String
        @Option(help: "Why it is reopened.") var reason: String
        @Option(help: "Who reopens it (default: $HUIFANG_USER, else the owner).") var by: String?

        func run() throws {
            let ctx = try CommandContext(global)
            _ = try optionText(reason, "--reason")
            _ = try optionText(by, "--by")
            let (issue, _, r) = try ctx.changeIssue(id, by: by, command: "reopen") { _, _ in .reopen(reason: reason.trimmed) }
            let L = ctx.catalogue(r)
            Console.out(L(ctx.today > issue.due ? "issue.reopened_late" : "issue.reopened", ["id": issue.id.rawValue, "due": issue.due.description]) + "\n")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show an issue: its route, deadline state and history.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Issue id (or a prefix of at least 4 characters).") var id: String
        @Option(help: "Output format: table or json.") var format: OutputFormat = .table

        func run() throws {
            let ctx = try CommandContext(global)
            let loaded = try ctx.load()
            let r = loaded.records
            let L = ctx.catalogue(loaded)
            let i = try r.require(r.anyIssue(matching: id), "issue", id)
            let state = i.deadlineState(on: ctx.today, calendar: r.calendar, dueSoonShare: r.config.policy.dueSoonShare)
            if format == .csv || format == .xlsx { throw CommandFailure.usage(Message("error.show-format", ["command": "issue show", "format": format.rawValue])) }
            if format == .json {
                var json = ProjectJSON.issue(i)
                if case .object(var pairs) = json {
                    pairs.append(("state", .string(i.isWithdrawn ? "withdrawn" : state.label)))
                    if let recorded = i.recorded { pairs.append(("recorded", .string(recorded.description))) }
                    let confirmBy = i.confirmationDue(r.config.policy, calendar: r.calendar)
                    pairs.append(("confirm_by", .optional(confirmBy?.description)))
                    pairs.append(("confirmation_overdue", confirmBy.map { .bool(ctx.today > $0) } ?? .null))
                    pairs.append(("history", .array(i.history.map { h in
                        .object([("at", .string(h.at.description)), ("action", .string(h.action)), ("by", .optional(h.by)),
                                 ("from", .optional(h.from?.rawValue)), ("to", .optional(h.to?.rawValue)), ("reason", .optional(h.reason)),
                                 ("note", .optional(h.note))])
                    })))
                    json = .object(pairs)
                }
                Console.out(CalendarNotice.attach(json, r).render() + "\n")
                return
            }
            var s = TerminalText.clean("\(i.id)  \(i.title)") + "\n"
            var rows: [(String, String)] = []
            func row(_ k: String, _ v: String) { rows.append((L["issue." + k], v)) }
            row("project", i.project.rawValue)
            row("severity", L.word(i.severity))
            row("category", L.word(i.category))
            row("source", i.visit.map { L("issue.in_visit", ["source": L.word(i.source), "visit": $0.rawValue]) } ?? L.word(i.source))
            row("raised", i.raised.description)
            if let recorded = i.recorded { row("entered", recorded.description) }
            row("owner", "\(i.owner) (\(i.department))")
            row("due", i.isWithdrawn ? i.due.description : "\(i.due)  [\(L.words(state))]")
            row("status", i.isWithdrawn ? L("issue.mistake", ["status": L.word(i.status)]) : L.word(i.status))
            if let res = i.currentResolution { row("resolved", "\(res.date)\(res.onSpot ? L["issue.on_the_spot"] : ""): \(res.summary)") }
            if let c = i.currentConfirmation { row("confirmed", "\(c.date), \(L[c.satisfied ? "issue.satisfied" : "issue.unsatisfied"])") }
            if let by = i.confirmationDue(r.config.policy, calendar: r.calendar) {
                let days = by.days(until: ctx.today)
                let state = days > 0 ? L("issue.confirm_overdue", ["days": L.days(days)]) : days == 0 ? L["issue.confirm_today"]
                    : L("issue.confirm_in", ["days": L.days(-days)])
                row("confirm_by", "\(by)  [\(state)]: huifang issue confirm \(i.id) [--unsatisfied]")
            }
            if let a = i.caseAnalysis { row("case", a) }
            if let p = r.project(i.project) {
                let route = Routing.route(i.severity, project: p, config: r.config, calendar: r.calendar, from: i.deadlineStart, visitor: nil,
                                          source: i.source)
                row("route", L.words(route.handler))
                if let cs = route.followedBy { row("followed_by", L("issue.follows", ["name": cs.name, "id": cs.id, "head": cs.head])) }
                row("to_close", L.words(route.toClose))
            }
            // One column for the labels, as wide as the widest (at least 12, as before).
            let width = max(12, (rows.map { DisplayWidth.of($0.0) }.max() ?? 0) + 2)
            for (k, v) in rows { s += DisplayWidth.pad(k, to: width) + TerminalText.clean(v) + "\n" }
            s += "\n" + L["issue.history"] + "\n"
            for h in i.history {
                var line = "  \(h.at)  \(h.kind.map { L["hist." + $0.rawValue] } ?? h.action)"
                if let f = h.from, let t = h.to { line += " \(L.word(f)) → \(L.word(t))" }
                if let b = h.by { line += "  " + L("hist.by", ["who": b]) }
                if let reason = h.reason { line += "  " + L("hist.reason", ["reason": L.historyReason(reason)]) }
                if let note = h.note { line += ": \(note)" }
                s += TerminalText.clean(line) + "\n"
            }
            Console.out(s + CalendarNotice.footer(r))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List issues, most urgent first.")

        @OptionGroup var global: GlobalOptions
        @Flag(help: "Only open issues.") var open = false
        @Flag(help: "Only open issues past their deadline.") var overdue = false
        @Flag(help: "Also issues withdrawn as logged by mistake.") var all = false
        @Option(help: "Only this severity.") var severity: Severity?
        @Option(help: "Only this project (id or unique prefix).") var project: String?
        @Option(help: "Output format: table, json, csv or xlsx (a spreadsheet, with -o FILE.xlsx).") var format: OutputFormat = .table
        @OptionGroup var destination: ListingDestination

        func run() throws {
            let ctx = try CommandContext(global)
            let loaded = try ctx.load()
            let r = loaded.records
            let L = ctx.catalogue(loaded)
            let only = try project.map { try r.requireProject($0).id }
            let today = ctx.today
            let chosen = (all ? r.issues + r.withdrawnIssues : r.issues).filter { i in
                (!open || i.isOpen) && (!overdue || (i.isOpen && i.due < today)) && (severity == nil || i.severity == severity)
                    && (only == nil || i.project == only)
            }
            let listing = IssueListing.make(chosen, in: r, today: today, labels: L)
            try listing.emit(format, destination, ctx: ctx, loaded: loaded, sheet: "xlsx.sheet.issues")
            if format == .table && chosen.isEmpty { Console.err(L["issue.none"] + "\n") }
        }
    }
}

/// A path given on the command line, as a path relative to the repository root; refused
/// when it lies outside the repository.
