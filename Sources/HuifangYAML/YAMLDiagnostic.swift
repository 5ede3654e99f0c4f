/// A problem with one value of a document that was read: what is wrong, where, and what
/// to do. Decoding goes on after a diagnostic so that every problem is reported at once.
public struct YAMLDiagnostic: Sendable, Equatable {
    public var message: String
    public var hint: String?
    public var mark: Mark
    /// What the problem is, as a code (`Finding.Code`'s raw value), and the values its message
    /// names: the command layer says it in the reader's language from these.
    public var code: String?
    public var values: [String: String]

    public init(_ message: String, at mark: Mark, hint: String? = nil, code: String? = nil, values: [String: String] = [:]) {
        self.message = message
        self.mark = mark
        self.hint = hint
        self.code = code
        self.values = values
    }
}
