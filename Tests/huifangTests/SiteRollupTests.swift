import Foundation
import Testing

/// `huifang site` over several repositories (issue 20; docs/WORKSPACE.md): examples/workspace.yaml
/// over examples/demo (华东华南) and examples/demo-north (西北), which share department north.
@Suite struct SiteRollupTests {
    /// A copy of examples/workspace.yaml and both demos.
    static func workspace() throws -> HuifangRunner {
        let r = HuifangRunner()
        let examples = HuifangRunner.testsFolder + "/../../examples"
        for item in ["demo", "demo-north", "workspace.yaml"] {
            try FileManager.default.copyItem(atPath: examples + "/" + item, toPath: r.path(item))
        }
        try? FileManager.default.removeItem(atPath: r.path("demo/.huifang"))
        try? FileManager.default.removeItem(atPath: r.path("demo-north/.huifang"))
        return r
    }

    /// The `<table>…</table>` elements of a page.
    static func tables(_ html: String) -> [String] {
        var out: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "<table"), let end = rest[start.upperBound...].range(of: "</table>") {
            out.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return out
    }

    /// The project ids and issue ids of a repository (from its folders).
    static func records(_ root: String) throws -> (projects: [String], issues: [String]) {
        var projects: [String] = []
        var issues: [String] = []
        for id in try FileManager.default.contentsOfDirectory(atPath: root + "/projects") {
            projects.append(id)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: root + "/projects/\(id)/issues")) ?? []
            issues += files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }
        }
        return (projects, issues)
    }

    /// The index and the assessment carry the roll-up's tables (those of `report summary` and
    /// `report assessment` over the same workspace, byte for byte); every project and issue
    /// of both repositories has its page under its repository's folder; the index names the
    /// repositories read.
    @Test(.englishMessages) func theSiteOfAWorkspaceCarriesTheRollupsFigures() throws {
        let r = try Self.workspace()
        defer { r.cleanup() }
        let site = r.run(["site", "-o", "public", "--period", "2026Q3"])
        #expect(site.code == 0, "\(site.stderr)")
        let summary = r.run(["report", "summary", "--period", "2026Q3", "--format", "html"])
        let assessment = r.run(["report", "assessment", "--period", "2026Q3", "--format", "html"])
        #expect(summary.code == 0 && assessment.code == 0, "\(summary.stderr)\(assessment.stderr)")
        let index = try #require(r.read("public/index.html"))
        // Every table of the summary but the major issues (whose ids the site links) is on the index.
        let reportTables = Self.tables(summary.stdout)
        #expect(reportTables.count >= 5)
        for t in reportTables where !t.contains("i-") {
            #expect(index.contains(t), "the index lacks \(t.prefix(300))")
        }
        #expect(reportTables.contains { $0.contains("91.7% (11/12)") }, "the union's plan completion (11 of 12 planned projects)")
        let assessed = try #require(r.read("public/assessment.html"))
        for t in Self.tables(assessment.stdout) { #expect(assessed.contains(t), "the assessment lacks \(t.prefix(300))") }
        // The repositories read: name and path.
        for text in ["<td>华东华南</td><td>demo</td>", "<td>西北</td><td>demo-north</td>"] { #expect(index.contains(text), "\(text)") }

        for (name, folder) in [("华东华南", "demo"), ("西北", "demo-north")] {
            let (projects, issues) = try Self.records(r.path(folder))
            #expect(!projects.isEmpty && !issues.isEmpty)
            for id in projects {
                let page = try #require(r.read("public/repos/\(name)/projects/\(id).html"), "\(name)/\(id)")
                #expect(page.contains("仓库 \(name)") || page.contains("repository \(name)"), "the page names its repository")
                #expect(page.contains("href=\"../../../index.html\""), "the way home from \(name)/\(id)")
            }
            for id in issues { #expect(r.read("public/repos/\(name)/issues/\(id).html") != nil, "\(name) issue \(id)") }
        }
        // Department north is in both repositories: its page counts the projects of both, and
        // its figures are the index's column for north.
        let north = try #require(r.read("public/departments/north.html"))
        let northProjects = try Self.records(r.path("demo")).projects.filter { (r.read("demo/projects/\($0)/project.yaml") ?? "").contains("\ndepartment: north\n") }
            + Self.records(r.path("demo-north")).projects.filter { (r.read("demo-north/projects/\($0)/project.yaml") ?? "").contains("\ndepartment: north\n") }
        #expect(northProjects.count == 5)
        #expect(north.contains("(\(northProjects.count))"))
        for id in northProjects { #expect(north.contains(">\(id)</a>"), "\(id) on north's page") }
        #expect(north.contains("80.0% (4/5)"), "north's plan completion over both repositories, as on the index")
        #expect(index.contains("80.0% (4/5)"))
    }

    /// A repository that closed the quarter is counted as its records were entered by the
    /// close, on the site as in the roll-up report: a visit entered later changes neither.
    @Test(.englishMessages) func aRepositoryThatClosedTheQuarterCountsItsFiguresOfTheClose() throws {
        let r = try Self.workspace()
        defer { r.cleanup() }
        let closed = r.run(["-C", "demo-north", "close", "2026Q3"], env: ["HUIFANG_USER": "王芳"], today: "2026-10-05")
        try #require(closed.code == 0, "\(closed.stderr)")
        let late = r.run(["-C", "demo-north", "visit", "log", "lz-oa", "--date", "2026-09-15", "--method", "phone", "--summary", "补录的回访",
                          "--overall", "1", "--contact", "李四"], today: "2026-11-30")
        try #require(late.code == 0, "\(late.stderr)")
        let site = r.run(["site", "-o", "public", "--period", "2026Q3"], today: "2026-11-30")
        #expect(site.code == 0, "\(site.stderr)")
        let summary = r.run(["report", "summary", "--period", "2026Q3", "--format", "html"], today: "2026-11-30")
        let index = try #require(r.read("public/index.html"))
        #expect(index.contains("西北: 2026Q3 is closed; its figures are counted as its records were entered by the close on 2026-10-05"))
        for t in Self.tables(summary.stdout) where !t.contains("i-") { #expect(index.contains(t), "the index lacks \(t.prefix(300))") }
        #expect(index.contains("81.1% (n=23)"), "the 23 scored visits of the close, not the 24 of today")
        #expect(try #require(r.read("public/repos/西北/projects/lz-oa.html")).contains("补录的回访"), "the project page shows today's records")
    }

    /// A project id in two repositories is refused as the roll-up refuses it, nothing written;
    /// with --allow-duplicate-projects both have their page, and the ids show their repository.
    @Test(.englishMessages) func aDuplicatedProjectIsRefusedUnlessAllowed() throws {
        let r = try Self.workspace()
        defer { r.cleanup() }
        try FileManager.default.copyItem(atPath: r.path("demo/projects/acme-erp"), toPath: r.path("demo-north/projects/acme-erp"))
        let refused = r.run(["site", "-o", "public", "--period", "2026Q3"])
        #expect(refused.code == 65)
        #expect(refused.stderr.contains("project 'acme-erp' is in two repositories"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: r.path("public")), "a refused site writes nothing")

        let allowed = r.run(["site", "-o", "public", "--period", "2026Q3", "--allow-duplicate-projects"])
        #expect(allowed.code == 0, "\(allowed.stderr)")
        let east = try #require(r.read("public/repos/华东华南/projects/acme-erp.html"))
        let west = try #require(r.read("public/repos/西北/projects/acme-erp.html"))
        #expect(east.contains("<h1>华东华南/acme-erp "), "\(east.prefix(600))")
        #expect(west.contains("<h1>西北/acme-erp "))
        let search = try #require(r.read("public/search.html"))
        #expect(search.contains("\"华东华南/acme-erp\"") && search.contains("\"西北/acme-erp\""))
    }

    /// The roll-up's other refusals: a department named differently, unreadable records (unless
    /// --ignore-invalid, whose warning names the repository on every page).
    @Test(.englishMessages) func theRollupsRefusalsHold() throws {
        let r = try Self.workspace()
        defer { r.cleanup() }
        let yaml = r.path("demo-north/huifang.yaml")
        let config = try String(contentsOfFile: yaml, encoding: .utf8)
        try config.replacingOccurrences(of: "name: 华北交付部", with: "name: 华北事业部").write(toFile: yaml, atomically: true, encoding: .utf8)
        let clash = r.run(["site", "-o", "public", "--period", "2026Q3"])
        #expect(clash.code == 65)
        #expect(clash.stderr.contains("department 'north' is named '华北交付部'"), "\(clash.stderr)")
        #expect(!FileManager.default.fileExists(atPath: r.path("public")))
        try config.write(toFile: yaml, atomically: true, encoding: .utf8)

        let project = try #require(r.read("demo-north/projects/lz-oa/project.yaml"))
        try r.write("demo-north/projects/lz-oa/project.yaml", "id: [unclosed\n")
        let bad = r.run(["site", "-o", "public", "--period", "2026Q3"])
        #expect(bad.code == 65)
        #expect(bad.stderr.contains("in repository 西北 (demo-north):"), "\(bad.stderr)")
        #expect(!FileManager.default.fileExists(atPath: r.path("public")))
        let ignored = r.run(["site", "-o", "public", "--period", "2026Q3", "--ignore-invalid"])
        #expect(ignored.code == 0, "\(ignored.stderr)")
        let index = try #require(r.read("public/index.html"))
        #expect(index.contains("repository 西北 (demo-north):"), "the warning is on the pages")
        #expect(r.read("public/repos/西北/projects/lz-oa.html") == nil)

        // --department names a department of one repository at least.
        try r.write("demo-north/projects/lz-oa/project.yaml", project)
        let unknown = r.run(["site", "-o", "other", "--period", "2026Q3", "--department", "nowhere"])
        #expect(unknown.code == 64)
        #expect(unknown.stderr.contains("no repository has department 'nowhere'"), "\(unknown.stderr)")
        #expect(!FileManager.default.fileExists(atPath: r.path("other")))
    }

    /// `--department north` over both repositories: no file of the site names a project (id or
    /// name) or an issue of another department of either repository, nor another business
    /// department; north's projects of both repositories have their pages.
    @Test func oneDepartmentsSiteOverTwoRepositoriesHasNothingOfAnother() throws {
        let r = try Self.workspace()
        defer { r.cleanup() }
        let result = r.run(["site", "-o", "north-site", "--period", "2026Q3", "--department", "north"])
        #expect(result.code == 0, "\(result.stderr)")
        var others: [String] = ["华东交付部", "华南交付部", "西北交付部"]
        var own: [(String, String)] = []
        for (name, folder) in [("华东华南", "demo"), ("西北", "demo-north")] {
            for id in try FileManager.default.contentsOfDirectory(atPath: r.path(folder + "/projects")) {
                let yaml = try #require(r.read("\(folder)/projects/\(id)/project.yaml"))
                let title = yaml.split(separator: "\n").first { $0.hasPrefix("name: ") }!.dropFirst(6)
                if yaml.contains("\ndepartment: north\n") {
                    own.append((name, id))
                    continue
                }
                others += [id, String(title)]
                for f in (try? FileManager.default.contentsOfDirectory(atPath: r.path("\(folder)/projects/\(id)/issues"))) ?? [] {
                    others.append(f.replacingOccurrences(of: ".yaml", with: ""))
                }
            }
        }
        #expect(Set(own.map(\.0)).count == 2, "north has projects in both repositories")
        #expect(others.count > 20)
        let site = SiteCommandTests.files(r.path("north-site"))
        #expect(site.count > 10)
        for (path, data) in site {
            let text = String(decoding: data, as: UTF8.self)
            for leak in others { #expect(!text.contains(leak), "\(path) shows \(leak)") }
        }
        for (name, id) in own { #expect(site["repos/\(name)/projects/\(id).html"] != nil, "\(name)/\(id)") }
        #expect(site.keys.filter { $0.hasPrefix("departments/") } == ["departments/north.html"])
    }

    /// Every link of every page (and of the search index) names a file of the site; the search
    /// index has the records of both repositories.
    @Test func noBrokenLinkAndTheSearchIndexCoversBoth() throws {
        let r = try Self.workspace()
        defer { r.cleanup() }
        let result = r.run(["site", "-o", "public", "--period", "2026Q3"])
        #expect(result.code == 0, "\(result.stderr)")
        let files = SiteCommandTests.files(r.path("public"))
        var checked = 0
        for (page, data) in files where page.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            var links = SiteBrowserTests.attributes(html)
            if page == "search.html" {
                let indexed = SiteBrowserTests.indexLinks(html)
                #expect(indexed.contains { $0.hasPrefix("repos/华东华南/") } && indexed.contains { $0.hasPrefix("repos/西北/") })
                links += indexed
            }
            for href in links where !href.hasPrefix("#") {
                #expect(!href.contains(":") && !href.hasPrefix("/"), "\(page): \(href) is not a relative link")
                let target = SiteBrowserTests.resolve(href, from: page)
                #expect(files[target] != nil, "\(page): \(href) is broken (\(target))")
                checked += 1
            }
        }
        #expect(checked > 500, "\(checked) links")
    }
}

/// The workspace's site in headless Chromium: every page loads without a console message, and
/// the search page finds a record of each repository.
@Suite(.serialized) struct SiteRollupBrowserTests {
    @Test func everyPageLoadsAndTheSearchFindsBothRepositories() throws {
        let chromium = try SiteBrowserTests.chromium()
        let r = try SiteRollupTests.workspace()
        defer { r.cleanup() }
        let result = r.run(["site", "-o", "public", "--period", "2026Q3"])
        try #require(result.code == 0, "\(result.stderr)")
        let site = r.path("public")
        let pages = SiteCommandTests.files(site).keys.filter { $0.hasSuffix(".html") }.sorted()
        #expect(pages.count > 60)
        nonisolated(unsafe) var results: [String: (dom: String, log: String)] = [:]
        let lock = NSLock()
        for batch in stride(from: 0, to: pages.count, by: 8) {
            DispatchQueue.concurrentPerform(iterations: min(8, pages.count - batch)) { k in
                let page = pages[batch + k]
                let result = SiteBrowserTests.dump("file://" + site + "/" + page, chromium: chromium)
                lock.lock()
                results[page] = result
                lock.unlock()
            }
        }
        for page in pages {
            let (dom, log) = results[page]!
            #expect(SiteBrowserTests.consoleLines(log).isEmpty, "\(page): \(SiteBrowserTests.consoleLines(log))")
            #expect(dom.contains("<h1>") && dom.contains("</html>"), "\(page) did not load: \(log.suffix(500))")
        }
        // 报表导出超时 is an issue title of demo; 制冷告警 one of demo-north (yc-dc).
        for (query, name) in [("报表导出超时", "华东华南"), ("制冷告警", "西北")] {
            let q = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let (dom, log) = SiteBrowserTests.dump("file://" + site + "/search.html#q=" + q, chromium: chromium, budget: 5000)
            #expect(SiteBrowserTests.consoleLines(log).isEmpty, "\(SiteBrowserTests.consoleLines(log))")
            let hits = dom.components(separatedBy: "<li class=\"hit\">").dropFirst()
            let encoded = name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)!
            #expect(hits.contains { ($0.contains("href=\"repos/\(name)/issues/") || $0.contains("href=\"repos/\(encoded)/issues/")) && $0.contains(query) },
                    "\(query) is found in \(name): \(hits.prefix(3))")
        }
    }
}

/// A roll-up's warning about a department huifang.yaml no longer lists names the repository
/// whose huifang.yaml lacks it (attack2's finding: it said only "huifang.yaml").
@Suite struct RollupUnknownDepartmentTests {
    @Test(.englishMessages) func theWarningNamesTheRepository() throws {
        let r = try SiteRollupTests.workspace()
        defer { r.cleanup() }
        let config = try #require(r.read("demo-north/huifang.yaml"))
        let without = config.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("{id: west,") }.joined(separator: "\n")
        try #require(without != config)
        try without.write(toFile: r.path("demo-north/huifang.yaml"), atomically: true, encoding: .utf8)
        for args in [["report", "summary", "--period", "2026Q3", "--format", "json"], ["report", "assessment", "--period", "2026Q3", "--format", "json"],
                     ["site", "-o", "public", "--period", "2026Q3"]] {
            let out = r.run(args, today: "2026-11-30")
            #expect(out.code == 0, "\(args): \(out.stderr)")
            #expect(out.stderr.contains("repository 西北 (demo-north): ") && out.stderr.contains("name the department 'west', which huifang.yaml does not list"),
                    "\(args): \(out.stderr)")
        }
        // The repository whose huifang.yaml lists west is not named in that warning.
        let summary = r.run(["report", "summary", "--period", "2026Q3", "--format", "json"], today: "2026-11-30")
        #expect(!summary.stderr.contains("repository 华东华南 (demo): "), "\(summary.stderr)")
        #expect(summary.stdout.contains("repository 西北 (demo-north): ") && summary.stdout.contains("the department 'west'"), "the warning travels with the JSON")
    }
}
