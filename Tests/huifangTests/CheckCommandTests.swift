import Foundation
import Testing

@Suite struct CheckCommandTests {
    @Test(.englishMessages) func reportsEveryProblemOfABrokenRepository() throws {
        let r = HuifangRunner()
        defer { r.cleanup() }
        try r.copyFixture("broken")
        let before = r.snapshot()
        let text = r.run(["check"])
        #expect(text.code == 1)
        r.expectGolden(text.stdout, "check-broken.txt")
        #expect(text.stderr == "30 errors, 1 warning in 17 files\n")
        let json = r.run(["check", "--format", "json"])
        #expect(json.code == 1)
        r.expectGolden(json.stdout, "check-broken.json")
        #expect(r.snapshot() == before, "check writes nothing")
        // The same findings from the cache (warm), and when it is ignored.
        sleep(1)
        _ = r.run(["check"])
        #expect(r.run(["check"]).stdout == text.stdout)
        #expect(r.run(["check", "--no-cache"]).stdout == text.stdout)
    }

    @Test func jsonIsMachineReadable() throws {
        let r = HuifangRunner()
        defer { r.cleanup() }
        try r.copyFixture("broken")
        let json = r.run(["check", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["errors"] as? Int == 30)
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.count == 31)
        #expect(findings.allSatisfy { $0["path"] is String && $0["line"] is Int && $0["column"] is Int })
    }

    @Test(.englishMessages) func aCleanRepositoryPasses() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let result = r.run(["check"])
        #expect(result.code == 0)
        #expect(result.stdout == "ok: 7 files, no problems\n")
        let json = r.run(["check", "--format", "json"])
        #expect(json.stdout.contains("\"errors\": 0"))
    }

    @Test(.englishMessages) func statusCountsRecordsThatFailCheck() throws {
        let r = HuifangRunner()
        defer { r.cleanup() }
        try r.copyFixture("broken")
        // The fixture's calendar has an impossible date: status counts working days, so it refuses.
        let refused = r.run(["status"])
        #expect(refused.code == 65)
        #expect(refused.stderr.contains("calendar file 'calendars/cn.yaml' is invalid"), "\(refused.stderr)")
        // With the calendar mended, the other 29 problems are counted.
        let calendar = try #require(r.read("calendars/cn.yaml"))
        try r.write("calendars/cn.yaml", calendar.replacingOccurrences(of: "2026-02-30", with: "2026-02-20"))
        let result = r.run(["status", "--lang", "en"])
        #expect(result.code == 0)
        #expect(result.stdout.contains("29 problems in 17 records: run 'huifang check'"))
        #expect(r.run(["status", "--lang", "zh"]).stdout.contains("17 个记录文件中有 29 处问题：请运行 'huifang check'"))
    }
}
