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
        // The same in English.
        r.expectGolden(r.run(["--lang", "en", "status"]).stdout, "tour-status-en.txt")
        r.expectGolden(r.run(["--lang", "en", "project", "list"]).stdout, "tour-project-list-en.txt")
        r.expectGolden(r.run(["--lang", "en", "project", "list", "--format", "csv"]).stdout, "tour-project-list-en.csv")
        r.expectGolden(r.run(["--lang", "en", "visit", "list"]).stdout, "tour-visit-list-en.txt")
        r.expectGolden(r.run(["--lang", "en", "project", "show", "acme-erp"]).stdout, "tour-project-show-en.txt")
        let firstVisit = try #require(try FileManager.default.contentsOfDirectory(atPath: r.path("projects/acme-erp/visits")).sorted().first)
        let firstID = String(firstVisit.dropFirst(11).dropLast(5))
        r.expectGolden(r.run(["visit", "show", firstID]).stdout, "tour-visit-show.txt")
        r.expectGolden(r.run(["visit", "show", firstID, "--lang", "en"]).stdout, "tour-visit-show-en.txt")
        let visitFile = try #require(try FileManager.default.contentsOfDirectory(atPath: r.path("projects/acme-erp/visits")).sorted().first)
        r.expectGolden(try #require(r.read("projects/acme-erp/visits/" + visitFile)), "tour-visit.yaml")
    }

    @Test func visitKindFollowsTheHistory() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let list = r.run(["visit", "list", "acme-erp", "--format", "csv"]).stdout
        #expect(list.contains(",first,phone,"), "the CSV's kind and method columns keep the codes")
        #expect(list.contains(",periodic,onsite,"))
        let early = r.run(["visit", "log", "beta-mes", "--date", "2026-05-01", "--method", "online", "--summary", "阶段回访"])
        #expect(early.code == 0)
        #expect(early.stdout.hasPrefix("已记录阶段回访 v-"))
        #expect(early.stdout.contains("（beta-mes，2026-05-01，线上，王五）"))
        let later = r.run(["--lang", "en", "visit", "log", "beta-mes", "--date", "2026-05-02", "--method", "phone", "--summary", "再次阶段回访"])
        #expect(later.code == 0)
        #expect(later.stdout.hasPrefix("Logged stage visit v-"))
        #expect(later.stdout.contains(" to beta-mes (2026-05-02, phone, 王五)"))
    }

    @Test func globalOptionsWorkBeforeAndAfterTheSubcommand() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let elsewhere = HuifangRunner()
        defer { elsewhere.cleanup() }
        let before = elsewhere.run(["-C", r.dir, "--as-of", "2026-07-01", "--lang", "en", "status"], today: nil)
        let after = elsewhere.run(["status", "-C", r.dir, "--as-of", "2026-07-01", "--lang", "en"], today: nil)
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
        #expect(r.run(["status"], today: "2026-03-01").stdout.hasPrefix("示例科技有限公司，2026-03-01\n"))
        let bad = r.run(["status"], today: "2026-02-30")
        #expect(bad.code == 64)
        #expect(bad.stderr.contains("HUIFANG_TODAY"))
        // Refused while the arguments are parsed, in the repository's language (zh), or in English when asked.
        let badFlag = r.run(["--as-of", "2026-02-30", "status"])
        #expect(badFlag.code == 64)
        #expect(badFlag.stderr.contains("--as-of：'2026-02-30' 不是真实的日期"), "\(badFlag.stderr)")
        let badFlagEn = r.run(["--lang", "en", "--as-of", "2026-02-30", "status"])
        #expect(badFlagEn.code == 64)
        #expect(badFlagEn.stderr.contains("--as-of: '2026-02-30' is not a real date"), "\(badFlagEn.stderr)")
    }
}
