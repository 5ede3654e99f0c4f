/// Why a YAML text could not be read at all, with where and what to do.
public struct YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var mark: Mark
    public var hint: String?

    public init(_ message: String, at mark: Mark, hint: String? = nil) {
        self.message = message
        self.mark = mark
        self.hint = hint
    }

    public var description: String { "\(mark.line):\(mark.column): \(message)" }
}
