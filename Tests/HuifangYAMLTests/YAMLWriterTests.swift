import Testing

@testable import HuifangYAML

@Suite struct YAMLWriterTests {
    @Test func documentLayout() {
        let text = YAMLWriter.document([
            ("id", .string("acme-erp")), ("name", .string("ACME ERP 实施项目")),
            ("customer", .blockMap([("name", .string("某某")), ("contacts", .blockList([.flowMap([("name", .string("李四")), ("phone", .string("+86 138"))])]))])),
            ("tags", .strings(["erp", "yes"])), ("empty", .blockList([])), ("scores", .flowMap([("quality", .int(4))])),
            ("history", .blockList([.flowMap([("at", .plain("2026-03-14")), ("action", .string("opened"))])])),
        ])
        #expect(text == """
            id: acme-erp
            name: ACME ERP 实施项目
            customer:
              name: 某某
              contacts:
                - {name: 李四, phone: "+86 138"}
            tags: [erp, "yes"]
            empty: []
            scores: {quality: 4}
            history:
              - {at: 2026-03-14, action: opened}

            """)
        #expect(!text.contains(" \n"))
    }

    @Test func crlfLineEnds() {
        #expect(YAMLWriter.document([("a", .string("1x")), ("b", .blockList([.string("c")]))], lineEnding: "\r\n") == "a: 1x\r\nb:\r\n  - c\r\n".replacingOccurrences(of: "1x", with: "\"1x\""))
    }
}

extension String {
    func replacingOccurrences(of a: String, with b: String) -> String {
        split(separator: a, omittingEmptySubsequences: false).joined(separator: b)
    }
}
