import Foundation
import Testing

@Suite struct InitCommandTests {
    @Test func createsRepositoryWithDefaults() throws {
        let r = HuifangRunner()
        defer { r.cleanup() }
        let result = r.run(["init"])
        #expect(result.code == 0)
        r.expectGolden(result.stdout, "init.txt")
        let config = try #require(r.read("huifang.yaml"))
        #expect(config.hasPrefix("huifang: 1\n"))
        #expect(config.contains("first_visit_within: 1m"))
        #expect(config.contains("periodic_every: {key: 1m, standard: 3m, basic: 6m}"))
        #expect(config.contains("resolve_within: {minor: 5wd, general: 10wd, major: 5wd}"))
        let calendar = try #require(r.read("calendars/cn.yaml"))
        #expect(calendar.contains("2026-10-10: 国庆节"))
        #expect(calendar.contains("2004-01-01: 元旦"))
        #expect(r.read(".gitignore")?.contains(".huifang/") == true)
        #expect(r.run(["check"]).code == 0)
    }

    @Test func refusesAnExistingRepository() throws {
        let r = try HuifangRunner.withRepository()
        defer { r.cleanup() }
        try r.write("huifang.yaml", "huifang: 1\n# mine\ndepartments: []\n")
        let before = r.snapshot()
        let result = r.run(["init"])
        #expect(result.code == 64)
        #expect(result.stderr.contains("already a huifang repository"))
        #expect(r.snapshot() == before)
    }

    @Test func worksInsideAGitRepositoryAndKeepsItsGitignore() throws {
        let r = HuifangRunner()
        defer { r.cleanup() }
        try r.write(".gitignore", "build/")
        try r.write("README.md", "# ours\n")
        let result = r.run(["init", "visits"])
        #expect(result.code == 0)
        #expect(r.read("visits/huifang.yaml") != nil)
        #expect(r.read(".gitignore") == "build/")
        #expect(r.read("visits/.gitignore") == "# huifang's local state (lock, cache): never committed\n.huifang/\n")
        let again = r.run(["init"], cwd: r.path("visits"))
        #expect(again.code == 64)
    }

    @Test func appendsToAnExistingGitignoreOnce() throws {
        let r = HuifangRunner()
        defer { r.cleanup() }
        try r.write(".gitignore", "build/")
        #expect(r.run(["init"]).code == 0)
        #expect(r.read(".gitignore") == "build/\n# huifang's local state (lock, cache): never committed\n.huifang/\n")
    }

    @Test func outsideARepositoryCommandsExit66WithAHint() {
        let r = HuifangRunner()
        defer { r.cleanup() }
        for args in [["status"], ["check"], ["project", "list"], ["visit", "log", "x", "--method", "phone", "--summary", "s"]] {
            let result = r.run(args)
            #expect(result.code == 66, "\(args)")
            #expect(result.stderr.contains("huifang init"), "\(args)")
        }
        let bare = r.run([])
        #expect(bare.code == 0)
        #expect(bare.stdout.contains("huifang init"))
    }
}

extension InitCommandTests {
    /// Without huifang.yaml yet, init keeps every file that is there and says which it kept.
    @Test func keepsAnExistingCalendarAndGitignoreAndSaysSo() throws {
        let r = HuifangRunner()
        defer { r.cleanup() }
        let calendar = "# 我们自己维护的日历\nholidays:\n  2026-10-01: 国庆节\n"
        try r.write("calendars/cn.yaml", calendar)
        try r.write(".gitignore", "build/\n.huifang/\n")
        let result = r.run(["init"])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(r.read("calendars/cn.yaml") == calendar, "the existing calendar is kept byte for byte")
        #expect(r.read(".gitignore") == "build/\n.huifang/\n")
        #expect(result.stdout.contains("  created huifang.yaml\n"))
        #expect(result.stdout.contains("  kept calendars/cn.yaml (already there, unchanged)\n"), "\(result.stdout)")
        #expect(result.stdout.contains("  kept .gitignore (already there, unchanged)\n"), "\(result.stdout)")
        #expect(!result.stdout.contains("created calendars/cn.yaml"))
        let appended = HuifangRunner()
        defer { appended.cleanup() }
        try appended.write(".gitignore", "build/")
        #expect(appended.run(["init"]).stdout.contains("  added .huifang/ to .gitignore\n"))
    }
}
