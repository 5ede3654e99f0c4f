/// A value to write: what huifang emits for a new record, or splices into an existing one.
public indirect enum YAMLValue: Sendable, Equatable {
    /// Text; quoted when another YAML reader would take its plain form for something else.
    case string(String)
    /// A token written exactly as given: numbers, dates, booleans whose type is intended.
    case plain(String)
    /// A mapping in the given key order.
    case mapping([(String, YAMLValue)], flow: Bool)
    /// A sequence.
    case sequence([YAMLValue], flow: Bool)

    public static func == (a: YAMLValue, b: YAMLValue) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)), (.plain(let x), .plain(let y)): return x == y
        case (.mapping(let x, let f), .mapping(let y, let g)):
            return f == g && x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case (.sequence(let x, let f), .sequence(let y, let g)): return f == g && x == y
        default: return false
        }
    }

    public static func int(_ n: Int) -> YAMLValue { .plain(String(n)) }
    public static func bool(_ b: Bool) -> YAMLValue { .plain(b ? "true" : "false") }
    public static func flowMap(_ pairs: [(String, YAMLValue)]) -> YAMLValue { .mapping(pairs, flow: true) }
    public static func blockMap(_ pairs: [(String, YAMLValue)]) -> YAMLValue { .mapping(pairs, flow: false) }
    public static func blockList(_ items: [YAMLValue]) -> YAMLValue { .sequence(items, flow: false) }
    public static func strings(_ items: [String]) -> YAMLValue { .sequence(items.map { .string($0) }, flow: true) }
}
