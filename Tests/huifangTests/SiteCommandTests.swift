import Foundation
import Testing

/// `huifang site`: the static site of a repository, end to end (issue 20).
@Suite struct SiteCommandTests {
    /// Every file under `dir`, relative, with its bytes (the manifest included).
    static func files(_ dir: String) -> [String: Data] {
        var out: [String: Data] = [:]
        let e = FileManager.default.enumerator(atPath: dir)
        while let p = e?.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: dir + "/" + p, isDirectory: &isDir), !isDir.boolValue {
                out[p] = FileManager.default.contents(atPath: dir + "/" + p)
            }
        }
        return out
    }

    @Test(.englishMessages) func aSecondRunWritesOnlyWhatChangedAndRemovesOnlyItsOwnFiles() throws {
        let r = try ExampleTests.demo()
        defer { r.cleanup() }
        let out = r.dir + "/public"
        let first = r.run(["site", "-o", "public", "--period", "2026Q3"])
        #expect(first.code == 0, "\(first.stderr)")
        let pages = Self.files(out).keys.filter { $0.hasSuffix(".html") }
        #expect(pages.count == 52, "index, assessment, search, 3 departments, 10 projects, 36 issues: \(pages.sorted())")
        #expect(first.stderr.hasSuffix("52 pages written, 0 unchanged, 0 removed (public)\n"), "\(first.stderr)")
        let before = Self.files(out)

        let again = r.run(["site", "-o", "public", "--period", "2026Q3"])
        #expect(again.code == 0)
        #expect(again.stderr.hasSuffix("0 pages written, 52 unchanged, 0 removed (public)\n"), "\(again.stderr)")
        #expect(Self.files(out) == before)

        // A file of the user's beside the site, and a project that goes away.
        try r.write("public/CNAME", "records.example.com\n")
        let gone = try #require(FileManager.default.contentsOfDirectory(atPath: r.path("projects/jn-dc/issues")).count)
        try FileManager.default.removeItem(atPath: r.path("projects/jn-dc"))
        let third = r.run(["site", "-o", "public", "--period", "2026Q3"])
        #expect(third.code == 0, "\(third.stderr)")
        let now = Self.files(out)
        #expect(now["projects/jn-dc.html"] == nil)
        #expect(now["CNAME"] == Data("records.example.com\n".utf8), "a file huifang did not write stays")
        let removed = before.keys.filter { now[$0] == nil }.count
        #expect(removed == 1 + gone, "the project's page and its issues' pages")
        let written = now.keys.filter { $0.hasSuffix(".html") && now[$0] != before[$0] }.count
        #expect(third.stderr.hasSuffix("\(written) pages written, \(52 - removed - written) unchanged, \(removed) removed (public)\n"), "\(third.stderr)")
        #expect(written > 0 && written < 52 - removed, "only the pages that show the project changed: \(written)")
        let manifest = try #require(r.read("public/.huifang-site"))
        #expect(!manifest.contains("CNAME"))
        #expect(!manifest.contains("jn-dc.html"))
    }

    @Test(.englishMessages) func refusesTheRepositoryTheRecordsAndAForeignFolder() throws {
        let r = try ExampleTests.demo()
        defer { r.cleanup() }
        let repo = r.run(["site", "-o", "."])
        #expect(repo.code == 64)
        #expect(repo.stderr.contains("-o . is the repository itself"), "\(repo.stderr)")
        let records = r.run(["site", "-o", "projects/site"])
        #expect(records.code == 64)
        #expect(records.stderr.contains("is inside the records (projects/site/)"), "\(records.stderr)")
        #expect(!FileManager.default.fileExists(atPath: r.path("projects/site")))

        try r.write("mine/notes.txt", "keep me\n")
        let foreign = r.run(["site", "-o", "mine"])
        #expect(foreign.code == 64)
        #expect(foreign.stderr.contains("-o mine is a folder that huifang did not write (it has files and no .huifang-site)"), "\(foreign.stderr)")
        #expect(Self.files(r.path("mine")).keys.sorted() == ["notes.txt"], "nothing written")

        try r.write("file.txt", "x")
        #expect(r.run(["site", "-o", "file.txt"]).code == 64)
        let unknown = r.run(["site", "-o", "public", "--department", "nowhere"])
        #expect(unknown.code == 64)
        #expect(unknown.stderr.contains("unknown department 'nowhere'"))
        #expect(!FileManager.default.fileExists(atPath: r.path("public/index.html")), "a failed command writes nothing")

        // A manifest that names a path outside the folder is not huifang's: refused, nothing removed.
        try r.write("odd/.huifang-site", "# huifang site: the files huifang wrote here (it removes only these)\n../huifang.yaml\n")
        let odd = r.run(["site", "-o", "odd"])
        #expect(odd.code == 64)
        #expect(odd.stderr.contains("not a manifest huifang wrote (../huifang.yaml)"), "\(odd.stderr)")
        #expect(FileManager.default.fileExists(atPath: r.path("huifang.yaml")))
    }

    /// `--department east`: no page, no search index, nothing in the folder names a project of
    /// another department (ids and names), nor another business department.
    @Test func oneDepartmentsSiteHasNothingOfAnother() throws {
        let r = try ExampleTests.demo()
        defer { r.cleanup() }
        let result = r.run(["site", "-o", "east-site", "--period", "2026Q3", "--department", "east"])
        #expect(result.code == 0, "\(result.stderr)")
        var others: [String] = ["华北交付部", "华南交付部"]
        var own: [String] = []
        for id in try FileManager.default.contentsOfDirectory(atPath: r.path("projects")) {
            let yaml = try #require(r.read("projects/\(id)/project.yaml"))
            let name = yaml.split(separator: "\n").first { $0.hasPrefix("name: ") }!.dropFirst(6)
            if yaml.contains("\ndepartment: east\n") { own.append(id) } else { others += [id, String(name)] }
            // The other projects' issue titles too, unless an east project has one of the same title.
            if !yaml.contains("\ndepartment: east\n"), let issues = try? FileManager.default.contentsOfDirectory(atPath: r.path("projects/\(id)/issues")) {
                for f in issues { others.append(f.replacingOccurrences(of: ".yaml", with: "")) }
            }
        }
        #expect(own.count == 3 && others.count > 20)
        let site = Self.files(r.path("east-site"))
        #expect(site.count > 10)
        for (path, data) in site {
            let text = String(decoding: data, as: UTF8.self)
            for leak in others { #expect(!text.contains(leak), "\(path) shows \(leak)") }
        }
        for id in own { #expect(site["projects/\(id).html"] != nil) }
        #expect(!site.keys.contains { $0.hasPrefix("departments/") && $0 != "departments/east.html" })
    }

    /// With --ignore-invalid, a department's site says records were left out without naming
    /// another department's files.
    @Test(.englishMessages) func aDepartmentsSiteDoesNotNameAnotherDepartmentsUnreadableFile() throws {
        let r = try ExampleTests.demo()
        defer { r.cleanup() }
        let visit = try #require(FileManager.default.contentsOfDirectory(atPath: r.path("projects/bj-crm/visits")).first { $0.hasSuffix(".yaml") })
        try r.write("projects/bj-crm/visits/" + visit, "id: [unclosed\n")
        let result = r.run(["site", "-o", "east-site", "--period", "2026Q3", "--department", "east", "--ignore-invalid"])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stderr.contains("bj-crm"), "standard error names the file: \(result.stderr)")
        for (path, data) in Self.files(r.path("east-site")) {
            #expect(!String(decoding: data, as: UTF8.self).contains("bj-crm"), "\(path)")
        }
        let index = try #require(r.read("east-site/index.html"))
        #expect(index.contains("1 record files could not be read and are left out (a department&#39;s site does not name them)"))
    }

    /// A closed quarter's site shows the figures of the close, as `report summary`, `report
    /// department` and `report assessment` do for it (the records as entered by the close, the
    /// section listing each figure restated since and the late entries): their tables are on the
    /// index, the department page and the assessment page, byte for byte. Every page says so;
    /// the project pages show today's records (the late visit).
    @Test(.englishMessages) func aClosedQuarterShowsTheFiguresOfTheClose() throws {
        let r = try CloseCommandTests.repository()
        defer { r.cleanup() }
        let closed = r.run(["close", "2026Q3"], env: ["HUIFANG_USER": "王芳"], today: "2026-10-05")
        try #require(closed.code == 0, "\(closed.stderr)")
        // 补录: a visit dated 09-15, entered on 11-30, after the close.
        let late = r.run(["visit", "log", "beta", "--date", "2026-09-15", "--method", "phone", "--kind", "first", "--summary", "补录",
                          "--overall", "4", "--contact", "李四"], today: "2026-11-30")
        try #require(late.code == 0, "\(late.stderr)")
        let result = r.run(["site", "-o", "public", "--period", "2026Q3"], today: "2026-11-30")
        #expect(result.code == 0, "\(result.stderr)")
        let note = "2026Q3 was closed on 2026-10-05: the figures of the index, department and assessment pages are those of the close"
        #expect(result.stderr.contains(note), "\(result.stderr)")
        for (path, data) in Self.files(r.path("public")) where path.hasSuffix(".html") {
            #expect(String(decoding: data, as: UTF8.self).contains(note), "\(path)")
        }
        for (page, args) in [("index.html", ["report", "summary"]), ("departments/east.html", ["report", "department", "east"]),
                             ("assessment.html", ["report", "assessment"])] {
            let report = r.run(args + ["--period", "2026Q3", "--format", "html"], today: "2026-11-30")
            #expect(report.code == 0, "\(report.stderr)")
            let html = try #require(r.read("public/" + page))
            let tables = SiteRollupTests.tables(report.stdout)
            #expect(tables.contains { $0.contains("Frozen") }, "\(args): the restated figures beside the frozen ones")
            // The tables whose cells the site links (record ids) aside, every table is the report's.
            for t in tables where !t.contains("i-") && !t.contains(">beta<") && !t.contains(">acme<") {
                #expect(html.contains(t), "\(page) lacks \(t.prefix(400))")
            }
        }
        #expect(try #require(r.read("public/projects/beta.html")).contains("补录"), "the project page shows today's records")
    }

    /// A department's site of a closed quarter: the closed-period section keeps the
    /// department's figures, late entries and files only (another department's late visit is
    /// not named anywhere).
    @Test(.englishMessages) func aDepartmentsSiteOfAClosedQuarterNamesNothingOfAnother() throws {
        let r = try CloseCommandTests.repository()
        defer { r.cleanup() }
        let config = try #require(r.read("huifang.yaml"))
        try r.write("huifang.yaml", config.replacingOccurrences(of: "  - {id: tech,", with: "  - {id: north, name: 华北交付部, head: 赵磊, role: business}\n  - {id: tech,"))
        let add = r.run(["project", "add", "gamma", "--name", "GAMMA", "--customer", "gamma", "--department", "north", "--owner", "赵磊",
                         "--tier", "standard", "--accepted", "2026-06-01"], today: "2026-07-01")
        try #require(add.code == 0, "\(add.stderr)")
        let closed = r.run(["close", "2026Q3"], env: ["HUIFANG_USER": "王芳"], today: "2026-10-05")
        try #require(closed.code == 0, "\(closed.stderr)")
        for project in ["beta", "gamma"] {
            let late = r.run(["visit", "log", project, "--date", "2026-09-15", "--method", "phone", "--kind", "first", "--summary", "补录",
                              "--overall", "2", "--contact", "李四"], today: "2026-11-30")
            try #require(late.code == 0, "\(late.stderr)")
        }
        let result = r.run(["site", "-o", "east-site", "--period", "2026Q3", "--department", "east"], today: "2026-11-30")
        #expect(result.code == 0, "\(result.stderr)")
        let files = Self.files(r.path("east-site"))
        for (path, data) in files {
            let text = String(decoding: data, as: UTF8.self)
            for leak in ["gamma", "GAMMA", "华北交付部", "department.north"] { #expect(!text.contains(leak), "\(path) shows \(leak)") }
        }
        let index = try #require(r.read("east-site/index.html"))
        #expect(index.contains("<h2>Closed period</h2>"), "\(index.prefix(2000))")
        #expect(index.contains("projects/beta/visits/2026-09-15"), "east's own late entry is listed")
    }

    @Test func attachmentsAreCopiedAndLinked() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        try r.write("in/site photo.jpg", String(repeating: "x", count: 3000))
        let attach = r.run(["visit", "attach", "v-b266", "in/site photo.jpg"])
        #expect(attach.code == 0, "\(attach.stderr)")
        let result = r.run(["site", "-o", "public"])
        #expect(result.code == 0, "\(result.stderr)")
        let copy = "public/files/projects/acme-erp/visits/2026-05-20-v-b266f103/site photo.jpg"
        #expect(r.read(copy)?.count == 3000)
        let page = try #require(r.read("public/projects/acme-erp.html"))
        #expect(page.contains("<a href=\"../files/projects/acme-erp/visits/2026-05-20-v-b266f103/site%20photo.jpg\">"))
        // Gone from the repository: the copy goes, the page names it without a link, with a warning.
        try FileManager.default.removeItem(atPath: r.path("projects/acme-erp/visits/2026-05-20-v-b266f103/site photo.jpg"))
        let again = r.run(["site", "-o", "public", "--lang", "en"])
        #expect(again.code == 0)
        #expect(again.stderr.contains("attachment projects/acme-erp/visits/2026-05-20-v-b266f103/site photo.jpg is missing"), "\(again.stderr)")
        #expect(r.read(copy) == nil)
        #expect(!(r.read("public/projects/acme-erp.html") ?? "").contains("../files/"))
    }

    /// examples/ci/huifang-site.yml is valid YAML (PyYAML reads it) and publishes the site it
    /// writes to GitHub Pages after each push to main.
    /// huifang-site.yml publishes one repository's site; huifang-site-workspace.yml checks out
    /// the record repositories beside workspace.yaml and publishes their site.
    @Test(arguments: ["huifang-site.yml", "huifang-site-workspace.yml"])
    func theCIExamplePublishesTheSite(_ name: String) throws {
        let file = HuifangRunner.testsFolder + "/../../examples/ci/" + name
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import yaml,json,sys; print(json.dumps(yaml.safe_load(open(sys.argv[1], encoding='utf-8'))))", file]
        let out = Pipe()
        p.standardOutput = out
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let watchdog = HuifangRunner.watch(p, "python3 yaml")
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        watchdog.cancel()
        try #require(p.terminationStatus == 0, "python3 with PyYAML is needed (.ci/run installs it), and the workflow must be valid YAML")
        let workflow = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        // PyYAML reads the key `on` as true.
        let on = try #require((workflow["true"] ?? workflow["on"]) as? [String: Any])
        #expect((on["push"] as? [String: Any])?["branches"] as? [String] == ["main"])
        let jobs = try #require(workflow["jobs"] as? [String: [String: Any]])
        let build = try #require(jobs["build"]?["steps"] as? [[String: Any]])
        let runs = build.compactMap { $0["run"] as? String }.joined(separator: "\n")
        #expect(runs.contains("site -o \"$PWD/public\""))
        if name == "huifang-site-workspace.yml" {
            let checkouts = build.filter { ($0["uses"] as? String)?.hasPrefix("actions/checkout@") == true }
            #expect(checkouts.compactMap { ($0["with"] as? [String: Any])?["path"] as? String } == ["records/east", "records/north"])
            #expect(runs.contains("huifang site -o") && !runs.contains("-C records site"), "the site of workspace.yaml's repositories")
            #expect(on["repository_dispatch"] != nil, "a record repository's merge can ask for the site")
        }
        let upload = try #require(build.first { ($0["uses"] as? String)?.hasPrefix("actions/upload-pages-artifact@") == true })
        #expect((upload["with"] as? [String: Any])?["path"] as? String == "public/")
        let deploy = try #require(jobs["deploy"]?["steps"] as? [[String: Any]])
        #expect(deploy.contains { ($0["uses"] as? String)?.hasPrefix("actions/deploy-pages@") == true })
        #expect(jobs["deploy"]?["needs"] as? String == "build")
        let permissions = try #require(workflow["permissions"] as? [String: String])
        #expect(permissions["pages"] == "write" && permissions["id-token"] == "write")
    }

    @Test func helpSaysWhatTheSiteIs() {
        let r = HuifangRunner()
        defer { r.cleanup() }
        let help = r.run(["site", "--help"])
        #expect(help.code == 0)
        for text in ["-o, --output <DIR>", "--department", "--period", "search.html#q=TEXT", ".huifang-site"] {
            #expect(help.stdout.contains(text), "\(text)")
        }
    }
}

/// The demo's site in a real browser (headless Chromium): every page loads without a console
/// message, no relative link is broken, and the search page finds Chinese text from its URL.
@Suite(.serialized) struct SiteBrowserTests {
    /// Chromium, or a failure that says what to install (never a silent skip).
    static func chromium() throws -> String {
        let candidates = [ProcessInfo.processInfo.environment["CHROMIUM"], "/usr/bin/chromium", "/usr/bin/chromium-browser"].compactMap { $0 }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            Issue.record("headless Chromium is needed for the site's browser tests: apt-get install -y --no-install-recommends chromium (or set CHROMIUM=/path/to/chromium); .ci/run installs it when run as root")
            throw CancellationError()
        }
        return found
    }

    /// Runs Chromium on `url` with a time limit: the DOM it dumps and its log.
    static func dump(_ url: String, chromium: String, budget: Int? = nil) -> (dom: String, log: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: chromium)
        p.arguments = ["--headless", "--disable-gpu", "--no-sandbox", "--enable-logging=stderr", "--v=0", "--no-first-run",
                       "--user-data-dir=" + FileManager.default.temporaryDirectory.appendingPathComponent("huifang-chromium-\(UUID().uuidString)").path]
            + (budget.map { ["--virtual-time-budget=\($0)"] } ?? []) + ["--dump-dom", url]
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        do { try p.run() } catch { return ("", "cannot start \(chromium): \(error)") }
        let watchdog = HuifangRunner.watch(p, "chromium \(url)", seconds: 120)
        // Both pipes read at once: a full stderr pipe must not block Chromium.
        nonisolated(unsafe) var log = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            log = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let dom = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        watchdog.cancel()
        return (String(decoding: dom, as: UTF8.self), String(decoding: log, as: UTF8.self))
    }

    /// The lines of Chromium's log that come from a page's console (errors, uncaught exceptions, logs).
    static func consoleLines(_ log: String) -> [String] {
        log.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
    }

    static func demoSite() throws -> (HuifangRunner, String) {
        let r = try ExampleTests.demo()
        let result = r.run(["site", "-o", "public", "--period", "2026Q3"])
        try #require(result.code == 0, "\(result.stderr)")
        return (r, r.path("public"))
    }

    /// The check itself can fail: a page with a script error is caught.
    @Test func aConsoleErrorIsSeen() throws {
        let chromium = try Self.chromium()
        let r = HuifangRunner()
        defer { r.cleanup() }
        try r.write("bad.html", "<!DOCTYPE html><html><body><script>undefinedFunction();</script></body></html>")
        let (_, log) = Self.dump("file://" + r.path("bad.html"), chromium: chromium)
        #expect(Self.consoleLines(log).contains { $0.contains("undefinedFunction is not defined") }, "\(log)")
    }

    @Test func everyPageLoadsWithoutAConsoleMessage() throws {
        let chromium = try Self.chromium()
        let (r, site) = try Self.demoSite()
        defer { r.cleanup() }
        let pages = SiteCommandTests.files(site).keys.filter { $0.hasSuffix(".html") }.sorted()
        #expect(pages.count == 52)
        // Eight at a time: each load mostly waits.
        nonisolated(unsafe) var results: [String: (dom: String, log: String)] = [:]
        let lock = NSLock()
        for batch in stride(from: 0, to: pages.count, by: 8) {
            DispatchQueue.concurrentPerform(iterations: min(8, pages.count - batch)) { k in
                let page = pages[batch + k]
                let result = Self.dump("file://" + site + "/" + page, chromium: chromium)
                lock.lock()
                results[page] = result
                lock.unlock()
            }
        }
        for page in pages {
            let (dom, log) = results[page]!
            #expect(Self.consoleLines(log).isEmpty, "\(page): \(Self.consoleLines(log))")
            #expect(dom.contains("<h1>") && dom.contains("</html>"), "\(page) did not load: \(log.suffix(500))")
        }
    }

    /// Every href and src of every page of the demo site (and of its search results) names a
    /// file of the site: no broken relative link, and no link that leaves the site.
    @Test func noBrokenLink() throws {
        let (r, site) = try Self.demoSite()
        defer { r.cleanup() }
        let files = SiteCommandTests.files(site)
        var checked = 0
        for (page, data) in files where page.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            var links = Self.attributes(html)
            // The search index's pages, which the script links to.
            if page == "search.html" { links += Self.indexLinks(html) }
            for href in links where !href.hasPrefix("#") {
                #expect(!href.contains(":") && !href.hasPrefix("/"), "\(page): \(href) is not a relative link")
                let target = Self.resolve(href, from: page)
                #expect(files[target] != nil, "\(page): \(href) is broken (\(target))")
                checked += 1
            }
        }
        #expect(checked > 500, "\(checked) links")
    }

    @Test func theSearchPageShowsTheMatchesOfItsURLsQuery() throws {
        let chromium = try Self.chromium()
        let (r, site) = try Self.demoSite()
        defer { r.cleanup() }
        let query = "报表导出".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let (dom, log) = Self.dump("file://" + site + "/search.html#q=" + query, chromium: chromium, budget: 5000)
        #expect(Self.consoleLines(log).isEmpty, "\(Self.consoleLines(log))")
        let hits = dom.components(separatedBy: "<li class=\"hit\">").dropFirst()
        // The demo's issues titled 报表导出超时 (export times out), each linked to its page.
        let titled = try FileManager.default.subpathsOfDirectory(atPath: r.path("projects")).filter { p in
            p.contains("/issues/") && (r.read("projects/" + p)?.contains("title: 报表导出超时") ?? false)
        }
        #expect(titled.count >= 3)
        for p in titled {
            let id = URL(fileURLWithPath: p).deletingPathExtension().lastPathComponent
            #expect(hits.contains { $0.contains("<a href=\"issues/\(id).html\">\(id) 报表导出超时</a>") }, "\(id) is found")
        }
        #expect(dom.contains("id=\"q\"") && dom.contains("条匹配记录"), "the count is shown")
        // Something that is in no record: no hit, and the page says so.
        let (none, _) = Self.dump("file://" + site + "/search.html#q=" + "量子纠缠".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!,
                                  chromium: chromium, budget: 5000)
        #expect(!none.contains("<li class=\"hit\">"))
        #expect(none.contains("没有匹配的记录。"))
    }

    /// A text only a case analysis holds (页边距, in the 原因 section of two of the demo's case
    /// analyses) is found on the search page: each hit names the section and leads to the
    /// issue's page.
    @Test func theSearchPageFindsTheTextOfACaseAnalysis() throws {
        let chromium = try Self.chromium()
        let (r, site) = try Self.demoSite()
        defer { r.cleanup() }
        let query = "页边距".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let (dom, log) = Self.dump("file://" + site + "/search.html#q=" + query, chromium: chromium, budget: 5000)
        #expect(Self.consoleLines(log).isEmpty, "\(Self.consoleLines(log))")
        let hits = dom.components(separatedBy: "<li class=\"hit\">").dropFirst()
        for id in ["i-2880d25c", "i-202ff869"] {
            #expect(hits.contains { $0.hasPrefix("[案例分析] <a href=\"issues/\(id).html\">\(id) 打印格式错乱 · 原因</a>") && $0.contains("页边距") },
                    "\(id): \(hits.prefix(4))")
        }
        #expect(hits.count == 2, "only the case analyses hold it: \(hits)")
    }

    // MARK: helpers

    static func attributes(_ html: String) -> [String] {
        var out: [String] = []
        for attr in [" href=\"", " src=\""] {
            var rest = html[...]
            while let r = rest.range(of: attr) {
                let after = rest[r.upperBound...]
                guard let end = after.firstIndex(of: "\"") else { break }
                out.append(String(after[..<end]).replacingOccurrences(of: "&amp;", with: "&"))
                rest = after[end...]
            }
        }
        return out
    }

    /// The page of each entry of the search page's index (the last field of each entry).
    static func indexLinks(_ html: String) -> [String] {
        guard let start = html.range(of: "<script type=\"application/json\" id=\"search-index\">"),
              let end = html[start.upperBound...].range(of: "</script>"),
              let data = String(html[start.upperBound..<end.lowerBound]).data(using: .utf8),
              let entries = try? JSONSerialization.jsonObject(with: data) as? [[String]]
        else {
            Issue.record("no search index in the search page")
            return []
        }
        return entries.compactMap(\.last)
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
