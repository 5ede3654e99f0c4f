import HuifangYAML

/// Where a record made by `huifang import` came from: the `imported:` key it carries (file,
/// sheet, row and the row's digest), so that importing the same file again skips the rows
/// already imported and names the ones changed since. Written and read here, never by the
/// commands themselves.
public enum ImportOrigin {
    /// The `imported:` line (a YAML document of one key) for a record made from `row` of `file`.
    public static func text(file: String, sheet: String?, row: Int, digest: String) -> String {
        YAMLWriter.document([("imported", .flowMap(
            [("file", .string(file))] + (sheet.map { [("sheet", YAMLValue.string($0))] } ?? [])
                + [("row", .int(row)), ("digest", .string(digest))]))])
    }

    /// A record's origin, with the record's own id.
    public struct Found: Sendable, Equatable {
        public var file: String
        public var sheet: String?
        public var row: Int
        public var digest: String
        public var id: String?
    }

    /// The origin in a record file's bytes; nil when it has none or cannot be read (a byte
    /// search first: most records were not imported).
    public static func read(_ bytes: [UInt8]) -> Found? {
        guard contains(bytes, Array("\nimported:".utf8)),
            let node = try? YAMLParser.parse(bytes), let origin = node["imported"],
            let file = origin["file"]?.scalar, let row = origin["row"]?.scalar.flatMap({ Int($0) }),
            let digest = origin["digest"]?.scalar
        else { return nil }
        return Found(file: file, sheet: origin["sheet"]?.scalar, row: row, digest: digest, id: node["id"]?.scalar)
    }

    static func contains(_ b: [UInt8], _ needle: [UInt8]) -> Bool {
        guard b.count >= needle.count else { return false }
        var i = 0
        let last = b.count - needle.count
        while i <= last {
            if b[i] == needle[0] && b[i + 1] == needle[1] {
                var k = 2
                while k < needle.count && b[i + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}

/// An import's column map (`huifang import --map FILE`): its top-level keys in the file's order,
/// each with its place, for the command to check against the fields it knows. Only the YAML is
/// read here; what the keys mean is the command's.
public enum ImportMapFile {
    /// A place in the map file (1-based).
    public struct Place: Sendable, Equatable {
        public var line: Int
        public var column: Int
    }

    /// `key: value` under one of the map's sections; `value` is nil when it is not a scalar.
    public struct Entry: Sendable {
        public var key: String
        public var keyAt: Place
        public var value: String?
        public var valueAt: Place
    }

    /// One field's words under `values:`; `words` is empty when it is not a mapping.
    public struct Words: Sendable {
        public var field: String
        public var fieldAt: Place
        public var words: [Entry]
    }

    /// A top-level key of the map, in the file's order.
    public enum Item: Sendable {
        case sheet(String?)
        case headerRow(String?, at: Place)
        case columns([Entry])
        case values([Words])
        case defaults([Entry])
        case unknown(String, at: Place)
    }

    /// Why the file is not a map.
    public enum Problem: Error, Sendable {
        /// Not YAML that libyaml reads (the parser's message, with its place).
        case yaml(String)
        /// YAML, but not a mapping.
        case notMapping(at: Place)
    }

    /// The map's keys in order; empty for an empty file.
    public static func parse(_ bytes: [UInt8]) throws(Problem) -> [Item] {
        let root: YAMLNode?
        do { root = try YAMLParser.parse(bytes) } catch { throw .yaml("\(error)") }
        guard let root, let pairs = root.pairs else {
            if root == nil || root?.isNull == true { return [] }
            throw .notMapping(at: place(root!.start))
        }
        func entries(_ node: YAMLNode) -> [Entry] {
            (node.pairs ?? []).map { Entry(key: $0.key, keyAt: place($0.keyStart), value: $0.value.scalar, valueAt: place($0.value.start)) }
        }
        return pairs.map { pair -> Item in
            switch pair.key {
            case "sheet": return .sheet(pair.value.scalar)
            case "header_row": return .headerRow(pair.value.scalar, at: place(pair.value.start))
            case "columns": return .columns(entries(pair.value))
            case "values":
                return .values((pair.value.pairs ?? []).map { Words(field: $0.key, fieldAt: place($0.keyStart), words: entries($0.value)) })
            case "defaults": return .defaults(entries(pair.value))
            default: return .unknown(pair.key, at: place(pair.keyStart))
            }
        }
    }

    /// `word` as a key or value in a map file (quoted when YAML would read it otherwise).
    public static func token(_ word: String) -> String { YAMLScalarQuoting.token(word) }

    static func place(_ m: Mark) -> Place { Place(line: m.line, column: m.column) }
}
