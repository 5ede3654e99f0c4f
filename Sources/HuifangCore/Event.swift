/// A trigger of special visits (`events/DATE-SLUG.yaml`): a major upgrade or a market event.
public struct Event: Sendable {
    /// The file name without `.yaml`; visits name it in `event:`.
    public var id: String
    public var date: Day
    public var kind: EventKind
    public var title: String
    public var projects: [ProjectID]
    public var tags: [String]
    public var location: SourceLocation
    /// The day the record was entered (`recorded:`, written by every command that makes a record);
    /// nil for a record written by hand, which counts as recorded on its own date (`recordedOn`).
    public var recorded: Day? = nil
    public var projectsAt: Position

    public init(
        id: String, date: Day, kind: EventKind, title: String, projects: [ProjectID] = [], tags: [String] = [],
        location: SourceLocation, projectsAt: Position = .start
    ) {
        self.id = id
        self.date = date
        self.kind = kind
        self.title = title
        self.projects = projects
        self.tags = tags
        self.location = location
        self.projectsAt = projectsAt
    }

    /// True when the event calls for a special visit to `project`.
    public func concerns(_ project: Project) -> Bool {
        projects.contains(project.id) || tags.contains { project.tags.contains($0) }
    }
}

/// A frozen annual visit plan (`plans/YEAR.yaml`).
public struct Plan: Sendable {
    public struct Item: Sendable, Hashable {
        public var project: ProjectID
        public var due: Day
        public var kind: VisitKind

        public init(project: ProjectID, due: Day, kind: VisitKind) {
            self.project = project
            self.due = due
            self.kind = kind
        }
    }

    public var year: Int
    public var visits: [Item]
    public var location: SourceLocation

    public init(year: Int, visits: [Item], location: SourceLocation) {
        self.year = year
        self.visits = visits
        self.location = location
    }
}
