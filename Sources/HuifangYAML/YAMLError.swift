/// Why a YAML text could not be read at all, with where and what to do.
public struct YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var mark: Mark
    public var hint: String?
    /// What went wrong, as a code (`Finding.Code`'s raw value), and the values its message
    /// names (libyaml's own problem text is one): for the message catalogue.
    public var code: String?
    public var values: [String: String]

    public init(_ message: String, at mark: Mark, hint: String? = nil, code: String? = nil, values: [String: String] = [:]) {
        self.message = message
        self.mark = mark
        self.hint = hint
        self.code = code
        self.values = values
    }

    public var description: String { "\(mark.line):\(mark.column): \(message)" }
}
