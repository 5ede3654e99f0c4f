import Foundation
import Testing

/// Bad input on the command line: a clear message, the documented exit code, nothing written.
@Suite struct BadInputTests {
    static let cases: [(args: [String], code: Int32, message: String)] = [
        (["visit", "log", "nope", "--method", "phone", "--summary", "x"], 64, "no project 'nope'"),
        (["visit", "log", "acme-erp", "--date", "2026-02-30", "--method", "phone", "--summary", "x"], 64, "not a real date"),
        (["visit", "log", "acme-erp", "--method", "fax", "--summary", "x"], 64, "fax"),
        (["visit", "log", "acme-erp", "--method", "phone", "--summary", "x", "--score", "quality=6"], 64, "outside the scale 1..5"),
        (["visit", "log", "acme-erp", "--method", "phone", "--summary", "x", "--score", "speed=3"], 64, "unknown satisfaction dimension"),
        (["visit", "log", "acme-erp", "--method", "phone", "--summary", "x", "--overall", "0"], 64, "outside the scale"),
        (["visit", "log", "acme-erp", "--method", "phone", "--summary", "x", "--nps", "11"], 64, "outside 0..10"),
        (["visit", "log", "acme-erp", "--method", "phone"], 64, "--summary"),
        (["visit", "log", "acme-erp", "--method", "phone", "--summary", "x", "--date", "2027-01-01"], 64, "after today"),
        (["visit", "log", "acme-erp", "--method", "phone", "--summary", "x", "--event", "2026-05-01-nothing"], 64, "no event"),
        (["project", "add", "../x", "--name", "n", "--customer", "c", "--department", "east", "--owner", "o", "--tier", "key"], 64, "not a valid project id"),
        (["project", "add", "Big", "--name", "n", "--customer", "c", "--department", "east", "--owner", "o", "--tier", "key"], 64, "not a valid project id"),
        (["project", "add", "new-one", "--name", "n", "--customer", "c", "--department", "west", "--owner", "o", "--tier", "key"], 64, "unknown department 'west'"),
        (["project", "add", "new-one", "--name", "n", "--customer", "c", "--department", "east", "--owner", "o", "--tier", "gold"], 64, "gold"),
        (["project", "add", "acme-erp", "--name", "n", "--customer", "c", "--department", "east", "--owner", "o", "--tier", "key"], 64, "already exists"),
        (["project", "show", "zzz"], 64, "no project 'zzz'"),
        (["project", "edit", "acme-erp", "--department", "west"], 64, "unknown department 'west'"),
        (["due", "--department", "west"], 64, "unknown department 'west'"),
        (["due", "--department", "west"], 64, "known: pmo, east, tech, cs (huifang.yaml)"),
        (["visit", "list", "--period", "2026Q5"], 64, "not a period"),
    ]

    @Test(.englishMessages, arguments: cases.indices)
    func refusedWithNothingWritten(_ index: Int) throws {
        let c = Self.cases[index]
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let before = r.snapshot()
        let result = r.run(c.args)
        #expect(result.code == c.code, "\(c.args): \(result.stderr)")
        #expect(result.stderr.contains(c.message), "\(c.args): \(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(r.snapshot() == before, "\(c.args) wrote something")
    }

    @Test(.englishMessages) func ambiguousProjectPrefixIsRefused() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        #expect(r.run(["project", "add", "acme-crm", "--name", "n", "--customer", "c", "--department", "east", "--owner", "o", "--tier", "key"]).code == 0)
        let result = r.run(["visit", "log", "acme", "--method", "phone", "--summary", "x"])
        #expect(result.code == 64)
        #expect(result.stderr.contains("matches 2 projects: acme-crm, acme-erp"))
    }

    @Test func brokenConfigStopsCommandsWithExit65() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        try r.write("huifang.yaml", "huifang: 1\ndepartments:\n  - {id: east, name: 华东, head: 张伟, role: sales}\n")
        let before = r.snapshot()
        let result = r.run(["visit", "log", "acme-erp", "--method", "phone", "--summary", "x"])
        #expect(result.code == 65)
        #expect(result.stderr.contains("huifang.yaml:3:42: error: unknown role 'sales'; allowed: project_management, business, technical, customer_service"))
        #expect(r.snapshot() == before)
    }
}
