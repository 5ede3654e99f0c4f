import Foundation
import Testing

/// `report people` (issue 17, 绩效) on the bundled example repository, as of 2026-11-24
/// (re-record with HUIFANG_RECORD=1 swift test --filter PeopleCommandTests).
@Suite struct PeopleCommandTests {
    @Test func theDemoInChineseMarkdownAndEnglishJSON() throws {
        let r = try ExampleTests.demo()
        defer { r.cleanup() }
        let zh = r.run(["report", "people", "--period", "2026", "--lang", "zh"])
        #expect(zh.code == 0, "\(zh.stderr)")
        r.expectGolden(zh.stdout, "report-people-2026-zh.md")
        let en = r.run(["report", "people", "--period", "2026Q3", "--format", "json", "--lang", "en"])
        #expect(en.code == 0, "\(en.stderr)")
        r.expectGolden(en.stdout, "report-people-2026Q3-en.json")
    }

    @Test func aDepartmentKeepsItsOwnPeople() throws {
        let r = try ExampleTests.demo()
        defer { r.cleanup() }
        let all = r.run(["report", "people", "--period", "2026", "--format", "csv"])
        let east = r.run(["report", "people", "--period", "2026", "--format", "csv", "--department", "east"])
        #expect(all.code == 0 && east.code == 0, "\(all.stderr)\(east.stderr)")
        #expect(all.stdout.hasPrefix("role,person,figure,value,numerator,denominator,small_sample\r\n"))
        func visitors(_ csv: String) -> [String] {
            csv.components(separatedBy: "\r\n").filter { $0.contains(",visits,") }.map { $0.split(separator: ",").prefix(2).joined(separator: ",") }
        }
        // East's projects are visited by 张伟 (11 visits in 2026) and 王五 (5); the company has six visitors.
        #expect(visitors(east.stdout) == ["visitor,张伟", "visitor,王五"])
        #expect(visitors(all.stdout).count == 6)
        #expect(east.stdout.contains("\r\nvisitor,张伟,visits,11,,,no\r\n"))
        // Issues east is responsible for; none of south's (黄敏 owns 7 issues company-wide).
        #expect(all.stdout.contains("\r\nissue_owner,黄敏,resolved,0.8571,6,7,no\r\n"))
        #expect(!east.stdout.contains("issue_owner,黄敏"))
    }

    @Test func anUnknownDepartmentIsAUsageError() throws {
        let r = try ExampleTests.demo()
        defer { r.cleanup() }
        let result = r.run(["report", "people", "--department", "nowhere", "--lang", "en"])
        #expect(result.code == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("nowhere"), "\(result.stderr)")
    }
}
