import Foundation
import HuifangCore
import HuifangYAML

/// `archive/PERIOD/`: the files `huifang close` writes (docs/CLOSING.md), read and written here
/// so that the commands never parse them themselves. `close.yaml` keeps every close and
/// reopening of the period (who, when, why), `kpis.json` the frozen figures and their digest,
/// `records.txt` the per-file checksums the digest was made of.
public enum PeriodArchiveFile {
    /// The period's archive folder, relative to the repository.
    public static func folder(_ label: String) -> String { "archive/\(label)" }

    /// The period's `close.yaml`, relative to the repository.
    public static func closeFile(_ label: String) -> String { folder(label) + "/close.yaml" }

    /// The period's `kpis.json`, relative to the repository.
    public static func kpisFile(_ label: String) -> String { folder(label) + "/kpis.json" }

    /// One line of `close.yaml`'s history.
    public struct Entry: Sendable, Equatable {
        public enum Action: String, Sendable { case closed, reopened }
        public var action: Action
        public var at: Day
        public var by: String?
        public var reason: String?
        public var digest: String?

        public init(action: Action, at: Day, by: String?, reason: String?, digest: String?) {
            self.action = action
            self.at = at
            self.by = by
            self.reason = reason
            self.digest = digest
        }

        var yaml: YAMLValue {
            var m: [(String, YAMLValue)] = [("action", .plain(action.rawValue)), ("at", .plain(at.description))]
            if let by { m.append(("by", .string(by))) }
            if let digest { m.append(("digest", .string(digest))) }
            if let reason { m.append(("reason", .string(reason))) }
            return .flowMap(m)
        }
    }

    /// An archive file that cannot be used: which (relative to the repository), and whether it
    /// could not be read at all (`unreadable`) or holds something else than huifang wrote.
    public struct Damaged: Error, Sendable, Equatable {
        public var file: String
        public var unreadable: Bool
    }

    /// What a close froze: its day, who closed, the digest of the records and each figure.
    public struct Frozen: Sendable {
        public var closedOn: Day
        public var by: String?
        public var digest: String
        public var figures: [(key: String, value: Double?)]
    }

    /// The text of `close.yaml` with `history`, oldest first.
    public static func closeText(_ label: String, _ history: [Entry]) -> String {
        YAMLWriter.document([("period", .plain(label)), ("history", .blockList(history.map(\.yaml)))])
    }

    /// The period's closes and reopenings, oldest first; empty when it was never closed.
    public static func history(_ repo: Repository, _ label: String) throws(Damaged) -> [Entry] {
        let path = repo.path(closeFile(label))
        guard FileSystem.exists(path) else { return [] }
        let bad = Damaged(file: closeFile(label), unreadable: false)
        let bytes: [UInt8]
        do { bytes = try FileSystem.read(path) } catch { throw Damaged(file: closeFile(label), unreadable: true) }
        guard let root = try? YAMLParser.parse(bytes), let items = root["history"]?.items else { throw bad }
        var out: [Entry] = []
        for item in items {
            guard let action = item["action"]?.scalar.flatMap(Entry.Action.init(rawValue:)),
                let at = item["at"]?.scalar.flatMap(Day.init)
            else { throw bad }
            out.append(Entry(action: action, at: at, by: item["by"]?.scalar, reason: item["reason"]?.scalar, digest: item["digest"]?.scalar))
        }
        return out
    }

    /// The close in force for quarter `label` with its frozen figures; nil when it is not closed.
    public static func frozen(_ repo: Repository, _ label: String) throws(Damaged) -> Frozen? {
        guard let last = try history(repo, label).last, last.action == .closed else { return nil }
        let bad = Damaged(file: kpisFile(label), unreadable: false)
        guard let bytes = try? FileSystem.read(repo.path(kpisFile(label))),
            let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
            let figures = object["figures"] as? [[String: Any]], let digest = object["digest"] as? String
        else { throw bad }
        var frozen: [(key: String, value: Double?)] = []
        for f in figures {
            guard let key = f["key"] as? String else { throw bad }
            frozen.append((key, (f["value"] as? NSNumber)?.doubleValue))
        }
        return Frozen(closedOn: last.at, by: last.by, digest: digest, figures: frozen)
    }

    /// The quarters that have an archive folder, by label (closed now or not).
    public static func archivedQuarters(_ repo: Repository) -> [Period] {
        (FileSystem.list(repo.path("archive")) ?? []).sorted(by: { $0.name < $1.name }).compactMap { entry in
            guard entry.isDirectory, let p = Period(entry.name), p.length == .quarter else { return nil }
            return p
        }
    }

    /// Whether the close of `label` archived per-file checksums (`records.txt`).
    public static func hasRecordList(_ repo: Repository, _ label: String) -> Bool {
        FileSystem.exists(repo.path(folder(label) + "/" + RecordList.fileName))
    }

    /// The per-file checksums archived by the close of `label`; nil when the archive has none
    /// (closed by a huifang that kept only the digest).
    public static func recordList(_ repo: Repository, _ label: String) throws(Damaged) -> RecordList? {
        let relative = folder(label) + "/" + RecordList.fileName
        guard FileSystem.exists(repo.path(relative)) else { return nil }
        guard let bytes = try? FileSystem.read(repo.path(relative)), let list = RecordList(parsing: bytes) else {
            throw Damaged(file: relative, unreadable: false)
        }
        return list
    }
}
