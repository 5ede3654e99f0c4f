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
