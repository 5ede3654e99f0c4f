import Foundation
import HuifangCore
import Testing

@testable import HuifangStore

@Suite struct RepositoryLoaderTests {
    @Test func readsARepositoryMadeByInit() throws {
        let (t, repo) = try TempFolder.repository()
        defer { t.remove() }
        let loaded = RepositoryLoader.load(repo)
        #expect(loaded.findings.isEmpty)
        #expect(!loaded.configFailed)
        #expect(loaded.records.projects.map(\.id.rawValue) == ["acme-erp"])
        #expect(loaded.records.config.departments.map(\.id) == ["pmo", "east", "tech", "cs"])
        // The shipped calendar: National Day 2026 and its make-up Saturday.
        #expect(loaded.records.calendar.holidays[Day("2026-10-01")!] == "国庆节")
        #expect(loaded.records.calendar.isWorkingDay(Day("2026-10-10")!))
        #expect(loaded.records.calendar.coveredYears.contains(2004))
        #expect(loaded.records.calendar.coveredYears.contains(2026))
    }

    @Test func findsTheRepositoryFromASubfolder() throws {
        let (t, repo) = try TempFolder.repository()
        defer { t.remove() }
        #expect(try Repository.discover(from: t.path + "/projects/acme-erp").root == repo.root)
        let outside = TempFolder()
        defer { outside.remove() }
        #expect(throws: StoreError.self) { try Repository.discover(from: outside.path) }
    }

    @Test func singleAndMultiThreadedReadsAgree() throws {
        let (t, repo) = try TempFolder.repository()
        defer { t.remove() }
        for i in 0..<60 {
            let id = String(format: "v-%08x", i)
            try t.write("projects/acme-erp/visits/2026-03-\(String(format: "%02d", i % 28 + 1))-\(id).yaml", """
                id: \(id)
                date: 2026-03-\(String(format: "%02d", i % 28 + 1))
                kind: periodic
                method: phone
                visitor: 张伟
                summary: 第\(i)次
                overall: \(i % 5 + 1)

                """)
        }
        try t.write("projects/acme-erp/visits/2026-03-01-v-broken1.yaml", "id: v-broken1\ndate: 2026-03-01\nkind: x\n")
        let one = RepositoryLoader.load(repo, .init(threads: 1))
        let many = RepositoryLoader.load(repo, .init(threads: 8))
        #expect(one.records.visits.map(\.id) == many.records.visits.map(\.id))
        #expect(one.records.visits.count == 60)
        #expect(one.findings == many.findings)
        #expect(one.findings.count == 4, "kind unknown + method, visitor, summary missing")
    }

    @Test func symlinksOutOfTheRepositoryAreRefused() throws {
        let (t, repo) = try TempFolder.repository()
        defer { t.remove() }
        let outside = TempFolder()
        defer { outside.remove() }
        try outside.write("secret.yaml", "id: v-00000001\n")
        try FileManager.default.createDirectory(atPath: t.path + "/projects/acme-erp/visits", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: t.path + "/projects/acme-erp/visits/2026-03-01-v-00000001.yaml",
                                                   withDestinationPath: outside.path + "/secret.yaml")
        let loaded = RepositoryLoader.load(repo)
        #expect(loaded.findings.map(\.message) == ["symbolic link points outside the repository (to \(outside.path)/secret.yaml): not read"])
        #expect(loaded.records.visits.isEmpty)
    }

    @Test func aBrokenConfigIsReportedAndTheRestStillRead() throws {
        let (t, repo) = try TempFolder.repository()
        defer { t.remove() }
        try t.write("huifang.yaml", "huifang: 2\ndepartments: []\n")
        let loaded = RepositoryLoader.load(repo)
        #expect(loaded.configFailed)
        #expect(loaded.findings.first?.message == "format version 2 is newer than this huifang understands (1)")
        #expect(loaded.records.projects.count == 1)
    }

    @Test func windowsFilesAreReadAsUsual() throws {
        let (t, repo) = try TempFolder.repository()
        defer { t.remove() }
        let text = "id: v-0000aaaa\r\ndate: 2026-03-01\r\nkind: periodic\r\nmethod: phone\r\nvisitor: 张伟\r\nsummary: 正常\r\n"
        try t.write("projects/acme-erp/visits/2026-03-01-v-0000aaaa.yaml", [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        let loaded = RepositoryLoader.load(repo)
        #expect(loaded.findings.isEmpty)
        #expect(loaded.records.visits.first?.summary == "正常")
    }
}
