import HuifangCore
import HuifangYAML
import Testing

@testable import HuifangStore

@Suite struct RecordUpdateTests {
    static let issue = """
        id: i-0000aaaa
        title: 报表导出超时
        raised: 2026-03-14
        source: customer
        category: technical
        severity: minor
        owner: 刘强
        department: tech
        due: 2026-03-21
        status: open
        history:
          - {at: 2026-03-14, action: opened, by: 王五}

        """

    @Test func keepsBOMAndCRLFWhenUpdating() throws {
        let (t, repo) = try TempFolder.repository()
        defer { t.remove() }
        let crlf = Self.issue.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
        try t.write("projects/acme-erp/issues/i-0000aaaa.yaml", [0xEF, 0xBB, 0xBF] + Array(crlf.utf8))
        let bytes = try RecordUpdate.edit(repo, "projects/acme-erp/issues/i-0000aaaa.yaml",
                                          as: .issue(project: ProjectID("acme-erp")!, file: "i-0000aaaa.yaml"), config: Config()) {
            (e: inout YAMLEditor) throws(YAMLError) in
            try e.set("status", to: .plain("resolved"), order: RecordKeys.issue)
            try e.set("resolved", to: .flowMap([("date", .plain("2026-03-20")), ("summary", .string("已优化"))]), order: RecordKeys.issue)
            try e.append(.flowMap([("at", .plain("2026-03-20")), ("action", .string("resolved"))]), to: "history", order: RecordKeys.issue)
        }
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        let expected = Self.issue
            .replacingOccurrences(of: "status: open\n", with: "status: resolved\nresolved: {date: 2026-03-20, summary: 已优化}\n")
            .replacingOccurrences(of: "by: 王五}\n", with: "by: 王五}\n  - {at: 2026-03-20, action: resolved}\n")
        #expect(text == expected.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n"))
    }

    /// `check` refuses UTF-16 records with a message naming the encoding; so does an update.
    @Test func utf16IsRefusedWithTheSameMessageAsCheck() throws {
        let (t, repo) = try TempFolder.repository()
        defer { t.remove() }
        var utf16: [UInt8] = [0xFF, 0xFE]
        for u in Self.issue.utf16 { utf16 += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        try t.write("projects/acme-erp/issues/i-0000aaaa.yaml", utf16)
        do {
            _ = try RecordUpdate.edit(repo, "projects/acme-erp/issues/i-0000aaaa.yaml",
                                      as: .issue(project: ProjectID("acme-erp")!, file: "i-0000aaaa.yaml"), config: Config()) {
                (e: inout YAMLEditor) throws(YAMLError) in
                try e.set("severity", to: .plain("general"))
            }
            Issue.record("a UTF-16 record was updated")
        } catch {
            #expect(error.description.contains("i-0000aaaa.yaml:1:1: the file is UTF-16LE text; records are UTF-8"), "\(error)")
        }
        let loaded = RepositoryLoader.load(repo, useCache: false)
        #expect(loaded.findings.contains { $0.path == "projects/acme-erp/issues/i-0000aaaa.yaml" && $0.message.contains("UTF-16LE") })
    }

    @Test func anEditThatWouldBreakTheRecordIsRefused() throws {
        let (t, repo) = try TempFolder.repository()
        defer { t.remove() }
        try t.write("projects/acme-erp/issues/i-0000aaaa.yaml", Self.issue)
        #expect(throws: StoreError.self) {
            _ = try RecordUpdate.edit(repo, "projects/acme-erp/issues/i-0000aaaa.yaml",
                                      as: .issue(project: ProjectID("acme-erp")!, file: "i-0000aaaa.yaml"), config: Config()) {
                (e: inout YAMLEditor) throws(YAMLError) in
                try e.set("severity", to: .plain("fatal"))
            }
        }
        #expect(t.read("projects/acme-erp/issues/i-0000aaaa.yaml") == Self.issue, "nothing written")
    }
}

extension String {
    func replacingOccurrences(of a: String, with b: String) -> String {
        split(separator: a, omittingEmptySubsequences: false).joined(separator: b)
    }
}
