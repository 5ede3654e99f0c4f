import HuifangCore
import HuifangYAML

/// Where the state of a customer need lives: `needs/NID.yaml`, one small file per need that was
/// updated (a need never updated is `new`), so that a reviewer sees each change in a diff and
/// the read path of the other records is not touched (only `need` and `report needs` read it).
/// The commands read and write it through here, never through HuifangYAML themselves.
public enum NeedFile {
    public static let folder = "needs"

    /// The file of need `id`, relative to the repository.
    public static func path(_ id: String) -> String { "\(folder)/\(id).yaml" }

    /// Why a need's file cannot be read or updated: where, and what (in codes and values: the
    /// command says it in the language).
    public struct Problem: Error, Sendable {
        public enum Kind: Sendable, Equatable {
            /// The YAML itself: its finding code (nil when it has none), values and English message.
            case yaml(code: String?, values: [String: String], message: String)
            case notMapping
            /// `need:` is not the file's own id.
            case wrongID(expected: String)
            /// `status:` is missing or not one of `NeedStatus`.
            case badStatus
        }

        public var path: String
        public var line: Int
        public var column: Int
        public var kind: Kind
    }

    /// Every state written. A file that cannot be read is an error with its place (the
    /// command refuses, rather than count the need as new); so is one that cannot be opened.
    public static func readAll(_ repo: Repository) throws -> [String: NeedState] {
        guard let entries = FileSystem.list(repo.path(folder)) else { return [:] }
        var out: [String: NeedState] = [:]
        for e in entries where !e.isDirectory && e.name.hasSuffix(".yaml") && !e.name.hasPrefix(".") {
            let relative = folder + "/" + e.name
            let bytes: [UInt8]
            do { bytes = try FileSystem.read(repo.path(relative), limit: 1 << 20) } catch { throw StoreError.io(error) }
            let (id, state) = try decode(bytes, relative)
            out[id] = state
        }
        return out
    }

    /// The need's id and state in the file at `relative`.
    public static func decode(_ bytes: [UInt8], _ relative: String) throws(Problem) -> (String, NeedState) {
        func bad(_ line: Int, _ column: Int, _ kind: Problem.Kind) -> Problem { Problem(path: relative, line: line, column: column, kind: kind) }
        let node: YAMLNode?
        do { node = try YAMLParser.parse(bytes) } catch {
            throw bad(error.mark.line, error.mark.column, .yaml(code: error.code, values: error.values, message: error.message))
        }
        guard let node, node.pairs != nil else { throw bad(1, 1, .notMapping) }
        let name = String(relative.dropFirst(folder.count + 1).dropLast(5))
        guard let id = node["need"]?.scalar, id == name else { throw bad(node.start.line, node.start.column, .wrongID(expected: name)) }
        guard let raw = node["status"], let text = raw.scalar, let status = NeedStatus(rawValue: text) else {
            let at = node["status"]?.start ?? node.start
            throw bad(at.line, at.column, .badStatus)
        }
        func opt(_ key: String) -> String? { node[key]?.scalar.flatMap { $0.isEmpty ? nil : $0 } }
        return (id, NeedState(status: status, owner: opt("owner"), note: opt("note"), updated: opt("updated").flatMap(Day.init), text: opt("text")))
    }

    /// The bytes of the need's file once updated: set in place when it exists (comments and
    /// other keys stay), else written new.
    public static func encode(_ lead: NeedLead, _ state: NeedState, existing: [UInt8]?) throws(Problem) -> [UInt8] {
        var pairs: [(String, YAMLValue)] = [("need", .string(lead.id)), ("text", .string(lead.text)), ("status", .plain(state.status.rawValue))]
        if let o = state.owner { pairs.append(("owner", .string(o))) }
        if let n = state.note { pairs.append(("note", .string(n))) }
        if let u = state.updated { pairs.append(("updated", .plain(u.description))) }
        guard let existing else { return Array(YAMLWriter.document(pairs).utf8) }
        do {
            var e = try YAMLEditor(bytes: existing)
            let order = ["need", "text", "status", "owner", "note", "updated"]
            // The text too: the file is now the need's at this place (see NeedLeads.leads).
            for (k, v) in pairs where k != "need" { try e.set(k, to: v, order: order) }
            return e.bytes
        } catch {
            throw Problem(path: path(lead.id), line: error.mark.line, column: error.mark.column,
                          kind: .yaml(code: error.code, values: error.values, message: error.message))
        }
    }
}
