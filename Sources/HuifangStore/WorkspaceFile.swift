import HuifangYAML

/// `workspace.yaml` (docs/WORKSPACE.md): the repositories a roll-up or a site reads, each a path
/// (relative to the file's folder) and an optional name. Only the YAML is read here, with every
/// problem of its shape at its place; whether each path is a repository is the command's.
///
///     repositories:
///       - path: south          # relative to workspace.yaml's folder
///         name: 南区            # optional: the folder's name
///       - ../north             # a path alone
public enum WorkspaceFile {
    /// A place in the file (1-based).
    public struct Place: Sendable, Equatable {
        public var line: Int
        public var column: Int
        public init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }
    }

    /// A repository the file lists: its path as written, and its name when given.
    public struct Listed: Sendable, Equatable {
        public var name: String?
        public var path: String
        public var at: Place
    }

    /// What is wrong with the file's shape, and where.
    public struct Problem: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            /// Not YAML libyaml reads (its message).
            case yaml(String)
            /// Not a mapping with a non-empty list under `repositories:`.
            case shape
            /// A key the file does not have (at the top, or in an item).
            case key(String)
            /// An item that is neither a path nor a mapping with `path:`.
            case item
            /// A `name:` that is not a plain name (empty, a collection, or with a `/`).
            case name
        }

        public var at: Place
        public var kind: Kind
    }

    /// The repositories listed, and every problem of the shape (not just the first): an item
    /// with a problem is not listed.
    public static func parse(_ bytes: [UInt8]) -> (listed: [Listed], problems: [Problem]) {
        var problems: [Problem] = []
        func bad(_ mark: Mark, _ kind: Problem.Kind) { problems.append(Problem(at: place(mark), kind: kind)) }
        let root: YAMLNode?
        do { root = try YAMLParser.parse(bytes) } catch {
            bad(error.mark, .yaml(error.message))
            return ([], problems)
        }
        guard let root, let pairs = root.pairs else {
            bad(root?.start ?? Mark(line: 1, column: 1, index: 0), .shape)
            return ([], problems)
        }
        for p in pairs where p.key != "repositories" { bad(p.value.start, .key(p.key)) }
        guard let list = root["repositories"], let items = list.items, !items.isEmpty else {
            bad(root["repositories"]?.start ?? root.start, .shape)
            return ([], problems)
        }
        var listed: [Listed] = []
        for item in items {
            if let path = item.scalar, !item.isNull {
                listed.append(Listed(name: nil, path: path, at: place(item.start)))
                continue
            }
            guard let fields = item.pairs else {
                bad(item.start, .item)
                continue
            }
            var fine = true
            for f in fields where f.key != "path" && f.key != "name" {
                bad(f.value.start, .key(f.key))
                fine = false
            }
            guard let path = item["path"]?.scalar, !(item["path"]?.isNull ?? true) else {
                bad(item.start, .item)
                continue
            }
            if let n = item["name"], n.scalar == nil || n.isNull || n.scalar!.contains("/") {
                bad(n.start, .name)
                fine = false
            }
            if fine { listed.append(Listed(name: item["name"]?.scalar, path: path, at: place(item.start))) }
        }
        return (listed, problems)
    }

    static func place(_ m: Mark) -> Place { Place(line: m.line, column: m.column) }
}
