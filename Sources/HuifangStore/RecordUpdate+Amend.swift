import HuifangCore
import HuifangYAML

/// The fields `visit edit` changes; nil (or empty) leaves a field as it is. Lists replace the
/// file's list; scores replace the dimensions given and keep the others.
public struct VisitAmendment: Sendable {
    public var date: Day?
    public var kind: VisitKind?
    public var method: VisitMethod?
    public var visitor: String?
    public var contacts: [String] = []
    public var event: String?
    public var summary: String?
    public var operation: Operation?
    public var scores: [(String, Int)] = []
    public var overall: Int?
    public var nps: Int?
    public var quotes: [String] = []
    public var needs: [String] = []
    public var competitors: [String] = []

    public init() {}
}

/// The fields `project edit` changes; nil (or empty) leaves a field as it is; `history` lines are appended.
public struct ProjectAmendment: Sendable {
    public var name: String?
    public var customer: String?
    public var contacts: [Contact] = []
    public var department: String?
    public var owner: String?
    public var tier: Tier?
    public var accepted: Day?
    public var tags: [String] = []
    public var history: [ProjectHistoryEntry] = []

    public init() {}
}

extension Repository {
    /// `events/ID.yaml`: where the file of an event is made.
    public func eventFile(_ id: String) -> String { "events/\(id).yaml" }

    /// `plans/YEAR.yaml`: where a year's visit plan is written.
    public func planFile(year: Int) -> String { "plans/\(year).yaml" }

    /// The file of `visit` once dated `date`, and its name (a new date renames the file).
    public func visitFile(_ visit: Visit, dated date: Day) -> (path: String, file: String) {
        let file = "\(date)-\(visit.id).yaml"
        return ("\(projectFolder(visit.project.rawValue))/visits/\(file)", file)
    }
}

extension RecordUpdate {
    /// The new bytes of `visit`'s file with `change` made in place. Nothing is written here.
    public static func visit(_ visit: Visit, _ change: VisitAmendment, in repo: Repository, config: Config) throws(StoreError) -> [UInt8] {
        let file = repo.visitFile(visit, dated: change.date ?? visit.date).file
        let order = RecordKeys.visit
        return try edit(repo, visit.location.path, as: .visit(project: visit.project, file: file), config: config) {
            (e: inout YAMLEditor) throws(YAMLError) in
            if let date = change.date { try e.set("date", to: .plain(date.description), order: order) }
            if let kind = change.kind { try e.set("kind", to: .plain(kind.rawValue), order: order) }
            if let method = change.method { try e.set("method", to: .plain(method.rawValue), order: order) }
            if let visitor = change.visitor { try e.set("visitor", to: .string(visitor), order: order) }
            if !change.contacts.isEmpty { try e.set("contacts", to: .strings(change.contacts), order: order) }
            if let event = change.event { try e.set("event", to: .string(event), order: order) }
            if let summary = change.summary { try e.set("summary", to: .string(summary), order: order) }
            if let operation = change.operation { try e.set("operation", to: .plain(operation.rawValue), order: order) }
            if !change.scores.isEmpty {
                if e.root["scores"]?.pairs != nil {
                    for (dim, n) in change.scores { try e.set(dim, to: .plain(String(n)), in: ["scores"], order: config.satisfaction.dimensions) }
                } else {
                    try e.set("scores", to: .mapping(change.scores.map { ($0.0, .plain(String($0.1))) }, flow: true), order: order)
                }
            }
            if let overall = change.overall { try e.set("overall", to: .plain(String(overall)), order: order) }
            if let nps = change.nps { try e.set("nps", to: .plain(String(nps)), order: order) }
            if !change.quotes.isEmpty { try e.set("quotes", to: .strings(change.quotes), order: order) }
            if !change.needs.isEmpty { try e.set("needs", to: .strings(change.needs), order: order) }
            if !change.competitors.isEmpty { try e.set("competitors", to: .strings(change.competitors), order: order) }
        }
    }

    /// The new bytes of `visit`'s file with `names` appended to its `attachments:`. Nothing is written here.
    public static func attach(_ names: [String], to visit: Visit, in repo: Repository, config: Config) throws(StoreError) -> [UInt8] {
        let file = visit.location.path.split(separator: "/").last.map(String.init) ?? visit.location.path
        return try edit(repo, visit.location.path, as: .visit(project: visit.project, file: file), config: config) {
            (e: inout YAMLEditor) throws(YAMLError) in
            for name in names { try e.append(.string(name), to: "attachments", order: RecordKeys.visit) }
        }
    }

    /// The new bytes of `project`'s file with `change` made in place. Nothing is written here.
    public static func project(_ project: Project, _ change: ProjectAmendment, in repo: Repository, config: Config) throws(StoreError) -> [UInt8] {
        try edit(repo, project.location.path, as: .project(folder: project.id.rawValue), config: config) {
            (e: inout YAMLEditor) throws(YAMLError) in
            if let name = change.name { try e.set("name", to: .string(name), order: RecordKeys.project) }
            if let customer = change.customer { try e.set("name", to: .string(customer), in: ["customer"], order: RecordKeys.customer) }
            if !change.contacts.isEmpty {
                try e.set("contacts", to: .sequence(change.contacts.map(RecordEncoder.contact), flow: false), in: ["customer"],
                          order: RecordKeys.customer)
            }
            if let department = change.department { try e.set("department", to: .string(department), order: RecordKeys.project) }
            if let owner = change.owner { try e.set("owner", to: .string(owner), order: RecordKeys.project) }
            if let tier = change.tier { try e.set("tier", to: .plain(tier.rawValue), order: RecordKeys.project) }
            if let accepted = change.accepted { try e.set("accepted", to: .plain(accepted.description), order: RecordKeys.project) }
            if !change.tags.isEmpty { try e.set("tags", to: .strings(change.tags), order: RecordKeys.project) }
            for entry in change.history { try e.append(RecordEncoder.history(entry), to: "history", order: RecordKeys.project) }
        }
    }

    /// The new bytes of `project`'s file with its retirement and the history line that records it.
    public static func retire(_ project: Project, _ retirement: Retirement, recorded entry: ProjectHistoryEntry, in repo: Repository,
                              config: Config) throws(StoreError) -> [UInt8] {
        try edit(repo, project.location.path, as: .project(folder: project.id.rawValue), config: config) {
            (e: inout YAMLEditor) throws(YAMLError) in
            try e.set("retired", to: RecordEncoder.retirement(retirement), order: RecordKeys.project)
            try e.append(RecordEncoder.history(entry), to: "history", order: RecordKeys.project)
        }
    }

    /// `bytes` of a project file (edited by hand, not yet written) with `entry` appended to its
    /// history; the reason when that cannot be done in place.
    public static func appendingHistory(_ entry: ProjectHistoryEntry, to bytes: [UInt8]) -> Result<[UInt8], YAMLFailure> {
        do {
            var e = try YAMLEditor(bytes: bytes)
            try e.append(RecordEncoder.history(entry), to: "history", order: RecordKeys.project)
            return .success(e.bytes)
        } catch {
            return .failure(YAMLFailure(message: error.message))
        }
    }

    /// Why a text could not be edited in place.
    public struct YAMLFailure: Error, Sendable {
        public var message: String
    }
}
