import HuifangCore
import HuifangYAML

/// Reads what a person wrote in their editor for `issue add --edit` and `improve add --edit`:
/// the fields, or the problems as `LINE:COLUMN: message` lines.
public enum DraftReader {
    public struct IssueFields: Sendable {
        public var title: String
        public var category: IssueCategory
        public var severity: Severity
        public var source: IssueSource
        public var visit: String?
        public var raised: Day
        public var owner: String?
        public var department: String?
    }

    public struct ImprovementFields: Sendable {
        public var title: String
        public var addresses: [String]
        public var department: String
        public var owner: String
        public var due: Day
        public var expectedEffect: String
    }

    /// A scalar as it goes into a template line: plain when that reads back as the same text, else quoted.
    public static func token(_ s: String) -> String { YAMLScalarQuoting.token(s) }

    /// `LINE:COLUMN` of `key`'s value (of the key when it has none) in `text`; `1:1` when absent.
    public static func position(of key: String, in text: String) -> String {
        guard let root = try? YAMLParser.parse(text), let pair = root.pairs?.first(where: { $0.key == key }) else { return "1:1" }
        let mark = pair.value.start.index > pair.keyEnd.index ? pair.value.start : pair.keyStart
        return "\(mark.line):\(mark.column)"
    }

    public static func issue(_ text: String) -> Result<IssueFields, Problems> {
        let map: YAMLNode
        switch mapping(text) {
        case .success(let m): map = m
        case .failure(let p): return .failure(p)
        }
        let r = YAMLFieldReader()
        let title = r.string(map, "title", required: true)
        let category = r.choice(map, "category", as: IssueCategory.self, required: true)
        let severity = r.choice(map, "severity", as: Severity.self, required: true)
        let source = r.choice(map, "source", as: IssueSource.self, required: true)
        let visit = r.string(map, "visit")
        let raised = r.parsed(map, "raised", required: true, expected: Day.expectedForm, Day.init)
        let owner = r.string(map, "owner")
        let department = r.string(map, "department")
        var lines = r.diagnostics.map { "\($0.mark.line):\($0.mark.column): \($0.message)" }
        if let title, title.draftTrimmed.isEmpty { lines.append("\(position(of: "title", in: text)): 'title' is empty") }
        guard lines.isEmpty, let title, let category, let severity, let source, let raised else {
            return .failure(Problems(lines: lines.isEmpty ? ["1:1: the record is incomplete"] : lines))
        }
        return .success(IssueFields(title: title.draftTrimmed, category: category, severity: severity, source: source, visit: visit,
                                    raised: raised, owner: owner, department: department))
    }

    public static func improvement(_ text: String) -> Result<ImprovementFields, Problems> {
        let map: YAMLNode
        switch mapping(text) {
        case .success(let m): map = m
        case .failure(let p): return .failure(p)
        }
        let r = YAMLFieldReader()
        let title = r.string(map, "title", required: true)
        let addresses = r.strings(map, "addresses", required: true)
        let department = r.string(map, "department", required: true)
        let owner = r.string(map, "owner", required: true)
        let due = r.parsed(map, "due", required: true, expected: Day.expectedForm, Day.init)
        let effect = r.string(map, "expected_effect", required: true)
        var lines = r.diagnostics.map { "\($0.mark.line):\($0.mark.column): \($0.message)" }
        for (key, value) in [("title", title), ("expected_effect", effect)] where value?.draftTrimmed.isEmpty == true {
            lines.append("\(position(of: key, in: text)): '\(key)' is empty")
        }
        if addresses?.isEmpty == true { lines.append("\(position(of: "addresses", in: text)): 'addresses' is empty: name the issues it addresses") }
        guard lines.isEmpty, let title, let addresses, let department, let owner, let due, let effect else {
            return .failure(Problems(lines: lines.isEmpty ? ["1:1: the record is incomplete"] : lines))
        }
        return .success(ImprovementFields(title: title.draftTrimmed, addresses: addresses, department: department, owner: owner,
                                          due: due, expectedEffect: effect.draftTrimmed))
    }

    /// What is wrong with a draft, one `LINE:COLUMN: message` a line.
    public struct Problems: Error, Sendable {
        public var lines: [String]
    }

    static func mapping(_ text: String) -> Result<YAMLNode, Problems> {
        let node: YAMLNode?
        do { node = try YAMLParser.parse(text) } catch {
            return .failure(Problems(lines: ["\(error.mark.line):\(error.mark.column): \(error.message)"]))
        }
        guard let map = node, map.pairs != nil else { return .failure(Problems(lines: ["1:1: the text is not a mapping of keys to values"])) }
        return .success(map)
    }
}

extension String {
    /// Without leading and trailing white space.
    var draftTrimmed: String { trimmingWhitespace() }

    private func trimmingWhitespace() -> String {
        var sub = Substring(self)
        while let f = sub.first, f.isWhitespace { sub.removeFirst() }
        while let l = sub.last, l.isWhitespace { sub.removeLast() }
        return String(sub)
    }
}
