import HuifangCore
import HuifangYAML
import Testing

@testable import HuifangStore

@Suite struct RecordEncoderTests {
    @Test func visitInDocumentedOrderWithTrickyStringsQuoted() throws {
        let v = Visit(id: VisitID("v-3fa2c91d")!, project: ProjectID("acme")!, date: Day("2026-03-14")!, kind: .first, method: .phone,
                      visitor: "王五", contacts: ["李四"], summary: "yes", operation: .normal,
                      scores: [("quality", 4), ("delivery", 5)], overall: 4, nps: 9, quotes: ["报表导出太慢了", "2026-03-14"],
                      issues: [IssueID("i-7c1e0b2a")!], location: SourceLocation(path: "x"))
        #expect(RecordEncoder.visit(v) == """
            id: v-3fa2c91d
            date: 2026-03-14
            kind: first
            method: phone
            visitor: 王五
            contacts: [李四]
            summary: "yes"
            operation: normal
            scores: {quality: 4, delivery: 5}
            overall: 4
            nps: 9
            quotes:
              - 报表导出太慢了
              - "2026-03-14"
            issues: [i-7c1e0b2a]

            """)
    }

    @Test func everyEncodedRecordReadsBackClean() throws {
        let p = Project(id: ProjectID("acme")!, name: "ACME: ERP", customer: Customer(name: "某某", contacts: [Contact(name: "李四", phone: "+86 138")]),
                        department: "east", owner: "张伟", tier: .key, accepted: Day("2026-01-15"), tags: ["erp", "on"],
                        location: SourceLocation(path: "projects/acme/project.yaml"))
        let text = RecordEncoder.project(p)
        try RecordVerifier.verify(text, as: .project(folder: "acme"), path: "projects/acme/project.yaml", config: Config())
        let node = try #require(try YAMLParser.parse(text))
        #expect(node["customer"]?["contacts"]?.items?.first?["phone"]?.scalar == "+86 138")
        #expect(node["tags"]?.items?.map(\.scalar) == ["erp", "on"])
    }
}
