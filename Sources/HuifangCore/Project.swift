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
    public var location: SourceLocation
    public var departmentAt: Position

    public init(
        id: ProjectID, name: String, customer: Customer, department: String, owner: String, tier: Tier,
        accepted: Day?, tags: [String] = [], location: SourceLocation, departmentAt: Position = .start
    ) {
        self.id = id
        self.name = name
        self.customer = customer
        self.department = department
        self.owner = owner
        self.tier = tier
        self.accepted = accepted
        self.tags = tags
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
