import HuifangCore
import Testing

@testable import HuifangReport

/// The static site's page builders on the hand-made history of `Fixture` (two projects in two
/// departments, an issue with an improvement, a visit with an attachment).
@Suite struct SiteBuilderTests {
    static func site(_ records: Records = Fixture.records, lang: String = "en", attachments: Set<String> = [],
                     cases: [String: String] = [:], department: Department? = nil) -> [String: String] {
        let c = ReportContext(records: records, schedule: Schedule(records), period: Period("2026Q2")!, today: Fixture.day("2026-08-01"),
                              labels: Catalogue(lang))
        let pages = SiteBuilder.pages(SiteInput(context: c, caseAnalyses: cases, attachments: attachments, department: department))
        return Dictionary(pages.map { ($0.path, String(decoding: $0.bytes, as: UTF8.self)) }, uniquingKeysWith: { a, _ in a })
    }

    static let attachment = "projects/a/visits/2026-05-10-v-a001/photo 1.jpg"

    @Test func everyRecordHasItsPage() {
        let pages = Self.site()
        #expect(Set(pages.keys) == ["index.html", "assessment.html", "search.html", "departments/east.html", "departments/north.html",
                                    "projects/a.html", "projects/b.html", "issues/i-0001.html", "issues/i-0002.html"])
    }

    /// Every relative link and source of every page names a file of the site (or an anchor).
    @Test(arguments: ["en", "zh"]) func everyLinkResolves(lang: String) {
        let pages = Self.site(lang: lang, attachments: [Self.attachment])
        var targets = Set(pages.keys)
        targets.insert(SiteBuilder.filesFolder + "/" + Self.attachment)
        var checked = 0
        for (path, html) in pages {
            for href in Self.links(html) {
                #expect(!href.contains("://") && !href.hasPrefix("//"), "\(path): \(href) is not relative")
                let resolved = Self.resolve(href, from: path)
                #expect(targets.contains(resolved), "\(path): \(href) -> \(resolved) is not a page of the site")
                checked += 1
            }
        }
        #expect(checked > 40)
    }

    /// No key of the catalogue is left unfilled: every text is in both languages.
    @Test(arguments: ["en", "zh"]) func everyTextComesFromTheCatalogue(lang: String) {
        for (path, html) in Self.site(lang: lang) {
            // The text of the page (its CSS and the search page's script aside).
            let body = html.components(separatedBy: "<main>")[1].components(separatedBy: "<script")[0]
            for key in Catalogue.table(.en).keys where key.hasPrefix("site.") {
                #expect(!body.contains(key), "\(path) shows the catalogue key \(key)")
            }
            #expect(!body.contains("{"), "\(path) has a placeholder left")
        }
        let zh = Self.site(lang: "zh")
        #expect(zh["search.html"]!.contains("搜索"))
        #expect(zh["index.html"]!.contains("<a href=\"search.html\""))
    }

    @Test func theProjectPageHasTheTimelineVisitsIssuesAndAttachments() {
        let html = Self.site(attachments: [Self.attachment])["projects/a.html"]!
        for text in ["Timeline", "v-a001", "runs well", "very stable", "Need: more reports", "export times out", "m-0001", "faster export"] {
            #expect(html.contains(text), "\(text)")
        }
        #expect(html.contains("<a href=\"../issues/i-0001.html\">i-0001</a>"))
        #expect(html.contains("<a href=\"../files/projects/a/visits/2026-05-10-v-a001/photo%201.jpg\">"))
        #expect(html.contains("<a href=\"../departments/east.html\""))
        // Not copied (missing in the repository): named, not linked.
        let missing = Self.site()["projects/a.html"]!
        #expect(!missing.contains("../files/"))
        #expect(missing.contains("attachment \(Self.attachment) is missing from the repository"))
    }

    @Test func theIssuePageHasHistoryRoutingAndCaseAnalysis() {
        var r = Fixture.records
        r.issues[0].caseAnalysis = "cases/i-0001.md"
        r.issues[0].history = [HistoryEntry(at: Fixture.day("2026-05-12"), action: "opened", by: "Sun")]
        let html = Self.site(r, cases: ["cases/i-0001.md": "# Cause\nthe index was missing\n\n- add the index\n- watch it"])["issues/i-0001.html"]!
        #expect(html.contains("<h2>Routing</h2>"))
        #expect(html.contains("working group"), "a major issue goes to a working group: \(html)")
        #expect(html.contains("<td>2026-05-12</td><td>opened</td><td>Sun</td>"))
        #expect(html.contains("<h3>Cause</h3>\n<p>the index was missing</p>\n<ul>\n<li>add the index</li>\n<li>watch it</li>"))
        let without = Self.site(r)["issues/i-0001.html"]!
        #expect(without.contains("The case analysis cases/i-0001.md is missing from the repository."))
        #expect(Self.site()["issues/i-0001.html"]!.contains("No case analysis yet: a major issue needs one before it is closed."))
    }

    @Test func theIndexHasTheSummaryDepartmentsAndOpenMajorIssues() {
        let html = Self.site()["index.html"]!
        #expect(html.contains("<h2>Departments</h2>"))
        #expect(html.contains("<a href=\"departments/east.html\">East Office</a>"))
        #expect(html.contains("<h2>Open major issues</h2>"))
        #expect(html.contains("<a href=\"issues/i-0001.html\">i-0001</a>"))
        #expect(html.contains("<svg"), "the trend chart")
        #expect(!html.contains("<script"), "only the search page has a script")
        let department = Self.site()["departments/north.html"]!
        #expect(department.contains("<a href=\"../projects/b.html\">b</a>"))
        #expect(!department.contains("<script"))
    }

    /// Record text can never become markup, in pages or in the search index.
    @Test func recordTextIsEscaped() {
        var r = Fixture.records
        r.issues[0].title = "</script><script>alert(1)</script><b>x</b>"
        r.visits[0].summary = "\"quoted\" & <i>it</i>"
        let pages = Self.site(r)
        for (path, html) in pages {
            #expect(!html.contains("<script>alert"), "\(path)")
            #expect(!html.contains("<b>x</b>"), "\(path)")
            #expect(!html.contains("<i>it</i>"), "\(path)")
        }
        #expect(pages["issues/i-0001.html"]!.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"))
        let search = pages["search.html"]!
        #expect(search.contains("\\u003c/script>\\u003cscript>alert(1)\\u003c/script>"))
        #expect(search.components(separatedBy: "<script").count == 4, "the two JSON blocks and the one script")
    }

    /// `--department east`: nothing of the north office's project in any page or in the index.
    @Test func oneDepartmentsSiteHoldsOnlyItsRecords() {
        let east = SiteScope.narrowed(Fixture.records, to: "east")
        let pages = Self.site(east, department: Fixture.east)
        #expect(!pages.keys.contains("projects/b.html"))
        #expect(!pages.keys.contains("departments/north.html"))
        for (path, html) in pages {
            for leak in ["Beta", "login fails", "i-0002", "Customer B", "projects/b", "North Office", "Qian"] {
                #expect(!html.contains(leak), "\(path) shows \(leak)")
            }
            #expect(html.contains("only East Office (east)"), "\(path) says whose site it is")
        }
        #expect(pages["projects/a.html"] != nil)
    }

    @Test func narrowingKeepsTheDepartmentsImprovementsAndDropsOtherIssues() {
        var r = Fixture.records
        r.improvements[0].addresses.append(IssueID("i-0002")!)
        let east = SiteScope.narrowed(r, to: "east")
        #expect(east.projects.map(\.id.rawValue) == ["a"])
        #expect(east.issues.map(\.id.rawValue) == ["i-0001"])
        #expect(east.improvements.map { $0.addresses.map(\.rawValue) } == [["i-0001"]])
        let north = SiteScope.narrowed(r, to: "north")
        #expect(north.improvements.map(\.id.rawValue) == ["m-0001"], "it addresses i-0002")
        #expect(north.improvements[0].addresses.map(\.rawValue) == ["i-0002"])
        #expect(north.visits.isEmpty)
    }

    /// The search index holds every kind of record with its page.
    @Test func theSearchIndexNamesEveryRecordAndItsPage() {
        let ix = SiteIndex(Fixture.records)
        let entries = SiteSearch.entries(Self.input(Fixture.records), ix)
        #expect(entries.map { [$0[0], $0[1], $0[5]] } == [
            ["project", "a", "projects/a.html"], ["project", "b", "projects/b.html"], ["visit", "v-a001", "projects/a.html"],
            ["issue", "i-0001", "issues/i-0001.html"], ["issue", "i-0002", "issues/i-0002.html"], ["improvement", "m-0001", "issues/i-0001.html"],
        ])
    }

    /// A case analysis is indexed a section at a time (as `huifang search --in cases`): each
    /// entry names its section and leads to the issue's page; a text outside the five
    /// sections (the title) and an empty section are not indexed.
    @Test func theSearchIndexHasEachSectionOfACaseAnalysis() {
        var r = Fixture.records
        r.issues[0].caseAnalysis = "cases/i-0001.md"
        var input = Self.input(r)
        input.caseAnalyses = ["cases/i-0001.md": "# Case of the slow index\n\n## Cause\nthe index was missing\n\n## Lessons learned\nwatch the plans\n\n## Measures\n<!-- hint -->\n"]
        let cases = SiteSearch.entries(input, SiteIndex(r)).filter { $0[0] == "case" }
        let title = r.issues[0].title
        #expect(cases == [
            ["case", "i-0001", title + " · cause", "the index was missing", r.issues[0].raised.description, "issues/i-0001.html"],
            ["case", "i-0001", title + " · lessons learned", "watch the plans", r.issues[0].raised.description, "issues/i-0001.html"],
        ])
        // Without the file's text (unreadable), no case entry.
        #expect(!SiteSearch.entries(Self.input(r), SiteIndex(r)).contains { $0[0] == "case" })
    }

    /// In a site over several repositories, a repository's entries lead into its folder and
    /// show its name before the ids.
    @Test func aRepositorysSearchEntriesLeadIntoItsFolder() {
        var input = Self.input(Fixture.records)
        input.base = "repos/north/"
        input.repository = "north"
        let entries = SiteSearch.entries(input, SiteIndex(Fixture.records))
        #expect(entries.map { [$0[1], $0[5]] }.prefix(4) == [["north/a", "repos/north/projects/a.html"], ["north/b", "repos/north/projects/b.html"],
                                                             ["north/v-a001", "repos/north/projects/a.html"], ["north/i-0001", "repos/north/issues/i-0001.html"]])
        // The project pages find their way home through the repository's folder.
        var pages: [SiteFile] = []
        SiteBuilder.recordPages(input) { pages += $0 }
        let a = String(decoding: pages.first { $0.path == "repos/north/projects/a.html" }!.bytes, as: UTF8.self)
        #expect(a.contains("<a href=\"../../../index.html\" "))
        #expect(a.contains("<a href=\"../../../departments/east.html\" "))
        #expect(a.contains("repository north"))
    }

    static func input(_ r: Records) -> SiteInput {
        SiteInput(context: ReportContext(records: r, schedule: Schedule(r), period: Period("2026Q2")!, today: Fixture.day("2026-08-01"),
                                         labels: Catalogue("en")))
    }

    @Test func pagesAreTheSameOnEveryBuild() {
        #expect(Self.site() == Self.site())
    }

    // MARK: helpers

    static func links(_ html: String) -> [String] {
        var out: [String] = []
        for attr in ["href=\"", "src=\""] {
            var rest = html[...]
            while let r = rest.range(of: attr) {
                let after = rest[r.upperBound...]
                guard let end = after.firstIndex(of: "\"") else { break }
                out.append(String(after[..<end]))
                rest = after[end...]
            }
        }
        return out.filter { !$0.hasPrefix("#") }
    }

    static func resolve(_ href: String, from page: String) -> String {
        var parts = page.split(separator: "/").dropLast().map(String.init)
        let path = href.split(separator: "#", maxSplits: 1).first.map(String.init) ?? href
        for p in path.split(separator: "/") {
            if p == ".." { _ = parts.popLast() } else if p != "." { parts.append(String(p).removingPercentEncoding ?? String(p)) }
        }
        return parts.joined(separator: "/")
    }
}

extension String {
    var removingPercentEncoding: String? {
        var bytes: [UInt8] = []
        var it = utf8.makeIterator()
        while let b = it.next() {
            if b == UInt8(ascii: "%"), let h = it.next(), let l = it.next(), let v = UInt8(String(decoding: [h, l], as: UTF8.self), radix: 16) {
                bytes.append(v)
            } else {
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
