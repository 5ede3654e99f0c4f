import Foundation
import Testing

/// The README's five-minute tour, run as a new user would.
@Suite struct TourTests {
    @Test func newUserTour() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        #expect(r.run(["check"]).stdout == "正常：7 个文件，没有问题\n")
        r.expectGolden(r.run(["status"]).stdout, "tour-status.txt")
        r.expectGolden(r.run(["project", "list"]).stdout, "tour-project-list.txt")
        r.expectGolden(r.run(["project", "list", "--format", "json"]).stdout, "tour-project-list.json")
        r.expectGolden(r.run(["project", "list", "--format", "csv"]).stdout, "tour-project-list.csv")
        r.expectGolden(r.run(["visit", "list"]).stdout, "tour-visit-list.txt")
        r.expectGolden(r.run(["project", "show", "acme-erp"]).stdout, "tour-project-show.txt")
        r.expectGolden(try #require(r.read("projects/acme-erp/project.yaml")), "tour-project.yaml")
        let visitFile = try #require(try FileManager.default.contentsOfDirectory(atPath: r.path("projects/acme-erp/visits")).sorted().first)
        r.expectGolden(try #require(r.read("projects/acme-erp/visits/" + visitFile)), "tour-visit.yaml")
    }

    @Test func visitKindFollowsTheHistory() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let list = r.run(["visit", "list", "acme-erp", "--format", "csv"]).stdout
        #expect(list.contains(",first,phone,"))
        #expect(list.contains(",periodic,onsite,"))
        let early = r.run(["visit", "log", "beta-mes", "--date", "2026-05-01", "--method", "online", "--summary", "阶段回访"])
        #expect(early.code == 0)
        #expect(early.stdout.contains("Logged stage visit"))
    }

    @Test func globalOptionsWorkBeforeAndAfterTheSubcommand() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let elsewhere = HuifangRunner()
        defer { elsewhere.cleanup() }
        let before = elsewhere.run(["-C", r.dir, "--as-of", "2026-07-01", "status"], today: nil)
        let after = elsewhere.run(["status", "-C", r.dir, "--as-of", "2026-07-01"], today: nil)
        #expect(before.code == 0)
        #expect(before.stdout == after.stdout)
        #expect(before.stdout.hasPrefix("On 2026-07-01 "))
        let nested = elsewhere.run(["project", "list", "-C", r.dir, "--format", "csv"])
        #expect(nested.code == 0)
        #expect(nested.stdout.contains("acme-erp"))
        let sub = r.run(["status"], cwd: r.path("projects/acme-erp/visits"))
        #expect(sub.code == 0, "a repository is found from a folder inside it")
    }

    @Test func asOfComesFromTheEnvironmentAndIsValidated() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        #expect(r.run(["status"], today: "2026-03-01").stdout.hasPrefix("On 2026-03-01 "))
        let bad = r.run(["status"], today: "2026-02-30")
        #expect(bad.code == 64)
        #expect(bad.stderr.contains("HUIFANG_TODAY"))
        let badFlag = r.run(["--as-of", "2026-02-30", "status"])
        #expect(badFlag.code == 64)
        #expect(badFlag.stderr.contains("not a real date"))
    }
}
