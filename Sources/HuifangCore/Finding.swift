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

    public static func < (a: Finding, b: Finding) -> Bool {
        (a.path, a.line, a.column, a.message) < (b.path, b.line, b.column, b.message)
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
