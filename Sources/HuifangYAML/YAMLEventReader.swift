import CYAML

#if canImport(Glibc)
    import Glibc
#endif

/// libyaml's events one at a time, for decoders that go straight from events to typed
/// records without building a tree (the hot path of reading a large repository).
///
/// It is strict on purpose: anything a record never holds (aliases, anchors, explicit tags)
/// ends the stream like a syntax error does. A decoder built on it returns nil for whatever it
/// does not expect and leaves the explanation to `YAMLParser`, whose tree decoding reports
/// every problem with its line and column.
public final class YAMLEventReader {
    public enum Kind: Sendable, Equatable {
        case streamStart, streamEnd, documentStart, documentEnd
        case mappingStart, mappingEnd, sequenceStart, sequenceEnd, scalar
    }

    // The reader is used by one thread at a time and never hands out its storage: the
    // run-time exclusivity checks of class properties (a good part of the cost) are off.
    @exclusivity(unchecked) private var parser = yaml_parser_t()
    @exclusivity(unchecked) private var holdsEvent = false
    private var started = false

    /// The current event and what the accessors tell of it, in memory of its own behind a
    /// pointer: the accessors are inlined into the decoders (several reads per scalar of every
    /// file), and a class's `var` read from another module is checked for exclusive access at
    /// run time (a runtime call per read), which memory behind a `let` pointer is not.
    @usableFromInline struct Current {
        @usableFromInline var event = yaml_event_t()
        @usableFromInline var kind: Kind = .streamStart
        @usableFromInline var line = 0
        @usableFromInline var column = 0
        @usableFromInline var isPlain = false
    }

    @usableFromInline let current: UnsafeMutablePointer<Current>

    /// The current event's kind, start mark and, for scalars, text and style.
    @inlinable public var kind: Kind { current.pointee.kind }
    @inlinable public var line: Int { current.pointee.line }
    @inlinable public var column: Int { current.pointee.column }
    /// True for a plain (unquoted, not block) scalar.
    @inlinable public var isPlain: Bool { current.pointee.isPlain }

    /// Reads `bytes`, which must stay valid and unchanged while the reader is used.
    public convenience init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.init()
        guard start(bytes) else { return nil }
    }

    /// A reader with no input yet: `start` gives it one. One reader read file after file keeps
    /// libyaml's buffers (a worker reading thousands of files allocates them once).
    public init() {
        current = .allocate(capacity: 1)
        current.initialize(to: Current())
    }

    /// Starts reading `bytes` (which must stay valid and unchanged while they are read), from
    /// the stream's start, whatever the reader read before; false when libyaml cannot start.
    public func start(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if holdsEvent {
            yaml_event_delete(&current.pointee.event)
            holdsEvent = false
        }
        current.pointee.kind = .streamStart
        current.pointee.line = 0
        current.pointee.column = 0
        current.pointee.isPlain = false
        // UTF-16 and UTF-32 are left to `YAMLParser`, which refuses them with a message.
        guard let base = bytes.baseAddress, bytes.count < 2 || (bytes[0] != 0 && bytes[1] != 0 && bytes[0] < 0xFE) else { return false }
        if started {
            huifang_yaml_parser_reset(&parser)
        } else {
            guard yaml_parser_initialize(&parser) == 1 else { return false }
            started = true
        }
        yaml_parser_set_input_string(&parser, base, bytes.count)
        return true
    }

    /// Lends libyaml's parser, reset for a new input (which `body` sets), to `body`: the tree
    /// parser reads with it when a worker has a reader. Nil when libyaml cannot start.
    func withFreshParser<T>(_ body: (UnsafeMutablePointer<yaml_parser_t>) throws(YAMLError) -> T) throws(YAMLError) -> T? {
        if holdsEvent {
            yaml_event_delete(&current.pointee.event)
            holdsEvent = false
        }
        current.pointee.kind = .streamStart
        if started {
            huifang_yaml_parser_reset(&parser)
        } else {
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            started = true
        }
        return try withUnsafeMutablePointer(to: &parser) { (p) throws(YAMLError) -> T in try body(p) }
    }

    deinit {
        if holdsEvent { yaml_event_delete(&current.pointee.event) }
        if started { yaml_parser_delete(&parser) }
        current.deinitialize(count: 1)
        current.deallocate()
    }

    /// Moves to the next event; false on a syntax error, an alias, an anchor or a tag.
    public func next() -> Bool {
        let c = current
        if holdsEvent {
            yaml_event_delete(&c.pointee.event)
            holdsEvent = false
        }
        guard yaml_parser_parse(&parser, &c.pointee.event) == 1 else { return false }
        holdsEvent = true
        c.pointee.line = Int(c.pointee.event.start_mark.line) + 1
        c.pointee.column = Int(c.pointee.event.start_mark.column) + 1
        switch c.pointee.event.type {
        case YAML_STREAM_START_EVENT: c.pointee.kind = .streamStart
        case YAML_STREAM_END_EVENT: c.pointee.kind = .streamEnd
        case YAML_DOCUMENT_START_EVENT: c.pointee.kind = .documentStart
        case YAML_DOCUMENT_END_EVENT: c.pointee.kind = .documentEnd
        case YAML_MAPPING_START_EVENT:
            let m = c.pointee.event.data.mapping_start
            guard m.anchor == nil, m.implicit != 0 || m.tag == nil else { return false }
            c.pointee.kind = .mappingStart
        case YAML_MAPPING_END_EVENT: c.pointee.kind = .mappingEnd
        case YAML_SEQUENCE_START_EVENT:
            let s = c.pointee.event.data.sequence_start
            guard s.anchor == nil, s.implicit != 0 || s.tag == nil else { return false }
            c.pointee.kind = .sequenceStart
        case YAML_SEQUENCE_END_EVENT: c.pointee.kind = .sequenceEnd
        case YAML_SCALAR_EVENT:
            let s = c.pointee.event.data.scalar
            guard s.anchor == nil, s.tag == nil else { return false }
            c.pointee.kind = .scalar
            c.pointee.isPlain = s.style == YAML_PLAIN_SCALAR_STYLE || s.style == YAML_ANY_SCALAR_STYLE
        default:
            return false  // aliases
        }
        return true
    }

    /// Moves to the next event and says whether it is of `kind`.
    public func next(_ expected: Kind) -> Bool { next() && kind == expected }

    /// The current scalar's bytes (valid until the next call of `next`).
    @inlinable @inline(__always) public var bytes: UnsafeBufferPointer<UInt8> {
        let c = current
        guard c.pointee.kind == .scalar, let value = c.pointee.event.data.scalar.value else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: value, count: c.pointee.event.data.scalar.length)
    }

    /// The current scalar's text.
    @inlinable public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// True when the current scalar is exactly `word` (ASCII), without making a string.
    @inlinable @inline(__always) public func scalarIs(_ word: StaticString) -> Bool {
        let b = bytes
        guard kind == .scalar, b.count == word.utf8CodeUnitCount else { return false }
        return b.count == 0 || memcmp(b.baseAddress!, word.utf8Start, b.count) == 0
    }

    /// True for a plain `~`, `null` or empty scalar: YAML's "no value", as `YAMLNode.isNull`.
    @inlinable @inline(__always) public var isNull: Bool {
        guard kind == .scalar, isPlain else { return false }
        // Most values are longer than four bytes: one length test rules them out.
        let count = current.pointee.event.data.scalar.length
        if count == 0 { return true }
        if count > 4 { return false }
        // Short values (scores, "yes") are ruled out by their first byte, without a comparison.
        guard let first = current.pointee.event.data.scalar.value?.pointee else { return false }
        if count == 1 { return first == UInt8(ascii: "~") }
        guard count == 4, first == UInt8(ascii: "n") || first == UInt8(ascii: "N") else { return false }
        return scalarIs("null") || scalarIs("Null") || scalarIs("NULL")
    }

    /// Reads a whole document that must be exactly one mapping: true when the stream holds
    /// stream start, document start and a mapping start, leaving the reader on the latter.
    public func enterDocumentMapping() -> Bool {
        next(.streamStart) && next(.documentStart) && next(.mappingStart)
    }

    /// After the top mapping's end: true when the stream ends without a second document.
    public func leaveDocument() -> Bool {
        next(.documentEnd) && next(.streamEnd)
    }
}
