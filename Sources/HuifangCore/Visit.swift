/// One follow-up visit (项目回访记录表, `projects/ID/visits/DATE-VID.yaml`).
public struct Visit: Sendable {
    public var id: VisitID
    public var project: ProjectID
    public var date: Day
    public var kind: VisitKind
    public var method: VisitMethod
    public var visitor: String
    public var contacts: [String]
    /// Id of the event (file name without `.yaml`) for a special visit.
    public var event: String?
    public var summary: String
    public var operation: Operation?
    /// Scores by dimension, in the order written.
    public var scores: [(dimension: String, score: Int)]
    public var overall: Int?
    public var nps: Int?
    public var quotes: [String]
    public var needs: [String]
    public var competitors: [String]
    /// The issues raised in the visit: those its file lists (as earlier versions wrote them), then
    /// those that name it in `visit:` (see `Records.deriveVisitIssues`, run when records are read).
    public var issues: [IssueID]
    /// Evidence (policy §七.2: written feedback, photos, video): file names in the visit's own
    /// folder, `projects/ID/visits/DATE-VID/` beside the record.
    public var attachments: [String]
    public var location: SourceLocation
    /// The day the record was entered (`recorded:`, written by every command that makes a record);
    /// nil for a record written by hand, which counts as recorded on its own date (`recordedOn`).
    public var recorded: Day? = nil
    public var eventAt: Position
    public var issuesAt: Position
    public var attachmentsAt: Position

    public init(
        id: VisitID, project: ProjectID, date: Day, kind: VisitKind, method: VisitMethod, visitor: String,
        contacts: [String] = [], event: String? = nil, summary: String, operation: Operation? = nil,
        scores: [(dimension: String, score: Int)] = [], overall: Int? = nil, nps: Int? = nil, quotes: [String] = [],
        needs: [String] = [], competitors: [String] = [], issues: [IssueID] = [], attachments: [String] = [], location: SourceLocation,
        eventAt: Position = .start, issuesAt: Position = .start, attachmentsAt: Position = .start
    ) {
        self.id = id
        self.project = project
        self.date = date
        self.kind = kind
        self.method = method
        self.visitor = visitor
        self.contacts = contacts
        self.event = event
        self.summary = summary
        self.operation = operation
        self.scores = scores
        self.overall = overall
        self.nps = nps
        self.quotes = quotes
        self.needs = needs
        self.competitors = competitors
        self.issues = issues
        self.attachments = attachments
        self.attachmentsAt = attachmentsAt
        self.location = location
        self.eventAt = eventAt
        self.issuesAt = issuesAt
    }

    /// The visit's overall score (docs/KPIS.md): `overall`, else the mean of its scores, else nil.
    public var overallScore: Double? {
        if let overall { return Double(overall) }
        guard !scores.isEmpty else { return nil }
        return Double(scores.reduce(0) { $0 + $1.score }) / Double(scores.count)
    }

    public func score(_ dimension: String) -> Int? { scores.first { $0.dimension == dimension }?.score }

    /// The folder of the visit's attachments: its record's path without `.yaml`.
    public var attachmentFolder: String {
        location.path.hasSuffix(".yaml") ? String(location.path.dropLast(5)) : location.path + ".files"
    }

    /// The repository-relative path of an attachment.
    public func attachmentPath(_ name: String) -> String { attachmentFolder + "/" + name }

    /// A name an attachment may have: one plain file name (no folder, not `.` or `..`, not
    /// hidden, no control characters), so that it stays inside the visit's folder.
    public static func isValidAttachmentName(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix(".") && !name.contains("/") && !name.contains("\\")
            && !name.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } && name.utf8.count <= 255
    }
}

extension Visit {
    /// The rule of the record-completeness KPI (docs/KPIS.md): a summary, a visitor, contacts,
    /// and a link to every issue raised in the visit (`raisedIn`: the issues whose `visit:` is
    /// this one).
    @inlinable
    public func isCompleteRecord(raisedIn: [IssueID]) -> Bool {
        !summary.isEmpty && !visitor.isEmpty && !contacts.isEmpty && raisedIn.allSatisfy { issues.contains($0) }
    }
}
