import HuifangCore
import HuifangYAML

extension FastRecordDecoder {
    // MARK: projects/ID/project.yaml

    /// A project straight from libyaml's events, or nil at anything unexpected (see the type's
    /// note: the tree decoder then reads it and explains). `folder` is the project's folder,
    /// which its id must equal.
    static func project(_ bytes: UnsafeBufferPointer<UInt8>, path: String, folder: String,
                        reader r: YAMLEventReader = YAMLEventReader()) -> Project? {
        guard r.start(bytes), r.enterDocumentMapping() else { return nil }
        var id: ProjectID?
        var name: String?
        var customer: Customer?
        var department: String?
        var departmentAt = Position.start
        var owner: String?
        var tier: Tier?
        var accepted: Day?
        var tags: [String] = []
        var retired: Retirement?
        var history: [ProjectHistoryEntry] = []
        var recorded: Day?
        guard mapping(r, Self.projectKeys, { (field: ProjectKey) in
            switch field {
            case .id: guard let v = text(r).flatMap(ProjectID.init) else { return false }; id = v
            case .name: guard let v = text(r) else { return false }; name = v
            case .customer:
                var cname: String?
                var contacts: [Contact] = []
                guard r.kind == .mappingStart, mapping(r, Self.customerKeys, { (f: CustomerKey) in
                    switch f {
                    case .name: guard let v = text(r) else { return false }; cname = v
                    case .contacts:
                        guard r.kind == .sequenceStart else { return false }
                        while true {
                            guard r.next() else { return false }
                            if r.kind == .sequenceEnd { return true }
                            var n: String?
                            var role: String?
                            var phone: String?
                            var email: String?
                            guard r.kind == .mappingStart, mapping(r, Self.contactKeys, { (c: ContactKey) in
                                guard let v = text(r) else { return false }
                                switch c {
                                case .name: n = v
                                case .role: role = v
                                case .phone: phone = v
                                case .email: email = v
                                }
                                return true
                            }), let n else { return false }
                            contacts.append(Contact(name: n, role: role, phone: phone, email: email))
                        }
                    }
                    return true
                }), let cname else { return false }
                customer = Customer(name: cname, contacts: contacts)
            case .department:
                departmentAt = Position(line: r.line, column: r.column)
                guard let v = text(r) else { return false }
                department = v
            case .owner: guard let v = text(r) else { return false }; owner = v
            case .tier: guard let v = choice(r, Self.tiers) else { return false }; tier = v
            case .accepted: guard let v = day(r) else { return false }; accepted = v
            case .tags: guard let v = strings(r) else { return false }; tags = v
            case .retired:
                var d: Day?
                var why: String?
                guard r.kind == .mappingStart, mapping(r, Self.retiredKeys, { (f: RetiredKey) in
                    switch f {
                    case .date: guard let v = day(r) else { return false }; d = v
                    case .reason: guard let v = text(r) else { return false }; why = v
                    }
                    return true
                }), let d, let why else { return false }
                retired = Retirement(date: d, reason: why)
            case .history:
                guard r.kind == .sequenceStart else { return false }
                while true {
                    guard r.next() else { return false }
                    if r.kind == .sequenceEnd { break }
                    var at: Day?
                    var action: String?
                    var by: String?
                    var from: String?
                    var to: String?
                    var reason: String?
                    guard r.kind == .mappingStart, mapping(r, Self.projectHistoryKeys, { (f: ProjectHistoryKey) in
                        if f == .at {
                            guard let v = day(r) else { return false }
                            at = v
                            return true
                        }
                        guard let v = text(r) else { return false }
                        switch f {
                        case .at: break
                        case .action: action = v
                        case .by: by = v
                        case .from: from = v
                        case .to: to = v
                        case .reason: reason = v
                        }
                        return true
                    }), let at, let action else { return false }
                    history.append(ProjectHistoryEntry(at: at, action: action, by: by, from: from, to: to, reason: reason))
                }
            case .imported: guard skipImported(r) else { return false }
            case .recorded: guard let v = day(r) else { return false }; recorded = v
            }
            return true
        }) else { return nil }
        // The tree decoder's findings across fields: an id that is not the folder's, a
        // retirement before the acceptance.
        guard r.leaveDocument(), let id, let name, let customer, let department, let owner, let tier, id.rawValue == folder
        else { return nil }
        if let retired, let accepted, retired.date < accepted { return nil }
        var project = Project(id: id, name: name, customer: customer, department: department, owner: owner, tier: tier,
                              accepted: accepted, tags: tags, retired: retired, history: history, location: SourceLocation(path: path),
                              departmentAt: departmentAt)
        project.recorded = recorded
        return project
    }

    /// The keys of a project and of the mappings in it by name, from `RecordKeys`.
    enum ProjectKey: String, CaseIterable {
        case id, name, customer, department, owner, tier, accepted, tags, retired, history, imported, recorded
    }

    enum CustomerKey: String, CaseIterable { case name, contacts }
    enum ContactKey: String, CaseIterable { case name, role, phone, email }
    enum RetiredKey: String, CaseIterable { case date, reason }
    enum ProjectHistoryKey: String, CaseIterable { case at, action, by, from, to, reason }

    static let projectKeys = KeyTable<ProjectKey>(RecordKeys.project)
    static let customerKeys = KeyTable<CustomerKey>(RecordKeys.customer)
    static let contactKeys = KeyTable<ContactKey>(RecordKeys.contact)
    static let retiredKeys = KeyTable<RetiredKey>(RecordKeys.retired)
    static let projectHistoryKeys = KeyTable<ProjectHistoryKey>(RecordKeys.projectHistory)
    static let tiers = KeyTable<Tier>(Tier.allCases.map(\.rawValue))
}
