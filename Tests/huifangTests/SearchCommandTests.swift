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
        let found = r.run(["search", "打印", "--in", "cases", "--format", "json", "--limit", "0"])
        #expect(found.stdout.contains("\"kind\": \"case\"") && found.stdout.contains("\"field\": \"measures\""), "\(found.stdout)")
        // Issues alone leave case analyses out.
        let issues = r.run(["search", "打印", "--in", "issues", "--format", "json", "--limit", "0"])
        #expect(issues.stdout.contains("\"kind\": \"issue\"") && !issues.stdout.contains("\"kind\": \"case\""), "\(issues.stdout)")
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
        for args in [["search", ""], ["search", "  "], ["search", "123 !!"], ["search", "打印", "--in", "visits,plans"], ["search", "x", "--limit", "-1"]] {
            let result = r.run(args)
            #expect(result.code == 64, "\(args): \(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
        #expect(r.run(["search", ""]).stderr.contains("has no letters"))
        #expect(r.run(["search", "打印", "--in", "plans"]).stderr.contains("--in does not know 'plans'"))
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

    /// Case analyses, section by section: 材料培训 finds 培训材料 (the other word order) in the
    /// lessons of i-1c3b194c, and nothing outside the five sections.
    @Test func casesMatchAcrossWordOrder() throws {
        let r = try ExampleTests.demo()
        defer { r.cleanup() }
        let result = r.run(["search", "材料培训", "--in", "cases", "--lang", "zh", "--limit", "5"])
        #expect(result.code == 0, "\(result.stderr)")
        r.expectGolden(result.stdout, "search-cases-zh.txt")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count > 3 && lines[2...3].contains { $0.contains("案例 i-1c3b194c") && $0.contains("经验教训") && $0.contains("【培训材料】") },
                "\(result.stdout)")
        #expect(lines.dropFirst(2).dropLast().allSatisfy { $0.contains("案例 i-") }, "\(result.stdout)")
        let json = r.run(["search", "材料培训", "--in", "cases", "--format", "json", "--limit", "0"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let results = try #require(object["results"] as? [[String: Any]])
        #expect(!results.isEmpty)
        for hit in results {
            #expect(hit["kind"] as? String == "case")
            #expect(["course", "cause", "measures", "lessons", "scope"].contains(hit["field"] as? String ?? ""), "\(hit)")
            // The text is the section's, without its heading.
            #expect(!(hit["text"] as? String ?? "").contains("## "), "\(hit)")
        }
    }

    /// Risks: title, plan, review notes and the closing reason; 容量服务器 finds 服务器容量.
    @Test func risksMatchAcrossWordOrder() throws {
        let r = try ExampleTests.demo()
        defer { r.cleanup() }
        let add: [[String]] = [
            ["risk", "add", "acme-erp", "--title", "服务器容量不足", "--category", "技术", "--probability", "3", "--impact", "4",
             "--response", "mitigate", "--plan", "月底前扩容数据库服务器", "--owner", "李工"],
            ["risk", "add", "tj-oa", "--title", "关键用户离职", "--category", "客户", "--probability", "2", "--impact", "3",
             "--response", "accept", "--plan", "交接文档随版本更新", "--owner", "王芳"],
        ]
        for args in add {
            let added = r.run(args)
            #expect(added.code == 0, "\(added.stderr)")
        }
        let ids = try ["acme-erp", "tj-oa"].map { p in
            try #require(try FileManager.default.contentsOfDirectory(atPath: r.path("projects/\(p)/risks")).first).replacingOccurrences(of: ".yaml", with: "")
        }
        for id in ids {
            let updated = r.run(["risk", "update", id, "--note", "复核：容量监控已接入，服务器负载正常"])
            #expect(updated.code == 0, "\(updated.stderr)")
        }
        let closed = r.run(["risk", "close", ids[1], "--reason", "用户已完成交接，服务器无影响"])
        #expect(closed.code == 0, "\(closed.stderr)")
        let result = r.run(["search", "容量服务器", "--in", "risks", "--lang", "zh"])
        #expect(result.code == 0, "\(result.stderr)")
        r.expectGolden(result.stdout, "search-risks-zh.txt")
        #expect(result.stdout.contains("风险") && result.stdout.contains("【服务器容量】") && result.stdout.contains("复核记录")
                && result.stdout.contains("关闭原因"), "\(result.stdout)")
        // Only risks, and the project filter keeps one project's.
        let json = r.run(["search", "容量服务器", "--in", "risks", "--project", "tj-oa", "--format", "json", "--limit", "0"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let results = try #require(object["results"] as? [[String: Any]])
        #expect(!results.isEmpty && results.allSatisfy { $0["kind"] as? String == "risk" && $0["project"] as? String == "tj-oa" }, "\(json.stdout)")
        // Without --in, risks are searched too.
        #expect(r.run(["search", "扩容数据库"]).stdout.contains("风险"))
    }

}
