import Foundation
import Testing

/// `huifang search` (issue 19) on the example repository: Chinese matched across word order,
/// the ranking, the marks, JSON with scores and offsets, and the refusals.
@Suite struct SearchCommandTests {
    /// The example plus two visits (报表导出太慢了 in tj-oa, 导出报表很慢 in acme-erp).
    static func demoWithExportVisits() throws -> HuifangRunner {
        let r = try ExampleTests.demo()
        for (project, date, summary) in [("tj-oa", "2026-11-10", "客户说报表导出太慢了，希望优化"), ("acme-erp", "2026-11-12", "导出报表很慢，月底尤其明显")] {
            let logged = r.run(["visit", "log", project, "--date", date, "--method", "phone", "--summary", summary])
            #expect(logged.code == 0, "\(logged.stderr)")
        }
        return r
    }

    @Test func chineseTableOnTheExample() throws {
        let r = try Self.demoWithExportVisits()
        defer { r.cleanup() }
        let result = r.run(["search", "导出太慢", "--lang", "zh", "--limit", "6"])
        #expect(result.code == 0, "\(result.stderr)")
        r.expectGolden(result.stdout, "search-demo-zh.txt")
        // The phrase first, the other word order next; the marks around what matched.
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count > 3 && lines[2].contains("【导出太慢】") && lines[2].hasPrefix("   100"), "\(result.stdout)")
        #expect(lines[3].contains("【导出】报表很慢") && lines[3].hasPrefix("    35"), "\(result.stdout)")
    }

    @Test func jsonGivesScoresAndOffsets() throws {
        let r = try Self.demoWithExportVisits()
        defer { r.cleanup() }
        let result = r.run(["search", "打印 格式", "--format", "json", "--in", "issues", "--project", "bj-crm"])
        #expect(result.code == 0, "\(result.stderr)")
        r.expectGolden(result.stdout, "search-demo.json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let results = try #require(object["results"] as? [[String: Any]])
        #expect(!results.isEmpty && results.allSatisfy { $0["kind"] as? String == "issue" && $0["project"] as? String == "bj-crm" })
    }

    @Test func caseAnalysesAreSearchedAndNeverFollowedOutOfTheRepository() throws {
        let r = try ExampleTests.demo()
        defer { r.cleanup() }
        let found = r.run(["search", "打印", "--in", "issues", "--format", "json", "--limit", "0"])
        #expect(found.stdout.contains("\"field\": \"case_analysis\""), "\(found.stdout)")
        // A case analysis replaced by a link to a file outside the repository: left out, and said so.
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("huifang-search-outside-\(UUID().uuidString).md").path
        try Data("外部秘密文件 打印".utf8).write(to: URL(fileURLWithPath: outside))
        defer { try? FileManager.default.removeItem(atPath: outside) }
        try FileManager.default.removeItem(atPath: r.path("docs/cases/i-202ff869.md"))
        try FileManager.default.createSymbolicLink(atPath: r.path("docs/cases/i-202ff869.md"), withDestinationPath: outside)
        let result = r.run(["search", "外部秘密", "--lang", "en"])
        #expect(result.code == 0)
        #expect(!result.stdout.contains("秘密"), "\(result.stdout)")
        #expect(result.stderr.contains("1 case analysis file could not be read inside the repository") && result.stderr.contains("docs/cases/i-202ff869.md"),
                "\(result.stderr)")
        let json = r.run(["search", "外部秘密", "--format", "json"])
        #expect(json.stdout.contains("\"warnings\"") && !json.stdout.contains("\"id\""), "\(json.stdout)")
    }

    @Test(.englishMessages) func emptyQueriesAndUnknownKindsAreUsageErrors() throws {
        let r = try ExampleTests.demo()
        defer { r.cleanup() }
        for args in [["search", ""], ["search", "  "], ["search", "123 !!"], ["search", "打印", "--in", "visits,risks"], ["search", "x", "--limit", "-1"]] {
            let result = r.run(args)
            #expect(result.code == 64, "\(args): \(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
        #expect(r.run(["search", ""]).stderr.contains("has no letters"))
        #expect(r.run(["search", "打印", "--in", "risks"]).stderr.contains("--in does not know 'risks'"))
    }

    @Test(.englishMessages) func filtersKeepOnlyWhatTheyName() throws {
        let r = try Self.demoWithExportVisits()
        defer { r.cleanup() }
        let visits = r.run(["search", "导出", "--in", "visits", "--period", "2026-11", "--format", "json", "--limit", "0"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(visits.stdout.utf8)) as? [String: Any])
        let results = try #require(object["results"] as? [[String: Any]])
        #expect(results.map { $0["date"] as? String ?? "" } == ["2026-11-12", "2026-11-10"], "\(visits.stdout)")
        let none = r.run(["search", "导出太慢", "--in", "visits", "--period", "2025"])
        #expect(none.code == 0 && none.stdout.isEmpty && none.stderr.contains("no record matches '导出太慢'"), "\(none.stderr)")
    }

    @Test(.englishMessages) func anUnreadableRecordMakesSearchRefuseUnlessIgnored() throws {
        let r = try ExampleTests.demo()
        defer { r.cleanup() }
        let file = "projects/acme-erp/visits/2024-11-14-v-56fb174c.yaml"
        try r.write(file, "id: v-56fb174c\ndate: 2024-11-14\n  method: [\n")
        let refused = r.run(["search", "打印"])
        #expect(refused.code == 65 && refused.stdout.isEmpty, "\(refused.stderr)")
        let ignored = r.run(["search", "打印", "--ignore-invalid", "--format", "json"])
        #expect(ignored.code == 0, "\(ignored.stderr)")
        #expect(ignored.stdout.contains("\"warnings\"") && ignored.stdout.contains("1 record"), "\(ignored.stdout)")
    }
}
