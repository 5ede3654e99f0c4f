/// `huifang.yaml`: the organisation, its policy settings and how satisfaction is scored.
public struct Config: Sendable {
    public var version: Int
    public var organization: String
    public var language: Language
    public var weekend: Set<Weekday>
    public var calendarFiles: [String]
    public var policy: Policy
    public var departments: [Department]
    public var leadership: [String]
    public var satisfaction: SatisfactionScale

    public init(
        version: Int = 1, organization: String = "", language: Language = .zh,
        weekend: Set<Weekday> = [.saturday, .sunday], calendarFiles: [String] = ["calendars/cn.yaml"],
        policy: Policy = Policy(), departments: [Department] = [], leadership: [String] = [],
        satisfaction: SatisfactionScale = SatisfactionScale()
    ) {
        self.version = version
        self.organization = organization
        self.language = language
        self.weekend = weekend
        self.calendarFiles = calendarFiles
        self.policy = policy
        self.departments = departments
        self.leadership = leadership
        self.satisfaction = satisfaction
    }

    public func department(_ id: String) -> Department? { departments.first { $0.id == id } }

    /// The project-management department (项目管理部), which leads major issues.
    public var projectManagement: Department? { departments.first { $0.role == .projectManagement } }

    /// The customer-service department (客户服务部), which records and follows complaints.
    public var customerService: Department? { departments.first { $0.role == .customerService } }

    /// The format version this huifang reads and writes.
    public static let currentVersion = 1
}

/// The timing rules of the policy (SPEC §2 `policy:`), with the documented defaults.
public struct Policy: Sendable {
    public var firstVisitWithin = Duration(1, .months)
    public var periodicEvery: [Tier: Duration] = [.key: Duration(1, .months), .standard: Duration(3, .months), .basic: Duration(6, .months)]
    public var specialVisitWithin = Duration(10, .workingDays)
    public var customerRequestWithin = Duration(3, .workingDays)
    public var resolveWithin: [Severity: Duration] = [
        .minor: Duration(5, .workingDays), .general: Duration(10, .workingDays), .major: Duration(5, .workingDays),
    ]
    public var confirmWithin = Duration(3, .workingDays)
    /// An open issue is "due soon" once this share of its allowed working days is used.
    public var dueSoonShare = 0.75

    public init() {}
}

/// How satisfaction is scored: integers 1...scale, "satisfied" from `satisfiedAt` up.
public struct SatisfactionScale: Sendable {
    public var scale = 5
    public var satisfiedAt = 4
    public var dimensions = ["quality", "delivery", "service", "support"]

    public init(scale: Int = 5, satisfiedAt: Int = 4, dimensions: [String] = ["quality", "delivery", "service", "support"]) {
        self.scale = scale
        self.satisfiedAt = satisfiedAt
        self.dimensions = dimensions
    }
}

/// A department of the organisation (部门).
public struct Department: Sendable, Hashable {
    public var id: String
    public var name: String
    public var head: String
    public var role: DepartmentRole

    public init(id: String, name: String, head: String, role: DepartmentRole) {
        self.id = id
        self.name = name
        self.head = head
        self.role = role
    }
}
