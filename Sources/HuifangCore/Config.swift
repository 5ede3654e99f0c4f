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
    /// Keys of an organisation's own that records may carry (`custom_fields:`): never
    /// reported as unknown.
    public var customFields: [String] = []
    /// `max_attachment_size`: `visit attach` refuses larger files (keep them in git LFS).
    public var maxAttachmentSize: Int = Config.defaultMaxAttachmentSize
    public static let defaultMaxAttachmentSize = 10 << 20
    /// `assessment:`: the indicators, targets and weights of the assessment (docs/KPIS.md).
    public var assessment = AssessmentConfig()
    /// `csv: {excel: true}`: CSV output is written for Excel (UTF-8 with a byte-order mark)
    /// unless a command says `--no-excel`.
    public var csvForExcel = false

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

    /// A size as `max_attachment_size` writes it: a whole number of bytes, or with a unit
    /// B, KB, MB or GB (1024-based, case-insensitive): `10MB`, `512 KB`.
    public static func parseSize(_ text: String) -> Int? {
        let t = text.trimmingSpaces.uppercased()
        let units: [(String, Int)] = [("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10), ("B", 1)]
        for (suffix, factor) in units where t.hasSuffix(suffix) {
            guard let n = Int(String(t.dropLast(suffix.count)).trimmingSpaces), n > 0, n <= Int.max / factor else { return nil }
            return n * factor
        }
        guard let n = Int(t), n > 0 else { return nil }
        return n
    }

    /// A size for people: `10 MB`, `512 KB`, `700 B`.
    public static func formatSize(_ n: Int) -> String {
        for (unit, factor) in [("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)] where n >= factor {
            let whole = n / factor
            let tenth = (n % factor) * 10 / factor
            return tenth == 0 ? "\(whole) \(unit)" : "\(whole).\(tenth) \(unit)"
        }
        return "\(n) B"
    }

    /// The format version this huifang reads and writes.
    public static let currentVersion = 1
}

/// The timing rules of the policy (docs/RECORDS.md, `policy:`), with the documented defaults.
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
    /// An open risk is high from this score (probability × impact) up (`risk_high_at`).
    public var riskHighAt = 15
    /// How often an open risk is reviewed unless it says otherwise (`risk_review_every`).
    public var riskReviewEvery = Duration(1, .months)

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

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
