import Foundation
import HuifangCore
import Testing

@testable import HuifangStore

/// What reading leaves out is listed, so that no command can answer without it unawares.
@Suite struct UnreadableRecordTests {
    static let visit = """
        id: v-0000aaaa
        date: 2026-03-01
        kind: periodic
        method: phone
        visitor: 张伟
        summary: 正常
        overall: 4

        """

    @Test func everyFileThatGaveNoRecordIsListed() throws {
        let (t, repo) = try TempFolder.repository()
        defer { t.remove() }
        try t.write("projects/acme-erp/visits/2026-03-01-v-0000aaaa.yaml", Self.visit)
        // A bad indent: the YAML does not parse.
        try t.write("projects/acme-erp/visits/2026-03-02-v-0000bbbb.yaml",
                    Self.visit.replacingOccurrences(of: "v-0000aaaa", with: "v-0000bbbb").replacingOccurrences(of: "2026-03-01", with: "2026-03-02")
                        .replacingOccurrences(of: "\nmethod:", with: "\n  method:"))
        // One bad field: the whole record is left out, never half read.
        try t.write("projects/acme-erp/visits/2026-03-03-v-0000cccc.yaml",
                    Self.visit.replacingOccurrences(of: "v-0000aaaa", with: "v-0000cccc").replacingOccurrences(of: "2026-03-01", with: "2026-03-03")
                        .replacingOccurrences(of: "overall: 4", with: "overall: 9"))
        // Only a warning (an unknown dimension): the record is read, and not listed.
        try t.write("projects/acme-erp/visits/2026-03-04-v-0000dddd.yaml",
                    Self.visit.replacingOccurrences(of: "v-0000aaaa", with: "v-0000dddd").replacingOccurrences(of: "2026-03-01", with: "2026-03-04")
                        + "scores: {speed: 3}\n")
        // Where the walk does not read records.
        try t.write("projects/acme-erp/visits/2026-03-05-v-0000eeee.yml", Self.visit)
        try t.write("projects/beta-mes/issues/i-0000aaaa.yaml", "id: i-0000aaaa\n")
        for useCache in [false, true, true] {
            let loaded = RepositoryLoader.load(repo, .init(useCache: useCache))
            #expect(loaded.records.visits.map(\.id.rawValue) == ["v-0000aaaa", "v-0000dddd"])
            let u = loaded.unreadable
            #expect(u.map(\.path) == [
                "projects/acme-erp/visits/2026-03-02-v-0000bbbb.yaml", "projects/acme-erp/visits/2026-03-03-v-0000cccc.yaml",
                "projects/acme-erp/visits/2026-03-05-v-0000eeee.yml", "projects/beta-mes", "projects/beta-mes/issues/i-0000aaaa.yaml",
            ], "useCache: \(useCache)")
            #expect(u.map(\.kind) == [.visit, .visit, .visit, .project, .issue])
            #expect(u.map(\.id) == ["v-0000bbbb", "v-0000cccc", "v-0000eeee", "beta-mes", "i-0000aaaa"])
            #expect(u.map(\.project?.rawValue) == ["acme-erp", "acme-erp", "acme-erp", "beta-mes", "beta-mes"])
            #expect(u[0].first.line == 4 && u[0].first.column == 9)
            #expect(u[1].first.message.contains("overall"))
            #expect(u[3].first.message == "project folder has no project.yaml")
            #expect(u.allSatisfy { !$0.problems.isEmpty && $0.problems.allSatisfy { $0.severity == .error } })
        }
    }

    @Test func aCleanRepositoryHasNone() throws {
        let (t, repo) = try TempFolder.repository()
        defer { t.remove() }
        try t.write("projects/acme-erp/visits/2026-03-01-v-0000aaaa.yaml", Self.visit)
        #expect(RepositoryLoader.load(repo).unreadable.isEmpty)
    }

    @Test func pathsSayKindIDAndProject() {
        func u(_ path: String) -> UnreadableRecord { UnreadableRecord(path: path, problems: [Finding(path: path, message: "x")]) }
        #expect(u("projects/p-1/project.yaml").kind == .project)
        #expect(u("projects/p-1/project.yaml").id == "p-1")
        #expect(u("projects/p-1/visits/2026-01-02-v-12345678.yaml").id == "v-12345678")
        #expect(u("projects/p-1/visits/notes.yaml").id == "notes")
        #expect(u("projects/p-1/issues/i-12345678.yaml").kind == .issue)
        #expect(u("projects/p-1/stray.yaml").kind == .file)
        #expect(u("projects/p-1/stray.yaml").project?.rawValue == "p-1")
        #expect(u("improvements/m-12345678.yaml").id == "m-12345678")
        #expect(u("events/2026-11-02-upgrade.yaml").kind == .event)
        #expect(u("plans/2027.yaml").id == "2027")
        var r = Records(config: Config(), calendar: WorkCalendar(weekend: []))
        r.unreadable = [u("projects/p-1/visits/2026-01-02-v-12345678.yaml"), u("projects/p-1/visits/2026-01-03-v-12349999.yaml")]
        #expect(r.unreadable(.visit, matching: "v-12345678")?.path == "projects/p-1/visits/2026-01-02-v-12345678.yaml")
        #expect(r.unreadable(.visit, matching: "v-123456")?.id == "v-12345678")
        #expect(r.unreadable(.visit, matching: "v-1234") == nil, "two files match")
        #expect(r.unreadable(.issue, matching: "v-12345678") == nil)
    }
}
