/// Edits a record's text in place, by the marks of its parsed nodes, so that a person's
/// comments, blank lines, key order, quoting and unknown keys stay byte-for-byte the same.
///
/// Every edit is re-parsed at once; an edit whose result does not parse is a bug and throws.
/// A UTF-8 byte-order mark and CRLF or CR-only line ends are kept (libyaml reads all three,
/// so `check` and the commands that update records agree), and new lines use the file's ending.
public struct YAMLEditor: Sendable {
    public private(set) var bytes: [UInt8]
    public private(set) var root: YAMLNode
    let limits: YAMLLimits

    public init(bytes: [UInt8], limits: YAMLLimits = .records) throws(YAMLError) {
        self.bytes = bytes
        self.limits = limits
        guard let root = try YAMLParser.parse(bytes, limits: limits), root.pairs != nil else {
            throw YAMLError("the file is not a YAML mapping", at: Mark(line: 1, column: 1, index: 0),
                            hint: "a record is a mapping of keys to values")
        }
        self.root = root
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    var hasBOM: Bool { bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF }

    var lineEnding: [UInt8] {
        guard let i = bytes.firstIndex(where: isBreak) else { return [UInt8(ascii: "\n")] }
        if bytes[i] == UInt8(ascii: "\n") { return [UInt8(ascii: "\n")] }
        return i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\n") ? [UInt8(ascii: "\r"), UInt8(ascii: "\n")] : [UInt8(ascii: "\r")]
    }

    /// A byte that ends a line: LF, or CR (alone, or the first half of CRLF).
    func isBreak(_ b: UInt8) -> Bool { b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") }

    /// The byte offset of a mark (libyaml's index counts characters and skips a BOM).
    func offset(of mark: Mark) -> Int {
        var i = hasBOM ? 3 : 0
        var chars = 0
        while i < bytes.count, chars < mark.index {
            i += 1
            while i < bytes.count, bytes[i] & 0xC0 == 0x80 { i += 1 }
            chars += 1
        }
        return i
    }

    /// The offset just after the line break that ends the line holding `offset`.
    func endOfLine(from offset: Int) -> Int {
        var i = offset
        while i < bytes.count, !isBreak(bytes[i]) { i += 1 }
        if i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\r"), bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
        return min(i + 1, bytes.count)
    }

    func mapping(at path: [String]) throws(YAMLError) -> YAMLNode {
        var node = root
        for key in path {
            guard let next = node[key], next.pairs != nil else {
                throw YAMLError("no mapping at '\(path.joined(separator: "."))'", at: node.start)
            }
            node = next
        }
        return node
    }

    mutating func splice(_ range: Range<Int>, with text: [UInt8]) throws(YAMLError) {
        var copy = bytes
        copy.replaceSubrange(range, with: text)
        guard let parsed = try YAMLParser.parse(copy, limits: limits), parsed.pairs != nil else {
            throw YAMLError("an edit left the file without its mapping", at: Mark(line: 1, column: 1, index: 0))
        }
        bytes = copy
        root = parsed
    }

    /// Sets `key` of the mapping at `path` to `value`. An existing value is replaced where it
    /// stands; a missing key is inserted after the last of `order`'s keys before it that the
    /// mapping has (the record's documented key order), else at the mapping's end.
    public mutating func set(_ key: String, to value: YAMLValue, in path: [String] = [], order: [String] = []) throws(YAMLError) {
        let map = try mapping(at: path)
        let pairs = map.pairs ?? []
        if let pair = pairs.first(where: { $0.key == key }) {
            let v = pair.value
            let newText = YAMLWriter.inline(value)
            if v.scalar != nil || v.isFlow {
                if v.isNull && v.start.index == v.end.index {
                    // `key:` with nothing after it: the empty scalar sits at the next token.
                    let at = offset(of: pair.keyEnd)
                    let colon = at < bytes.count && bytes[at] == UInt8(ascii: ":") ? at + 1 : at
                    try splice(colon..<colon, with: Array((" " + newText).utf8))
                } else {
                    try splice(offset(of: v.start)..<offset(of: v.end), with: Array(newText.utf8))
                }
            } else {
                let from = offset(of: pair.keyEnd)
                let to = offset(of: v.contentEnd)
                try splice(from..<to, with: Array((": " + newText).utf8))
            }
            return
        }
        try insert(key, value, into: map, order: order)
    }

    mutating func insert(_ key: String, _ value: YAMLValue, into map: YAMLNode, order: [String]) throws(YAMLError) {
        let pairs = map.pairs ?? []
        if map.isFlow {
            let close = offset(of: map.end) - 1
            let sep = pairs.isEmpty ? "" : ", "
            try splice(close..<close, with: Array((sep + key + ": " + YAMLWriter.inline(value)).utf8))
            return
        }
        var anchor: YAMLPair?
        if let position = order.firstIndex(of: key) {
            let before = Set(order[..<position])
            anchor = pairs.last { before.contains($0.key) }
        }
        let indent = (pairs.first?.keyStart.column ?? 1) - 1
        let line = blockLines(key, value, indent: indent)
        let at: Int
        if let anchor {
            at = endOfLine(from: offset(of: anchor.value.contentEnd))
        } else if !pairs.isEmpty, order.contains(key) {
            // Goes before every key the documented order puts after it: at the first key.
            at = lineStart(of: offset(of: pairs[0].keyStart))
        } else if let last = pairs.last {
            at = endOfLine(from: offset(of: last.value.contentEnd))
        } else {
            at = bytes.count
        }
        var text = line
        if at > 0, at == bytes.count, !isBreak(bytes[at - 1]) {
            text = lineEnding + text
        }
        try splice(at..<at, with: text)
    }

    func lineStart(of offset: Int) -> Int {
        var i = offset
        while i > 0, !isBreak(bytes[i - 1]) { i -= 1 }
        return i
    }

    func blockLines(_ key: String, _ value: YAMLValue, indent: Int) -> [UInt8] {
        var text = ""
        YAMLWriter.writeBlockMapping([(key, value)], indent: indent, into: &text)
        return Array(text.replacingNewlines(with: String(decoding: lineEnding, as: UTF8.self)).utf8)
    }

    /// Appends `item` to the list under `key` (a block list gains a `- item` line at the
    /// indentation of its items; a flow list gains `, item`). A missing key is inserted as
    /// a one-item list (block, or `[item]` with `flow`), in `order`.
    public mutating func append(_ item: YAMLValue, to key: String, in path: [String] = [], order: [String] = [], flow: Bool = false) throws(YAMLError) {
        let map = try mapping(at: path)
        guard let pair = map.pairs?.first(where: { $0.key == key }) else {
            try insert(key, .sequence([item], flow: flow), into: map, order: order)
            return
        }
        let list = pair.value
        if list.isNull {
            try set(key, to: .sequence([item], flow: true), in: path, order: order)
            return
        }
        guard let items = list.items else {
            throw YAMLError("'\(key)' is \(list.kindDescription), not a list", at: list.start,
                            hint: "make '\(key)' a list to add to it")
        }
        let newText = YAMLWriter.inline(item)
        if list.isFlow {
            let close = offset(of: list.end) - 1
            try splice(close..<close, with: Array(((items.isEmpty ? "" : ", ") + newText).utf8))
            return
        }
        guard let last = items.last else { return }
        // The dash of the last item: the first '-' before its content on its line.
        let itemStart = offset(of: last.start)
        var dash = itemStart
        while dash > 0, !isBreak(bytes[dash - 1]) {
            dash -= 1
            if bytes[dash] == UInt8(ascii: "-") { break }
        }
        let indent = dash - lineStart(of: dash)
        let at = endOfLine(from: offset(of: last.contentEnd))
        var text = Array((String(repeating: " ", count: indent) + "- " + newText).utf8) + lineEnding
        if at == bytes.count, at > 0, !isBreak(bytes[at - 1]) {
            text = lineEnding + text.dropLast(lineEnding.count)
        }
        try splice(at..<at, with: text)
    }

    /// Removes `key` and its value (the whole lines they occupy) from the mapping at `path`.
    public mutating func remove(_ key: String, in path: [String] = []) throws(YAMLError) {
        let map = try mapping(at: path)
        guard let pair = map.pairs?.first(where: { $0.key == key }) else { return }
        if map.isFlow {
            throw YAMLError("cannot remove '\(key)' from a one-line mapping", at: pair.keyStart)
        }
        let from = lineStart(of: offset(of: pair.keyStart))
        let to = endOfLine(from: offset(of: pair.value.contentEnd))
        try splice(from..<to, with: [])
    }
}
