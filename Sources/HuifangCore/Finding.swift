/// A problem found in the records: what is wrong, where (file, line, column), and what to do.
/// Findings are collected, never thrown, so that `check` reports all of them at once.
public struct Finding: Sendable, Hashable, Comparable {
    public enum Severity: String, Sendable, Hashable { case error, warning }

    public var severity: Severity
    /// Path relative to the repository root, with `/` separators.
    public var path: String
    public var line: Int
    public var column: Int
    public var message: String
    public var hint: String?

    public init(_ severity: Severity = .error, path: String, line: Int = 1, column: Int = 1, message: String, hint: String? = nil) {
        self.severity = severity
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    public init(_ severity: Severity = .error, at location: SourceLocation, message: String, hint: String? = nil) {
        self.init(severity, path: location.path, line: location.line, column: location.column, message: message, hint: hint)
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
