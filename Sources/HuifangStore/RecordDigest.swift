import HuifangCore

/// The digest of the records a closed period's figures were computed from (docs/CLOSING.md):
/// XXH64 over, in path order, each record's repository path, a NUL byte, the record as
/// `RecordEncoder` writes a new one (its content in the documented key order: comments, key
/// order, quoting and unknown keys of the file do not count), and a NUL byte; 16 hex digits.
/// The records are those that bear on `period`: every project, the visits, issues, events and
/// improvements dated on or before its last day (an issue by `raised`, an improvement by
/// `due`), the plan of its year and the assessment reviews for it.
public enum RecordDigest {
    public static func of(_ r: Records, period: Period) -> String {
        var parts: [(String, String)] = []
        let end = period.end
        for p in r.projects { parts.append((p.location.path, RecordEncoder.project(p))) }
        for v in r.visits where v.date <= end { parts.append((v.location.path, RecordEncoder.visit(v))) }
        for i in r.issues + r.withdrawnIssues where i.raised <= end { parts.append((i.location.path, RecordEncoder.issue(i))) }
        for m in r.improvements where m.due <= end { parts.append((m.location.path, RecordEncoder.improvement(m))) }
        for e in r.events where e.date <= end { parts.append((e.location.path, RecordEncoder.event(e))) }
        for p in r.plans where p.year == end.year { parts.append((p.location.path, RecordEncoder.plan(p))) }
        for a in r.assessments where a.period == period.label { parts.append((a.location.path, RecordEncoder.assessmentReview(a))) }
        parts.sort { $0.0 < $1.0 }
        var bytes: [UInt8] = []
        for (path, text) in parts {
            bytes += path.utf8
            bytes.append(0)
            bytes += text.utf8
            bytes.append(0)
        }
        let h = bytes.withUnsafeBytes { Checksum.xxh64($0) }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// The list of the record files that bear on a closed period with each file's checksum
/// (`RecordChecksums`), kept in `archive/PERIOD/records.txt` by `huifang close`, and the
/// digest made from it (docs/CLOSING.md): a first line `# huifang record checksums VERSION`,
/// then per file, in path order, its checksum in 8 lowercase hex digits, a space, its path.
/// The digest is XXH64 (seed 0, 16 hex digits) of the list's bytes.
public struct RecordList: Sendable, Equatable {
    public var version: String
    /// Path and checksum, in path order.
    public var files: [(path: String, checksum: UInt32)]

    public static func == (a: RecordList, b: RecordList) -> Bool {
        a.version == b.version && a.files.elementsEqual(b.files) { $0.path == $1.path && $0.checksum == $1.checksum }
    }

    public static let fileName = "records.txt"
    static let header = "# huifang record checksums "

    /// The record files of `r` that bear on `period` (see `RecordDigest`), by path.
    public static func paths(_ r: Records, period: Period) -> [String] {
        let end = period.end
        var out: [String] = []
        out.reserveCapacity(r.projects.count + r.visits.count + r.issues.count)
        for p in r.projects { out.append(p.location.path) }
        for v in r.visits where v.date <= end { out.append(v.location.path) }
        for i in r.issues where i.raised <= end { out.append(i.location.path) }
        for i in r.withdrawnIssues where i.raised <= end { out.append(i.location.path) }
        for m in r.improvements where m.due <= end { out.append(m.location.path) }
        for e in r.events where e.date <= end { out.append(e.location.path) }
        for p in r.plans where p.year == end.year { out.append(p.location.path) }
        for a in r.assessments where a.period == period.label { out.append(a.location.path) }
        out.sort()
        return out
    }

    /// The list of the files of `loaded` that bear on `period`; nil when the load kept no
    /// checksums (`RecordChecksums.of`).
    public static func of(_ loaded: LoadedRepository, period: Period) -> RecordList? {
        let paths = paths(loaded.records, period: period)
        guard let sums = RecordChecksums.of(loaded, paths: paths) else { return nil }
        return RecordList(version: RecordChecksums.version, files: paths.compactMap { p in sums[p].map { (p, $0) } })
    }

    public var text: String {
        var s = Self.header + version + "\n"
        s.reserveCapacity(files.count * 64)
        for f in files {
            let hex = String(f.checksum, radix: 16)
            s += String(repeating: "0", count: 8 - hex.count) + hex + " " + f.path + "\n"
        }
        return s
    }

    public var digest: String {
        let bytes = Array(text.utf8)
        let h = bytes.withUnsafeBufferPointer { Checksum.xxh64($0) }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The list in `bytes` (records.txt); nil when it is not one.
    public init?(parsing bytes: [UInt8]) {
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.last == "" else { return nil }
        lines.removeLast()
        guard let first = lines.first, first.hasPrefix(Self.header) else { return nil }
        version = String(first.dropFirst(Self.header.count))
        files = []
        files.reserveCapacity(lines.count)
        for line in lines.dropFirst() {
            let hex = line.prefix(8)
            guard hex.count == 8, line.dropFirst(8).first == " ", let sum = UInt32(hex, radix: 16) else { return nil }
            files.append((String(line.dropFirst(9)), sum))
        }
    }

    public init(version: String, files: [(path: String, checksum: UInt32)]) {
        self.version = version
        self.files = files
    }

    /// The files of `now` that differ from `self` (the list of the close): changed (both have
    /// it, with another checksum), added (only `now`), removed (only `self`), each by path.
    public func changes(to now: RecordList) -> (changed: [String], added: [String], removed: [String]) {
        var then: [String: UInt32] = [:]
        then.reserveCapacity(files.count)
        for f in files { then[f.path] = f.checksum }
        var changed: [String] = [], added: [String] = []
        for f in now.files {
            if let c = then.removeValue(forKey: f.path) {
                if c != f.checksum { changed.append(f.path) }
            } else {
                added.append(f.path)
            }
        }
        return (changed, added, then.keys.sorted())
    }
}
