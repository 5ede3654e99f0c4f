import Foundation
import Testing

@testable import HuifangStore

@Suite struct FileSystemTests {
    @Test func atomicWriteReplacesTheFileAndLeavesNoTemporaryFile() throws {
        let t = TempFolder()
        defer { t.remove() }
        try FileSystem.writeAtomically(Array("old\n".utf8), to: t.path + "/a/b.yaml")
        try FileSystem.writeAtomically(Array("新\n".utf8), to: t.path + "/a/b.yaml")
        #expect(t.read("a/b.yaml") == "新\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: t.path + "/a") == ["b.yaml"])
    }

    @Test func listingIsSortedAndSkipsDotEntries() throws {
        let t = TempFolder()
        defer { t.remove() }
        try t.write("b.yaml", "")
        try t.write("a.yaml", "")
        try t.write("sub/x", "")
        let names = try #require(FileSystem.list(t.path)).map(\.name)
        #expect(names == ["a.yaml", "b.yaml", "sub"])
        #expect(FileSystem.list(t.path + "/missing") == nil)
    }

    @Test func readReturnsTheWholeFile() throws {
        let t = TempFolder()
        defer { t.remove() }
        let big = String(repeating: "回访记录\n", count: 50_000)
        try t.write("big.txt", big)
        #expect(String(decoding: try FileSystem.read(t.path + "/big.txt"), as: UTF8.self) == big)
        #expect(throws: FileError.self) { try FileSystem.read(t.path + "/none") }
    }

    @Test func theLockWaitsAndTimesOut() throws {
        let (t, repo) = try TempFolder.repository()
        defer { t.remove() }
        let held = try RepositoryLock.acquire(repo, timeout: 1)
        let start = Date()
        #expect(throws: StoreError.self) { _ = try RepositoryLock.acquire(repo, timeout: 0.2) }
        #expect(Date().timeIntervalSince(start) >= 0.2)
        withExtendedLifetime(held) {}
    }
}
