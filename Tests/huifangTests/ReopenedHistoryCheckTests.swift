import Foundation
import Testing

/// A reopened issue keeps its rejected resolution and confirmation in the `reopened` history
/// line (docs/RECORDS.md); `check` knows those keys and does not warn about them.
@Suite struct ReopenedHistoryCheckTests {
    @Test func theResolutionKeptInAReopenedLineIsNotAnUnknownKey() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        #expect(r.run(["--as-of", "2026-09-01", "issue", "add", "acme-erp", "--title", "报表导出超时", "--category", "technical",
                       "--severity", "minor"]).code == 0)
        let id = String(try #require(try FileManager.default.contentsOfDirectory(atPath: r.path("projects/acme-erp/issues")).first).dropLast(5))
        for step in [["--as-of", "2026-09-02", "issue", "resolve", id, "--summary", "改为异步导出"],
                     ["--as-of", "2026-09-03", "issue", "confirm", id, "--unsatisfied"],
                     ["--as-of", "2026-09-04", "issue", "resolve", id, "--summary", "加了索引"],
                     ["--as-of", "2026-09-07", "issue", "confirm", id],
                     ["--as-of", "2026-10-12", "issue", "reopen", id, "--reason", "又超时了"]] {
            let result = r.run(step)
            try #require(result.code == 0, "\(step.joined(separator: " ")): \(result.stderr)")
        }
        let text = try #require(r.read("projects/acme-erp/issues/\(id).yaml"))
        #expect(text.contains("resolved: {date: 2026-09-02"))
        #expect(text.contains("confirmed: {date: 2026-09-07"))
        let check = r.run(["check", "--lang", "en"])
        #expect(check.code == 0)
        #expect(check.stdout == "ok: 8 files, no problems\n", "\(check.stdout)")
    }
}
