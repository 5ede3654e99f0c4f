/// A problem found in the records: what is wrong, where (file, line, column), and what to do.
/// Findings are collected, never thrown, so that `check` reports all of them at once.
public struct Finding: Sendable, Hashable, Comparable {
    public enum Severity: String, Sendable, Hashable { case error, warning }

    public var severity: Severity
    /// Path relative to the repository root, with `/` separators.
    public var path: String
    public var line: Int
    public var column: Int
    /// The message in English, as the rules wrote it (the English catalogue says the same).
    public var message: String
    public var hint: String?
    /// What was found, as a code: JSON writes it, and the message catalogue gives the message
    /// and hint in the reader's language from it and `values` (`finding.CODE`, `finding.CODE.hint`).
    /// nil for a finding that has no code yet: its English `message` is all there is.
    public var code: Code?
    /// The values the code's message names (`{key}` in the catalogue): ids, dates, file names.
    public var values: [String: String]

    public init(_ severity: Severity = .error, path: String, line: Int = 1, column: Int = 1, message: String, hint: String? = nil,
                code: Code? = nil, values: [String: String] = [:]) {
        self.severity = severity
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
        self.code = code
        self.values = values
    }

    public init(_ severity: Severity = .error, at location: SourceLocation, message: String, hint: String? = nil,
                code: Code? = nil, values: [String: String] = [:]) {
        self.init(severity, path: location.path, line: location.line, column: location.column, message: message, hint: hint,
                  code: code, values: values)
    }

    /// A finding said by its code and values only, as the rules between records make them:
    /// the message catalogue gives its message and hint in each language (`finding.CODE`,
    /// `finding.CODE.hint`); the core writes no sentence.
    public init(_ severity: Severity = .error, at location: SourceLocation, code: Code, values: [String: String] = [:]) {
        self.init(severity, path: location.path, line: location.line, column: location.column, message: "", hint: nil,
                  code: code, values: values)
    }

    /// Whether the finding's words come from the catalogue alone (a code and values, no English
    /// message beside them): its hint is then the catalogue's `finding.CODE.hint`, if any.
    public var saidByCode: Bool { code != nil && message.isEmpty }

    /// Findings are listed by place (path, line, column); findings at one place by code, in
    /// `Code.listingOrder`, and by the values their message names, in its order. That is the
    /// order of their English messages, which they were sorted by when the core still wrote
    /// them. A finding without a code comes after the coded ones at its place, by its message.
    public static func < (a: Finding, b: Finding) -> Bool {
        if a.path != b.path { return a.path < b.path }
        if a.line != b.line { return a.line < b.line }
        if a.column != b.column { return a.column < b.column }
        guard let ca = a.code else { return b.code == nil && a.message < b.message }
        guard let cb = b.code else { return true }
        let (ra, rb) = (ca.listingRank, cb.listingRank)
        if ra.group != rb.group { return ra.group < rb.group }
        if ca == cb || ra.group < Code.listingOrder.count, a.values != b.values {
            let (va, vb) = (a.orderedValues, b.orderedValues)
            if va.lexicographicallyPrecedes(vb) { return true }
            if vb.lexicographicallyPrecedes(va) { return false }
        }
        if ca != cb { return ra.place != rb.place ? ra.place < rb.place : ca.rawValue < cb.rawValue }
        return a.message < b.message
    }

    /// The values in the order the finding's message names them (by key for most codes).
    var orderedValues: [String] {
        let keys = code.flatMap { Code.messageOrder[$0] } ?? []
        return keys.compactMap { values[$0] } + values.filter { !keys.contains($0.key) }.sorted { $0.key < $1.key }.map(\.value)
    }
}

/// Where a record or one of its values stands in the repository.
public struct SourceLocation: Sendable, Hashable {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int = 1, column: Int = 1) {
        self.path = path
        self.line = line
        self.column = column
    }
}
