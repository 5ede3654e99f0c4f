import HuifangCore
import HuifangYAML
import Testing

@testable import HuifangStore

/// Issue 17: `recorded:` (the day a record was entered) on every record, read alike by the fast
/// decoder, the tree decoder and the cache.
@Suite struct RecordedDayTests {
    static let visit = FastRecordDecoderTests.fullVisit + "recorded: 2026-11-30\n"
    static let issue = FastRecordDecoderTests.fullIssue + "recorded: 2026-03-06\n"

    static func cached(_ o: RepositoryLoader.Outcome, path: String) throws -> RepositoryLoader.Outcome {
        let encoded = RecordCache.encode(o)
        return try encoded.withUnsafeBufferPointer { buffer in
            var reader = BinaryReader(buffer)
            return try RecordCoding.outcome(&reader, path: path)
        }
    }

    @Test func bothDecodersAndTheCacheReadRecordedOfAVisit() throws {
        let (fast, tree) = FastRecordDecoderTests.both(Self.visit, visit: "2026-03-05-v-0000abcd.yaml")
        let v = try #require(fast, "the fast path declined a visit with recorded:")
        #expect(v.recorded == Day("2026-11-30"))
        #expect(FastRecordDecoderTests.same(.visit(v), tree))
        guard case .visit(let t)? = tree.record else { Issue.record("no visit from the tree: \(tree.findings)"); return }
        #expect(t.recorded == Day("2026-11-30"))
        #expect(t.recordedOn == Day("2026-11-30") && t.ownDate == Day("2026-03-05"))
        guard case .visit(let c)? = try Self.cached(tree, path: t.location.path).record else { Issue.record("no visit from the cache"); return }
        #expect(c.recorded == Day("2026-11-30"))
    }

    @Test func bothDecodersAndTheCacheReadRecordedOfAnIssue() throws {
        let (fast, tree) = FastRecordDecoderTests.both(Self.issue, issue: "i-0000aaaa.yaml")
        let i = try #require(fast)
        #expect(i.recorded == Day("2026-03-06"))
        #expect(FastRecordDecoderTests.same(.issue(i), tree))
        guard case .issue(let c)? = try Self.cached(tree, path: i.location.path).record else { Issue.record("no issue from the cache"); return }
        #expect(c.recorded == Day("2026-03-06"))
    }

    /// A record without it counts as recorded on its own date; the cache keeps it absent.
    @Test func aHandWrittenRecordCountsAsRecordedOnItsOwnDate() throws {
        let (fast, tree) = FastRecordDecoderTests.both(FastRecordDecoderTests.fullVisit, visit: "2026-03-05-v-0000abcd.yaml")
        let v = try #require(fast)
        #expect(v.recorded == nil && v.recordedOn == Day("2026-03-05"))
        guard case .visit(let c)? = try Self.cached(tree, path: v.location.path).record else { Issue.record("no visit from the cache"); return }
        #expect(c.recorded == nil)
    }

    /// A bad `recorded:` is the tree decoder's to explain, with its line, and the record is not read.
    @Test func aBadRecordedDayIsAnErrorAtItsLine() throws {
        for bad in ["recorded: 2026-02-30", "recorded: [2026-11-30]", "recorded: yesterday"] {
            let text = FastRecordDecoderTests.fullVisit + bad + "\n"
            let (fast, tree) = FastRecordDecoderTests.both(text, visit: "2026-03-05-v-0000abcd.yaml")
            #expect(fast == nil, "the fast path took \(bad)")
            #expect(tree.record == nil, "the tree decoder read a visit with \(bad)")
            let f = try #require(tree.findings.first { $0.severity == .error })
            #expect(f.line == 27, "\(bad): \(f)")
        }
    }

    /// The encoder writes it last (the documented key order), and reads back the same.
    @Test func theEncoderWritesRecordedLastOnEveryKindOfRecord() throws {
        let (fast, _) = FastRecordDecoderTests.both(Self.visit, visit: "2026-03-05-v-0000abcd.yaml")
        let v = try #require(fast)
        #expect(RecordEncoder.visit(v).hasSuffix("recorded: 2026-11-30\n"))
        var plain = v
        plain.recorded = nil
        #expect(!RecordEncoder.visit(plain).contains("recorded"))
        #expect(RecordEncoder.visit(plain.entered(Day("2026-12-01")!)).hasSuffix("recorded: 2026-12-01\n"))
        #expect(plain.entered(Day("2026-12-01")!).entered(Day("2026-12-24")!).recorded == Day("2026-12-01"), "entered keeps a day already there")
        let event = Event(id: "2026-09-28-upgrade", date: Day("2026-09-28")!, kind: .upgrade, title: "V3", projects: [], tags: [],
                          location: SourceLocation(path: "events/2026-09-28-upgrade.yaml")).entered(Day("2026-10-02")!)
        #expect(RecordEncoder.event(event) == "date: 2026-09-28\nkind: upgrade\ntitle: V3\nrecorded: 2026-10-02\n")
        for list in [RecordKeys.project, RecordKeys.visit, RecordKeys.issue, RecordKeys.improvement, RecordKeys.event, RecordKeys.assessmentReview] {
            #expect(list.last == "recorded")
        }
    }
}

/// Issue 17: the digest of the records a closed quarter was computed from (docs/CLOSING.md).
@Suite struct RecordDigestTests {
    static func records(_ visitText: String) throws -> Records {
        let (fast, _) = FastRecordDecoderTests.both(visitText, visit: "2026-03-05-v-0000abcd.yaml")
        var r = Records(config: Config(), calendar: WorkCalendar())
        r.visits = [try #require(fast)]
        return r
    }

    @Test func theDigestFollowsTheContentNotTheFormatting() throws {
        let q1 = Period("2026Q1")!
        let base = try RecordDigest.of(Self.records(FastRecordDecoderTests.fullVisit), period: q1)
        #expect(base.count == 16 && base.allSatisfy { $0.isHexDigit })
        // A comment, another key order or quoting: the same records.
        let reformatted = FastRecordDecoderTests.fullVisit.replacingOccurrences(of: "# a hand-written comment\n", with: "")
            .replacingOccurrences(of: "visitor: \"张伟\"", with: "visitor: 张伟")
        #expect(try RecordDigest.of(Self.records(reformatted), period: q1) == base)
        // A changed value is another digest.
        #expect(try RecordDigest.of(Self.records(FastRecordDecoderTests.fullVisit.replacingOccurrences(of: "nps: 9", with: "nps: 8")), period: q1) != base)
        // A visit after the quarter's end does not bear on it; one before it does.
        var later = try Self.records(FastRecordDecoderTests.fullVisit)
        let empty = RecordDigest.of(Records(config: Config(), calendar: WorkCalendar()), period: q1)
        #expect(RecordDigest.of(later, period: Period("2025Q4")!) == empty)
        later.visits[0].recorded = Day("2026-03-06")
        #expect(RecordDigest.of(later, period: q1) != base, "recorded: is part of the record")
    }
}
