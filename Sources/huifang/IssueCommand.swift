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
func describe(_ route: Route, issue: Issue, today: Day) -> String {
    var s = "  handled by: \(route.handler.text)\n"
    s += "  owner:      \(issue.owner) (\(issue.department))\n"
    s += "  tell now:   \(route.notify.map(\.text).joined(separator: "; "))\n"
    s += "  deadline:   \(issue.due) (\(route.allowed) from \(today))\n"
    if !route.reportOnResolution.isEmpty { s += "  afterwards: \(route.reportOnResolution.map(\.text).joined(separator: "; "))\n" }
    s += "  to close:   \(route.toClose.map(\.text).joined(separator: " and "))\n"
    if let cs = route.followedBy {
        s += "  complaint:  recorded by \(cs.name) (\(cs.id)), \(cs.head): forwarded to the responsible department (\(issue.department)), followed until the customer confirms\n"
    } else if route.isComplaint {
        s += "  complaint:  no department in huifang.yaml has role customer_service to record and follow it; add one\n"
    }
    return s
}

extension IssueCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
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
                let text = RecordEncoder.issue(issue)
                try RecordVerifier.verify(text, as: .issue(project: p.id, file: "\(id).yaml"), path: path, config: r.config)
                return ([(path, Array(text.utf8))], (r, p, v, route, issue, path))
            }
            let (id, day) = (issue.id, issue.raised)
            if let same = r.issues.first(where: { $0.project == p.id && $0.isOpen && $0.title == issue.title }) {
                Console.err("warning: open issue \(same.id) of \(p.id) has the same title: a duplicate? "
                    + "(if so: huifang issue withdraw \(id) --reason ...)\n")
            }
            RetiredNotice.warn(p, day: day, what: "issue \(id)")
            Console.out("Recorded \(severity.rawValue) issue \(id) in \(p.id): \(TerminalText.clean(issue.title))\n")
            Console.out(describe(route, issue: issue, today: day))
            Console.out("  \(path)\n")
            if let v { Console.out("  raised in visit \(v.id) (\(v.date))\n") }
        }
    }

    struct Escalate: ParsableCommand {
        static let configuration = CommandConfiguration(
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
                guard r.project(new.project) != nil else { throw CommandFailure.data("issue \(new.id) names an unknown project") }
            }
            let p = r.project(issue.project)!
            let route = Routing.route(updated.severity, project: p, config: r.config, calendar: r.calendar, from: ctx.today, visitor: nil,
                                      source: issue.source)
            let target = updated.severity
            Console.out("Escalated \(issue.id) from \(issue.severity.rawValue) to \(target.rawValue)\n")
            Console.out(describe(route, issue: updated, today: ctx.today))
        }
    }

    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record how an open issue was resolved; the customer confirms next.")

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
            let late = ctx.today > issue.due ? "late: \(dayCount(issue.due.days(until: ctx.today))) after the deadline \(issue.due)" : "on time (deadline \(issue.due))"
            let confirmBy = r.calendar.adding(r.config.policy.confirmWithin, to: ctx.today)
            Console.out("Resolved \(issue.id), \(late)\n")
            Console.out("  next: the customer confirms by \(confirmBy): huifang issue confirm \(issue.id) [--unsatisfied]\n")
        }
    }

    struct Confirm: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record the customer's confirmation of a resolved issue; --unsatisfied reopens it.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Issue id (or a prefix of at least 4 characters).") var id: String
        @Flag(help: "The customer is not satisfied: the issue is open again.") var unsatisfied = false
        @Option(help: "Who recorded the confirmation (default: $HUIFANG_USER, else the owner).") var by: String?

        func run() throws {
            let ctx = try CommandContext(global)
            _ = try optionText(by, "--by")
            let (issue, _, _) = try ctx.changeIssue(id, by: by, command: "confirm") { _, _ in .confirm(satisfied: !unsatisfied) }
            if unsatisfied {
                let late = ctx.today > issue.due ? " It is past its deadline \(issue.due): escalate it." : ""
                Console.out("The customer is not satisfied: \(issue.id) is open again (deadline \(issue.due)).\(late)\n")
            } else {
                let next = issue.severity == .major ? "close it with its case analysis: huifang issue close \(issue.id) --case-analysis FILE"
                    : "close it: huifang issue close \(issue.id)"
                Console.out("Confirmed \(issue.id): the customer is satisfied. Next: \(next)\n")
            }
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Close a confirmed issue; a major issue needs its case analysis.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Issue id (or a prefix of at least 4 characters).") var id: String
        @Option(help: "The case analysis, a file inside the repository (required for major issues).") var caseAnalysis: String?
        @Option(help: "Who closes it (default: $HUIFANG_USER, else the owner).") var by: String?

        func run() throws {
            let ctx = try CommandContext(global)
            _ = try optionText(by, "--by")
            _ = try optionText(caseAnalysis, "--case-analysis")
            let (_, issue, _) = try ctx.changeIssue(id, by: by, command: "close") { issue, _ in
                // The path is read once the issue can be closed, so that a closed issue is named as such first.
                let ready = issue.status == .confirmed && IssueLifecycle.lastChange(of: issue) <= ctx.today
                return .close(caseAnalysis: try caseAnalysis.map { ready ? try caseAnalysisPath($0, ctx.repository) : $0 })
            } verify: { new, _ in
                if let analysis = new.caseAnalysis, !FileSystem.exists(ctx.repository.path(analysis)) {
                    throw CommandFailure.usage("case analysis '\(analysis)' does not exist", hint: "write the file inside the repository first")
                }
            }
            let analysis = issue.caseAnalysis
            Console.out("Closed \(issue.id)\(analysis.map { " (case analysis: \($0))" } ?? "")\n")
        }
    }

    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open a resolved, confirmed or closed issue again.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Issue id (or a prefix of at least 4 characters).") var id: String
        @Option(help: "Why it is reopened.") var reason: String
        @Option(help: "Who reopens it (default: $HUIFANG_USER, else the owner).") var by: String?

        func run() throws {
            let ctx = try CommandContext(global)
            _ = try optionText(reason, "--reason")
            _ = try optionText(by, "--by")
            let (issue, _, _) = try ctx.changeIssue(id, by: by, command: "reopen") { _, _ in .reopen(reason: reason.trimmed) }
            let late = ctx.today > issue.due ? "; it is past its deadline \(issue.due): escalate it" : ""
            Console.out("Reopened \(issue.id) (deadline \(issue.due)\(late))\n")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show an issue: its route, deadline state and history.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Issue id (or a prefix of at least 4 characters).") var id: String
        @Option(help: "Output format: table or json.") var format: OutputFormat = .table

        func run() throws {
            let ctx = try CommandContext(global)
            let r = try ctx.load().records
            let i = try r.require(r.anyIssue(matching: id), "issue", id)
            let state = i.deadlineState(on: ctx.today, calendar: r.calendar, dueSoonShare: r.config.policy.dueSoonShare)
            if format == .json {
                var json = ProjectJSON.issue(i)
                if case .object(var pairs) = json {
                    pairs.append(("state", .string(i.isWithdrawn ? "withdrawn" : state.label)))
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
                Console.out(Warnings.attach(to: json).render() + "\n")
                return
            }
            var s = TerminalText.clean("\(i.id)  \(i.title)") + "\n"
            func row(_ k: String, _ v: String) { s += DisplayWidth.pad(k, to: 12) + TerminalText.clean(v) + "\n" }
            row("project", i.project.rawValue)
            row("severity", i.severity.rawValue)
            row("category", i.category.rawValue)
            row("source", i.source.rawValue + (i.visit.map { " (visit \($0))" } ?? ""))
            row("raised", i.raised.description)
            row("owner", "\(i.owner) (\(i.department))")
            row("due", i.isWithdrawn ? i.due.description : "\(i.due)  [\(state.label)]")
            row("status", i.status.rawValue + (i.isWithdrawn ? " (logged by mistake: counted nowhere)" : ""))
            if let res = i.currentResolution { row("resolved", "\(res.date)\(res.onSpot ? " on the spot" : ""): \(res.summary)") }
            if let c = i.currentConfirmation { row("confirmed", "\(c.date), \(c.satisfied ? "satisfied" : "not satisfied")") }
            if let by = i.confirmationDue(r.config.policy, calendar: r.calendar) {
                let days = by.days(until: ctx.today)
                let state = days > 0 ? "confirmation overdue \(days)d" : days == 0 ? "confirmation due today" : "confirmation due in \(-days)d"
                row("confirm by", "\(by)  [\(state)]: huifang issue confirm \(i.id) [--unsatisfied]")
            }
            if let a = i.caseAnalysis { row("case", a) }
            if let p = r.project(i.project) {
                let route = Routing.route(i.severity, project: p, config: r.config, calendar: r.calendar, from: i.deadlineStart, visitor: nil,
                                          source: i.source)
                row("route", route.handler.text)
                if let cs = route.followedBy { row("followed by", "\(cs.name) (\(cs.id)), \(cs.head): records the complaint and follows it to the end") }
                row("to close", route.toClose.map(\.text).joined(separator: " and "))
            }
            s += "\nhistory\n"
            for h in i.history {
                var line = "  \(h.at)  \(h.action)"
                if let f = h.from, let t = h.to { line += " \(f.rawValue) → \(t.rawValue)" }
                if let b = h.by { line += "  by \(b)" }
                if let reason = h.reason { line += "  (\(reason))" }
                if let note = h.note { line += ": \(note)" }
                s += TerminalText.clean(line) + "\n"
            }
            Console.out(s)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List issues, most urgent first.")

        @OptionGroup var global: GlobalOptions
        @Flag(help: "Only open issues.") var open = false
        @Flag(help: "Only open issues past their deadline.") var overdue = false
        @Flag(help: "Also issues withdrawn as logged by mistake.") var all = false
        @Option(help: "Only this severity.") var severity: Severity?
        @Option(help: "Only this project (id or unique prefix).") var project: String?
        @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

        func run() throws {
            let ctx = try CommandContext(global)
            let r = try ctx.load().records
            let only = try project.map { try r.requireProject($0).id }
            let today = ctx.today
            let chosen = (all ? r.issues + r.withdrawnIssues : r.issues).filter { i in
                (!open || i.isOpen) && (!overdue || (i.isOpen && i.due < today)) && (severity == nil || i.severity == severity)
                    && (only == nil || i.project == only)
            }.sorted { a, b in
                (a.isOpen ? 0 : 1, a.due, a.id) < (b.isOpen ? 0 : 1, b.due, b.id)
            }
            var listing = Listing([
                ("id", "ID"), ("project", "项目 Project"), ("severity", "级别 Severity"), ("status", "状态 Status"),
                ("raised", "提出 Raised"), ("due", "期限 Due"), ("state", "进度 State"), ("owner", "负责人 Owner"), ("title", "问题 Title"),
            ])
            listing.maxWidth = [8: 40]
            for i in chosen {
                let state = i.isWithdrawn ? "withdrawn"
                    : i.deadlineState(on: today, calendar: r.calendar, dueSoonShare: r.config.policy.dueSoonShare).label
                listing.add([
                    (i.id.rawValue, .string(i.id.rawValue)), (i.project.rawValue, .string(i.project.rawValue)),
                    (i.severity.rawValue, .string(i.severity.rawValue)), (i.status.rawValue, .string(i.status.rawValue)),
                    (i.raised.description, .string(i.raised.description)), (i.due.description, .string(i.due.description)),
                    (state, .string(state)), (i.owner, .string(i.owner)), (i.title, .string(i.title)),
                ])
            }
            Terminal.page(listing.render(format))
            if format == .table && chosen.isEmpty { Console.err("no issues\n") }
        }
    }
}

/// A path given on the command line, as a path relative to the repository root; refused
/// when it lies outside the repository.
