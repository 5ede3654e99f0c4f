/// A problem with one value of a document that was read: what is wrong, where, and what
/// to do. Decoding goes on after a diagnostic so that every problem is reported at once.
public struct YAMLDiagnostic: Sendable, Equatable {
    public var message: String
    public var hint: String?
    public var mark: Mark

    public init(_ message: String, at mark: Mark, hint: String? = nil) {
        self.message = message
        self.mark = mark
        self.hint = hint
    }
}
