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

/// A frozen annual visit plan: the company's (`plans/YEAR.yaml`) or a department's own
/// implementation plan (`plans/YEAR-DEPT.yaml`, policy §三.2).
public struct Plan: Sendable {
    public struct Item: Sendable, Hashable {
        public var project: ProjectID
        public var due: Day
        public var kind: VisitKind
        /// Who is to make the visit; nil (a plan written before plans named people): the
        /// project's owner.
        public var visitor: String?

        public init(project: ProjectID, due: Day, kind: VisitKind, visitor: String? = nil) {
            self.project = project
            self.due = due
            self.kind = kind
            self.visitor = visitor
        }
    }

    public var year: Int
    public var visits: [Item]
    public var location: SourceLocation
    /// The department whose own plan this is (`plans/YEAR-DEPT.yaml`); nil for the company's.
    public var department: String?

    public init(year: Int, visits: [Item], location: SourceLocation, department: String? = nil) {
        self.year = year
        self.visits = visits
        self.location = location
        self.department = department
    }
}

extension Records {
    /// The company's plan of `year` (`plans/YEAR.yaml`), not a department's own.
    public func companyPlan(_ year: Int) -> Plan? { plans.first { $0.year == year && $0.department == nil } }

    /// The plan of `year` that applies to `department`: its own when it keeps one, else the
    /// company's; the company's without a department.
    public func plan(_ year: Int, department: String?) -> Plan? {
        if let department, let own = plans.first(where: { $0.year == year && $0.department == department }) { return own }
        return companyPlan(year)
    }
}
