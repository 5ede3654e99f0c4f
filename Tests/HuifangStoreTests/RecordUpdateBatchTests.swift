import Foundation
import Testing

@testable import HuifangStore

/// `RecordUpdate.writeNew`, the batch writer of `huifang import`.
@Suite struct RecordUpdateBatchTests {
    @Test func writesEveryNewFileAndLeavesNoTemporary() throws {
        let (t, repo) = try TempFolder.repository()
        defer { t.remove() }
        let lock = try RepositoryLock.acquire(repo)
        defer { withExtendedLifetime(lock) {} }
        let files = (0..<50).map { ("projects/p\($0 % 3)/visits/2026-03-05-v-\(String(format: "%08x", $0)).yaml", Array("id: \($0)\n".utf8)) }
        try RecordUpdate.writeNew(files, in: repo)
        for (path, bytes) in files { #expect(try FileSystem.read(repo.path(path)) == bytes) }
        #expect(FileSystem.list(repo.path(".huifang/tmp"))?.isEmpty == true)
    }

    @Test func aTargetThatExistsOrLeavesTheRepositoryWritesNothing() throws {
        let (t, repo) = try TempFolder.repository()
        defer { t.remove() }
        let lock = try RepositoryLock.acquire(repo)
        defer { withExtendedLifetime(lock) {} }
        try t.write("projects/a/visits/old.yaml", "id: old\n")
        #expect(throws: StoreError.self) {
            try RecordUpdate.writeNew([("projects/a/visits/new.yaml", Array("x\n".utf8)), ("projects/a/visits/old.yaml", Array("y\n".utf8))], in: repo)
        }
        #expect(!FileSystem.exists(repo.path("projects/a/visits/new.yaml")))
        #expect(try FileSystem.read(repo.path("projects/a/visits/old.yaml")) == Array("id: old\n".utf8))
        #expect(throws: StoreError.self) {
            try RecordUpdate.writeNew([("projects/a/visits/new.yaml", Array("x\n".utf8)), ("../outside.yaml", Array("y\n".utf8))], in: repo)
        }
        #expect(!FileSystem.exists(repo.path("projects/a/visits/new.yaml")))
        #expect(FileSystem.list(repo.path(".huifang/tmp"))?.isEmpty ?? true)
    }
}
