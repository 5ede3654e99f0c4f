import HuifangCore
import HuifangYAML
import Testing

@testable import HuifangStore

/// Random and mutated records fed to the reader and the checks: never a crash, always a
/// clean error with a position, and the same answer twice.
@Suite struct FuzzTests {
    struct Rng: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let seeds: [String] = [
        """
        id: v-3fa2c91d
        date: 2026-03-14
        kind: first
        method: phone
        visitor: 王五
        contacts: [李四]
        summary: 系统运行稳定，报表导出偏慢。
        scores: {quality: 4, delivery: 5, service: 5, support: 3}
        overall: 4
        nps: 9
        quotes: ["报表导出太慢了"]
        issues: [i-7c1e0b2a]
        recorded: 2026-03-16

        """,
        """
        id: i-7c1e0b2a
        title: 报表导出超时
        raised: 2026-03-14
        source: visit
        visit: v-3fa2c91d
        category: technical
        severity: general
        owner: 刘强
        department: tech
        due: 2026-03-28
        status: resolved
        resolved: {date: 2026-03-20, summary: 已优化, on_spot: false}
        history:
          - {at: 2026-03-14, action: opened, by: 王五}
          - at: 2026-03-15
            action: escalated
            from: minor
            to: general
        recorded: 2026-03-14

        """,
    ]

    static let fragments: [String] = [
        "&a ", "*a", "!!str ", "---\n", "\t", "\u{FEFF}", "\r\n", "<<<<<<< HEAD\n", "[", "]", "{", "}", ": ", "- ", "\"", "'",
        "#", "|\n  ", ">\n  ", "\u{0}", "\u{1B}[31m", "2026-02-30", "99999999999999999999", "~", "null", "yes", "../x", "\n  ",
        String(repeating: "[", count: 50), "键: 值\n", "\u{FFFF}",
    ]

    static func mutate(_ text: String, _ rng: inout Rng) -> [UInt8] {
        var bytes = Array(text.utf8)
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            let at = Int.random(in: 0...bytes.count, using: &rng)
            switch Int.random(in: 0..<5, using: &rng) {
            case 0: bytes.insert(contentsOf: Array(fragments.randomElement(using: &rng)!.utf8), at: at)
            case 1: if at < bytes.count { bytes[at] = UInt8.random(in: 0...255, using: &rng) }
            case 2: bytes = Array(bytes.prefix(at))
            case 3: if at < bytes.count { bytes.remove(at: at) }
            default:
                let from = Int.random(in: 0...bytes.count, using: &rng)
                let len = Int.random(in: 0...min(40, bytes.count - from), using: &rng)
                bytes.insert(contentsOf: bytes[from..<(from + len)], at: min(at, bytes.count))
            }
        }
        return bytes
    }

    @Test func mutatedRecordsGiveCleanErrors() {
        var rng = Rng(state: 20_261_124)
        let config = Config()
        let jobs: [RepositoryLoader.Job] = [.visit(project: ProjectID("acme")!, file: "2026-03-14-v-3fa2c91d.yaml"),
                                            .issue(project: ProjectID("acme")!, file: "i-7c1e0b2a.yaml")]
        var parsed = 0
        var refused = 0
        for round in 0..<3000 {
            let which = round % 2
            let bytes = Self.mutate(Self.seeds[which], &rng)
            let node: YAMLNode?
            do {
                node = try YAMLParser.parse(bytes)
            } catch {
                refused += 1
                #expect(error.mark.line >= 1 && error.mark.column >= 1)
                #expect(!error.message.isEmpty)
                continue
            }
            parsed += 1
            let first = RepositoryLoader.decode(node, "f.yaml", jobs[which], config: config)
            let again = RepositoryLoader.decode(node, "f.yaml", jobs[which], config: config)
            #expect(first.findings == again.findings, "decoding is deterministic")
            for f in first.findings {
                #expect(f.line >= 1 && f.column >= 1 && !f.message.isEmpty)
            }
            if first.record == nil {
                #expect(first.findings.contains { $0.severity == .error }, "a refused record says why")
            }
        }
        #expect(parsed > 300 && refused > 300, "both paths exercised: \(parsed) parsed, \(refused) refused")
    }

    /// The record's top-level entries (a line at the margin with the lines indented under it)
    /// in a random order.
    static func reorder(_ text: String, _ rng: inout Rng) -> String {
        var entries: [[Substring]] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let c = line.first, c != " ", c != "-" || entries.isEmpty {
                entries.append([line])
            } else if entries.isEmpty {
                entries.append([line])
            } else {
                entries[entries.count - 1].append(line)
            }
        }
        entries.shuffle(using: &rng)
        return entries.flatMap { $0 }.joined(separator: "\n") + "\n"
    }

    /// Issue 13 part 5: both decoders on every mutated visit, issue and project (issue 21). Whenever the fast decoder
    /// accepts a file, the tree decoder gives no finding and the same record, byte for byte in
    /// the cache's binary form (every field and position).
    @Test func theFastDecoderAcceptsOnlyWhatTheTreeDecodesTheSame() {
        var rng = Rng(state: 20_261_201)
        let config = FastRecordDecoderTests.config
        let project = ProjectID("acme-erp")!
        let cases: [(String, RepositoryLoader.Job)] = [
            (Self.seeds[0], .visit(project: project, file: "2026-03-14-v-3fa2c91d.yaml")),
            (Self.seeds[1], .issue(project: project, file: "i-7c1e0b2a.yaml")),
            (FastRecordDecoderTests.fullVisit, .visit(project: project, file: "2026-03-05-v-0000abcd.yaml")),
            (FastRecordDecoderTests.fullIssue, .issue(project: project, file: "i-0000aaaa.yaml")),
            // Issue 21: project.yaml too, as written by hand and as the benchmark's generator writes it.
            (FastRecordDecoderTests.fullProject, .project(folder: "acme-erp")),
            (Self.generatedProject, .project(folder: "acme-erp")),
        ]
        func path(_ job: RepositoryLoader.Job) -> String {
            switch job {
            case .project(let folder): "projects/\(folder)/project.yaml"
            case .visit(_, let f): "projects/acme-erp/visits/" + f
            case .issue(_, let f): "projects/acme-erp/issues/" + f
            default: ""
            }
        }
        for (seed, job) in cases {
            #expect(RepositoryLoader.fastDecode(Array(seed.utf8), path(job), job, config: config) != nil, "the seed is not taken:\n\(seed)")
        }
        var accepted = 0
        var declined = 0
        for round in 0..<8000 {
            let (seed, job) = cases[round % cases.count]
            // Keys in another order (which the fast decoder must match by name), then changed.
            let reordered = round % 8 < 3 ? Self.reorder(seed, &rng) : seed
            let bytes = round % 8 == 0 ? Array(reordered.utf8) : Self.mutate(reordered, &rng)
            let tree = RepositoryLoader.decode(bytes, path(job), job, config: config, fastDecoding: false)
            guard let fast = RepositoryLoader.fastDecode(bytes, path(job), job, config: config) else {
                declined += 1
                continue
            }
            accepted += 1
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(tree.findings.isEmpty, "the fast decoder took a file with findings \(tree.findings.map(\.message)):\n\(text)")
            #expect(RecordCache.encode(.init(record: fast, findings: [])) == RecordCache.encode(tree),
                    "the fast decoder's record differs from the tree decoder's:\n\(text)")
        }
        #expect(accepted > 1000 && declined > 1000, "both outcomes exercised: \(accepted) accepted, \(declined) declined")
    }

    static let generatedProject = """
        id: acme-erp
        name: ACME-ERP 实施项目
        customer:
          name: 客户00000有限公司
          contacts:
            - {name: 何敏, role: IT经理, phone: "+86 138 0000 8123"}
        department: west
        owner: 黄磊
        tier: key
        accepted: 2022-04-18
        tags: [erp]

        """

    @Test func randomBytesNeverCrashTheParser() {
        var rng = Rng(state: 7)
        for _ in 0..<2000 {
            let count = Int.random(in: 0...200, using: &rng)
            let bytes = (0..<count).map { _ in
                Bool.random(using: &rng) ? UInt8.random(in: 0...255, using: &rng)
                    : Array(":-[]{},#&*!|>'\"%@` \n\tabc1".utf8).randomElement(using: &rng)!
            }
            _ = try? YAMLParser.parse(bytes)
        }
    }

    @Test func editsOfMutatedRecordsNeverWriteAnInvalidRecord() {
        var rng = Rng(state: 99)
        for _ in 0..<500 {
            let bytes = Self.mutate(Self.seeds[1], &rng)
            guard var editor = try? YAMLEditor(bytes: bytes) else { continue }
            do {
                try editor.set("status", to: .plain("closed"), order: RecordKeys.issue)
                try editor.append(.flowMap([("at", .plain("2026-04-01")), ("action", .string("closed"))]), to: "history", order: RecordKeys.issue)
                // Every successful edit parses back (the editor re-parses after each splice).
                #expect((try? YAMLParser.parse(editor.bytes)) != nil)
            } catch {
                #expect(!error.message.isEmpty)
            }
        }
    }
}
