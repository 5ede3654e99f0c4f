import HuifangCore
import HuifangYAML

#if canImport(Glibc)
    import Glibc
#endif

/// Visits and issues — nearly every file of a large repository — and projects and risks,
/// decoded straight from libyaml's events, with no tree and no key lookups.
///
/// This is only a fast path for well-formed records. It returns nil at the first thing it does
/// not expect (a syntax error, an unknown or repeated key, a null, a value of the wrong type or
/// out of range, a file name that does not match, anything that would give a finding); the
/// loader then decodes the file again through `YAMLParser` and `RecordDecoder`, which explain
/// every problem with its line and column. So a record this decoder returns is exactly the
/// record `RecordDecoder` would return, without findings (the fuzz tests compare the two on
/// every mutated record).
///
/// Keys are matched by name against the key lists of `RecordKeys`, which the tree decoder and
/// the encoder use too (see `KeyTable`): a key added there is unknown here until a case of
/// the same name is added, and until then the file goes through the tree.
enum FastRecordDecoder {
    // MARK: projects/ID/visits/DATE-VID.yaml

    /// `r` is the reader to use (a worker passes its own, read file after file).
    static func visit(_ bytes: UnsafeBufferPointer<UInt8>, path: String, project: ProjectID, fileName: String, config: Config,
                      reader r: YAMLEventReader = YAMLEventReader()) -> Visit? {
        guard r.start(bytes), r.enterDocumentMapping() else { return nil }
        let scale = config.satisfaction.scale
        // Taken out of `config` here: the closure below then does not copy all of it per visit.
        let dimensions = config.satisfaction.dimensions
        var id: VisitID?
        var date: Day?
        var kind: VisitKind?
        var method: VisitMethod?
        var visitor: String?
        var contacts: [String] = []
        var event: String?
        var summary: String?
        var operation: Operation?
        var scores: [(dimension: String, score: Int)] = []
        var overall: Int?
        var nps: Int?
        var quotes: [String] = []
        var needs: [String] = []
        var competitors: [String] = []
        var issues: [IssueID] = []
        var eventAt = Position.start
        var issuesAt = Position.start
        var attachments: [String] = []
        var attachmentsAt = Position.start
        var recorded: Day?
        guard mapping(r, Self.visitKeys, { (field: VisitKey) in
            switch field {
            case .id: guard let v = text(r).flatMap(VisitID.init) else { return false }; id = v
            case .date: guard let v = day(r) else { return false }; date = v
            case .kind: guard let v = choice(r, Self.visitKinds) else { return false }; kind = v
            case .method: guard let v = choice(r, Self.visitMethods) else { return false }; method = v
            case .visitor: guard let v = text(r) else { return false }; visitor = v
            case .contacts: guard let v = strings(r) else { return false }; contacts = v
            case .event:
                guard let v = text(r) else { return false }
                event = v
                eventAt = Position(line: r.line, column: r.column)
            case .summary: guard let v = text(r) else { return false }; summary = v
            case .operation: guard let v = choice(r, Self.operations) else { return false }; operation = v
            case .scores:
                guard r.kind == .mappingStart else { return false }
                scores.reserveCapacity(dimensions.count)
                while true {
                    guard r.next() else { return false }
                    if r.kind == .mappingEnd { return true }
                    guard r.kind == .scalar, !r.isNull, let dimension = Self.dimension(r.bytes, in: dimensions),
                        !scores.contains(where: { $0.dimension == dimension }), r.next(), !r.isNull,
                        let score = int(r, in: 1...scale)
                    else { return false }
                    scores.append((dimension, score))
                }
            case .overall: guard let v = int(r, in: 1...scale) else { return false }; overall = v
            case .nps: guard let v = int(r, in: 0...10) else { return false }; nps = v
            case .quotes: guard let v = strings(r) else { return false }; quotes = v
            case .needs: guard let v = strings(r) else { return false }; needs = v
            case .competitors: guard let v = strings(r) else { return false }; competitors = v
            case .issues:
                issuesAt = Position(line: r.line, column: r.column)
                guard let v = strings(r) else { return false }
                for s in v {
                    guard let i = IssueID(s) else { return false }
                    issues.append(i)
                }
            case .attachments:
                attachmentsAt = Position(line: r.line, column: r.column)
                guard let v = strings(r), v.allSatisfy(Visit.isValidAttachmentName) else { return false }
                attachments = v
            case .recorded: guard let v = day(r) else { return false }; recorded = v
            case .imported: guard skipImported(r) else { return false }
            }
            return true
        }) else { return nil }
        guard r.leaveDocument(), let id, let date, let kind, let method, let visitor, let summary,
            isVisitFileName(fileName, date: date, id: id.rawValue)
        else { return nil }
        var visit = Visit(id: id, project: project, date: date, kind: kind, method: method, visitor: visitor, contacts: contacts,
                          event: event, summary: summary, operation: operation, scores: scores, overall: overall, nps: nps,
                          quotes: quotes, needs: needs, competitors: competitors, issues: issues, attachments: attachments,
                          location: SourceLocation(path: path), eventAt: eventAt, issuesAt: issuesAt, attachmentsAt: attachmentsAt)
        visit.recorded = recorded
        return visit
    }

    /// The keys of a visit by name, from `RecordKeys.visit`.
    enum VisitKey: String, CaseIterable {
        case id, date, kind, method, visitor, contacts, event, summary, operation, scores, overall, nps, quotes, needs
        case competitors, issues, attachments, imported, recorded
    }

    static let visitKeys = KeyTable<VisitKey>(RecordKeys.visit)

    // MARK: projects/ID/issues/IID.yaml

    static func issue(_ bytes: UnsafeBufferPointer<UInt8>, path: String, project: ProjectID, fileName: String,
                      reader r: YAMLEventReader = YAMLEventReader()) -> Issue? {
        guard r.start(bytes), r.enterDocumentMapping() else { return nil }
        var id: IssueID?
        var title: String?
        var raised: Day?
        var source: IssueSource?
        var visit: VisitID?
        var category: IssueCategory?
        var severity: Severity?
        var owner: String?
        var department: String?
        var due: Day?
        var status: IssueStatus?
        var resolved: Resolution?
        var confirmed: Confirmation?
        var caseAnalysis: String?
        var history: [HistoryEntry]?
        var departmentAt = Position.start
        var visitAt = Position.start
        var recorded: Day?
        guard mapping(r, Self.issueKeys, { (field: IssueKey) in
            switch field {
            case .id: guard let v = text(r).flatMap(IssueID.init) else { return false }; id = v
            case .title: guard let v = text(r) else { return false }; title = v
            case .raised: guard let v = day(r) else { return false }; raised = v
            case .source: guard let v = choice(r, Self.issueSources) else { return false }; source = v
            case .visit:
                visitAt = Position(line: r.line, column: r.column)
                guard let v = text(r).flatMap(VisitID.init) else { return false }
                visit = v
            case .category: guard let v = choice(r, Self.issueCategories) else { return false }; category = v
            case .severity: guard let v = choice(r, Self.severities) else { return false }; severity = v
            case .owner: guard let v = text(r) else { return false }; owner = v
            case .department:
                departmentAt = Position(line: r.line, column: r.column)
                guard let v = text(r) else { return false }
                department = v
            case .due: guard let v = day(r) else { return false }; due = v
            case .status: guard let v = choice(r, Self.issueStatuses) else { return false }; status = v
            case .resolved:
                var d: Day?
                var s: String?
                var onSpot = false
                guard r.kind == .mappingStart, mapping(r, Self.resolvedKeys, { (f: ResolvedKey) in
                    switch f {
                    case .date: guard let v = day(r) else { return false }; d = v
                    case .summary: guard let v = text(r) else { return false }; s = v
                    case .onSpot: guard let v = bool(r) else { return false }; onSpot = v
                    }
                    return true
                }), let d, let s else { return false }
                resolved = Resolution(date: d, summary: s, onSpot: onSpot)
            case .confirmed:
                var d: Day?
                var satisfied: Bool?
                guard r.kind == .mappingStart, mapping(r, Self.confirmedKeys, { (f: ConfirmedKey) in
                    switch f {
                    case .date: guard let v = day(r) else { return false }; d = v
                    case .satisfied: guard let v = bool(r) else { return false }; satisfied = v
                    }
                    return true
                }), let d, let satisfied else { return false }
                confirmed = Confirmation(date: d, satisfied: satisfied)
            case .caseAnalysis: guard let v = text(r) else { return false }; caseAnalysis = v
            case .history:
                guard r.kind == .sequenceStart else { return false }
                var entries: [HistoryEntry] = []
                while true {
                    guard r.next() else { return false }
                    if r.kind == .sequenceEnd { break }
                    var at: Day?
                    var action: String?
                    var by: String?
                    var from: Severity?
                    var to: Severity?
                    var reason: String?
                    var note: String?
                    guard r.kind == .mappingStart, mapping(r, Self.historyKeys, { (f: HistoryKey) in
                        switch f {
                        case .at: guard let v = day(r) else { return false }; at = v
                        case .action: guard let v = text(r) else { return false }; action = v
                        case .by: guard let v = text(r) else { return false }; by = v
                        case .from: guard let v = choice(r, Self.severities) else { return false }; from = v
                        case .to: guard let v = choice(r, Self.severities) else { return false }; to = v
                        case .reason: guard let v = text(r) else { return false }; reason = v
                        case .note: guard let v = text(r) else { return false }; note = v
                        }
                        return true
                    }), let at, let action else { return false }
                    entries.append(HistoryEntry(at: at, action: action, by: by, from: from, to: to, reason: reason, note: note))
                }
                history = entries
            case .recorded: guard let v = day(r) else { return false }; recorded = v
            case .imported: guard skipImported(r) else { return false }
            }
            return true
        }) else { return nil }
        guard r.leaveDocument(), let id, let title, let raised, let source, let category, let severity, let owner,
            let department, let due, let status, let history, isFileName(fileName, of: id.rawValue)
        else { return nil }
        var issue = Issue(id: id, project: project, title: title, raised: raised, source: source, visit: visit, category: category,
                          severity: severity, owner: owner, department: department, due: due, status: status, resolved: resolved,
                          confirmed: confirmed, caseAnalysis: caseAnalysis, history: history, location: SourceLocation(path: path),
                          departmentAt: departmentAt, visitAt: visitAt)
        issue.recorded = recorded
        return issue
    }

    /// `imported: {file, sheet, row, digest}` (the ledger row `huifang import` made the record
    /// of): read past; a value of another shape goes to the full decoder.
    static func skipImported(_ r: YAMLEventReader) -> Bool {
        guard r.kind == .mappingStart else { return false }
        while true {
            guard r.next() else { return false }
            if r.kind == .mappingEnd { return true }
            guard r.kind == .scalar else { return false }
        }
    }

    /// The keys of an issue and of the mappings in it by name, from `RecordKeys`.
    enum IssueKey: String, CaseIterable {
        case id, title, raised, source, visit, category, severity, owner, department, due, status, resolved, confirmed
        case caseAnalysis = "case_analysis"
        case history, imported, recorded
    }

    enum ResolvedKey: String, CaseIterable {
        case date, summary
        case onSpot = "on_spot"
    }

    enum ConfirmedKey: String, CaseIterable { case date, satisfied }
    enum HistoryKey: String, CaseIterable { case at, action, by, from, to, reason, note }

    static let issueKeys = KeyTable<IssueKey>(RecordKeys.issue)
    static let resolvedKeys = KeyTable<ResolvedKey>(RecordKeys.resolved)
    static let confirmedKeys = KeyTable<ConfirmedKey>(RecordKeys.confirmed)
    static let historyKeys = KeyTable<HistoryKey>(RecordKeys.issueHistory)

    // MARK: values

    /// The values of the enumerations in records, matched from a scalar's bytes (no string).
    static let visitKinds = KeyTable<VisitKind>(VisitKind.allCases.map(\.rawValue))
    static let visitMethods = KeyTable<VisitMethod>(VisitMethod.allCases.map(\.rawValue))
    static let operations = KeyTable<Operation>(Operation.allCases.map(\.rawValue))
    static let issueSources = KeyTable<IssueSource>(IssueSource.allCases.map(\.rawValue))
    static let issueCategories = KeyTable<IssueCategory>(IssueCategory.allCases.map(\.rawValue))
    static let severities = KeyTable<Severity>(Severity.allCases.map(\.rawValue))
    static let issueStatuses = KeyTable<IssueStatus>(IssueStatus.allCases.map(\.rawValue))

    /// The case of `T` whose raw value the scalar is exactly (as `T(rawValue:)` on its text).
    static func choice<T>(_ r: YAMLEventReader, _ values: KeyTable<T>) -> T? {
        r.kind == .scalar && !r.isNull ? values.field(r.bytes)?.0 : nil
    }

    /// `name == "\(date)-\(id).yaml"`, the file name of a visit, without making that string.
    static func isVisitFileName(_ name: String, date: Day, id: String) -> Bool {
        let (y, m, d) = date.components
        guard (1000...9999).contains(y) else { return name == "\(date)-\(id).yaml" }
        var name = name
        return name.withUTF8 { b in
            guard b.count == 16 + id.utf8.count, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "-") else { return false }
            func digits(_ at: Int, _ count: Int, _ value: Int) -> Bool {
                var v = value
                for i in stride(from: at + count - 1, through: at, by: -1) {
                    guard b[i] == UInt8(48 + v % 10) else { return false }
                    v /= 10
                }
                return true
            }
            guard digits(0, 4, y), digits(5, 2, m), digits(8, 2, d) else { return false }
            return hasBytes(b, at: 11, of: id) && hasYAMLExtension(b)
        }
    }

    /// `name == "\(id).yaml"`, without making that string.
    static func isFileName(_ name: String, of id: String) -> Bool {
        var name = name
        return name.withUTF8 { b in b.count == id.utf8.count + 5 && hasBytes(b, at: 0, of: id) && hasYAMLExtension(b) }
    }

    /// True when `b` holds `text`'s bytes at `offset` (memcmp, not a generic comparison).
    private static func hasBytes(_ b: UnsafeBufferPointer<UInt8>, at offset: Int, of text: String) -> Bool {
        var text = text
        return text.withUTF8 { t in
            t.isEmpty || (offset + t.count <= b.count && memcmp(b.baseAddress! + offset, t.baseAddress!, t.count) == 0)
        }
    }

    /// True when `b` ends in `.yaml`.
    private static func hasYAMLExtension(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        return n >= 5 && b[n - 5] == 0x2E && b[n - 4] == 0x79 && b[n - 3] == 0x61 && b[n - 2] == 0x6D && b[n - 1] == 0x6C
    }

    /// Reads a mapping (the reader is on its start): `body` gets each key's field with the
    /// reader on the key's value, which is never null. False at the first key that is unknown,
    /// repeated or not a scalar, at a null, or when `body` says false.
    static func mapping<Field>(_ r: YAMLEventReader, _ keys: KeyTable<Field>, _ body: (Field) -> Bool) -> Bool {
        var seen: UInt64 = 0
        while true {
            guard r.next() else { return false }
            if r.kind == .mappingEnd { return true }
            guard r.kind == .scalar, let (field, bit) = keys.field(r.bytes), seen & bit == 0 else { return false }
            seen |= bit
            guard r.next(), !r.isNull, body(field) else { return false }
        }
    }

    /// A scalar's text; nil for a collection (and for null, which callers have ruled out).
    static func text(_ r: YAMLEventReader) -> String? {
        r.kind == .scalar && !r.isNull ? r.text : nil
    }

    /// A list of non-null scalars.
    static func strings(_ r: YAMLEventReader) -> [String]? {
        guard r.kind == .sequenceStart else { return nil }
        var out: [String] = []
        while true {
            guard r.next() else { return nil }
            if r.kind == .sequenceEnd { return out }
            guard let s = text(r) else { return nil }
            out.append(s)
        }
    }

    /// A date (`YYYY-MM-DD`, as `Day(text)`), read from the scalar's bytes.
    static func day(_ r: YAMLEventReader) -> Day? {
        r.kind == .scalar && !r.isNull ? Day(utf8: r.bytes) : nil
    }

    /// A plain whole number within `range`, read from the scalar's bytes.
    static func int(_ r: YAMLEventReader, in range: ClosedRange<Int>) -> Int? {
        guard r.kind == .scalar, r.isPlain, !r.isNull, let n = YAMLScalars.int(utf8: r.bytes), range.contains(n) else { return nil }
        return n
    }

    /// The dimension of `dimensions` (huifang.yaml's own string: no new one per score) whose
    /// bytes `name` are; nil for any other name, which the tree decoder then explains (or
    /// accepts, when it equals a dimension as text with other bytes).
    static func dimension(_ name: UnsafeBufferPointer<UInt8>, in dimensions: [String]) -> String? {
        guard let start = name.baseAddress, !name.isEmpty else { return dimensions.first(where: \.isEmpty) }
        for d in dimensions where d.utf8.count == name.count {
            var d = d
            if d.withUTF8({ memcmp($0.baseAddress!, start, name.count) == 0 }) { return d }
        }
        return nil
    }

    static func bool(_ r: YAMLEventReader) -> Bool? {
        guard r.kind == .scalar, !r.isNull else { return nil }
        if r.scalarIs("true") { return true }
        if r.scalarIs("false") { return false }
        return nil
    }
}

/// The keys of one mapping, made once from its list in `RecordKeys`, matched against a key's
/// bytes without making a string: the keys are grouped by length and told apart by their
/// first byte before their bytes are compared. A key of the list that `Field` has no case
/// for is left out (the fast decoder declines a file that holds it); `Field`'s cases that are
/// not in the list are never matched (a test requires that there are none).
struct KeyTable<Field: RawRepresentable & Sendable>: Sendable where Field.RawValue == String {
    // The entries are kept in plain arrays, one per part, not as an array of a struct nested in
    // this generic type: the runtime checks such a struct's generic requirements by name when
    // its array is first made, once per table, by scanning every conformance of the program.

    /// Every key's bytes, one after the other.
    private let bytes: [UInt8]
    /// The entries, ordered by the length of their key: where the key's bytes start in `bytes`,
    /// its first byte, its field, and its bit in a mapping's set of seen keys (its place in the
    /// `RecordKeys` list).
    private let offsets: [Int]
    private let firsts: [UInt8]
    private let fields: [Field]
    private let bits: [UInt64]
    /// For each key length, the range of entries that have it.
    private let byLength: [Range<Int>]

    init(_ keys: [String]) {
        precondition(keys.count <= 64, "a mapping of more than 64 keys")
        let known = keys.map(Field.init(rawValue:))
        // The places in `keys` of the keys `Field` has a case for, shortest first.
        let order = keys.indices.filter { known[$0] != nil && !keys[$0].isEmpty }
            .sorted { (keys[$0].utf8.count, $0) < (keys[$1].utf8.count, $1) }
        var bytes: [UInt8] = []
        var offsets: [Int] = []
        var firsts: [UInt8] = []
        var fields: [Field] = []
        var bits: [UInt64] = []
        var byLength = [Range<Int>](repeating: 0..<0, count: (order.last.map { keys[$0].utf8.count } ?? 0) + 1)
        for n in order {
            let key = keys[n].utf8
            let e = fields.count
            offsets.append(bytes.count)
            firsts.append(key.first!)
            fields.append(known[n]!)
            bits.append(1 << UInt64(n))
            bytes += key
            let r = byLength[key.count]
            byLength[key.count] = r.isEmpty ? e..<e + 1 : r.lowerBound..<e + 1
        }
        self.bytes = bytes
        self.offsets = offsets
        self.firsts = firsts
        self.fields = fields
        self.bits = bits
        self.byLength = byLength
    }

    /// The field named by `key`, and its bit; nil for a key not in the table.
    @inline(__always)
    func field(_ key: UnsafeBufferPointer<UInt8>) -> (Field, UInt64)? {
        let n = key.count
        guard n > 0, n < byLength.count, let start = key.baseAddress else { return nil }
        let first = start.pointee
        for i in byLength[n] {
            guard firsts[i] == first else { continue }
            let same = bytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + offsets[i] + 1, start + 1, n - 1) == 0 }
            if same { return (fields[i], bits[i]) }
        }
        return nil
    }

    /// The names of the fields the table matches, in `RecordKeys` order (for the tests).
    var names: [String] { fields.indices.sorted { bits[$0] < bits[$1] }.map { fields[$0].rawValue } }
}
