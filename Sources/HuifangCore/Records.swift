/// Everything a repository holds, as read: the input of every rule in the core.
/// Collections are sorted by path, so every result built from them is deterministic.
public struct Records: Sendable {
    public var config: Config
    public var calendar: WorkCalendar
    public var projects: [Project]
    public var visits: [Visit]
    public var issues: [Issue]
    public var improvements: [Improvement]
    public var events: [Event]
    public var plans: [Plan]
    /// Reviewed scores of departments' visit reports (`assessments/`), by path.
    public var assessments: [AssessmentReview] = []
    /// The record files that could not be read and are left out of everything above, by path.
    public var unreadable: [UnreadableRecord] = []
    /// Issues withdrawn as logged by mistake: apart from `issues`, so that no KPI, listing,
    /// deadline or schedule item counts them; shown by `issue show` and `issue list --all`.
    public var withdrawnIssues: [Issue] = []
    /// Project risks (`projects/ID/risks/`), by path.
    public var risks: [Risk] = []

    public init(
        config: Config, calendar: WorkCalendar, projects: [Project] = [], visits: [Visit] = [], issues: [Issue] = [],
        improvements: [Improvement] = [], events: [Event] = [], plans: [Plan] = []
    ) {
        self.config = config
        self.calendar = calendar
        self.projects = projects
        self.visits = visits
        self.issues = issues
        self.improvements = improvements
        self.events = events
        self.plans = plans
    }

    public func project(_ id: ProjectID) -> Project? { projects.first { $0.id == id } }
    public func visits(of project: ProjectID) -> [Visit] { visits.filter { $0.project == project } }
    public func issues(of project: ProjectID) -> [Issue] { issues.filter { $0.project == project } }

    /// Moves withdrawn issues out of `issues` into `withdrawnIssues` (order kept).
    public mutating func setWithdrawnIssuesApart() {
        // By status, in place: a closure over each Issue would copy it.
        var any = false
        for n in issues.indices where issues[n].status == .withdrawn {
            any = true
            break
        }
        guard any else { return }
        withdrawnIssues = issues.filter(\.isWithdrawn)
        issues.removeAll(where: \.isWithdrawn)
    }
}

extension Records {
    /// Every tag a project carries, for the events that name tags (empty when no event names
    /// one: the projects are thousands and most events name none).
    public var projectTagsNamedByEvents: Set<String> {
        guard events.contains(where: { !$0.tags.isEmpty }) else { return [] }
        var tags: Set<String> = []
        for n in projects.indices { tags.formUnion(projects[n].tags) }
        return tags
    }
}
