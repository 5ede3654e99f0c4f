/// What is due and overdue on a day: open schedule items and open issues together, sorted by
/// date, with who is responsible. The input of `due`, `status` and the calendar export.
public struct AgendaEntry: Sendable, Hashable {
    public enum Subject: Sendable, Hashable {
        case visit(DueKind)
        case issue(IssueID, Severity)
        /// A resolved issue awaiting the customer's confirmation (`policy.confirm_within`).
        case confirmation(IssueID)
        /// An open risk's review (`risk update`), every `review_every`.
        case riskReview(RiskID)
    }

    public var subject: Subject
    public var project: ProjectID
    public var due: Day
    /// Days past due on the agenda's day (negative: days left).
    public var daysOverdue: Int
    public var responsible: String
    public var department: String
    /// The record's own words about it: the issue's title, or for a visit the title of the
    /// event or issue that calls for it (empty for first and periodic visits). What the entry is
    /// about, as codes and values, is `about`; the catalogue puts the two into words.
    public var title: String
    /// Why the entry is on the agenda.
    public var about: About = .issue
    /// A stable key (for calendar UIDs).
    public var key: String
    /// For a complaint: the head of the customer-service department that records and follows
    /// it, and the department's id (policy §三.4).
    public var follower: Follower? = nil

    public struct Follower: Sendable, Hashable {
        public var head: String
        public var department: String

        public init(head: String, department: String) {
            self.head = head
            self.department = department
        }
    }

    public init(subject: Subject, project: ProjectID, due: Day, daysOverdue: Int, responsible: String, department: String,
                title: String, about: About, key: String, follower: Follower? = nil) {
        self.subject = subject
        self.project = project
        self.due = due
        self.daysOverdue = daysOverdue
        self.responsible = responsible
        self.department = department
        self.title = title
        self.about = about
        self.key = key
        self.follower = follower
    }

    /// Why an entry is due, as values (the catalogue words it: HuifangReport's `Catalogue.about`).
    public enum About: Sendable, Hashable {
        /// The first visit after acceptance on that day.
        case firstVisit(accepted: Day)
        /// The periodic visit counted from the latest visit (or acceptance) on that day.
        case periodicVisit(last: Day)
        /// A special visit after an event (its id; `title` holds its title when the event is known).
        case specialVisit(event: String)
        /// A visit the customer asked for by raising an issue (its id; `title` holds its title).
        case customerRequest(issue: String)
        /// An open issue's deadline (`title` is the issue's).
        case issue
        /// A resolved issue's customer confirmation (`title` is the issue's).
        case confirmation
        /// An open risk's review (`title` is the risk's), with its score.
        case riskReview(score: Int)
    }

    /// True when the entry is the department's: its own, or a complaint it follows.
    public func concerns(department id: String) -> Bool { department == id || follower?.department == id }

    public var isOverdue: Bool { daysOverdue > 0 }
}

public enum Agenda {
    /// The reviews of open risks raised by `today`, due on or before `until`: the risk's owner
    /// reviews it (`risk update`); the department is its project's. As for visits, nothing falls
    /// due after the project's retirement.
    static func riskReviews(_ r: Records, projects: [ProjectID: Project], today: Day, until: Day?) -> [AgendaEntry] {
        var out: [AgendaEntry] = []
        for k in r.risks where k.raised <= today {
            guard let p = projects[k.project], let due = k.nextReview(r.config.policy, calendar: r.calendar),
                until.map({ due <= $0 }) ?? true, p.retired.map({ due <= $0.date }) ?? true
            else { continue }
            out.append(AgendaEntry(subject: .riskReview(k.id), project: k.project, due: due, daysOverdue: due.days(until: today),
                                   responsible: k.owner, department: p.department, title: k.title, about: .riskReview(score: k.score),
                                   key: "risk-\(k.id)"))
        }
        return out
    }

    /// Open visits and issues, and resolutions awaiting the customer's confirmation, due on or
    /// before `until` (nil: everything open), on day `today`.
    public static func entries(_ r: Records, schedule: Schedule, today: Day, until: Day?) -> [AgendaEntry] {
        let projects = Dictionary(r.projects.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let events = Dictionary(r.events.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let issues = Dictionary(r.issues.map { ($0.id.rawValue, $0) }, uniquingKeysWith: { a, _ in a })
        let cs = r.config.customerService.map { AgendaEntry.Follower(head: $0.head, department: $0.id) }
        var out: [AgendaEntry] = []
        for item in schedule.open(on: today) where until.map({ item.due <= $0 }) ?? true {
            guard let p = projects[item.project] else { continue }
            let title: String
            let about: AgendaEntry.About
            switch item.kind {
            case .first: (title, about) = ("", .firstVisit(accepted: item.triggered))
            case .periodic: (title, about) = ("", .periodicVisit(last: item.triggered))
            case .special: (title, about) = (item.basis.flatMap { events[$0]?.title } ?? "", .specialVisit(event: item.basis ?? ""))
            case .customerRequest:
                (title, about) = (item.basis.flatMap { issues[$0]?.title } ?? "", .customerRequest(issue: item.basis ?? ""))
            }
            out.append(AgendaEntry(subject: .visit(item.kind), project: p.id, due: item.due,
                                   daysOverdue: item.due.days(until: today), responsible: p.owner, department: p.department,
                                   title: title, about: about, key: item.key))
        }
        for i in r.issues where i.isOpen(on: today) && (until.map { i.due <= $0 } ?? true) {
            out.append(AgendaEntry(subject: .issue(i.id, i.severity), project: i.project, due: i.due,
                                   daysOverdue: i.due.days(until: today), responsible: i.owner, department: i.department,
                                   title: i.title, about: .issue, key: "issue-\(i.id)", follower: i.source == .complaint ? cs : nil))
        }
        for i in r.issues where i.status == .resolved && (i.resolved?.date ?? today) <= today {
            guard let due = i.confirmationDue(r.config.policy, calendar: r.calendar), until.map({ due <= $0 }) ?? true else { continue }
            out.append(AgendaEntry(subject: .confirmation(i.id), project: i.project, due: due,
                                   daysOverdue: due.days(until: today), responsible: i.owner, department: i.department,
                                   title: i.title, about: .confirmation,
                                   key: "confirm-\(i.id)", follower: i.source == .complaint ? cs : nil))
        }
        out += riskReviews(r, projects: projects, today: today, until: until)
        return out.sorted { ($0.due, $0.project, $0.key) < ($1.due, $1.project, $1.key) }
    }
}
