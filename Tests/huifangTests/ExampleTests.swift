import Foundation
import Testing

/// The bundled example repository passes `check`, and the daily commands give reviewed
/// outputs on it in both languages.
@Suite struct ExampleTests {
    static func demo() throws -> HuifangRunner {
        let r = HuifangRunner()
        let src = HuifangRunner.testsFolder + "/../../examples/demo"
        for item in try FileManager.default.contentsOfDirectory(atPath: src) where item != ".huifang" {
            try FileManager.default.copyItem(atPath: src + "/" + item, toPath: r.dir + "/" + item)
        }
        return r
    }

    /// examples/build_demo.py, which made the example by driving the real command line, still
    /// runs with today's huifang and gives the same answers as the example (its records differ
    /// only by the `recorded:` date that commands write now).
    @Test func theDemoBuilderStillBuildsTheExample() throws {
        let built = HuifangRunner()
        defer { built.cleanup() }
        let build = HuifangRunner.tool(["python3", HuifangRunner.testsFolder + "/../../examples/build_demo.py",
                                        "--huifang", HuifangRunner.binary, "--out", built.dir + "/demo"])
        try #require(build.code == 0, "build_demo.py failed: \(build.stderr)")
        let example = try Self.demo()
        defer { example.cleanup() }
        for args in [["status"], ["check"], ["due", "--format", "json"], ["report", "summary", "--period", "2026Q3", "--format", "json"],
                     ["report", "people", "--period", "2026Q3", "--format", "json"], ["issue", "list", "--format", "csv"]] {
            let mine = built.run(args, cwd: built.dir + "/demo")
            let theirs = example.run(args)
            #expect(mine.code == theirs.code, "\(args)")
            #expect(mine.stdout == theirs.stdout, "\(args)")
        }
    }

    @Test(.englishMessages) func theExamplePassesCheck() throws {
        let r = try Self.demo()
        defer { r.cleanup() }
        let result = r.run(["check"])
        #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
        // On 2026-11-24 visits are due in 2027, which the shipped calendar does not cover yet: a warning, not an error.
        #expect(result.stdout.hasPrefix("huifang.yaml:1:1: warning: no calendar file covers 2027:"), "\(result.stdout)")
        #expect(result.stdout.contains("\n0 errors, 1 warning in "))
    }

    @Test(arguments: ["zh", "en"])
    func dailyCommands(lang: String) throws {
        let r = try Self.demo()
        defer { r.cleanup() }
        r.expectGolden(r.run(["visit", "prepare", "acme-erp", "--lang", lang]).stdout, "example-prepare-\(lang).txt")
        r.expectGolden(r.run(["visit", "prepare", "tj-oa", "--lang", lang, "--format", "md"]).stdout, "example-prepare-\(lang).md")
        r.expectGolden(r.run(["project", "log", "bj-crm", "--lang", lang, "--since", "2026-01-01"]).stdout, "example-log-\(lang).txt")
    }

    /// The example's competitor notes name their competitor (before the colon), so that the
    /// roll-up groups them by competitor instead of one unnamed heap.
    @Test func theExampleRollsUpCompetitorsByName() throws {
        let r = try Self.demo()
        defer { r.cleanup() }
        let report = r.run(["report", "competitors", "--period", "2025"])
        #expect(report.code == 0, "\(report.stderr)")
        #expect(report.stdout.contains("| SAP | 4 |") && report.stdout.contains("| 用友 | 4 |"), "\(report.stdout)")
        #expect(!report.stdout.contains("（未注明）"), "\(report.stdout)")
        r.expectGolden(report.stdout, "example-competitors-zh.md")
    }

    @Test func statusAndDueOnTheExample() throws {
        let r = try Self.demo()
        defer { r.cleanup() }
        r.expectGolden(r.run(["status"]).stdout, "example-status.txt")
        r.expectGolden(r.run(["project", "log", "bj-crm", "--format", "json", "--since", "2026-10-01"]).stdout, "example-log.json")
    }
}
