import HuifangCore
import HuifangYAML
import Foundation
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
        let loaded = RepositoryLoader.load(repo, .init(useCache: false))
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

extension RecordUpdateTests {
    func escalate(_ repo: Repository) throws -> [UInt8] {
        try RecordUpdate.edit(repo, "projects/acme-erp/issues/i-0000aaaa.yaml",
                              as: .issue(project: ProjectID("acme-erp")!, file: "i-0000aaaa.yaml"), config: Config()) {
            (e: inout YAMLEditor) throws(YAMLError) in
            try e.set("severity", to: .plain("general"), order: RecordKeys.issue)
        }
    }

    /// The file changed between the update's read and its rename: nothing is written (exit 75).
    @Test func anUpdateOfAFileChangedSinceItWasReadIsRefused() throws {
        let (t, repo) = try TempFolder.repository()
        defer { t.remove() }
        let path = "projects/acme-erp/issues/i-0000aaaa.yaml"
        try t.write(path, Self.issue)
        let bytes = try escalate(repo)
        try t.write(path, Self.issue + "# 手工加的一行\n")
        do {
            try RecordUpdate.write([(path, bytes)], in: repo)
            Testing.Issue.record("the write went through over a hand edit")
        } catch {
            #expect(error.exitCode == 75)
            #expect(error.description == "\(path) changed while updating, run again")
        }
        #expect(t.read(path) == Self.issue + "# 手工加的一行\n", "the hand edit is kept")
        #expect(FileSystem.list(repo.path(RecordUpdate.temporaryFolder))?.isEmpty ?? true, "the staged file is removed")
        // Read again, the update goes through and keeps the line.
        try RecordUpdate.write([(path, try escalate(repo))], in: repo)
        #expect(t.read(path) == Self.issue.replacingOccurrences(of: "severity: minor", with: "severity: general") + "# 手工加的一行\n")
    }

    /// Temporary files go to .huifang/tmp/, never beside the record; the lock's next holder
    /// clears what a killed writer left there; a write clears old `.NAME.tmp-XXXXXX` files of
    /// its folder.
    @Test func temporariesLiveUnderDotHuifangAndAreCleared() throws {
        let (t, repo) = try TempFolder.repository()
        defer { t.remove() }
        try t.write(".huifang/tmp/123-1-i-0000aaaa.yaml", "left by a killed writer")
        try t.write("projects/acme-erp/issues/.i-0000bbbb.yaml.tmp-x9Y8z7", "left by an older version")
        try t.write("projects/acme-erp/issues/.notes.tmp-kept", "not ours")
        do {
            let lock = try RepositoryLock.acquire(repo)
            defer { withExtendedLifetime(lock) {} }
            #expect(FileSystem.list(repo.path(".huifang/tmp"))?.isEmpty == true)
            try RecordUpdate.write([("projects/acme-erp/issues/i-0000aaaa.yaml", Array(Self.issue.utf8))], in: repo)
        }
        #expect(FileSystem.list(repo.path("projects/acme-erp/issues"))?.map(\.name) == [".notes.tmp-kept", "i-0000aaaa.yaml"])
        #expect(FileSystem.list(repo.path(".huifang/tmp"))?.isEmpty == true)
        #expect(RecordUpdate.isOldTemporary(".i-0000bbbb.yaml.tmp-x9Y8z7"))
        #expect(!RecordUpdate.isOldTemporary("i-0000bbbb.yaml.tmp-x9Y8z7"))
        #expect(!RecordUpdate.isOldTemporary(".i-0000bbbb.yaml.tmp-x9Y8"))
    }
}

extension RecordUpdateTests {
    /// `.huifang` on another file system (a link to a tmpfs): rename cannot cross, so the record
    /// is written beside its target instead, and nothing is left behind.
    @Test func aDotHuifangOnAnotherFileSystemStillWrites() throws {
        var shm = stat()
        var here = stat()
        let (t, repo) = try TempFolder.repository()
        defer { t.remove() }
        guard stat("/dev/shm", &shm) == 0, stat(t.path, &here) == 0, shm.st_dev != here.st_dev, access("/dev/shm", W_OK) == 0 else { return }
        let elsewhere = "/dev/shm/huifang-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { _ = try? FileManager.default.removeItem(atPath: elsewhere) }
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        try? FileManager.default.removeItem(atPath: t.path + "/.huifang")
        try FileManager.default.createSymbolicLink(atPath: t.path + "/.huifang", withDestinationPath: elsewhere)
        let path = "projects/acme-erp/issues/i-0000aaaa.yaml"
        try RecordUpdate.write([(path, Array(Self.issue.utf8))], in: repo)
        #expect(t.read(path) == Self.issue)
        #expect(FileSystem.list(repo.path("projects/acme-erp/issues"))?.map(\.name) == ["i-0000aaaa.yaml"])
        #expect(FileSystem.list(elsewhere + "/tmp")?.isEmpty == true)
    }
}

extension String {
    func replacingOccurrences(of a: String, with b: String) -> String {
        split(separator: a, omittingEmptySubsequences: false).joined(separator: b)
    }
}
