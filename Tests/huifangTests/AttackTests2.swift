import Foundation
import Testing

/// The second attacker's trial (the roll-up, the site, the search): each test is a silent wrong
/// answer found from the outside, reproduced, and what huifang must do instead (refuse with the
/// reason, or answer with a warning that travels with the output).
@Suite struct AttackTests2 {
    func edit(_ r: HuifangRunner, _ relative: String, _ from: String, _ to: String) throws {
        let text = try #require(r.read(relative))
        try #require(text.contains(from), "\(relative) has no \(from)")
        try r.write(relative, text.replacingOccurrences(of: from, with: to))
    }

    // MARK: The roll-up

    /// Repository b wrote its department `east` as `East`: the roll-up showed two departments
    /// named 华东交付部, each with half the figures, and said nothing. Ids that differ only in
    /// case or surrounding spaces are refused as a department named two ways is.
    @Test(.englishMessages) func departmentIdsThatDifferOnlyInCaseOrSpacesAreRefusedInARollup() throws {
        let r = try RollupCommandTests.twoRepositories()
        defer { r.cleanup() }
        try edit(r, "b/huifang.yaml", "{id: east,", "{id: East,")
        let files = try #require(FileManager.default.subpathsOfDirectory(atPath: r.path("b/projects")).filter { $0.hasSuffix(".yaml") })
        for file in files where r.read("b/projects/" + file)?.contains("department: east") == true {
            try edit(r, "b/projects/" + file, "department: east", "department: East")
        }
        let alone = r.run(["-C", "b", "check"])
        #expect(!alone.stdout.contains("East"), "b alone is a valid repository: \(alone.stdout)")
        let result = r.run(RollupCommandTests.rollup)
        #expect(result.code == 65, "\(result.stdout)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("department 'East' of \(r.dir)/b/huifang.yaml and 'east' of \(r.dir)/a/huifang.yaml differ only in case or spaces"),
                "\(result.stderr)")
        #expect(result.stderr.contains("use one spelling"), "\(result.stderr)")

        try edit(r, "b/huifang.yaml", "{id: East,", "{id: \"east \",")
        let spaced = r.run(RollupCommandTests.rollup)
        #expect(spaced.code == 65)
        #expect(spaced.stderr.contains("department 'east ' of \(r.dir)/b/huifang.yaml and 'east' of"), "\(spaced.stderr)")
        let zh = r.run(RollupCommandTests.rollup, env: ["HUIFANG_LANG": "zh"])
        #expect(zh.code == 65)
        #expect(zh.stderr.contains("仅大小写或空格不同"), "\(zh.stderr)")
    }

    /// The same department id with another role (business in a, technical in b): the roll-up
    /// and its assessment took a's role without a word, so b's department was assessed as a
    /// business department. Refused, naming both files.
    @Test(.englishMessages) func aDepartmentWithAnotherRoleInTheSecondRepositoryIsRefused() throws {
        let r = try RollupCommandTests.twoRepositories()
        defer { r.cleanup() }
        let config = try #require(r.read("b/huifang.yaml"))
        let line = try #require(config.split(separator: "\n").first { $0.contains("{id: east,") })
        try #require(line.contains("role: business"))
        try edit(r, "b/huifang.yaml", String(line), line.replacingOccurrences(of: "role: business", with: "role: technical"))
        for args in [RollupCommandTests.rollup, ["report", "assessment", "--repo", "a", "--repo", "b", "--period", "2026Q3"]] {
            let result = r.run(args)
            #expect(result.code == 65, "\(args): \(result.stdout)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains("department 'east' has the role business in \(r.dir)/a/huifang.yaml and technical in \(r.dir)/b/huifang.yaml"),
                    "\(result.stderr)")
        }
    }

    /// Repository b closed 2026Q3, then one of its visits of the quarter was corrected: b's own
    /// summary shows the frozen figures beside the restated ones, but the roll-up said only that
    /// b's quarter "is counted as its records were entered by the close", and counted the
    /// corrected visit as it is now. The roll-up now says that b's figures are not the frozen ones.
    @Test(.englishMessages) func aRollupSaysWhenAClosedRepositorysRecordsChangedSinceTheClose() throws {
        let r = try RollupCommandTests.twoRepositories()
        defer { r.cleanup() }
        let closed = r.run(["-C", "b", "close", "2026Q3"])
        try #require(closed.code == 0, "\(closed.stderr)")
        let untouched = r.run(RollupCommandTests.rollup + ["--format", "json"])
        #expect(untouched.code == 0)
        #expect(!untouched.stdout.contains("since the close"), "nothing changed: no warning")
        let visits = try FileManager.default.contentsOfDirectory(atPath: r.path("b/projects/beta/visits"))
        let visit = try #require(visits.first { $0.hasPrefix("2026-09-01-") && $0.hasSuffix(".yaml") })
        try edit(r, "b/projects/beta/visits/" + visit, "overall: 2", "overall: 5")
        let own = r.run(["-C", "b", "report", "summary", "--period", "2026Q3", "--format", "json"])
        try #require(own.stdout.contains("\"restated\""), "b's own summary restates: \(own.stdout)")
        let rollup = r.run(RollupCommandTests.rollup + ["--format", "json"])
        #expect(rollup.code == 0)
        let warning = "repository b: records of 2026Q3 were changed or removed since its close on 2026-11-24 and are counted as they are now"
        #expect(rollup.stdout.contains(warning), "\(rollup.stdout)")
        #expect(rollup.stderr.contains(warning), "\(rollup.stderr)")
        let md = r.run(RollupCommandTests.rollup)
        #expect(md.stdout.contains(warning), "\(md.stdout)")
    }

    // MARK: Import

    /// A ledger with two columns that hold one field (满意度 twice, or 日期 and 回访日期) with
    /// different values in a row: the first was imported and the other dropped without a word
    /// (overall 5 recorded, the 2 beside it lost). Such a row is invalid, naming both cells; two
    /// columns that agree (or the same word: 电话 and phone) stay fine.
    @Test(.englishMessages) func twoColumnsOfOneFieldThatDisagreeMakeTheRowInvalid() throws {
        let r = try ExampleTests.demo()
        defer { r.cleanup() }
        try r.write("v.csv", """
            项目名称,日期,回访方式,回访人,联系人,回访内容,满意度,满意度,推荐度,方式
            acme-erp,2026-11-02,电话,张伟,李四,回访正常,5,2,9,phone
            hz-mes,2026-11-03,电话,张伟,李四,回访正常,4,4,8,phone

            """)
        let refused = r.run(["import", "visits", "v.csv"])
        #expect(refused.code == 65, "\(refused.stdout)")
        #expect(refused.stderr.contains("v.csv:2:H: '2' in '满意度' (H) and '5' in '满意度' (G) both give 'overall'"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("v.csv:3:"), "the row whose columns agree is valid: \(refused.stderr)")
        let skipped = r.run(["import", "visits", "v.csv", "--skip-invalid"])
        #expect(skipped.code == 0, "\(skipped.stderr)")
        #expect(skipped.stdout.contains("created 1 visits"), "\(skipped.stdout)")
        let zh = r.run(["import", "visits", "v.csv", "--dry-run"], env: ["HUIFANG_LANG": "zh"])
        #expect(zh.stderr.contains("都对应 'overall'"), "\(zh.stderr)")
    }

    /// A workbook saved by a program that does not compute formulas (openpyxl, many exports)
    /// keeps a formula cell without its value: 满意度 =ROUND(AVERAGE(G2:H2),0) was read as
    /// empty and the visit imported without an overall score, without a word. Such a cell makes
    /// the row invalid, naming it.
    @Test(.englishMessages) func aFormulaWithoutItsValueInAWorkbookIsNotReadAsEmpty() throws {
        let r = try ExampleTests.demo()
        defer { r.cleanup() }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", """
            import openpyxl
            wb = openpyxl.Workbook(); ws = wb.active
            ws.append(["项目名称", "日期", "回访方式", "回访人", "联系人", "回访内容", "质量", "服务", "满意度", "推荐度"])
            ws.append(["acme-erp", "2026-11-08", "电话", "张伟", "李四", "回访正常", 4, 2, "=ROUND(AVERAGE(G2:H2),0)", 9])
            ws.append(["hz-mes", "2026-11-09", "电话", "张伟", "李四", "回访正常", 4, 4, 4, 8])
            wb.save("f.xlsx")
            """]
        p.currentDirectoryURL = URL(fileURLWithPath: r.dir)
        try p.run()
        let watchdog = HuifangRunner.watch(p, "openpyxl")
        p.waitUntilExit()
        watchdog.cancel()
        try #require(p.terminationStatus == 0, "openpyxl is needed: PATH=.build/ci-venv/bin:$PATH")
        let refused = r.run(["import", "visits", "f.xlsx"])
        #expect(refused.code == 65, "\(refused.stdout)")
        #expect(refused.stderr.contains("f.xlsx:2:I: '满意度' holds a formula whose value is not stored in the workbook"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("f.xlsx:3:"), "\(refused.stderr)")
    }

    /// A map naming a column the ledger does not have (客户评分 typed for the ledger's 客户 评分分数):
    /// the map's line was ignored without a word and overall came from the built-in 满意度 column
    /// (or from none). The import now names the map's columns it did not find.
    @Test(.englishMessages) func aMapColumnTheLedgerDoesNotHaveIsNamed() throws {
        let r = try ExampleTests.demo()
        defer { r.cleanup() }
        try r.write("map.yaml", "columns:\n  客户评分: overall\n  回访 日期: date\n")
        try r.write("x.csv", "项目名称,回访日期,回访方式,回访人,联系人,回访内容,满意度,推荐度\nacme-erp,2026-11-05,电话,张伟,李四,回访正常,4,9\n")
        let result = r.run(["import", "visits", "x.csv", "--map", "map.yaml", "--dry-run"])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stderr.contains("warning: x.csv has no column named '客户评分' (for overall) of the map"), "\(result.stderr)")
        #expect(!result.stderr.contains("'回访日期' (for date)"), "the map's 回访 日期 is the ledger's 回访日期: \(result.stderr)")
    }

    // MARK: Needs

    /// A need's status is kept in needs/VISIT-N.yaml, N its place in the visit's list. A need
    /// written above it in the visit later moved every need down one: need list showed the new
    /// need as won by the salesperson of the old one, and the old one as new, without a word.
    /// The file keeps the need's text: a status written for another text is not shown on the
    /// need now at that place, and every listing says so; updating the need writes its text.
    @Test(.englishMessages) func aNeedsStatusDoesNotMoveToTheNeedWrittenAboveIt() throws {
        let r = try ExampleTests.demo()
        defer { r.cleanup() }
        func needs(_ json: String) throws -> [[String: Any]] {
            let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8))
            // With warnings the listing is {"warnings": [...], "items": [...]}.
            return try #require(parsed as? [[String: Any]] ?? (parsed as? [String: Any])?["items"] as? [[String: Any]])
        }
        func need(_ json: String, text: String) throws -> [String: Any] {
            try #require(try needs(json).first { (($0["id"] as? String)?.hasPrefix("v-33b4fb20-") ?? false) && $0["need"] as? String == text })
        }
        let before = r.run(["need", "list", "--format", "json"])
        let id = try #require(try need(before.stdout, text: "希望提供数据分析看板")["id"] as? String)
        let won = r.run(["need", "update", id, "--status", "won", "--owner", "销售甲"])
        try #require(won.code == 0, "\(won.stderr)")
        let visits = "projects/acme-erp/visits"
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: r.path(visits)).first { $0.hasSuffix("-v-33b4fb20.yaml") })
        try edit(r, visits + "/" + file, "needs:\n  - 希望提供数据分析看板", "needs:\n  - 需要移动端审批\n  - 希望提供数据分析看板")
        let list = r.run(["need", "list", "--format", "json"])
        #expect(list.code == 0)
        #expect(!list.stderr.contains("was written for the need"), "\(list.stderr)")
        let inserted = try need(list.stdout, text: "需要移动端审批")
        #expect(inserted["status"] as? String == "new", "the status written for another need: \(inserted)")
        #expect(inserted["owner"] is NSNull, "\(inserted)")
        let kept = try need(list.stdout, text: "希望提供数据分析看板")
        #expect(kept["id"] as? String == id && kept["status"] as? String == "won", "the need keeps its id and status: \(kept)")
        // A state file whose text is not its need's (edited by hand, or two texts with the same
        // digits swapped) is not applied, and every listing says so.
        try edit(r, "needs/\(id).yaml", "text: 希望提供数据分析看板", "text: 需要移动端审批")
        let stale = r.run(["need", "list", "--format", "json"])
        #expect(stale.code == 0)
        let warning = "needs/\(id).yaml was written for the need '需要移动端审批', but need \(id) is '希望提供数据分析看板'"
        #expect(stale.stderr.contains(warning), "\(stale.stderr)")
        #expect(stale.stdout.contains(warning), "the warning travels with the JSON")
        #expect(try need(stale.stdout, text: "希望提供数据分析看板")["status"] as? String == "new")
        let report = r.run(["report", "needs", "--period", "2026Q3", "--format", "json"])
        #expect(report.code == 0)
        #expect(report.stdout.contains(warning), "\(report.stdout)")
        // Updating the need writes its own text again: the warning goes.
        let again = r.run(["need", "update", id, "--status", "passed_to_sales"])
        #expect(again.code == 0, "\(again.stderr)")
        #expect(r.read("needs/\(id).yaml")?.contains("text: 希望提供数据分析看板") == true, "\(r.read("needs/\(id).yaml") ?? "")")
        let after = r.run(["need", "list", "--format", "json"])
        #expect(!after.stderr.contains("was written for the need"), "\(after.stderr)")
        #expect(try need(after.stdout, text: "希望提供数据分析看板")["status"] as? String == "passed_to_sales")
    }

    // MARK: The site

    /// An attachment that is a symbolic link to a file outside the repository (a home folder's
    /// key, /etc/passwd) was copied into the site as evidence, without a word. It is not copied,
    /// and the warning says why on standard error and on the pages.
    @Test(.englishMessages) func anAttachmentThatLeadsOutOfTheRepositoryIsNotCopiedIntoTheSite() throws {
        let r = try ExampleTests.demo()
        defer { r.cleanup() }
        let outside = r.dir + "-secret.txt"
        try "SECRET OUTSIDE THE REPOSITORY\n".write(toFile: outside, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: outside) }
        let folder = "projects/bj-crm/visits"
        let record = try #require(try FileManager.default.contentsOfDirectory(atPath: r.path(folder)).sorted().last { $0.hasSuffix(".yaml") })
        let base = String(record.dropLast(5))
        try FileManager.default.createDirectory(atPath: r.path("\(folder)/\(base)"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: r.path("\(folder)/\(base)/evidence.txt"), withDestinationPath: outside)
        try "客户签字确认单\n".write(toFile: r.path("\(folder)/\(base)/signed.txt"), atomically: true, encoding: .utf8)
        let text = try #require(r.read("\(folder)/\(record)"))
        try r.write("\(folder)/\(record)", text + "attachments: [evidence.txt, signed.txt]\n")

        let site = r.run(["site", "-o", "public", "--period", "2026Q3"])
        #expect(site.code == 0, "\(site.stderr)")
        let files = SiteCommandTests.files(r.path("public"))
        #expect(files["files/\(folder)/\(base)/signed.txt"] != nil, "an attachment inside the repository is copied")
        #expect(files["files/\(folder)/\(base)/evidence.txt"] == nil)
        #expect(!files.values.contains { String(decoding: $0, as: UTF8.self).contains("SECRET OUTSIDE") })
        let warning = "attachment \(folder)/\(base)/evidence.txt leads outside the repository: it is not copied into the site"
        #expect(site.stderr.contains(warning), "\(site.stderr)")
        let page = String(decoding: try #require(files["projects/bj-crm.html"]), as: UTF8.self)
        #expect(page.contains(warning), "the warning travels with the pages")
        #expect(!page.contains(outside), "the page does not name where the link points")
    }

    /// The site folder is often a shared, published one. A folder of the site replaced by a
    /// link out of it (public/evil -> a victim folder) and a line `evil/important.txt` added to
    /// the manifest made the second run delete the victim's file; a page folder replaced by a
    /// link (public/departments -> elsewhere) had the pages written there. huifang now removes and
    /// writes only inside the site folder: such a link is refused with its path, and nothing
    /// outside is touched.
    @Test(.englishMessages) func theSiteNeverRemovesOrWritesThroughALinkOutOfItsFolder() throws {
        let r = try ExampleTests.demo()
        defer { r.cleanup() }
        #expect(r.run(["site", "-o", "public", "--period", "2026Q3"]).code == 0)
        let victim = r.dir + "-victim"
        try FileManager.default.createDirectory(atPath: victim, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: victim) }
        try "precious\n".write(toFile: victim + "/important.txt", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: r.path("public/evil"), withDestinationPath: victim)
        let manifest = try #require(r.read("public/.huifang-site"))
        try r.write("public/.huifang-site", manifest + "evil/important.txt\n")
        let removing = r.run(["site", "-o", "public", "--period", "2026Q3"])
        #expect(FileManager.default.fileExists(atPath: victim + "/important.txt"), "a file outside the site stays")
        #expect(removing.code == 64, "\(removing.stderr)")
        #expect(removing.stderr.contains("public/evil/important.txt leads outside the site folder through a link"), "\(removing.stderr)")

        try r.write("public/.huifang-site", manifest)
        try FileManager.default.removeItem(atPath: r.path("public/departments"))
        try FileManager.default.createSymbolicLink(atPath: r.path("public/departments"), withDestinationPath: victim)
        let writing = r.run(["site", "-o", "public", "--period", "2026Q3"])
        #expect(writing.code == 64, "\(writing.stderr)")
        #expect(writing.stderr.contains("public/departments/"), "\(writing.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: victim) == ["important.txt"], "no page written outside")
    }

    /// A site or a roll-up of a period that has not begun (--period 2027Q1 on 2026-11-24) showed
    /// 0% of planned visits made and the overdue figures of 2027-01-01, as every report did before
    /// it learnt to say so; the site and the roll-up did not say it.
    @Test(.englishMessages) func aSiteOrARollupOfAPeriodThatHasNotBegunSaysSo() throws {
        let warning = "2027Q1 begins after 2026-11-24, the day this report is as of: nothing of it has happened yet"
        let demo = try ExampleTests.demo()
        defer { demo.cleanup() }
        let site = demo.run(["site", "-o", "public", "--period", "2027Q1"])
        #expect(site.code == 0, "\(site.stderr)")
        #expect(site.stderr.contains("warning: " + warning), "\(site.stderr)")
        #expect(demo.read("public/index.html")?.contains(warning) == true)
        let r = try RollupCommandTests.twoRepositories()
        defer { r.cleanup() }
        let rollup = r.run(["report", "summary", "--repo", "a", "--repo", "b", "--period", "2027Q1", "--format", "json"])
        #expect(rollup.code == 0, "\(rollup.stderr)")
        #expect(rollup.stdout.components(separatedBy: warning).count == 2, "once: \(rollup.stdout)")
    }

    // MARK: The search

    /// A one-character Chinese query (慢 "slow", 培 of 培训) answered "no record matches"
    /// although records hold it: a record's Chinese is cut into pairs, and a lone character
    /// was compared with the pairs. A character alone now matches the pairs that hold it, from
    /// the index and from a full read alike.
    @Test(.englishMessages) func aOneCharacterChineseQueryFindsTheRecordsThatHoldIt() throws {
        let r = try ExampleTests.demo()
        defer { r.cleanup() }
        for cache in [["--no-cache"], [], []] {
            let slow = r.run(cache + ["search", "慢", "--format", "json"])
            #expect(slow.code == 0, "\(slow.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(slow.stdout.utf8)) as? [String: Any])
            let results = try #require(json["results"] as? [[String: Any]])
            #expect(!results.isEmpty, "\(cache): \(slow.stdout)")
            #expect(results.allSatisfy { ($0["text"] as? String)?.contains("慢") == true }, "\(results)")
            #expect(results.first?["score"] as? Int == 100, "\(results.first ?? [:])")
        }
        let table = r.run(["search", "培"])
        #expect(table.code == 0)
        #expect(table.stdout.contains("**培**"), "\(table.stdout)")
        #expect(!table.stdout.contains("no record matches"))
        // The character is what is marked, not the pair around it (慢 in 偏慢 is [n, n+1]).
        let marked = r.run(["search", "慢", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(marked.stdout.utf8)) as? [String: Any])
        for result in try #require(json["results"] as? [[String: Any]]) {
            let text = Array(try #require(result["text"] as? String).unicodeScalars)
            for range in try #require(result["matches"] as? [[Int]]) {
                #expect(range[1] - range[0] == 1 && String(text[range[0]]) == "慢", "\(result)")
            }
        }
        // A pair still matches as a pair: every result of 导出 holds 导出.
        let pair = r.run(["search", "导出", "--format", "json"])
        let pairs = try #require(try JSONSerialization.jsonObject(with: Data(pair.stdout.utf8)) as? [String: Any])
        #expect(pairs["total"] as? Int == 8)
    }

    /// The site's search page (search.html) matched as `huifang search` did: 慢 alone found
    /// nothing there either. Its script is run with node (when installed) on the demo's page.
    @Test(.englishMessages, .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/node")))
    func theSitesSearchPageFindsAOneCharacterChineseQueryToo() throws {
        let r = try ExampleTests.demo()
        defer { r.cleanup() }
        #expect(r.run(["site", "-o", "public", "--period", "2026Q3"]).code == 0)
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
        #expect(try found("慢") > 0, "records with 响应慢, 偏慢")
        #expect(try found("培") > 0, "records with 培训")
        #expect(try found("导出") == 5, "a pair as before")
    }
}
