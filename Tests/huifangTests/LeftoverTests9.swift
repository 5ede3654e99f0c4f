import Foundation
import Testing

/// Session 9's leftovers: answers that could still change without the output saying so.
@Suite struct LeftoverTests9 {
    // MARK: 1. A year without calendar data travels with every listing

    /// `due`, `issue list`, `issue show`, `project show` said a year without calendar data only
    /// on standard error: JSON had no `warnings`, the table no word. Every listing and record
    /// shown whose working-day dates reach such a year now carries the warning in JSON
    /// `warnings` and as the table's last line (and still once on standard error).
    @Test(.englishMessages) func aYearWithoutCalendarDataTravelsWithEveryListing() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let added = r.run(["issue", "add", "acme-erp", "--title", "报表导出超时", "--category", "technical", "--severity", "general"],
                          today: "2026-12-20")
        try #require(added.code == 0, "\(added.stderr)")
        let said = "no calendar file covers 2027"
        // Nothing to say while everything lies in covered years: outputs as before.
        let before = r.run(["due", "--format", "json"], today: "2026-11-24")
        #expect(before.code == 0 && before.stdout.hasPrefix("["), "\(before.stdout)")

        func expectJSONWarning(_ args: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
            let result = r.run(args, today: "2026-12-20")
            #expect(result.code == 0, "\(args): \(result.stderr)", sourceLocation: sourceLocation)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
                                      "\(args): \(result.stdout)", sourceLocation: sourceLocation)
            let warnings = try #require(object["warnings"] as? [String], "\(args): \(result.stdout)", sourceLocation: sourceLocation)
            #expect(warnings.contains { $0.hasPrefix(said) }, "\(args): \(warnings)", sourceLocation: sourceLocation)
            #expect(result.stderr.components(separatedBy: said).count == 2, "said once: \(result.stderr)", sourceLocation: sourceLocation)
        }
        func expectTableFooter(_ args: [String], sourceLocation: SourceLocation = #_sourceLocation) {
            let result = r.run(args, today: "2026-12-20")
            #expect(result.code == 0, "\(args): \(result.stderr)", sourceLocation: sourceLocation)
            let lines = result.stdout.split(separator: "\n").map(String.init)
            #expect(lines.last?.hasPrefix("warning: " + said) == true, "\(args): \(result.stdout)", sourceLocation: sourceLocation)
            #expect(result.stderr.components(separatedBy: said).count == 2, "said once: \(result.stderr)", sourceLocation: sourceLocation)
        }
        try expectJSONWarning(["due", "--within", "120d", "--format", "json"])
        expectTableFooter(["due", "--within", "120d"])
        try expectJSONWarning(["issue", "list", "--format", "json"])
        expectTableFooter(["issue", "list"])
        try expectJSONWarning(["project", "show", "acme-erp", "--format", "json"])
        expectTableFooter(["project", "show", "acme-erp"])
        let list = r.run(["issue", "list", "--format", "json"], today: "2026-12-20")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [String: Any])
        let items = try #require(object["items"] as? [[String: Any]])
        let id = try #require(items.first?["id"] as? String)
        try expectJSONWarning(["issue", "show", id, "--format", "json"])
        expectTableFooter(["issue", "show", id])
        // -o FILE: the file carries it too.
        #expect(r.run(["due", "--within", "120d", "-o", "due.txt"], today: "2026-12-20").code == 0)
        #expect(r.read("due.txt")?.contains("warning: " + said) == true, "\(r.read("due.txt") ?? "")")
        // In Chinese, through the catalogue.
        let zh = r.run(["due", "--within", "120d"], env: ["HUIFANG_LANG": "zh"], today: "2026-12-20")
        #expect(zh.stdout.contains("警告：没有日历文件覆盖 2027 年"), "\(zh.stdout)")
    }

    // MARK: 4. Full-width letters and digits in search

    /// ＥＲＰ and ２０２６ (typed with a Chinese input method) did not find ERP and 2026, nor
    /// the other way round.
    @Test func searchTakesFullWidthLettersAndDigitsAsASCII() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let logged = r.run(["visit", "log", "beta-mes", "--date", "2026-11-20", "--method", "phone",
                            "--summary", "ＭＥＳ接口２０２６版升级后稳定", "--overall", "4"])
        try #require(logged.code == 0, "\(logged.stderr)")
        let ascii = r.run(["visit", "log", "acme-erp", "--date", "2026-11-21", "--method", "phone",
                           "--summary", "ERP 2026 月结报表正常", "--overall", "4"])
        try #require(ascii.code == 0, "\(ascii.stderr)")
        for (query, found) in [("MES", "ＭＥＳ接口"), ("接口 2026", "２０２６版"), ("ｍｅｓ", "ＭＥＳ接口"), ("ＥＲＰ ２０２６", "ERP 2026 月结"),
                               ("ｅｒｐ", "ERP 2026 月结")] {
            let result = r.run(["search", query, "--format", "json", "--in", "visits"])
            #expect(result.code == 0, "\(query): \(result.stderr)")
            #expect(result.stdout.contains("\"score\": 100") && result.stdout.contains(found), "\(query): \(result.stdout)")
        }
    }

    /// The site's search page (search.html) reads full-width letters and digits as ASCII too,
    /// as `huifang search` does. Its script is run with node (when installed).
    @Test(.englishMessages, .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/node")))
    func theSitesSearchPageTakesFullWidthLettersAsASCII() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let logged = r.run(["visit", "log", "beta-mes", "--date", "2026-11-20", "--method", "phone",
                            "--summary", "ＭＥＳ接口２０２６版升级后稳定", "--overall", "4"])
        try #require(logged.code == 0, "\(logged.stderr)")
        #expect(r.run(["site", "-o", "public", "--period", "2026Q4"]).code == 0)
        try r.write("harness.js", #"""
            const fs = require("fs");
            const html = fs.readFileSync(process.argv[2], "utf8");
            const json = (id) => html.match(new RegExp('<script type="application/json" id="' + id + '">([\\s\\S]*?)</script>'))[1];
            const script = html.match(/<script>(\(function \(\) \{[\s\S]*?\}\)\(\);)<\/script>/)[1];
            const els = {};
            function node() { return {children: [], textContent: "", value: "", appendChild(c) { this.children.push(c); }, addEventListener() {}}; }
            function el(id) {
              if (!els[id]) { els[id] = node(); if (id === "search-index" || id === "search-words") els[id].textContent = json(id); }
              return els[id];
            }
            global.document = {getElementById: el, createElement: node, createTextNode: (t) => ({t})};
            global.location = {hash: "#q=" + encodeURIComponent(process.argv[3]), search: ""};
            global.window = {addEventListener() {}};
            eval(script);
            console.log(els["search-results"].children.length);
            """#)
        func found(_ query: String) throws -> Int {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/node")
            p.arguments = [r.path("harness.js"), r.path("public/search.html"), query]
            let out = Pipe()
            p.standardOutput = out
            p.standardInput = FileHandle.nullDevice
            try p.run()
            let watchdog = HuifangRunner.watch(p, "node search.html \(query)")
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            watchdog.cancel()
            try #require(p.terminationStatus == 0)
            return try #require(Int(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        #expect(try found("MES") > 0, "the visit with ＭＥＳ接口")
        #expect(try found("ｍｅｓ") == found("mes"))
        #expect(try found("ＡＣＭＥ") == found("acme") && found("acme") > 0)
    }
}

extension LeftoverTests9 {
    // MARK: 2. -C DIR is "run as if started in DIR"

    /// With `-C DIR`, `-o FILE` and the ledger of `import` were taken from the shell's folder:
    /// `huifang -C repo due -o due.csv` wrote beside the shell, not in repo, saying only
    /// "wrote due.csv". As in git, every relative path is now taken from DIR, and the message
    /// names the file from the shell's folder. A ledger that is not there is exit 66 (no such
    /// file), naming it, not 74 (an I/O error).
    @Test(.englishMessages) func dashCIsRunAsIfStartedInDIRForEveryPath() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let shell = HuifangRunner()
        defer { shell.cleanup() }
        let dir = "../" + URL(fileURLWithPath: r.dir).lastPathComponent
        for (args, file) in [(["due", "--format", "csv", "-o", "due.csv"], "due.csv"),
                             (["report", "summary", "--period", "2026Q2", "-o", "summary.md"], "summary.md"),
                             (["export", "ics", "-o", "due.ics"], "due.ics"),
                             (["project", "list", "--format", "xlsx", "-o", "projects.xlsx"], "projects.xlsx")] {
            let result = r.run(["-C", dir] + args, cwd: shell.dir)
            #expect(result.code == 0, "\(args): \(result.stderr)")
            #expect(r.read(file) != nil && shell.read(file) == nil, "\(args): written in DIR, not beside the shell")
            #expect(result.stderr.contains(" \(dir)/\(file)"), "\(args): \(result.stderr)")
        }
        // Without -C, as before.
        let plain = r.run(["due", "--format", "csv", "-o", "plain.csv"])
        #expect(plain.code == 0 && plain.stderr.contains("wrote plain.csv") && r.read("plain.csv") != nil, "\(plain.stderr)")
        // A folder for `site -o`.
        let site = r.run(["-C", dir, "site", "-o", "public", "--period", "2026Q2"], cwd: shell.dir)
        #expect(site.code == 0 && r.read("public/index.html") != nil && shell.read("public/index.html") == nil, "\(site.stderr)")
        #expect(site.stderr.contains("(\(dir)/public)"), "\(site.stderr)")
        // The ledger of import.
        try r.write("v.csv", "回访日期,项目编号,回访方式,回访人,回访内容,满意度\n2026-03-05,acme-erp,电话,张伟,运行稳定,5\n")
        let dry = r.run(["-C", dir, "import", "visits", "v.csv", "--dry-run"], cwd: shell.dir)
        #expect(dry.code == 0, "\(dry.stderr)")
        // A ledger that is not there: 66, with the path as the shell names it.
        let before = r.snapshot()
        for (args, cwd, shown) in [(["-C", dir, "import", "visits", "none.csv"], shell.dir, "\(dir)/none.csv"),
                                   (["import", "visits", "none.csv"], r.dir, "none.csv"),
                                   (["import", "visits", "none.xlsx"], r.dir, "none.xlsx"),
                                   (["import", "visits", "v.csv", "--map", "none.yaml"], r.dir, "none.yaml")] {
            let result = r.run(args, cwd: cwd)
            #expect(result.code == 66, "\(args): \(result.code) \(result.stderr)")
            #expect(result.stderr.contains("error: no file \(shown)\n"), "\(args): \(result.stderr)")
            #expect(result.stderr.contains("hint: a relative path is taken from the folder huifang runs in"), "\(result.stderr)")
        }
        #expect(r.snapshot() == before)
        let zh = r.run(["import", "visits", "none.csv"], env: ["HUIFANG_LANG": "zh"])
        #expect(zh.code == 66 && zh.stderr.contains("没有文件 none.csv") && zh.stderr.contains("相对路径从 huifang 运行的文件夹算起"), "\(zh.stderr)")
    }
}

extension LeftoverTests9 {
    // MARK: 3. A calendar year typed in by hand that plainly is not whole

    /// One holiday of 2027 typed into calendars/cn.yaml by hand (no `partial:`) made 2027
    /// covered: its deadlines were counted without the rest of its holidays, without a word.
    /// It is now named by `check` and by every command that counts its working days, with its
    /// count against the other years', until its days are entered or `calendar complete`
    /// declares it as it is.
    @Test(.englishMessages) func aCalendarYearTypedInByHandThatLooksIncompleteIsSaid() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        // Nothing to say on the bundled data (every year 2004-2026).
        let clean = r.run(["check"])
        #expect(clean.code == 0 && !clean.stdout.contains("calendar"), "\(clean.stdout)")
        let calendar = try #require(r.read("calendars/cn.yaml"))
        try r.write("calendars/cn.yaml", calendar.replacingOccurrences(of: "\nholidays:\n", with: "\nholidays:\n  2027-01-01: 元旦\n"))
        let said = "calendar year 2027 lists 1 holiday day, other years 22-33: is it complete?"
        let check = r.run(["check"])
        #expect(check.code == 0, "\(check.stdout)")
        #expect(check.stdout.contains("warning: " + said), "\(check.stdout)")
        #expect(check.stdout.contains("then 'huifang calendar complete 2027'"), "\(check.stdout)")
        // A deadline counted into 2027: the listing and the report carry it.
        let issue = r.run(["issue", "add", "acme-erp", "--title", "报表导出超时", "--category", "technical", "--severity", "general"],
                          today: "2026-12-20")
        #expect(issue.code == 0 && issue.stderr.contains(said), "\(issue.stderr)")
        let due = r.run(["due", "--within", "120d", "--format", "json"], today: "2026-12-20")
        #expect(due.stdout.contains("\"warnings\": [\"" + said), "\(due.stdout)")
        let report = r.run(["report", "summary", "--period", "2027Q1", "--format", "json"], today: "2027-01-20")
        #expect(report.code == 0 && report.stdout.contains(said), "\(report.stdout)")
        let show = r.run(["calendar", "show", "2027", "--format", "json"])
        #expect(show.stdout.contains("\"warnings\": [\"" + said) && show.stdout.contains("\"covered\": true"), "\(show.stdout)")
        #expect(r.run(["calendar", "show", "2027"]).stdout.contains("\nwarning: " + said), "the table's last line")
        let status = r.run(["status"], today: "2026-12-20")
        #expect(status.stdout.hasPrefix("warning: " + said), "\(status.stdout)")
        // In Chinese, through the catalogue.
        let zh = r.run(["check"], env: ["HUIFANG_LANG": "zh"])
        #expect(zh.stdout.contains("日历中 2027 年只列了 1 天节假日，其他年份为 22-33 天：这一年录入完整了吗？"), "\(zh.stdout)")
        // Declared complete as it is: listed under years:, said so, and no more warnings.
        let complete = r.run(["calendar", "complete", "2027"])
        #expect(complete.code == 0, "\(complete.stderr)")
        #expect(complete.stdout.contains("2027 lists 1 holiday day, other years 22-33: declared complete as entered ('years: [2027]' in calendars/cn.yaml)"),
                "\(complete.stdout)")
        #expect(r.read("calendars/cn.yaml")?.contains("\nyears: [2027]\nholidays:\n  2027-01-01: 元旦\n") == true)
        let after = r.run(["check"])
        #expect(after.code == 0 && !after.stdout.contains("calendar"), "\(after.stdout)")
        let dueAfter = r.run(["due", "--within", "120d", "--format", "json"], today: "2026-12-20")
        #expect(!dueAfter.stdout.contains("warnings") && !dueAfter.stderr.contains("2027"), "\(dueAfter.stdout)\(dueAfter.stderr)")
        #expect(r.run(["calendar", "complete", "2027"]).stdout.contains("2027 is already complete"))
    }
}
