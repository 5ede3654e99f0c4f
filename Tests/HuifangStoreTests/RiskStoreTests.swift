import HuifangCore
import HuifangYAML
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@testable import HuifangStore

/// Issue 19: risk records (`projects/ID/risks/RID.yaml`) through both decoders, the loader, the
/// cache, the encoder and in-place updates.
@Suite struct RiskStoreTests {
    static let full = """
        # a hand-written comment
        id: r-0000abcd
        title: "数据库版本停止支持"
        category: technical
        probability: 4
        impact: 5
        response: mitigate
        plan: 升级到 15，先在测试环境验证
        owner: 张伟
        raised: 2026-11-02
        review_every: 2w
        status: open
        history:
          - {at: 2026-11-02, action: opened, by: 张伟}
          - at: 2026-11-16
            action: updated
            by: 王芳
            probability: 4
            impact: 5
            plan: 升级到 15，先在测试环境验证
            note: 厂商确认停止支持日期
          - {at: 2026-11-20, action: closed, reason: 已升级}

        """

    /// The same as `risk add` writes it now: with the day it was entered.
    static let fullRecorded = full + "recorded: 2026-11-03\n"

    static let job = RepositoryLoader.Job.risk(project: ProjectID("acme-erp")!, file: "r-0000abcd.yaml")
    static let path = "projects/acme-erp/risks/r-0000abcd.yaml"

    static func tree(_ text: String, file: String = "r-0000abcd.yaml") -> RepositoryLoader.Outcome {
        RepositoryLoader.decode(Array(text.utf8), "projects/acme-erp/risks/" + file, .risk(project: ProjectID("acme-erp")!, file: file),
                                config: Config(), fastDecoding: false)
    }

    static func fast(_ text: String, file: String = "r-0000abcd.yaml") -> RepositoryLoader.Decoded? {
        RepositoryLoader.fastDecode(Array(text.utf8), "projects/acme-erp/risks/" + file, .risk(project: ProjectID("acme-erp")!, file: file),
                                    config: Config())
    }

    @Test func bothDecodersReadEveryField() throws {
        let tree = Self.tree(Self.full)
        #expect(tree.findings.isEmpty, "\(tree.findings.map(\.message))")
        guard case .risk(let k)? = tree.record else { Issue.record("no risk"); return }
        #expect(k.id.rawValue == "r-0000abcd" && k.project.rawValue == "acme-erp" && k.title == "数据库版本停止支持")
        #expect(k.category == .technical && k.probability == 4 && k.impact == 5 && k.score == 20 && k.response == .mitigate)
        #expect(k.reviewEvery == Duration(2, .weeks) && k.status == .open && k.raised == Day("2026-11-02")!)
        #expect(k.history.count == 3 && k.history[1].note == "厂商确认停止支持日期" && k.history[1].probability == 4)
        #expect(k.history[2].reason == "已升级" && k.closing?.at == Day("2026-11-20")!)
        #expect(k.recorded == nil && k.recordedOn == Day("2026-11-02")!, "without recorded: the day it was raised")
        let fast = try #require(Self.fast(Self.full))
        #expect(FastRecordDecoderTests.same(fast, tree))
        // recorded: read alike by both decoders; a bad day is refused by both.
        let withDay = Self.tree(Self.fullRecorded)
        guard case .risk(let t)? = withDay.record, case .risk(let f)? = Self.fast(Self.fullRecorded) else { Issue.record("no risk"); return }
        #expect(withDay.findings.isEmpty && t.recorded == Day("2026-11-03")! && t.recordedOn == Day("2026-11-03")! && f.recorded == t.recorded)
        #expect(FastRecordDecoderTests.same(.risk(f), withDay))
        let bad = Self.fullRecorded.replacingOccurrences(of: "recorded: 2026-11-03", with: "recorded: 2026-13-03")
        #expect(!Self.tree(bad).findings.isEmpty && Self.fast(bad) == nil)
    }

    @Test func problemsAreFindingsAtTheirPlaceAndTheFastDecoderDeclines() {
        let cases: [(String, String)] = [
            ("probability: 4", "probability: 6"),
            ("category: technical", "category: 技术"),
            ("response: mitigate", "response: reduce"),
            ("review_every: 2w", "review_every: soon"),
            ("status: open", "status: done"),
            ("owner: 张伟\n", ""),
            ("status: open", "status: open\nextra: 1"),
            ("  - {at: 2026-11-02, action: opened, by: 张伟}", "  - {action: opened, by: 张伟}"),
        ]
        for (old, new) in cases {
            let text = Self.full.replacingOccurrences(of: old, with: new)
            let tree = Self.tree(text)
            #expect(!tree.findings.isEmpty, "no finding for \(new)")
            #expect(tree.findings.allSatisfy { $0.line > 0 || $0.message.contains("missing") || $0.code == .missingKey }, "\(tree.findings)")
            #expect(Self.fast(text) == nil, "the fast decoder took \(new)")
        }
        // A file named after another id.
        let misnamed = Self.tree(Self.full, file: "r-1111abcd.yaml")
        #expect(misnamed.record == nil && misnamed.findings.first?.code == .riskFileName)
        #expect(misnamed.findings.first?.values["expected"] == "r-0000abcd.yaml")
        #expect(Self.fast(Self.full, file: "r-1111abcd.yaml") == nil)
    }

    /// Both decoders on mutated risks: whenever the fast decoder accepts a file, the tree
    /// decoder gives no finding and the same record, byte for byte in the cache's form.
    @Test func theFastDecoderAcceptsOnlyWhatTheTreeDecodesTheSame() {
        var rng = FuzzTests.Rng(state: 19_19)
        var accepted = 0
        var declined = 0
        for round in 0..<3000 {
            let base = round % 2 == 0 ? Self.full : Self.fullRecorded
            let reordered = round % 8 < 3 ? FuzzTests.reorder(base, &rng) : base
            let bytes = round % 8 == 0 ? Array(reordered.utf8) : FuzzTests.mutate(reordered, &rng)
            let tree = RepositoryLoader.decode(bytes, Self.path, Self.job, config: Config(), fastDecoding: false)
            guard let fast = RepositoryLoader.fastDecode(bytes, Self.path, Self.job, config: Config()) else {
                declined += 1
                continue
            }
            accepted += 1
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(tree.findings.isEmpty, "the fast decoder took a file with findings \(tree.findings.map(\.message)):\n\(text)")
            #expect(RecordCache.encode(.init(record: fast, findings: [])) == RecordCache.encode(tree),
                    "the fast decoder's record differs from the tree decoder's:\n\(text)")
        }
        #expect(accepted > 300 && declined > 300, "both outcomes exercised: \(accepted) accepted, \(declined) declined")
    }

    @Test func theEncoderWritesWhatTheDecoderReadsBack() throws {
        let k = Risk(id: RiskID("r-12345678")!, project: ProjectID("acme-erp")!, title: "关键人员: 离职", category: .resource,
                     probability: 2, impact: 3, response: .accept, plan: "# 文档化", owner: "Li", raised: Day("2026-11-02")!,
                     reviewEvery: nil, history: [RiskHistoryEntry(at: Day("2026-11-02")!, action: "opened", by: "Li")],
                     location: SourceLocation(path: "projects/acme-erp/risks/r-12345678.yaml")).entered(Day("2026-11-04")!)
        let text = RecordEncoder.risk(k)
        #expect(text.hasSuffix("recorded: 2026-11-04\n"), "\(text)")
        #expect(!text.contains("review_every"))
        let tree = Self.tree(text, file: "r-12345678.yaml")
        #expect(tree.findings.isEmpty)
        let fast = try #require(Self.fast(text, file: "r-12345678.yaml"))
        #expect(FastRecordDecoderTests.same(fast, tree))
        guard case .risk(let back)? = tree.record else { Issue.record("no risk"); return }
        #expect(back.title == k.title && back.plan == k.plan && back.reviewEvery == nil && back.history == k.history)
        #expect(back.recorded == Day("2026-11-04")!)
    }

    @Test func theLoaderReadsRisksFromTheCacheTheSame() throws {
        let (t, repo) = try TempFolder.repository()
        defer { t.remove() }
        let closed = Self.full.replacingOccurrences(of: "status: open", with: "status: closed")
        try t.write(Self.path, closed)
        try t.write("projects/acme-erp/risks/r-2222abcd.yaml", closed.replacingOccurrences(of: "r-0000abcd", with: "r-2222abcd"))
        sleep(1)  // change times in an earlier second than the cache's: not racy
        let first = RepositoryLoader.load(repo, .init(useCache: true))
        #expect(first.findings.filter { $0.severity == .error }.isEmpty, "\(first.findings)")
        #expect(first.records.risks.map(\.id.rawValue) == ["r-0000abcd", "r-2222abcd"])
        RecordCache.waitForSave()
        let second = RepositoryLoader.load(repo, .init(useCache: true))
        #expect(second.cachedFiles == second.fileCount - 2, "every record from the cache (\(second.cachedFiles) of \(second.fileCount))")
        #expect(second.records.risks.map(\.id.rawValue) == first.records.risks.map(\.id.rawValue))
        #expect(second.records.risks.map(\.history) == first.records.risks.map(\.history))
        let tree = RepositoryLoader.load(repo, .init(useCache: false, fastDecoding: false))
        #expect(tree.records.risks.map(\.score) == [20, 20])
    }

    @Test func aBrokenOrDuplicatedRiskIsUnreadableAndNamed() throws {
        let (t, repo) = try TempFolder.repository()
        defer { t.remove() }
        try t.write(Self.path, Self.full.replacingOccurrences(of: "impact: 5", with: "impact: 9"))
        try t.write("projects/acme-erp/risks/r-3333abcd.yaml", Self.full.replacingOccurrences(of: "r-0000abcd", with: "r-3333abcd"))
        try t.write("projects/acme-erp/risks/r-4444abcd.yaml", Self.full.replacingOccurrences(of: "r-0000abcd", with: "r-3333abcd"))
        let l = RepositoryLoader.load(repo, .init(useCache: false))
        let unreadable = l.unreadable
        #expect(unreadable.map(\.path) == [Self.path, "projects/acme-erp/risks/r-4444abcd.yaml"])
        #expect(unreadable.allSatisfy { $0.kind == .risk && $0.project?.rawValue == "acme-erp" })
        #expect(unreadable.map(\.id) == ["r-0000abcd", "r-4444abcd"])
        #expect(l.records.risks.map(\.id.rawValue) == ["r-3333abcd"])
    }

    @Test func anUpdateKeepsCommentsAndUnknownKeysAndAppendsTheHistory() throws {
        let (t, repo) = try TempFolder.repository()
        defer { t.remove() }
        let text = Self.full.replacingOccurrences(of: "  - {at: 2026-11-20, action: closed, reason: 已升级}\n", with: "")
            .replacingOccurrences(of: "status: open", with: "status: open  # 仍在跟进\ncustom: {ticket: OPS-7}")
        try t.write(Self.path, text)
        let l = RepositoryLoader.load(repo, .init(useCache: false))
        let old = try #require(l.records.risks.first)
        var new = old
        new.probability = 2
        new.status = .closed
        new.history.append(RiskHistoryEntry(at: Day("2026-11-25")!, action: "closed", by: "王芳", reason: "已升级"))
        let bytes = try RecordUpdate.risk(old, becomes: new, in: repo, config: l.records.config)
        let out = String(decoding: bytes, as: UTF8.self)
        #expect(out.hasPrefix("# a hand-written comment\n"))
        #expect(out.contains("probability: 2\n") && out.contains("status: closed  # 仍在跟进\ncustom: {ticket: OPS-7}"))
        #expect(out.hasSuffix("  - {at: 2026-11-25, action: closed, by: 王芳, reason: 已升级}\n"))
    }
}

/// Issue 19: `check`'s rules across a risk's lines.
@Suite struct RiskCheckTests {
    @Test func historyOutOfOrderAndContradictingStatusAreFindings() throws {
        let (t, repo) = try TempFolder.repository()
        defer { t.remove() }
        // Closed in the history, open in the status; a line dated before the one above it.
        try t.write(RiskStoreTests.path, RiskStoreTests.full.replacingOccurrences(of: "at: 2026-11-16", with: "at: 2026-10-16"))
        let l = RepositoryLoader.load(repo, .init(useCache: false))
        let codes = l.findings.filter { $0.path == RiskStoreTests.path }.map(\.code)
        #expect(codes == [.riskHistoryDate, .riskState], "\(l.findings)")
        let date = try #require(l.findings.first { $0.code == .riskHistoryDate })
        #expect(date.values["at"] == "2026-10-16" && date.values["before"] == "2026-11-02")
        // Made consistent: no finding.
        try t.write(RiskStoreTests.path, RiskStoreTests.full.replacingOccurrences(of: "status: open", with: "status: closed"))
        let fixed = RepositoryLoader.load(repo, .init(useCache: false))
        #expect(fixed.findings.filter { $0.path == RiskStoreTests.path }.isEmpty, "\(fixed.findings)")
    }
}
