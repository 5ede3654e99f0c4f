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

    /// The record files of `loaded` that bear on `period` (see `RecordDigest`), in the order of
    /// the repository walk; nil when the load kept no checksums (`RecordChecksums.of`). The
    /// files that do not bear on it are the few dated after it: they are looked up, not the rest.
    public static func of(_ loaded: LoadedRepository, period: Period) -> RecordList? {
        let r = loaded.records, end = period.end
        var later = Set<String>()
        for v in r.visits where v.date > end { later.insert(v.location.path) }
        for i in r.issues where i.raised > end { later.insert(i.location.path) }
        for i in r.withdrawnIssues where i.raised > end { later.insert(i.location.path) }
        for m in r.improvements where m.due > end { later.insert(m.location.path) }
        for e in r.events where e.date > end { later.insert(e.location.path) }
        var kept = Set<String>()  // plans and assessment reviews: only those of the period
        for p in r.plans where p.year == end.year { kept.insert(p.location.path) }
        for a in r.assessments where a.period == period.label { kept.insert(a.location.path) }
        let files = RecordChecksums.of(loaded) { path, kind in
            switch kind {
            case .risk: false
            case .plan, .assessment: kept.contains(path)
            case .project: true
            case .visit, .issue, .improvement, .event: later.isEmpty || !later.contains(path)
            }
        }
        return files.map { RecordList(version: RecordChecksums.version, files: $0) }
    }

    /// records.txt as bytes.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(files.count * 64 + 64)
        out += Self.header.utf8
        out += version.utf8
        out.append(UInt8(ascii: "\n"))
        let digits = Array("0123456789abcdef".utf8)
        for f in files {
            var shift: UInt32 = 28
            for _ in 0..<8 {
                out.append(digits[Int((f.checksum >> shift) & 0xf)])
                shift &-= 4
            }
            out.append(UInt8(ascii: " "))
            out += f.path.utf8
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// XXH64 of `bytes`, 16 hex digits.
    public var digest: String {
        let h = bytes.withUnsafeBufferPointer { Checksum.xxh64($0) }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The list in `bytes` (records.txt); nil when it is not one.
    public init?(parsing bytes: [UInt8]) {
        let header = Array(Self.header.utf8)
        guard bytes.count > header.count, bytes.starts(with: header), bytes.last == UInt8(ascii: "\n"),
            let firstEnd = bytes.firstIndex(of: UInt8(ascii: "\n"))
        else { return nil }
        func hex(_ b: UInt8) -> UInt32? {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(b - UInt8(ascii: "a") + 10)
            default: nil
            }
        }
        var files: [(path: String, checksum: UInt32)] = []
        files.reserveCapacity(bytes.count / 64)
        let ok = bytes.withUnsafeBufferPointer { b -> Bool in
            var i = firstEnd + 1
            while i < b.count {
                guard i + 10 <= b.count, b[i + 8] == UInt8(ascii: " ") else { return false }
                var sum: UInt32 = 0
                for k in i..<(i + 8) {
                    guard let d = hex(b[k]) else { return false }
                    sum = sum << 4 | d
                }
                var e = i + 9
                while e < b.count, b[e] != UInt8(ascii: "\n") { e += 1 }
                guard e > i + 9, let path = String(validating: UnsafeBufferPointer(rebasing: b[(i + 9)..<e]), as: UTF8.self) else { return false }
                files.append((path, sum))
                i = e + 1
            }
            return true
        }
        guard ok, let version = String(validating: bytes[header.count..<firstEnd], as: UTF8.self) else { return nil }
        self.version = version
        self.files = files
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
