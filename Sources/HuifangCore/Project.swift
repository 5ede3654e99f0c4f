/// A delivered project (`projects/ID/project.yaml`).
public struct Project: Sendable {
    public var id: ProjectID
    public var name: String
    public var customer: Customer
    public var department: String
    public var owner: String
    public var tier: Tier
    /// 交付验收 date; nil while the project is not yet delivered (it then has no schedule).
    public var accepted: Day?
    public var tags: [String]
    /// The day service ended (`project retire`): no schedule items are due after it.
    public var retired: Retirement?
    /// Changes of the project record itself (ownership, retirement), oldest first.
    public var history: [ProjectHistoryEntry]
    public var location: SourceLocation
    /// The day the record was entered (`recorded:`, written by every command that makes a record);
    /// nil for a record written by hand, which counts as recorded on its own date (`recordedOn`).
    public var recorded: Day? = nil
    public var departmentAt: Position

    public init(
        id: ProjectID, name: String, customer: Customer, department: String, owner: String, tier: Tier,
        accepted: Day?, tags: [String] = [], retired: Retirement? = nil, history: [ProjectHistoryEntry] = [],
        location: SourceLocation, departmentAt: Position = .start
    ) {
        self.id = id
        self.name = name
        self.customer = customer
        self.department = department
        self.owner = owner
        self.tier = tier
        self.accepted = accepted
        self.tags = tags
        self.retired = retired
        self.history = history
        self.location = location
        self.departmentAt = departmentAt
    }
}

/// The customer of a project and the people huifang's users talk to there.
public struct Customer: Sendable, Hashable {
    public var name: String
    public var contacts: [Contact]

    public init(name: String, contacts: [Contact] = []) {
        self.name = name
        self.contacts = contacts
    }
}

public struct Contact: Sendable, Hashable {
    public var name: String
    public var role: String?
    public var phone: String?
    public var email: String?

    public init(name: String, role: String? = nil, phone: String? = nil, email: String? = nil) {
        self.name = name
        self.role = role
        self.phone = phone
        self.email = email
    }
}

/// The end of a project's service (`retired: {date, reason}`).
public struct Retirement: Sendable, Hashable {
    public var date: Day
    public var reason: String

    public init(date: Day, reason: String) {
        self.date = date
        self.reason = reason
    }
}

/// One line of a project's history (`history:` in project.yaml), e.g. an owner change
/// `{at: 2026-11-24, action: owner_changed, from: 张伟, to: 王五, by: 王芳}`.
public struct ProjectHistoryEntry: Sendable, Hashable {
    public var at: Day
    public var action: String
    public var by: String?
    public var from: String?
    public var to: String?
    public var reason: String?

    public init(at: Day, action: String, by: String? = nil, from: String? = nil, to: String? = nil, reason: String? = nil) {
        self.at = at
        self.action = action
        self.by = by
        self.from = from
        self.to = to
        self.reason = reason
    }
}
