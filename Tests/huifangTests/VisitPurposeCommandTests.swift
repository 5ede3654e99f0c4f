import Foundation
import Testing

/// Issue 14 part 2: a visit clears what it was for. `visit log` without `--kind` takes the
/// kind of the open item it satisfies and says what it cleared; a given kind stands with a
/// warning; `--edit` pre-fills the same kind.
@Suite struct VisitPurposeCommandTests {
    /// The tour repository (acme-erp tagged erp, visited 2026-02-14 and 2026-05-20) and an
    /// upgrade event for the tag on 2026-11-02 (its special visit is due 2026-11-16).
    func withEvent() throws -> HuifangRunner {
        let r = try makeTourRepository()
        let e = r.run(["--as-of", "2026-11-02", "event", "add", "2026-11-02", "--kind", "upgrade", "--title", "V3 大版本升级", "--tag", "erp"])
        try #require(e.code == 0, "\(e.stderr)")
        // Event files end in a random part (seeded in tests): the id the expectations below use.
        try #require(r.read("events/2026-11-02-upgrade-erp-2feb6e.yaml") != nil, "\(e.stdout)")
        return r
    }

    func visitFile(_ r: HuifangRunner, _ project: String, _ date: String) throws -> String {
        let files = try FileManager.default.contentsOfDirectory(atPath: r.path("projects/\(project)/visits"))
        let name = try #require(files.first { $0.hasPrefix(date + "-") && $0.hasSuffix(".yaml") })
        return try #require(r.read("projects/\(project)/visits/" + name))
    }

    @Test func anEventThenAPlainVisitClearsTheSpecialVisit() throws {
        let r = try withEvent()
        defer { r.cleanup() }
        #expect(r.run(["due", "--overdue", "--format", "csv"]).stdout.contains("visit/special"), "overdue before the visit")
        let log = r.run(["--lang", "en", "visit", "log", "acme-erp", "--date", "2026-11-18", "--method", "phone", "--summary", "升级后回访"])
        #expect(log.code == 0, "\(log.stderr)")
        #expect(log.stderr == "")
        #expect(log.stdout.hasPrefix("Logged special visit "))
        #expect(log.stdout.contains("  clears: special visit after event 2026-11-02-upgrade-erp-2feb6e, due 2026-11-16 (2 days overdue)\n"))
        #expect(log.stdout.contains("  clears: periodic visit after visit "))
        let text = try visitFile(r, "acme-erp", "2026-11-18")
        #expect(text.contains("kind: special\n"))
        #expect(text.contains("event: \"2026-11-02-upgrade-erp-2feb6e\"\n") || text.contains("event: 2026-11-02-upgrade-erp-2feb6e\n"))
        let overdue = r.run(["due", "--overdue", "--format", "csv"]).stdout
        #expect(!overdue.contains("visit/special"), "the special visit is no longer overdue: \(overdue)")
        #expect(r.run(["check"]).code == 0)
    }

    @Test func aGivenKindStandsWithAWarningAndTheSpecialVisitStaysDue() throws {
        let r = try withEvent()
        defer { r.cleanup() }
        let log = r.run(["--lang", "en", "visit", "log", "acme-erp", "--date", "2026-11-18", "--method", "phone", "--summary", "例行回访", "--kind", "periodic"])
        #expect(log.code == 0, "\(log.stderr)")
        #expect(log.stderr == "warning: logged as periodic as given, but a special visit after event 2026-11-02-upgrade-erp-2feb6e is open; a periodic visit that names no event does not clear it\n")
        #expect(log.stdout.hasPrefix("Logged periodic visit "))
        #expect(!log.stdout.contains("clears: special"))
        #expect(try visitFile(r, "acme-erp", "2026-11-18").contains("kind: periodic\n"))
        #expect(r.run(["due", "--overdue", "--format", "csv"]).stdout.contains("visit/special"))
    }

    @Test func aGivenEventWithAnotherKindIsExplained() throws {
        let r = try withEvent()
        defer { r.cleanup() }
        let log = r.run(["--lang", "en", "visit", "log", "acme-erp", "--date", "2026-11-18", "--method", "phone", "--summary", "例行回访", "--kind", "periodic",
                         "--event", "2026-11-02-upgrade-erp-2feb6e"])
        #expect(log.code == 0, "\(log.stderr)")
        #expect(log.stderr == "warning: logged as periodic as given, but naming event 2026-11-02-upgrade-erp-2feb6e makes it the special visit after that event\n")
        #expect(log.stdout.contains("clears: special visit after event 2026-11-02-upgrade-erp-2feb6e"), "naming the event clears it (docs/RULES.md)")
    }

    @Test func aCustomerIssueMakesTheNextVisitACustomerRequest() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let add = r.run(["--as-of", "2026-11-16", "issue", "add", "acme-erp", "--title", "接口响应慢", "--category", "technical",
                         "--severity", "general", "--source", "customer"])
        try #require(add.code == 0, "\(add.stderr)")
        let log = r.run(["--lang", "en", "visit", "log", "acme-erp", "--date", "2026-11-18", "--method", "onsite", "--summary", "上门查看接口"])
        #expect(log.code == 0, "\(log.stderr)")
        #expect(log.stdout.hasPrefix("Logged customer request visit "))
        #expect(log.stdout.contains("clears: customer request visit for issue i-"))
        #expect(log.stdout.contains("(in time)"))
    }

    @Test func theFirstVisitAndANothingDueVisitSaySo() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        // beta-mes (key tier, monthly) was visited on 2026-07-28: a visit on 2026-08-10 is early.
        let early = r.run(["--lang", "en", "visit", "log", "beta-mes", "--date", "2026-08-10", "--method", "phone", "--summary", "电话回访"])
        #expect(early.code == 0, "\(early.stderr)")
        #expect(early.stdout.hasPrefix("Logged periodic visit "))
        #expect(early.stdout.contains("  clears: nothing was due (it meets the periodic visit due 2026-08-28 early)\n"))
        let added = r.run(["project", "add", "gamma", "--name", "Gamma", "--customer", "G", "--department", "east", "--owner", "王五",
                           "--tier", "basic", "--accepted", "2026-11-02"])
        try #require(added.code == 0, "\(added.stderr)")
        let first = r.run(["--lang", "en", "visit", "log", "gamma", "--method", "phone", "--summary", "首次回访"])
        #expect(first.stdout.hasPrefix("Logged first visit "))
        #expect(first.stdout.contains("  clears: first visit after acceptance, due 2026-12-02 (in time)\n"))
    }

    @Test func editPrefillsTheSameKindAndEvent() throws {
        let r = try withEvent()
        defer { r.cleanup() }
        let ed = r.path(".editors/ok.sh")
        try r.write(".editors/ok.sh", "#!/bin/sh\ncp \"$1\" \"$(dirname \"$0\")/template.yaml\"\nsed -i 's/^method: /method: phone/; s/^summary: \"\"/summary: 升级回访/' \"$1\"\n")
        chmod(ed, 0o755)
        let result = r.run(["--lang", "en", "visit", "log", "acme-erp", "--edit", "--date", "2026-11-18"], env: ["EDITOR": ed, "VISUAL": ""])
        #expect(result.code == 0, "\(result.stderr)")
        let template = try #require(r.read(".editors/template.yaml"))
        #expect(template.contains("\nkind: special "))
        #expect(template.contains("\nevent: "))
        #expect(template.contains("2026-11-02-upgrade-erp-2feb6e"))
        #expect(result.stdout.contains("clears: special visit after event 2026-11-02-upgrade-erp-2feb6e"))
        #expect(result.stderr == "")
    }

    @Test func aKindChangedInTheEditorThatDoesNotMatchIsAWarning() throws {
        let r = try withEvent()
        defer { r.cleanup() }
        let ed = r.path(".editors/periodic.sh")
        try r.write(".editors/periodic.sh", "#!/bin/sh\nsed -i 's/^kind: special/kind: periodic/; /^event: /d; s/^method: /method: phone/; s/^summary: \"\"/summary: 例行/' \"$1\"\n")
        chmod(ed, 0o755)
        let result = r.run(["--lang", "en", "visit", "log", "acme-erp", "--edit", "--date", "2026-11-18"], env: ["EDITOR": ed, "VISUAL": ""])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Logged periodic visit "))
        #expect(result.stderr.hasPrefix("warning: logged as periodic as given, but a special visit after event 2026-11-02-upgrade-erp-2feb6e is open"))
    }
}
