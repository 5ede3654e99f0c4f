import Foundation
import HuifangCore
import HuifangYAML
import Testing

@testable import HuifangStore

/// The event decoder for visits and issues must give exactly what the tree decoder gives, and
/// must leave every file with a problem (or anything unusual) to the tree decoder.
@Suite struct FastRecordDecoderTests {
    static let config: Config = {
        var c = Config()
        c.satisfaction.dimensions = ["quality", "delivery", "service", "support"]
        return c
    }()

    /// The fast record (nil when it declined) and the tree decoder's outcome.
    static func both(_ text: String, visit fileName: String) -> (fast: Visit?, tree: RepositoryLoader.Outcome) {
        let bytes = Array(text.utf8)
        let path = "projects/acme-erp/visits/" + fileName
        let project = ProjectID("acme-erp")!
        let fast = bytes.withUnsafeBufferPointer {
            FastRecordDecoder.visit($0, path: path, project: project, fileName: fileName, config: config)
        }
        let (node, findings) = RepositoryLoader.parse(bytes, path)
        let tree = findings.isEmpty
            ? RepositoryLoader.decode(node, path, .visit(project: project, file: fileName), config: config)
            : RepositoryLoader.Outcome(record: nil, findings: findings)
        return (fast, tree)
    }

    static func both(_ text: String, issue fileName: String) -> (fast: HuifangCore.Issue?, tree: RepositoryLoader.Outcome) {
        let bytes = Array(text.utf8)
        let path = "projects/acme-erp/issues/" + fileName
        let project = ProjectID("acme-erp")!
        let fast = bytes.withUnsafeBufferPointer {
            FastRecordDecoder.issue($0, path: path, project: project, fileName: fileName)
        }
        let (node, findings) = RepositoryLoader.parse(bytes, path)
        let tree = findings.isEmpty
            ? RepositoryLoader.decode(node, path, .issue(project: project, file: fileName), config: config)
            : RepositoryLoader.Outcome(record: nil, findings: findings)
        return (fast, tree)
    }

    static func both(_ text: String, project folder: String) -> (fast: Project?, tree: RepositoryLoader.Outcome) {
        let bytes = Array(text.utf8)
        let path = "projects/\(folder)/project.yaml"
        let fast = bytes.withUnsafeBufferPointer { FastRecordDecoder.project($0, path: path, folder: folder) }
        let (node, findings) = RepositoryLoader.parse(bytes, path)
        let tree = findings.isEmpty
            ? RepositoryLoader.decode(node, path, .project(folder: folder), config: config)
            : RepositoryLoader.Outcome(record: nil, findings: findings)
        return (fast, tree)
    }

    /// Records compared through their complete binary form (every field, every position).
    static func same(_ fast: RepositoryLoader.Decoded, _ tree: RepositoryLoader.Outcome) -> Bool {
        tree.findings.isEmpty && RecordCache.encode(RepositoryLoader.Outcome(record: fast, findings: [])) == RecordCache.encode(tree)
    }

    static let fullVisit = """
        # a hand-written comment
        id: v-0000abcd
        date: 2026-03-05
        kind: special
        method: onsite
        visitor: "张伟"
        contacts:
          - 李四
          - '王五'
        event: 2026-03-01-upgrade
        summary: |
          系统运行稳定。
          客户提出两项新需求。
        operation: degraded
        scores:
          quality: 4
          delivery: 5
        overall: 4
        nps: 9
        quotes: ["好用", 'ok']
        needs: [移动端]
        competitors: []
        issues: [i-0000aaaa, i-0000bbbb]
        attachments:
          - 客户书面意见.pdf
          - "site photo.jpg"

        """

    @Test func wellFormedVisitsDecodeExactlyAsTheTreeDoes() throws {
        let minimal = "id: v-00000001\ndate: 2026-01-02\nkind: periodic\nmethod: phone\nvisitor: 张伟\nsummary: 好\n"
        for (text, file) in [(Self.fullVisit, "2026-03-05-v-0000abcd.yaml"), (minimal, "2026-01-02-v-00000001.yaml"),
                             ("{id: v-00000001, date: 2026-01-02, kind: periodic, method: phone, visitor: x, summary: y, scores: {}}",
                              "2026-01-02-v-00000001.yaml")] {
            let (fast, tree) = Self.both(text, visit: file)
            let record = try #require(fast, "the fast path declined a well-formed visit:\n\(text)")
            #expect(Self.same(.visit(record), tree))
        }
    }

    static let fullIssue = """
        id: i-0000aaaa
        title: 报表导出慢
        raised: 2026-03-05
        source: visit
        visit: v-0000abcd
        category: technical
        severity: general
        owner: 张伟
        department: east
        due: 2026-03-20
        status: closed
        resolved: {date: 2026-03-10, summary: 加了索引, on_spot: false}
        confirmed:
          date: 2026-03-12
          satisfied: true
        case_analysis: docs/cases/i-0000aaaa.md
        history:
          - {at: 2026-03-05, action: raised, by: 张伟}
          - at: 2026-03-06
            action: escalated
            from: general
            to: major
            reason: "客户催"
          - {at: 2026-03-08, action: note, by: 张伟, note: 补丁已在客户现场测试}

        """

    @Test func wellFormedIssuesDecodeExactlyAsTheTreeDoes() throws {
        let minimal = """
            id: i-0000bbbb
            title: t
            raised: 2026-03-05
            source: customer
            category: quality
            severity: minor
            owner: o
            department: d
            due: 2026-03-20
            status: open
            history: []

            """
        for (text, file) in [(Self.fullIssue, "i-0000aaaa.yaml"), (minimal, "i-0000bbbb.yaml")] {
            let (fast, tree) = Self.both(text, issue: file)
            let record = try #require(fast, "the fast path declined a well-formed issue:\n\(text)")
            #expect(Self.same(.issue(record), tree))
        }
    }

    /// Scores and numbers are read from the scalars' bytes (no text is made for them): a
    /// dimension quoted or plain gives what the tree gives; a signed or zero-padded number is
    /// left to the tree, which refuses it (`number-form`); a dimension that equals one of
    /// huifang.yaml's as text but with other bytes is left to the tree, which keeps the record's
    /// own spelling.
    @Test func scoresAndNumbersReadFromTheirBytesDecodeAsTheTreeDoes() throws {
        let file = "2026-03-05-v-0000abcd.yaml"
        for (from, to) in [("  delivery: 5", "  'delivery': 5"), ("  quality: 4", "  \"quality\": 4")] {
            let text = Self.fullVisit.replacingOccurrences(of: from, with: to)
            #expect(text != Self.fullVisit)
            let (fast, tree) = Self.both(text, visit: file)
            let record = try #require(fast, "the fast path declined: \(to)")
            #expect(Self.same(.visit(record), tree), "\(to)")
        }
        for (from, to) in [("nps: 9", "nps: +9"), ("nps: 9", "nps: 09"), ("overall: 4", "overall: 004"),
                           ("  delivery: 5", "  delivery: +5\n  service: 1")] {
            let text = Self.fullVisit.replacingOccurrences(of: from, with: to)
            #expect(text != Self.fullVisit)
            let (fast, tree) = Self.both(text, visit: file)
            #expect(fast == nil, "the fast path read \(to)")
            #expect(tree.record == nil && tree.findings.contains { $0.code == .numberForm }, "\(to): \(tree.findings)")
        }
        // The dimension kept is huifang.yaml's own string, byte for byte the record's.
        let plain = try #require(Self.both(Self.fullVisit, visit: file).fast)
        #expect(plain.scores.map(\.dimension) == ["quality", "delivery"])

        var config = Self.config
        config.satisfaction.dimensions = ["qualit\u{E9}", "delivery"]  // é as one code point
        let decomposed = Self.fullVisit.replacingOccurrences(of: "  quality: 4", with: "  qualite\u{301}: 4")  // e + accent
        let bytes = Array(decomposed.utf8)
        let path = "projects/acme-erp/visits/" + file
        let quick = bytes.withUnsafeBufferPointer {
            FastRecordDecoder.visit($0, path: path, project: ProjectID("acme-erp")!, fileName: file, config: config)
        }
        #expect(quick == nil, "a dimension with other bytes than huifang.yaml's is the tree decoder's")
        let (node, _) = RepositoryLoader.parse(bytes, path)
        let tree = RepositoryLoader.decode(node, path, .visit(project: ProjectID("acme-erp")!, file: file), config: config)
        guard case .visit(let v)? = tree.record else {
            Testing.Issue.record("the tree decoder gave no visit")
            return
        }
        #expect(v.scores.first.map { Array($0.dimension.utf8) } == Array("qualite\u{301}".utf8))

        for s in ["0", "7", "+9", "-3", "09", "", "+", "-", "1.5", " 1", "9223372036854775807", "9223372036854775808", "１"] {
            var t = s
            #expect(YAMLScalars.int(s) == t.withUTF8 { YAMLScalars.int(utf8: $0) }, "\(s)")
        }
    }

    /// Issue 21: dates are read from the scalars' bytes (no text is made for them), exactly as
    /// `Day(text)` reads them; a visit or issue with quoted dates decodes as the tree decodes it.
    @Test func datesReadFromTheirBytesDecodeAsTheTreeDoes() throws {
        for s in ["2026-03-05", "2024-02-29", "2026-02-29", "2026-02-30", "2026-13-01", "2026-00-10", "1899-12-31", "1900-01-01",
                  "2200-12-31", "2201-01-01", "2026-3-5", "2026-03-5 ", "20260305", "2026/03/05", "2026-03-05x", "", "２０２６-03-05",
                  "2026-03-0\u{661}", "+026-03-05", "2026--3-05"] {
            var t = s
            #expect(Day(s) == t.withUTF8 { Day(utf8: $0) }, "\(s)")
        }
        let visit = Self.fullVisit.replacingOccurrences(of: "date: 2026-03-05", with: "date: '2026-03-05'")
        let (v, vt) = Self.both(visit, visit: "2026-03-05-v-0000abcd.yaml")
        #expect(Self.same(.visit(try #require(v)), vt))
        let issue = Self.fullIssue.replacingOccurrences(of: "due: 2026-03-20", with: "due: \"2026-03-20\"")
            .replacingOccurrences(of: "{date: 2026-03-10,", with: "{date: '2026-03-10',")
        #expect(issue != Self.fullIssue)
        let (i, it) = Self.both(issue, issue: "i-0000aaaa.yaml")
        #expect(Self.same(.issue(try #require(i)), it))
        for bad in ["due: 2026-02-30", "due: 2026-3-20", "due: 1899-03-20"] {
            let text = Self.fullIssue.replacingOccurrences(of: "due: 2026-03-20", with: bad)
            #expect(Self.both(text, issue: "i-0000aaaa.yaml").fast == nil, "the fast path took: \(bad)")
        }
    }

    /// Every variation that gives a finding, or that the fast path does not take on, is left to
    /// the tree decoder.
    @Test func anythingUnusualIsLeftToTheTreeDecoder() {
        let file = "2026-03-05-v-0000abcd.yaml"
        let changes: [(String, String)] = [
            ("kind: special", "kind: tea"),  // unknown choice
            ("nps: 9", "nps: 11"),  // out of range
            ("nps: 9", "nps: '9'"),  // quoted number
            ("overall: 4", "overall: four"),
            ("overall: 4", "overall:"),  // null
            ("event: 2026-03-01-upgrade", "event: ~"),
            ("delivery: 5", "speed: 5"),  // unknown dimension (a warning)
            ("delivery: 5", "quality: 5"),  // duplicate key
            ("nps: 9", "nps: 9\nnps: 8"),
            ("nps: 9", "nps: 9\ncolour: blue"),  // unknown key
            ("date: 2026-03-05", "date: 2026-02-30"),
            ("date: 2026-03-05", "date: 2026-03-06"),  // file name no longer matches
            ("id: v-0000abcd", "id: V-0000ABCD"),
            ("visitor: \"张伟\"", "visitor: [张伟]"),
            ("visitor: \"张伟\"", "visitor: &a 张伟"),  // anchor
            ("visitor: \"张伟\"", "visitor: !!str 张伟"),  // tag
            ("needs: [移动端]", "needs: 移动端"),  // a single value for a list
            ("needs: [移动端]", "needs: [移动端, ~]"),
            ("issues: [i-0000aaaa, i-0000bbbb]", "issues: [i-0000aaaa, oops]"),
            ("overall: 4", "overall: 4.5"),
            ("scores:\n  quality: 4", "scores:\n  quality: ~"),
            ("competitors: []", "competitors: []\n---\nid: x"),  // a second document
            ("quotes: [\"好用\", 'ok']", "quotes: [\"好用\", 'ok'\n"),  // syntax error
            ("# a hand-written comment", "<<<<<<< HEAD"),
            ("  - 客户书面意见.pdf", "  - ../../huifang.yaml"),  // an attachment outside the visit's folder
            ("  - 客户书面意见.pdf", "  - .hidden"),
            ("  - 客户书面意见.pdf", "  - ~"),
            ("attachments:\n  - 客户书面意见.pdf\n  - \"site photo.jpg\"", "attachments: photo.jpg"),
        ]
        for (from, to) in changes {
            let text = Self.fullVisit.replacingOccurrences(of: from, with: to)
            #expect(text != Self.fullVisit)
            let (fast, _) = Self.both(text, visit: file)
            #expect(fast == nil, "the fast path took: \(to)")
        }
        #expect(Self.both("", visit: file).fast == nil)
        #expect(Self.both("- a\n- b\n", visit: file).fast == nil)
        let issue = "id: i-0000bbbb\ntitle: t\nraised: 2026-03-05\nsource: customer\ncategory: quality\nseverity: minor\nowner: o\ndepartment: d\ndue: 2026-03-20\nstatus: open\n"
        #expect(Self.both(issue + "history: []\n", issue: "i-0000bbbb.yaml").fast != nil)
        for bad in ["", "history: ~\n", "history: []\nresolved: {date: 2026-03-10}\n", "history: [{at: 2026-03-05}]\n",
                    "history: []\nconfirmed: {date: 2026-03-10, satisfied: yes}\n", "history: []\nvisit: nope\n"] {
            #expect(Self.both(issue + bad, issue: "i-0000bbbb.yaml").fast == nil, "the fast path took: \(bad)")
        }
        #expect(Self.both(issue + "history: []\n", issue: "i-0000cccc.yaml").fast == nil)
    }

    static let fullProject = """
        # the project's own comment
        id: acme-erp
        name: ACME ERP 实施项目
        customer:
          name: 上海艾克米制造有限公司
          contacts:
            - {name: 李四, role: IT经理, phone: "+86 138 0211 0001", email: lisi@acme.example}
            - name: 周婷
              role: 财务总监
        department: east
        owner: 张伟
        tier: key
        accepted: 2024-10-15
        tags: [erp, 制造]
        retired: {date: 2026-06-30, reason: 合同到期}
        history:
          - {at: 2025-03-01, action: owner_changed, from: 王五, to: 张伟, by: 王芳}
          - at: 2026-06-30
            action: retired
            by: 王芳
            reason: '合同到期'
        imported: {file: ledger.xlsx, sheet: 项目, row: 7, digest: 3fa2c91d}
        recorded: 2024-10-16

        """

    /// Issue 21: project.yaml is decoded from the events too, giving exactly the tree's record.
    @Test func wellFormedProjectsDecodeExactlyAsTheTreeDoes() throws {
        let minimal = "id: acme-erp\nname: n\ncustomer: {name: c}\ndepartment: east\nowner: o\ntier: basic\n"
        let flow = "{id: acme-erp, name: n, customer: {name: c, contacts: []}, department: east, owner: o, tier: standard, tags: [], history: []}"
        let quoted = minimal + "accepted: '2025-01-02'\nrecorded: \"2025-01-03\"\n"
        for text in [Self.fullProject, minimal, flow, quoted] {
            let (fast, tree) = Self.both(text, project: "acme-erp")
            let record = try #require(fast, "the fast path declined a well-formed project:\n\(text)")
            #expect(Self.same(.project(record), tree), "\(text)")
        }
        let full = try #require(Self.both(Self.fullProject, project: "acme-erp").fast)
        #expect(full.customer.contacts.map(\.name) == ["李四", "周婷"])
        #expect(full.customer.contacts.first?.email == "lisi@acme.example")
        #expect(full.history.count == 2 && full.history[1].reason == "合同到期")
        #expect(full.retired == Retirement(date: Day("2026-06-30")!, reason: "合同到期"))
        #expect(full.departmentAt == Position(line: 10, column: 13))
        #expect(full.recorded == Day("2024-10-16"))
    }

    /// Every project that gives a finding (an error or a warning), or holds anything the fast
    /// path does not take on, is left to the tree decoder.
    @Test func anythingUnusualInAProjectIsLeftToTheTreeDecoder() {
        let changes: [(String, String)] = [
            ("id: acme-erp", "id: acme-mes"),  // not the folder's name
            ("id: acme-erp", "id: Acme ERP"),
            ("accepted: 2024-10-15", "accepted: 2026-07-01"),  // retired before it was accepted
            ("accepted: 2024-10-15", "accepted: 2024-02-30"),
            ("accepted: 2024-10-15", "accepted: ~"),  // null
            ("tier: key", "tier: gold"),
            ("tier: key", "tier: [key]"),
            ("owner: 张伟", "owner: &o 张伟"),  // anchor
            ("owner: 张伟", "owner: !!str 张伟"),  // tag
            ("owner: 张伟", "owner: 张伟\ncolour: blue"),  // unknown key (a warning)
            ("owner: 张伟", "owner: 张伟\ncustom: {crm: 17}"),  // the organisation's own keys: the tree's
            ("owner: 张伟", "owner: 张伟\nowner: 李四"),  // repeated key
            ("tags: [erp, 制造]", "tags: erp"),
            ("tags: [erp, 制造]", "tags: [erp, ~]"),
            ("    - name: 周婷\n      role: 财务总监", "    - role: 财务总监"),  // a contact without a name
            ("    - name: 周婷\n      role: 财务总监", "    - 周婷"),
            ("    - name: 周婷\n      role: 财务总监", "    - name: 周婷\n      mobile: 138"),
            ("  name: 上海艾克米制造有限公司\n", ""),  // a customer without a name
            ("customer:\n  name: 上海艾克米制造有限公司", "customer: 上海艾克米制造有限公司\nx:\n  name: y"),
            ("retired: {date: 2026-06-30, reason: 合同到期}", "retired: {date: 2026-06-30}"),
            ("retired: {date: 2026-06-30, reason: 合同到期}", "retired: 2026-06-30"),
            ("  - {at: 2025-03-01, action: owner_changed, from: 王五, to: 张伟, by: 王芳}", "  - {at: 2025-03-01, from: 王五}"),
            ("  - {at: 2025-03-01, action: owner_changed, from: 王五, to: 张伟, by: 王芳}", "  - {at: 2025-13-01, action: x}"),
            ("imported: {file: ledger.xlsx, sheet: 项目, row: 7, digest: 3fa2c91d}", "imported: ledger.xlsx"),
            ("recorded: 2024-10-16", "recorded: 16/10/2024"),
            ("# the project's own comment", "<<<<<<< HEAD"),
            ("recorded: 2024-10-16", "recorded: 2024-10-16\n---\nid: x"),
        ]
        for (from, to) in changes {
            let text = Self.fullProject.replacingOccurrences(of: from, with: to)
            #expect(text != Self.fullProject, "\(from)")
            let (fast, tree) = Self.both(text, project: "acme-erp")
            #expect(fast == nil, "the fast path took: \(to)")
            // Each of these is something the tree reports, except a null, the organisation's
            // own keys and an `imported:` of another shape, which the tree reads without a word.
            if to.contains("~\n") || to.hasSuffix("~") || to.contains("custom:") || to.hasPrefix("imported:") {
                #expect(tree.record != nil && tree.findings.isEmpty, "\(to)")
            } else {
                #expect(!tree.findings.isEmpty, "\(to)")
            }
        }
        #expect(Self.both("", project: "acme-erp").fast == nil)
        #expect(Self.both("- a\n", project: "acme-erp").fast == nil)
    }

    /// The bundled example repository, read with and without the fast path, gives the same
    /// records and findings.
    @Test func theExampleRepositoryReadsTheSameWithoutTheFastPath() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/demo").path
        let repo = try Repository.discover(from: root)
        let fast = RepositoryLoader.load(repo, .init(useCache: false))
        let tree = RepositoryLoader.load(repo, .init(useCache: false, fastDecoding: false))
        #expect(fast.findings == tree.findings)
        #expect(fast.records.visits.count == tree.records.visits.count)
        #expect(fast.records.issues.count == tree.records.issues.count)
        for (a, b) in zip(fast.records.visits, tree.records.visits) {
            let same = RecordCache.encode(.init(record: .visit(a), findings: [])) == RecordCache.encode(.init(record: .visit(b), findings: []))
            #expect(same, "visit \(a.id) decodes differently from the events and from the tree")
        }
        #expect(fast.records.projects.count == tree.records.projects.count)
        for (a, b) in zip(fast.records.projects, tree.records.projects) {
            let same = RecordCache.encode(.init(record: .project(a), findings: [])) == RecordCache.encode(.init(record: .project(b), findings: []))
            #expect(same, "project \(a.id) decodes differently from the events and from the tree")
        }
        for (a, b) in zip(fast.records.issues, tree.records.issues) {
            let same = RecordCache.encode(.init(record: .issue(a), findings: [])) == RecordCache.encode(.init(record: .issue(b), findings: []))
            #expect(same, "issue \(a.id) decodes differently from the events and from the tree")
        }
    }
}

/// Records decoded into the storage of their final arrays: empty slots (files that gave no
/// record) are closed up and the order is kept.
@Suite struct RecordSlotsTests {
    @Test func slotsInPlaceKeepOrderAndCloseGaps() {
        let (letters, numbers, returned) = RecordSlots.Slots<String>.inPlace(6, 4) { (a: RecordSlots.Slots<String>, b: RecordSlots.Slots<[Int]>) in
            for (i, s) in ["a", "b", "c", "d", "e", "f"].enumerated() where i % 3 != 1 { a.put(s + String(repeating: "x", count: 40), at: i) }
            b.put([3], at: 3)
            return 42
        }
        #expect(letters.map { String($0.prefix(1)) } == ["a", "c", "d", "f"])
        #expect(numbers == [[3]])
        #expect(returned == 42)
        let (none, empty, _) = RecordSlots.Slots<String>.inPlace(0, 3) { (_: RecordSlots.Slots<String>, _: RecordSlots.Slots<Int>) in 0 }
        #expect(none.isEmpty && empty.isEmpty)
    }
}

/// Issue 14 part 6: `attachments:` of a visit through both decoders and the cache.
@Suite struct VisitAttachmentDecodingTests {
    @Test func attachmentsDecodeTheSameInBothDecodersAndThroughTheCache() throws {
        let file = "2026-03-05-v-0000abcd.yaml"
        let (fast, tree) = FastRecordDecoderTests.both(FastRecordDecoderTests.fullVisit, visit: file)
        let visit = try #require(fast)
        #expect(visit.attachments == ["客户书面意见.pdf", "site photo.jpg"])
        #expect(visit.attachmentsAt == Position(line: 25, column: 3))
        #expect(visit.attachmentFolder == "projects/acme-erp/visits/2026-03-05-v-0000abcd")
        guard case .visit(let fromTree)? = tree.record else {
            Issue.record("the tree decoder gave no visit: \(tree.findings)")
            return
        }
        #expect(fromTree.attachments == visit.attachments)
        #expect(fromTree.attachmentsAt == visit.attachmentsAt)
        // The cache's binary form keeps them.
        let encoded = RecordCache.encode(tree)
        let back = try encoded.withUnsafeBufferPointer { buffer in
            var reader = BinaryReader(buffer)
            return try RecordCoding.outcome(&reader, path: fromTree.location.path)
        }
        guard case .visit(let cached)? = back.record else {
            Issue.record("the cache gave no visit")
            return
        }
        #expect(cached.attachments == visit.attachments)
        #expect(cached.attachmentsAt == visit.attachmentsAt)
    }

    @Test func aPathInsteadOfAFileNameIsAnErrorWithItsPosition() throws {
        let text = FastRecordDecoderTests.fullVisit.replacingOccurrences(of: "  - 客户书面意见.pdf", with: "  - ../../huifang.yaml")
        let (_, tree) = FastRecordDecoderTests.both(text, visit: "2026-03-05-v-0000abcd.yaml")
        #expect(tree.record == nil)
        let finding = try #require(tree.findings.first)
        #expect(finding.message == "attachment '../../huifang.yaml' is not a plain file name")
        #expect(finding.line == 25)
        #expect(finding.column == 5)
    }
}
