/// Bounds on what the reader accepts, so that a hostile or broken file costs bounded
/// time and memory. Records are small and shallow; these limits are far above them.
public struct YAMLLimits: Sendable {
    /// Largest file accepted, in bytes.
    public var maxBytes: Int
    /// Deepest nesting of mappings and sequences accepted.
    public var maxDepth: Int

    public init(maxBytes: Int = 1 << 20, maxDepth: Int = 32) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
    }

    public static let records = YAMLLimits()
}
