/// A position in a YAML text as editors show it: 1-based line and column, counted in
/// Unicode characters (libyaml's marks count characters, not bytes), plus the 0-based
/// character index used to splice text.
public struct Mark: Sendable, Equatable, Hashable {
    // 32-bit storage keeps nodes small (records are far below 2^31 characters); every
    // tree node carries two marks, and copying them is a good part of parsing.
    private var storedLine: Int32
    private var storedColumn: Int32
    private var storedIndex: Int32

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }

    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(clamping: newValue) }
    }

    public var index: Int {
        get { Int(storedIndex) }
        set { storedIndex = Int32(clamping: newValue) }
    }

    public init(line: Int, column: Int, index: Int) {
        storedLine = Int32(clamping: line)
        storedColumn = Int32(clamping: column)
        storedIndex = Int32(clamping: index)
    }
}

/// How a scalar was written; plain scalars are the only ones that may mean null.
public enum ScalarStyle: Sendable, Equatable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// One key of a mapping with the mark of the key itself.
public struct YAMLPair: Sendable {
    public var key: String
    public var keyStart: Mark
    public var keyEnd: Mark
    public var value: YAMLNode
}

/// A small, throw-away tree of one YAML document with marks on every node.
///
/// Records are decoded from it field by field; it is never kept after decoding.
public struct YAMLNode: Sendable {
    public enum Content: Sendable {
        case scalar(String, ScalarStyle)
        case mapping([YAMLPair])
        case sequence([YAMLNode])
    }

    public var content: Content
    public var start: Mark
    public var end: Mark
    /// True for `[a, b]` and `{a: 1}` collections.
    public var isFlow: Bool

    public init(content: Content, start: Mark, end: Mark, isFlow: Bool = false) {
        self.content = content
        self.start = start
        self.end = end
        self.isFlow = isFlow
    }

    /// The scalar text, or nil for collections.
    public var scalar: String? {
        if case .scalar(let s, _) = content { return s }
        return nil
    }

    /// True for a plain `~`, `null` or empty scalar: the YAML spelling of "no value".
    public var isNull: Bool {
        guard case .scalar(let s, let style) = content, style == .plain else { return false }
        return s.isEmpty || s == "~" || s == "null" || s == "Null" || s == "NULL"
    }

    public var pairs: [YAMLPair]? {
        if case .mapping(let p) = content { return p }
        return nil
    }

    public var items: [YAMLNode]? {
        if case .sequence(let i) = content { return i }
        return nil
    }

    /// The value under `key` of a mapping node.
    public subscript(key: String) -> YAMLNode? {
        pairs?.first { $0.key == key }?.value
    }

    /// A word for messages: "a string", "a mapping", "a list".
    public var kindDescription: String {
        switch content {
        case .scalar: return isNull ? "nothing (null)" : "a single value"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }

    /// Where the node's text really ends. Block collections end where the next token
    /// starts (often a line further down); this is the end of their last scalar instead.
    public var contentEnd: Mark {
        if isFlow { return end }
        switch content {
        case .scalar: return end
        case .mapping(let pairs): return pairs.last?.value.contentEnd ?? end
        case .sequence(let items): return items.last?.contentEnd ?? end
        }
    }
}
