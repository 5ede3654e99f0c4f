import HuifangCore
import HuifangYAML

/// Visits and issues — nearly every file of a large repository — decoded straight from
/// libyaml's events, with no tree and no key lookups.
///
/// This is only a fast path for well-formed records. It returns nil at the first thing it does
/// not expect (a syntax error, an unknown or repeated key, a null, a value of the wrong type or
/// out of range, a file name that does not match, anything that would give a finding); the
/// loader then decodes the file again through `YAMLParser` and `RecordDecoder`, which explain
/// every problem with its line and column. So a record this decoder returns is exactly the
/// record `RecordDecoder` would return, without findings (a test compares the two).
enum FastRecordDecoder {
    // MARK: projects/ID/visits/DATE-VID.yaml

    static func visit(_ bytes: UnsafeBufferPointer<UInt8>, path: String, project: ProjectID, fileName: String, config: Config) -> Visit? {
        guard let r = YAMLEventReader(bytes), r.enterDocumentMapping() else { return nil }
        let scale = config.satisfaction.scale
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
        guard mapping(r, visitKeys, { field in
            switch field {
            case 0: guard let v = text(r).flatMap(VisitID.init) else { return false }; id = v
            case 1: guard let v = text(r).flatMap(Day.init) else { return false }; date = v
            case 2: guard let v = text(r).flatMap(VisitKind.init(rawValue:)) else { return false }; kind = v
            case 3: guard let v = text(r).flatMap(VisitMethod.init(rawValue:)) else { return false }; method = v
            case 4: guard let v = text(r) else { return false }; visitor = v
            case 5: guard let v = strings(r) else { return false }; contacts = v
            case 6:
                guard let v = text(r) else { return false }
                event = v
                eventAt = Position(line: r.line, column: r.column)
            case 7: guard let v = text(r) else { return false }; summary = v
            case 8: guard let v = text(r).flatMap(Operation.init(rawValue:)) else { return false }; operation = v
            case 9:
                guard r.kind == .mappingStart else { return false }
                while true {
                    guard r.next() else { return false }
                    if r.kind == .mappingEnd { return true }
                    guard let dimension = text(r), !scores.contains(where: { $0.dimension == dimension }),
                        config.satisfaction.dimensions.contains(dimension), r.next(), !r.isNull,
                        let score = int(r, in: 1...scale)
                    else { return false }
                    scores.append((dimension, score))
                }
            case 10: guard let v = int(r, in: 1...scale) else { return false }; overall = v
            case 11: guard let v = int(r, in: 0...10) else { return false }; nps = v
            case 12: guard let v = strings(r) else { return false }; quotes = v
            case 13: guard let v = strings(r) else { return false }; needs = v
            case 14: guard let v = strings(r) else { return false }; competitors = v
            case 15:
                issuesAt = Position(line: r.line, column: r.column)
                guard let v = strings(r) else { return false }
                for s in v {
                    guard let i = IssueID(s) else { return false }
                    issues.append(i)
                }
            case 16:
                attachmentsAt = Position(line: r.line, column: r.column)
                guard let v = strings(r), v.allSatisfy(Visit.isValidAttachmentName) else { return false }
                attachments = v
            default: return false
            }
            return true
        }) else { return nil }
        guard r.leaveDocument(), let id, let date, let kind, let method, let visitor, let summary,
            fileName == "\(date)-\(id).yaml"
        else { return nil }
        return Visit(id: id, project: project, date: date, kind: kind, method: method, visitor: visitor, contacts: contacts,
                     event: event, summary: summary, operation: operation, scores: scores, overall: overall, nps: nps,
                     quotes: quotes, needs: needs, competitors: competitors, issues: issues, attachments: attachments,
                     location: SourceLocation(path: path), eventAt: eventAt, issuesAt: issuesAt, attachmentsAt: attachmentsAt)
    }

    static let visitKeys: [StaticString] = [
        "id", "date", "kind", "method", "visitor", "contacts", "event", "summary", "operation", "scores", "overall", "nps",
        "quotes", "needs", "competitors", "issues", "attachments",
    ]

    // MARK: projects/ID/issues/IID.yaml

    static func issue(_ bytes: UnsafeBufferPointer<UInt8>, path: String, project: ProjectID, fileName: String) -> Issue? {
        guard let r = YAMLEventReader(bytes), r.enterDocumentMapping() else { return nil }
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
        guard mapping(r, issueKeys, { field in
            switch field {
            case 0: guard let v = text(r).flatMap(IssueID.init) else { return false }; id = v
            case 1: guard let v = text(r) else { return false }; title = v
            case 2: guard let v = text(r).flatMap(Day.init) else { return false }; raised = v
            case 3: guard let v = text(r).flatMap(IssueSource.init(rawValue:)) else { return false }; source = v
            case 4:
                visitAt = Position(line: r.line, column: r.column)
                guard let v = text(r).flatMap(VisitID.init) else { return false }
                visit = v
            case 5: guard let v = text(r).flatMap(IssueCategory.init(rawValue:)) else { return false }; category = v
            case 6: guard let v = text(r).flatMap(Severity.init(rawValue:)) else { return false }; severity = v
            case 7: guard let v = text(r) else { return false }; owner = v
            case 8:
                departmentAt = Position(line: r.line, column: r.column)
                guard let v = text(r) else { return false }
                department = v
            case 9: guard let v = text(r).flatMap(Day.init) else { return false }; due = v
            case 10: guard let v = text(r).flatMap(IssueStatus.init(rawValue:)) else { return false }; status = v
            case 11:
                var d: Day?
                var s: String?
                var onSpot = false
                guard r.kind == .mappingStart, mapping(r, resolvedKeys, { f in
                    switch f {
                    case 0: guard let v = text(r).flatMap(Day.init) else { return false }; d = v
                    case 1: guard let v = text(r) else { return false }; s = v
                    default: guard let v = bool(r) else { return false }; onSpot = v
                    }
                    return true
                }), let d, let s else { return false }
                resolved = Resolution(date: d, summary: s, onSpot: onSpot)
            case 12:
                var d: Day?
                var satisfied: Bool?
                guard r.kind == .mappingStart, mapping(r, confirmedKeys, { f in
                    if f == 0 {
                        guard let v = text(r).flatMap(Day.init) else { return false }
                        d = v
                    } else {
                        guard let v = bool(r) else { return false }
                        satisfied = v
                    }
                    return true
                }), let d, let satisfied else { return false }
                confirmed = Confirmation(date: d, satisfied: satisfied)
            case 13: guard let v = text(r) else { return false }; caseAnalysis = v
            case 14:
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
                    guard r.kind == .mappingStart, mapping(r, historyKeys, { f in
                        switch f {
                        case 0: guard let v = text(r).flatMap(Day.init) else { return false }; at = v
                        case 1: guard let v = text(r) else { return false }; action = v
                        case 2: guard let v = text(r) else { return false }; by = v
                        case 3: guard let v = text(r).flatMap(Severity.init(rawValue:)) else { return false }; from = v
                        case 4: guard let v = text(r).flatMap(Severity.init(rawValue:)) else { return false }; to = v
                        case 5: guard let v = text(r) else { return false }; reason = v
                        default: guard let v = text(r) else { return false }; note = v
                        }
                        return true
                    }), let at, let action else { return false }
                    entries.append(HistoryEntry(at: at, action: action, by: by, from: from, to: to, reason: reason, note: note))
                }
                history = entries
            default: return false
            }
            return true
        }) else { return nil }
        guard r.leaveDocument(), let id, let title, let raised, let source, let category, let severity, let owner,
            let department, let due, let status, let history, fileName == "\(id).yaml"
        else { return nil }
        return Issue(id: id, project: project, title: title, raised: raised, source: source, visit: visit, category: category,
                     severity: severity, owner: owner, department: department, due: due, status: status, resolved: resolved,
                     confirmed: confirmed, caseAnalysis: caseAnalysis, history: history, location: SourceLocation(path: path),
                     departmentAt: departmentAt, visitAt: visitAt)
    }

    static let issueKeys: [StaticString] = [
        "id", "title", "raised", "source", "visit", "category", "severity", "owner", "department", "due", "status", "resolved",
        "confirmed", "case_analysis", "history",
    ]
    static let resolvedKeys: [StaticString] = ["date", "summary", "on_spot"]
    static let confirmedKeys: [StaticString] = ["date", "satisfied"]
    static let historyKeys: [StaticString] = ["at", "action", "by", "from", "to", "reason", "note"]

    // MARK: values

    /// Reads a mapping (the reader is on its start): `body` gets each key's position among
    /// `keys` with the reader on the key's value, which is never null. False at the first key
    /// that is unknown, repeated or not a scalar, at a null, or when `body` says false.
    static func mapping(_ r: YAMLEventReader, _ keys: [StaticString], _ body: (Int) -> Bool) -> Bool {
        var seen: UInt32 = 0
        while true {
            guard r.next() else { return false }
            if r.kind == .mappingEnd { return true }
            guard let field = key(r, keys, seen: &seen), r.next(), !r.isNull, body(field) else { return false }
        }
    }

    /// The position of the current key among `keys`, marking it seen; nil for a key that is not
    /// a scalar, not known here, or repeated.
    static func key(_ r: YAMLEventReader, _ keys: [StaticString], seen: inout UInt32) -> Int? {
        guard r.kind == .scalar else { return nil }
        for (n, k) in keys.enumerated() where r.scalarIs(k) {
            guard seen & (1 << n) == 0 else { return nil }
            seen |= 1 << n
            return n
        }
        return nil
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

    /// A plain whole number within `range`.
    static func int(_ r: YAMLEventReader, in range: ClosedRange<Int>) -> Int? {
        guard r.kind == .scalar, r.isPlain, let n = text(r).flatMap(YAMLScalars.int), range.contains(n) else { return nil }
        return n
    }

    static func bool(_ r: YAMLEventReader) -> Bool? {
        guard r.kind == .scalar, !r.isNull else { return nil }
        if r.scalarIs("true") { return true }
        if r.scalarIs("false") { return false }
        return nil
    }
}
