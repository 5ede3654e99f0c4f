import Testing

@testable import HuifangYAML

/// In-place edits: everything outside the edit stays byte-for-byte the same.
@Suite struct YAMLEditorTests {
    static let order = ["id", "title", "status", "resolved", "confirmed", "history", "issues"]

    static let handEdited = """
        # 客户反馈
        id: i-0001
        title: "报表: 导出"   # by hand
        status: open      # still open

        ticket: CRM-1     # unknown to huifang
        history:
          - {at: 2026-03-14, action: opened}
          # a comment after the list
        issues: [a]
        empty: []
        notes: |
          line one

        """

    func edited(_ body: (inout YAMLEditor) throws(YAMLError) -> Void) throws -> String {
        var e = try YAMLEditor(bytes: Array(Self.handEdited.utf8))
        try body(&e)
        return e.text
    }

    @Test func setAnExistingScalarKeepsTheComment() throws {
        let out = try edited { (e: inout YAMLEditor) throws(YAMLError) in try e.set("status", to: .plain("resolved"), order: Self.order) }
        #expect(out == Self.handEdited.replacingOccurrences(of: "status: open      # still open", with: "status: resolved      # still open"))
    }

    @Test func insertAMissingKeyInDocumentedOrder() throws {
        let out = try edited { (e: inout YAMLEditor) throws(YAMLError) in
            try e.set("resolved", to: .flowMap([("date", .plain("2026-03-20")), ("summary", .string("已优化"))]), order: Self.order)
        }
        #expect(out == Self.handEdited.replacingOccurrences(of: "status: open      # still open\n",
                                                            with: "status: open      # still open\nresolved: {date: 2026-03-20, summary: 已优化}\n"))
    }

    @Test func insertAtTheTopWhenNoPredecessorExists() throws {
        var e = try YAMLEditor(bytes: Array("# head\ntitle: t\n".utf8))
        try e.set("id", to: .string("i-0002"), order: Self.order)
        #expect(e.text == "# head\nid: i-0002\ntitle: t\n")
    }

    @Test func appendToABlockListBeforeTheTrailingComment() throws {
        let out = try edited { (e: inout YAMLEditor) throws(YAMLError) in
            try e.append(.flowMap([("at", .plain("2026-03-20")), ("action", .string("resolved"))]), to: "history", order: Self.order)
        }
        #expect(out == Self.handEdited.replacingOccurrences(of: "  - {at: 2026-03-14, action: opened}\n",
                                                            with: "  - {at: 2026-03-14, action: opened}\n  - {at: 2026-03-20, action: resolved}\n"))
    }

    @Test func appendToFlowLists() throws {
        let out = try edited { (e: inout YAMLEditor) throws(YAMLError) in
            try e.append(.string("b"), to: "issues")
            try e.append(.string("x"), to: "empty")
        }
        #expect(out == Self.handEdited.replacingOccurrences(of: "issues: [a]", with: "issues: [a, b]").replacingOccurrences(of: "empty: []", with: "empty: [x]"))
    }

    @Test func appendToAMissingListCreatesIt() throws {
        var e = try YAMLEditor(bytes: Array("id: v-1\nsummary: s\n".utf8))
        try e.append(.string("i-0001"), to: "issues", flow: true)
        #expect(e.text == "id: v-1\nsummary: s\nissues: [i-0001]\n")
    }

    @Test func removeAKey() throws {
        let out = try edited { (e: inout YAMLEditor) throws(YAMLError) in try e.remove("ticket") }
        #expect(out == Self.handEdited.replacingOccurrences(of: "ticket: CRM-1     # unknown to huifang\n", with: ""))
    }

    @Test func bomAndCRLFSurvive() throws {
        let crlf = "id: i-1\r\nstatus: open\r\nhistory:\r\n  - {at: 2026-01-01, action: opened}\r\n"
        var e = try YAMLEditor(bytes: [0xEF, 0xBB, 0xBF] + Array(crlf.utf8))
        try e.set("status", to: .plain("resolved"), order: Self.order)
        try e.set("resolved", to: .flowMap([("date", .plain("2026-01-02"))]), order: Self.order)
        try e.append(.flowMap([("at", .plain("2026-01-02"))]), to: "history")
        #expect(Array(e.bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: e.bytes.dropFirst(3), as: UTF8.self)
                == "id: i-1\r\nstatus: resolved\r\nresolved: {date: 2026-01-02}\r\nhistory:\r\n  - {at: 2026-01-01, action: opened}\r\n  - {at: 2026-01-02}\r\n")
    }

    /// libyaml reads CR-only line ends (old Mac editors), so `check` accepts such a file: the
    /// editor must update it too, keeping its line ends.
    @Test func crOnlyLineEndsSurvive() throws {
        let cr = "id: i-1\rstatus: open\rhistory:\r  - {at: 2026-01-01, action: opened}\rtags:\r  - a\r"
        var e = try YAMLEditor(bytes: Array(cr.utf8))
        try e.set("status", to: .plain("resolved"), order: Self.order)
        try e.set("resolved", to: .flowMap([("date", .plain("2026-01-02"))]), order: Self.order)
        try e.append(.flowMap([("at", .plain("2026-01-02"))]), to: "history")
        try e.append(.string("b"), to: "tags")
        try e.set("note", to: .sequence([.string("x")], flow: false))
        #expect(e.text == "id: i-1\rstatus: resolved\rresolved: {date: 2026-01-02}\rhistory:\r  - {at: 2026-01-01, action: opened}\r"
                + "  - {at: 2026-01-02}\rtags:\r  - a\r  - b\rnote:\r  - x\r")
        try e.remove("tags")
        #expect(e.text == "id: i-1\rstatus: resolved\rresolved: {date: 2026-01-02}\rhistory:\r  - {at: 2026-01-01, action: opened}\r"
                + "  - {at: 2026-01-02}\rnote:\r  - x\r")
    }

    @Test func utf16IsRefusedWithItsName() {
        for (bytes, name) in [([0xFF, 0xFE, 0x69, 0x00, 0x64, 0x00], "UTF-16LE"), ([0xFE, 0xFF, 0x00, 0x69, 0x00, 0x64], "UTF-16BE"),
                              ([0x69, 0x00, 0x64, 0x00], "UTF-16LE"), ([0x00, 0x69, 0x00, 0x64], "UTF-16BE")] as [([UInt8], String)] {
            #expect(YAMLParser.wideEncoding(bytes) == name)
            do {
                _ = try YAMLEditor(bytes: bytes)
                Issue.record("\(name) was read")
            } catch {
                #expect(error.message.contains("the file is \(name) text"), "\(error.message)")
                #expect(error.mark.line == 1 && error.mark.column == 1)
            }
        }
        #expect(YAMLParser.wideEncoding(Array("id: x\n".utf8)) == nil)
        #expect(YAMLParser.wideEncoding([0xEF, 0xBB, 0xBF] + Array("id: 系统\n".utf8)) == nil)
    }

    @Test func aFileWithoutTrailingNewline() throws {
        var e = try YAMLEditor(bytes: Array("id: x\nhistory:\n  - a".utf8))
        try e.append(.string("b"), to: "history")
        try e.set("status", to: .plain("open"))
        #expect(e.text == "id: x\nhistory:\n  - a\n  - b\nstatus: open\n")
    }

    @Test func aNonMappingIsRefused() {
        #expect(throws: YAMLError.self) { try YAMLEditor(bytes: Array("- a\n".utf8)) }
    }
}
