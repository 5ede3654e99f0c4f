/// A problem a customer raised (客户反馈问题, `projects/ID/issues/IID.yaml`).
public struct Issue: Sendable {
    public var id: IssueID
    public var project: ProjectID
    public var title: String
    public var raised: Day
    public var source: IssueSource
    public var visit: VisitID?
    public var category: IssueCategory
    public var severity: Severity
    public var owner: String
    public var department: String
    public var due: Day
    public var status: IssueStatus
    public var resolved: Resolution?
    public var confirmed: Confirmation?
    public var caseAnalysis: String?
    public var history: [HistoryEntry]
    public var location: SourceLocation
    /// The day the record was entered (`recorded:`, written by every command that makes a record);
    /// nil for a record written by hand, which counts as recorded on its own date (`recordedOn`).
    public var recorded: Day? = nil
    public var departmentAt: Position
    public var visitAt: Position

    public init(
        id: IssueID, project: ProjectID, title: String, raised: Day, source: IssueSource, visit: VisitID? = nil,
        category: IssueCategory, severity: Severity, owner: String, department: String, due: Day,
        status: IssueStatus, resolved: Resolution? = nil, confirmed: Confirmation? = nil, caseAnalysis: String? = nil,
        history: [HistoryEntry] = [], location: SourceLocation, departmentAt: Position = .start, visitAt: Position = .start
    ) {
        self.id = id
        self.project = project
        self.title = title
        self.raised = raised
        self.source = source
        self.visit = visit
        self.category = category
        self.severity = severity
        self.owner = owner
        self.department = department
        self.due = due
        self.status = status
        self.resolved = resolved
        self.confirmed = confirmed
        self.caseAnalysis = caseAnalysis
        self.history = history
        self.location = location
        self.departmentAt = departmentAt
        self.visitAt = visitAt
    }

    /// Open means not yet resolved: the deadline still runs.
    public var isOpen: Bool { status == .open }

    /// Logged by mistake (`issue withdraw`): kept in its file, out of every KPI and listing.
    public var isWithdrawn: Bool { status == .withdrawn }
}

public struct Resolution: Sendable, Hashable {
    public var date: Day
    public var summary: String
    public var onSpot: Bool

    public init(date: Day, summary: String, onSpot: Bool = false) {
        self.date = date
        self.summary = summary
        self.onSpot = onSpot
    }
}

public struct Confirmation: Sendable, Hashable {
    public var date: Day
    public var satisfied: Bool

    public init(date: Day, satisfied: Bool) {
        self.date = date
        self.satisfied = satisfied
    }
}

/// One line of an issue's append-only history. Keys beyond these are kept in the file.
public struct HistoryEntry: Sendable, Hashable {
    public var at: Day
    /// The file's word for the action (a person may write another); `kind` names it when known.
    public var action: String {
        didSet { kind = HistoryAction(rawValue: action) }
    }
    /// The action, when it is one huifang knows; nil for a word written by hand. Kept beside
    /// `action` (not parsed on each use: the KPI passes ask it for every issue of every scope).
    public private(set) var kind: HistoryAction?
    public var by: String?
    public var from: Severity?
    public var to: Severity?
    public var reason: String?
    /// A progress note (`issue note`, action `note`).
    public var note: String?

    public init(at: Day, action: String, by: String? = nil, from: Severity? = nil, to: Severity? = nil, reason: String? = nil,
                note: String? = nil) {
        self.at = at
        self.action = action
        self.kind = HistoryAction(rawValue: action)
        self.by = by
        self.from = from
        self.to = to
        self.reason = reason
        self.note = note
    }
}
