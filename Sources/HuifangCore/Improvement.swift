/// An improvement measure (改进措施, `improvements/MID.yaml`).
public struct Improvement: Sendable {
    public var id: ImprovementID
    public var title: String
    public var addresses: [IssueID]
    public var department: String
    public var owner: String
    public var due: Day
    public var expectedEffect: String
    public var status: ImprovementStatus
    public var verified: Verification?
    public var location: SourceLocation
    /// The day the record was entered (`recorded:`, written by every command that makes a record);
    /// nil for a record written by hand, which counts as recorded on its own date (`recordedOn`).
    public var recorded: Day? = nil
    public var addressesAt: Position
    public var departmentAt: Position

    public init(
        id: ImprovementID, title: String, addresses: [IssueID], department: String, owner: String, due: Day,
        expectedEffect: String, status: ImprovementStatus, verified: Verification? = nil, location: SourceLocation,
        addressesAt: Position = .start, departmentAt: Position = .start
    ) {
        self.id = id
        self.title = title
        self.addresses = addresses
        self.department = department
        self.owner = owner
        self.due = due
        self.expectedEffect = expectedEffect
        self.status = status
        self.verified = verified
        self.location = location
        self.addressesAt = addressesAt
        self.departmentAt = departmentAt
    }
}

public struct Verification: Sendable, Hashable {
    public var date: Day
    public var result: String

    public init(date: Day, result: String) {
        self.date = date
        self.result = result
    }
}
