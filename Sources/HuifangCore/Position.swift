/// A line and column inside a record's file, kept for values that `check` may need to point
/// at after every record has been read (references to other records).
public struct Position: Sendable, Hashable {
    public var line: Int32
    public var column: Int32

    public init(line: Int, column: Int) {
        self.line = Int32(clamping: line)
        self.column = Int32(clamping: column)
    }

    public static let start = Position(line: 1, column: 1)

    public func `in`(_ path: String) -> SourceLocation {
        SourceLocation(path: path, line: Int(line), column: Int(column))
    }
}
