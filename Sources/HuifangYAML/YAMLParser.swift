import CYAML

#if canImport(Glibc)
    import Glibc
#endif

/// Reads one YAML document through libyaml's event API into a `YAMLNode` tree.
///
/// Refuses what records never need and what makes YAML dangerous: anchors and aliases
/// (alias bombs), explicit tags, more than one document, nesting deeper than
/// `limits.maxDepth`, files larger than `limits.maxBytes`, duplicate keys, non-scalar keys
/// and git merge-conflict markers. Every refusal carries a line and column.
public enum YAMLParser {
    /// Parses `bytes`; returns nil for a file with no document (empty or only comments).
    /// With `reader`, libyaml's parser of that reader is used (a worker reading many files).
    public static func parse(_ bytes: [UInt8], limits: YAMLLimits = .records, reusing reader: YAMLEventReader? = nil) throws(YAMLError) -> YAMLNode? {
        if bytes.count > limits.maxBytes {
            throw YAMLError(
                "file is \(bytes.count) bytes, more than the \(limits.maxBytes) bytes a record may have",
                at: Mark(line: 1, column: 1, index: 0),
                hint: "records are small; split the file or remove what does not belong in it",
                code: "file-too-large", values: ["bytes": String(bytes.count), "limit": String(limits.maxBytes)])
        }
        if let encoding = wideEncoding(bytes) {
            throw YAMLError(
                "the file is \(encoding) text; records are UTF-8", at: Mark(line: 1, column: 1, index: 0),
                hint: "save it as UTF-8 in your editor (or: iconv -f \(encoding) -t UTF-8 FILE > NEW, then replace FILE with NEW)",
                code: "wide-encoding", values: ["encoding": encoding])
        }
        if let conflict = conflictMarker(in: bytes) {
            throw YAMLError(
                "git merge-conflict marker '\(conflict.text)'", at: conflict.mark,
                hint: "resolve the merge conflict: keep the right lines and delete the <<<<<<< ======= >>>>>>> lines",
                code: "merge-conflict", values: ["marker": conflict.text])
        }
        return try bytes.withUnsafeBufferPointer { (buffer) throws(YAMLError) -> YAMLNode? in
            var builder = TreeBuilder(bytes: buffer, limits: limits)
            return try builder.run(reusing: reader)
        }
    }

    /// Parses a string (tests, templates, command-line snippets).
    public static func parse(_ text: String, limits: YAMLLimits = .records) throws(YAMLError) -> YAMLNode? {
        try parse(Array(text.utf8), limits: limits)
    }

    /// "UTF-16LE", "UTF-16BE", "UTF-32LE" or "UTF-32BE" for text in those encodings (by the
    /// byte-order mark, else by the zero bytes that ASCII characters have in them); nil for
    /// anything else. `parse` refuses such text: libyaml would read UTF-16 with a byte-order
    /// mark, but byte offsets, the editor and every other tool here take UTF-8.
    public static func wideEncoding(_ bytes: [UInt8]) -> String? {
        guard bytes.count >= 2 else { return nil }
        let b = bytes.count >= 4 ? Array(bytes[0..<4]) : bytes + [UInt8](repeating: 1, count: 4 - bytes.count)
        if b[0] == 0, b[1] == 0 { return "UTF-32BE" }
        if b[0] != 0, b[1] == 0, b[2] == 0, b[3] == 0 { return "UTF-32LE" }
        if b[0] == 0xFF, b[1] == 0xFE { return b[2] == 0 && b[3] == 0 ? "UTF-32LE" : "UTF-16LE" }
        if b[0] == 0xFE, b[1] == 0xFF { return "UTF-16BE" }
        if b[0] == 0 { return "UTF-16BE" }
        if b[1] == 0 { return "UTF-16LE" }
        return nil
    }

    /// True when a line starts with a git merge-conflict marker (which `parse` refuses).
    public static func containsConflictMarker(_ bytes: [UInt8]) -> Bool {
        conflictMarker(in: bytes) != nil
    }

    /// `containsConflictMarker` on bytes that are not in an array (a reused read buffer).
    public static func containsConflictMarker(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        conflictMarker(in: bytes) != nil
    }

    static func conflictMarker(in bytes: [UInt8]) -> (text: String, mark: Mark)? {
        bytes.withUnsafeBufferPointer { conflictMarker(in: $0) }
    }

    static func conflictMarker(in bytes: UnsafeBufferPointer<UInt8>) -> (text: String, mark: Mark)? {
        var lineStart = 0
        var line = 1
        let n = bytes.count
        while lineStart < n {
            let c = bytes[lineStart]
            if c == UInt8(ascii: "<") || c == UInt8(ascii: "=") || c == UInt8(ascii: ">") {
                var run = 0
                while lineStart + run < n, bytes[lineStart + run] == c { run += 1 }
                let after = lineStart + run < n ? bytes[lineStart + run] : UInt8(ascii: "\n")
                let ends = after == UInt8(ascii: "\n") || after == UInt8(ascii: "\r") || after == UInt8(ascii: " ")
                if run == 7, ends, c != UInt8(ascii: "=") || after != UInt8(ascii: " ") {
                    return (String(repeating: Character(Unicode.Scalar(c)), count: 7), Mark(line: line, column: 1, index: lineStart))
                }
            }
            // The next line starts after the next newline (memchr: this runs on every file).
            guard let start = bytes.baseAddress, let next = memchr(start + lineStart, 0x0A, n - lineStart) else { break }
            lineStart = UnsafeRawPointer(next) - UnsafeRawPointer(start) + 1
            line += 1
        }
        return nil
    }
}

private struct TreeBuilder {
    /// One open collection: its children grow in place (no copy per child).
    struct Frame {
        var isMapping: Bool
        var flow: Bool
        var start: Mark
        var pairs: [YAMLPair] = []
        var items: [YAMLNode] = []
        var key: (String, Mark, Mark)?
        /// The keys of a long mapping (a calendar's days), made once it has 16 pairs: a key is
        /// then looked up there instead of being compared with every key before it.
        var keys: Set<String>?
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let limits: YAMLLimits
    var stack: [Frame] = []
    var root: YAMLNode?
    var documents = 0

    init(bytes: UnsafeBufferPointer<UInt8>, limits: YAMLLimits) {
        self.bytes = bytes
        self.limits = limits
        stack.reserveCapacity(8)
    }

    mutating func run(reusing reader: YAMLEventReader? = nil) throws(YAMLError) -> YAMLNode? {
        let failed = YAMLError("libyaml could not start (out of memory)", at: Mark(line: 1, column: 1, index: 0))
        if let reader {
            guard let root = try reader.withFreshParser({ (parser) throws(YAMLError) -> YAMLNode? in try run(parser) }) else { throw failed }
            return root
        }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { throw failed }
        defer { yaml_parser_delete(&parser) }
        return try run(&parser)
    }

    /// Reads the document with `parser`, initialized and without input yet.
    mutating func run(_ parser: UnsafeMutablePointer<yaml_parser_t>) throws(YAMLError) -> YAMLNode? {
        if let base = bytes.baseAddress {
            yaml_parser_set_input_string(parser, base, bytes.count)
        } else {
            return nil
        }
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(parser, &event) == 1 else {
                throw parserError(parser.pointee)
            }
            defer { yaml_event_delete(&event) }
            if event.type == YAML_STREAM_END_EVENT { break }
            try handle(&event)
        }
        return root
    }

    mutating func handle(_ event: inout yaml_event_t) throws(YAMLError) {
        let start = mark(event.start_mark)
        let end = mark(event.end_mark)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                throw YAMLError(
                    "more than one YAML document in the file", at: start,
                    hint: "a record file holds one document; remove the '---' separator and what follows or split the file",
                    code: "more-than-one-document")
            }
        case YAML_ALIAS_EVENT:
            throw YAMLError(
                "aliases (*name) are not allowed in records", at: start,
                hint: "write the value out in full instead of referring to an anchor", code: "alias")
        case YAML_SCALAR_EVENT:
            let s = event.data.scalar
            try refuse(anchor: s.anchor, tag: s.tag, at: start)
            let text = String(decoding: UnsafeBufferPointer(start: s.value, count: s.length), as: UTF8.self)
            let style: ScalarStyle
            switch s.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: style = .literal
            case YAML_FOLDED_SCALAR_STYLE: style = .folded
            default: style = .plain
            }
            try add(YAMLNode(content: .scalar(text, style), start: start, end: end))
        case YAML_SEQUENCE_START_EVENT:
            let s = event.data.sequence_start
            try refuse(anchor: s.anchor, tag: s.implicit == 0 ? s.tag : nil, at: start)
            try push(Frame(isMapping: false, flow: s.style == YAML_FLOW_SEQUENCE_STYLE, start: start), at: start)
        case YAML_MAPPING_START_EVENT:
            let m = event.data.mapping_start
            try refuse(anchor: m.anchor, tag: m.implicit == 0 ? m.tag : nil, at: start)
            var frame = Frame(isMapping: true, flow: m.style == YAML_FLOW_MAPPING_STYLE, start: start)
            // One allocation for a record's keys instead of a doubling series.
            frame.pairs.reserveCapacity(stack.isEmpty ? 24 : 4)
            try push(frame, at: start)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return }
            let content: YAMLNode.Content = frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items)
            try add(YAMLNode(content: content, start: frame.start, end: end, isFlow: frame.flow))
        default:
            break
        }
    }

    func refuse(anchor: UnsafeMutablePointer<yaml_char_t>?, tag: UnsafeMutablePointer<yaml_char_t>?, at mark: Mark) throws(YAMLError) {
        if let anchor {
            let name = String(cString: UnsafeRawPointer(anchor).assumingMemoryBound(to: CChar.self))
            throw YAMLError(
                "anchors (&\(name)) are not allowed in records", at: mark,
                hint: "remove the anchor and write every value out in full", code: "anchor", values: ["name": name])
        }
        if let tag {
            let name = String(cString: UnsafeRawPointer(tag).assumingMemoryBound(to: CChar.self))
            throw YAMLError(
                "explicit tags (\(name)) are not allowed in records", at: mark,
                hint: "remove the tag; quote the value if it must stay text", code: "tag", values: ["name": name])
        }
    }

    mutating func push(_ frame: Frame, at mark: Mark) throws(YAMLError) {
        if stack.count >= limits.maxDepth {
            throw YAMLError(
                "nesting deeper than \(limits.maxDepth) levels", at: mark,
                hint: "records are a few levels deep; this file is not a huifang record", code: "too-deep",
                values: ["levels": String(limits.maxDepth)])
        }
        try claimKeySlot(at: mark)
        stack.append(frame)
    }

    /// A collection cannot be a mapping key.
    func claimKeySlot(at mark: Mark) throws(YAMLError) {
        if let top = stack.last, top.isMapping, top.key == nil {
            throw YAMLError("a mapping key must be a single value, not a list or mapping", at: mark)
        }
    }

    mutating func add(_ node: YAMLNode) throws(YAMLError) {
        let top = stack.count - 1
        guard top >= 0 else {
            root = node
            return
        }
        if !stack[top].isMapping {
            stack[top].items.append(node)
            return
        }
        if let (k, ks, ke) = stack[top].key {
            stack[top].pairs.append(YAMLPair(key: k, keyStart: ks, keyEnd: ke, value: node))
            stack[top].key = nil
            return
        }
        guard case .scalar(let k, _) = node.content else {
            throw YAMLError("a mapping key must be a single value, not a list or mapping", at: node.start)
        }
        let repeated: Bool
        if stack[top].pairs.count < 16 {
            repeated = stack[top].pairs.contains { $0.key == k }
        } else {
            if stack[top].keys == nil { stack[top].keys = Set(stack[top].pairs.lazy.map(\.key)) }
            repeated = !stack[top].keys!.insert(k).inserted
        }
        if repeated, let first = stack[top].pairs.first(where: { $0.key == k }) {
            throw YAMLError(
                "duplicate key '\(k)' (first at line \(first.keyStart.line), column \(first.keyStart.column))",
                at: node.start, hint: "keep one of the two and delete the other",
                code: "duplicate-key", values: ["key": k, "line": String(first.keyStart.line), "column": String(first.keyStart.column)])
        }
        stack[top].key = (k, node.start, node.end)
    }

    func mark(_ m: yaml_mark_t) -> Mark {
        Mark(line: Int(m.line) + 1, column: Int(m.column) + 1, index: Int(m.index))
    }

    func parserError(_ parser: yaml_parser_t) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        var where_ = mark(parser.problem_mark)
        if parser.error == YAML_READER_ERROR {
            where_ = position(ofByte: parser.problem_offset)
            let message: String
            let utf8 = problem.contains("utf-8") || problem.contains("UTF-8")
            if utf8 {
                message = "the file is not valid UTF-8 (\(problem))"
            } else {
                message = problem
            }
            return YAMLError(message, at: where_, hint: "save the file as UTF-8 text",
                             code: utf8 ? "yaml-encoding" : "yaml-syntax", values: ["problem": problem])
        }
        var message = problem
        if let context = parser.context.map({ String(cString: $0) }) {
            message += " " + context
        }
        var hint: String? = "fix the YAML syntax at this place"
        let libyaml = message
        var code = "yaml-syntax"
        if lineHasTabIndentation(where_.line) {
            hint = "YAML indentation must use spaces, not tabs"
            message = "tab used for indentation (\(message))"
            code = "yaml-tab"
        }
        return YAMLError(message, at: where_, hint: hint, code: code, values: ["problem": libyaml])
    }

    func position(ofByte offset: Int) -> Mark {
        var line = 1
        var column = 1
        var chars = 0
        var i = 0
        while i < min(offset, bytes.count) {
            let b = bytes[i]
            if endsLine(at: i) {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
            if b & 0xC0 != 0x80 { chars += 1 }
            i += 1
        }
        return Mark(line: line, column: column, index: chars)
    }

    /// LF, or a CR that is not the first half of CRLF: the line breaks libyaml counts.
    func endsLine(at i: Int) -> Bool {
        bytes[i] == UInt8(ascii: "\n") || (bytes[i] == UInt8(ascii: "\r") && (i + 1 == bytes.count || bytes[i + 1] != UInt8(ascii: "\n")))
    }

    func lineHasTabIndentation(_ line: Int) -> Bool {
        var current = 1
        var i = 0
        while i < bytes.count, current < line {
            if endsLine(at: i) { current += 1 }
            i += 1
        }
        while i < bytes.count, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") {
            if bytes[i] == UInt8(ascii: "\t") { return true }
            i += 1
        }
        return false
    }
}
