import Foundation
import Testing

/// Issue 18, import: ledgers made by a real spreadsheet library (openpyxl, installed by
/// .ci/run into .build/ci-venv) and CSV files in the encodings Excel writes.
@Suite struct ImportCommandTests {
    /// Runs a Python script (openpyxl for workbooks) in the repository's folder.
    func python(_ r: HuifangRunner, _ script: String) throws {
        try r.write("make.py", script)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", r.path("make.py")]
        p.currentDirectoryURL = URL(fileURLWithPath: r.dir)
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let watchdog = HuifangRunner.watch(p, "python3 make.py", seconds: 60)
        let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        watchdog.cancel()
        try #require(p.terminationStatus == 0, "python3 (needs openpyxl: bash .ci/run installs it, or PATH=.build/ci-venv/bin:$PATH): \(e)")
        try FileManager.default.removeItem(atPath: r.path("make.py"))
    }

    /// A repository with two accepted projects of department east.
    func repository() throws -> HuifangRunner {
        let r = try HuifangRunner.withRepository()
        for args in [
            ["acme-erp", "--name", "阿克米ERP", "--customer", "阿克米公司", "--owner", "张伟", "--tier", "key", "--accepted", "2026-01-10"],
            ["beta-crm", "--name", "贝塔CRM", "--customer", "贝塔公司", "--owner", "李娜", "--tier", "standard", "--accepted", "2026-02-01"],
        ] {
            let added = r.run(["project", "add"] + args + ["--department", "east"])
            try #require(added.code == 0, "\(added.stderr)")
        }
        return r
    }

    /// Every record file under projects/, with its text.
    func records(_ r: HuifangRunner) -> [String: String] {
        var out: [String: String] = [:]
        let root = r.path("projects")
        guard let files = FileManager.default.enumerator(atPath: root) else { return out }
        for case let f as String in files where f.hasSuffix(".yaml") {
            out[f] = try? String(contentsOfFile: root + "/" + f, encoding: .utf8)
        }
        return out
    }

    static let ledger = """
        import openpyxl, datetime
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "2026年"
        ws.append(["项目回访记录表（2026年）"])
        ws.merge_cells("A1:I1")
        ws.append(["序号", "回访日期", "项目名称", "回访方式", "回访人", "联系人", "回访内容", "客户原话", "满意度", "项目质量"])
        ws.append([1, datetime.date(2026, 3, 5), "阿克米ERP", "电话", "张伟", "王经理、刘工", "系统运行稳定", "很好用", 5, 4])
        ws.append([2, datetime.date(2026, 4, 6), None, "上门", None, "王经理", "培训新人", None, 4, None])
        ws.merge_cells("C3:C4")
        ws.append([3, "2026/5/7", "beta-crm", "邮件", "李娜", None, "报表慢", None, None, None])
        ws.append([4, "2026年6月8日", "贝塔CRM", "线上", "李娜", None, "复盘", None, None, None])
        wb.save("ledger.xlsx")
        """

    @Test func aWorkbookWithATitleRowMergedCellsAndDateSerialsImportsOnce() throws {
        let r = try repository()
        defer { r.cleanup() }
        try python(r, Self.ledger)
        let first = r.run(["import", "visits", "ledger.xlsx"])
        #expect(first.code == 0, "\(first.stderr)")
        #expect(first.stdout.contains("ledger.xlsx，工作表 2026年：表头在第 2 行"), "\(first.stdout)")
        #expect(first.stdout.contains("已创建 4 条回访记录"), "\(first.stdout)")
        let files = records(r).filter { $0.key.contains("/visits/") }
        #expect(files.count == 4)
        // Row 4's project is the merged C3:C4; its date an Excel serial.
        let row4 = try #require(files.first { $0.value.contains("row: 4,") })
        #expect(row4.key.hasPrefix("acme-erp/visits/2026-04-06-"))
        #expect(row4.value.contains("kind: periodic") && row4.value.contains("method: onsite") && row4.value.contains("visitor: 张伟"))
        let row3 = try #require(files.first { $0.value.contains("row: 3,") })
        #expect(row3.value.contains("date: 2026-03-05") && row3.value.contains("kind: first"), "\(row3.value)")
        #expect(row3.value.contains("contacts: [王经理, 刘工]") && row3.value.contains("scores: {quality: 4}") && row3.value.contains("overall: 5"))
        #expect(row3.value.contains("imported: {file: ledger.xlsx, sheet: \"2026年\", row: 3, digest: "), "\(row3.value)")
        #expect(files.contains { $0.key.hasPrefix("beta-crm/visits/2026-05-07-") && $0.value.contains("method: email") })
        #expect(files.contains { $0.key.hasPrefix("beta-crm/visits/2026-06-08-") && $0.value.contains("method: online") })
        #expect(r.run(["check"]).code == 0)

        // Again: nothing new.
        let again = r.run(["import", "visits", "ledger.xlsx"])
        #expect(again.code == 0, "\(again.stderr)")
        #expect(again.stdout.contains("已创建 0 条回访记录；4 行此前已导入且未变"), "\(again.stdout)")
        #expect(records(r).filter { $0.key.contains("/visits/") }.count == 4)

        // A row changed since: reported, not imported twice.
        try python(r, """
            import openpyxl
            wb = openpyxl.load_workbook("ledger.xlsx")
            wb["2026年"]["G5"] = "报表慢，已优化"
            wb.save("ledger.xlsx")
            """)
        let changed = r.run(["import", "visits", "ledger.xlsx"])
        #expect(changed.code == 0, "\(changed.stderr)")
        #expect(changed.stderr.contains("ledger.xlsx:5：导入为 v-"), "\(changed.stderr)")
        #expect(changed.stdout.contains("已创建 0 条回访记录；3 行此前已导入且未变，1 行导入后有改动"), "\(changed.stdout)")
        #expect(records(r).filter { $0.key.contains("/visits/") }.count == 4)
    }

    @Test func dryRunShowsWhatWouldBeCreatedAndWritesNothing() throws {
        let r = try repository()
        defer { r.cleanup() }
        try python(r, Self.ledger)
        let before = records(r)
        let dry = r.run(["import", "visits", "ledger.xlsx", "--dry-run"])
        #expect(dry.code == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("  + v-") && dry.stdout.contains("(ledger.xlsx:3)"), "\(dry.stdout)")
        #expect(dry.stdout.contains("将创建 4 条回访记录") && dry.stdout.contains("未写入任何内容"), "\(dry.stdout)")
        #expect(records(r) == before)
    }

    @Test(.englishMessages) func badRowsAreReportedAtFileRowColumnAndNothingIsWrittenUnlessSkipped() throws {
        let r = try repository()
        defer { r.cleanup() }
        try r.write("visits.csv", """
            回访日期,项目名称,回访方式,回访内容,满意度
            2026-03-05,acme-erp,电话,好,5
            2026-13-05,acme-erp,电话,日期错,5
            2026-03-07,nobody,飞鸽,,9
            2026-03-08,beta-crm,onsite,好,4

            """)
        let before = records(r)
        let refused = r.run(["import", "visits", "visits.csv"])
        #expect(refused.code == 65)
        #expect(refused.stdout.contains("encoding: UTF-8\n"), "\(refused.stdout)")
        #expect(refused.stderr.contains("visits.csv:3:A: '2026-13-05' in '回访日期' is not a date"), "\(refused.stderr)")
        #expect(refused.stderr.contains("visits.csv:4:B: no project has the id or name 'nobody'"), "\(refused.stderr)")
        #expect(refused.stderr.contains("visits.csv:4:C: '飞鸽' in '回访方式' is not one of phone, onsite, email, online"), "\(refused.stderr)")
        #expect(refused.stderr.contains("visits.csv:4:D: '回访内容' is empty"), "\(refused.stderr)")
        #expect(refused.stderr.contains("visits.csv:4:E: '9' in '满意度' is not a whole number from 1 to 5"), "\(refused.stderr)")
        #expect(refused.stderr.contains("2 rows of visits.csv are invalid (listed above); nothing was written"), "\(refused.stderr)")
        #expect(records(r) == before)
        let sheet = r.run(["import", "visits", "visits.csv", "--sheet", "2026"])
        #expect(sheet.code == 64 && sheet.stderr.contains("--sheet 2026: visits.csv is a CSV file, which has no sheets"), "\(sheet.stderr)")

        let skipped = r.run(["import", "visits", "visits.csv", "--skip-invalid"])
        #expect(skipped.code == 0, "\(skipped.stderr)")
        #expect(skipped.stderr.contains("skipped 2 invalid rows: 3, 4"), "\(skipped.stderr)")
        #expect(skipped.stdout.contains("created 2 visits"), "\(skipped.stdout)")
        #expect(records(r).count == before.count + 2)
    }

    @Test func aGBKCSVIsReadThroughIconvAndSaysSo() throws {
        let r = try repository()
        defer { r.cleanup() }
        try python(r, """
            text = "客户问题台账\\n提出日期,项目编号,问题描述,问题类别,问题级别,负责人,解决方案,解决日期\\n" \\
                   "2026/3/9,acme-erp,报表导出慢,技术,重大,,,\\n" \\
                   "2026.3.10,beta-crm,登录偶尔失败,技术问题,一般,赵六,重启服务,2026-03-12\\n"
            open("issues.csv", "wb").write(text.encode("gbk"))
            """)
        let imported = r.run(["import", "issues", "issues.csv"])
        #expect(imported.code == 0, "\(imported.stderr)")
        #expect(imported.stdout.hasPrefix("编码：GB18030\nissues.csv：表头在第 2 行"), "\(imported.stdout)")
        let issues = records(r).filter { $0.key.contains("/issues/") }
        #expect(issues.count == 2)
        // Routed as `issue add` routes: a major issue goes to the working group led by project management.
        let major = try #require(issues.first { $0.value.contains("title: 报表导出慢") }?.value)
        #expect(major.contains("severity: major") && major.contains("category: technical") && major.contains("status: open"), "\(major)")
        #expect(major.contains("raised: 2026-03-09") && major.contains("due: ") && major.contains("source: customer"))
        let resolved = try #require(issues.first { $0.value.contains("title: 登录偶尔失败") }?.value)
        #expect(resolved.contains("status: resolved") && resolved.contains("owner: 赵六") && resolved.contains("resolved: {date: 2026-03-12, summary: 重启服务}"),
                "\(resolved)")
        #expect(r.run(["check"]).code == 0)
        let shown = r.run(["issue", "list", "--all", "--format", "json"])
        #expect(shown.code == 0 && shown.stdout.contains("报表导出慢"))
    }

    /// A column no field is named for is not imported; the command says which (a warning on
    /// stderr, in the language), unless it is empty or the ledger's own row number (序号).
    @Test func columnsThatAreNotImportedAreNamedNotDroppedUnseen() throws {
        let r = try repository()
        defer { r.cleanup() }
        try r.write("v.csv", """
            序号,回访日期,项目编号,回访方式,回访人,回访内容,满意度,备注栏,空列,跟进人
            1,2026-03-05,acme-erp,电话,张伟,运行稳定,5,客户要求下月再访,,王五
            2,2026-03-06,beta-crm,电话,李娜,运行稳定,4,,,

            """)
        let dry = r.run(["import", "visits", "v.csv", "--dry-run"])
        #expect(dry.code == 0, "\(dry.stderr)")
        #expect(dry.stderr.contains("v.csv：这些列不会导入：备注栏（H 列）、跟进人（J 列）；"), "\(dry.stderr)")
        #expect(!dry.stderr.contains("序号") && !dry.stderr.contains("空列"), "\(dry.stderr)")
        let en = r.run(["--lang", "en", "import", "visits", "v.csv", "--dry-run"])
        #expect(en.stderr.contains("warning: v.csv: these columns are not imported: 备注栏 (H), 跟进人 (J)"), "\(en.stderr)")
        // Named in a map, the column is imported and no longer listed.
        try r.write("map.yaml", "columns:\n  备注栏: quotes\n  跟进人: contacts\n")
        let mapped = r.run(["import", "visits", "v.csv", "--dry-run", "--map", "map.yaml"])
        #expect(mapped.code == 0, "\(mapped.stderr)")
        #expect(!mapped.stderr.contains("不会导入"), "\(mapped.stderr)")
        // A ledger whose every column is imported says nothing of the kind.
        try r.write("w.csv", "回访日期,项目编号,回访方式,回访人,回访内容,满意度\n2026-03-05,acme-erp,电话,张伟,运行稳定,5\n")
        let clean = r.run(["import", "visits", "w.csv", "--dry-run"])
        #expect(clean.code == 0 && clean.stderr.isEmpty, "\(clean.stderr)")
    }

    @Test func aBOMCSVOfProjectsThenVisitsByProjectName() throws {
        let r = try HuifangRunner.withRepository()
        defer { r.cleanup() }
        try r.write("projects.csv", "\u{FEFF}项目编号,项目名称,客户名称,部门,负责人,项目级别,验收日期,联系人\r\n"
            + "acme-erp,阿克米ERP,阿克米公司,east,张伟,重点,2026-01-10,\"王经理,CIO,13800000000\"\r\n"
            + "gamma-oa,同名系统,甲公司,华东交付部,李娜,普通,,\r\n"
            + "delta-oa,同名系统,乙公司,east,李娜,基础,2026-02-02,\r\n")
        let projects = r.run(["import", "projects", "projects.csv"])
        #expect(projects.code == 0, "\(projects.stderr)")
        #expect(projects.stdout.hasPrefix("编码：UTF-8 (BOM)\n"), "\(projects.stdout)")
        #expect(projects.stdout.contains("已创建 3 个项目"), "\(projects.stdout)")
        let acme = try #require(r.read("projects/acme-erp/project.yaml"))
        #expect(acme.contains("tier: key") && acme.contains("{name: 王经理, role: CIO, phone: \"13800000000\"}"), "\(acme)")
        #expect(try #require(r.read("projects/gamma-oa/project.yaml")).contains("department: east"))
        #expect(r.run(["import", "projects", "projects.csv"]).stdout.contains("已创建 0 个项目"))

        // A name two projects share is not guessed; the customer column tells them apart.
        try r.write("v.csv", "日期,项目名称,回访方式,回访内容\n2026-03-01,同名系统,电话,问候\n")
        let ambiguous = r.run(["import", "visits", "v.csv"])
        #expect(ambiguous.code == 65)
        #expect(ambiguous.stderr.contains("v.csv:2:B: “同名系统”是 2 个项目的名称（gamma-oa, delta-oa）；请写项目编号")
            || ambiguous.stderr.contains("v.csv:2:B: “同名系统”是 2 个项目的名称（delta-oa, gamma-oa）；请写项目编号"), "\(ambiguous.stderr)")
        try r.write("v.csv", "日期,项目名称,客户名称,回访方式,回访内容\n2026-03-01,同名系统,乙公司,电话,问候\n")
        let narrowed = r.run(["import", "visits", "v.csv"])
        #expect(narrowed.code == 0, "\(narrowed.stderr)")
        #expect(records(r).contains { $0.key.hasPrefix("delta-oa/visits/2026-03-01-") && $0.value.contains("kind: first") })
    }

    /// UTF-16 with a byte-order mark (Excel's "Unicode text", little- and big-endian), end
    /// to end: detected, said, and imported as the same visits as the UTF-8 file.
    @Test(arguments: ["utf-16-le", "utf-16-be"]) func aUTF16CSVIsDetectedAndImported(_ codec: String) throws {
        let r = try repository()
        defer { r.cleanup() }
        try python(r, """
            text = "回访日期,项目编号,回访方式,回访人,回访内容,满意度\\r\\n2026-03-05,acme-erp,电话,张伟,系统运行稳定，客户满意,5\\r\\n"
            open("v.csv", "wb").write("\\ufeff".encode("\(codec)") + text.encode("\(codec)"))
            """)
        let imported = r.run(["import", "visits", "v.csv"])
        #expect(imported.code == 0, "\(imported.stderr)")
        #expect(imported.stdout.hasPrefix("编码：UTF-16\(codec.hasSuffix("le") ? "LE" : "BE")"), "\(imported.stdout)")
        let visit = try #require(records(r).first { $0.key.hasPrefix("acme-erp/visits/2026-03-05-") }?.value)
        #expect(visit.contains("summary: 系统运行稳定，客户满意") && visit.contains("method: phone") && visit.contains("overall: 5"), "\(visit)")
    }

    @Test func theTemplateIsAMapThatNamesColumnsWordsAndDefaults() throws {
        let r = try repository()
        defer { r.cleanup() }
        let template = r.run(["import", "--template", "visits"])
        #expect(template.code == 0, "\(template.stderr)")
        #expect(template.stdout.contains("columns:\n") && template.stdout.contains("  # 日期: date") && template.stdout.contains("    电话: phone"))
        #expect(template.stdout.contains("  overall:\n    满意: 5\n    基本满意: 3\n    不满意: 1\n"), "\(template.stdout)")
        // The template as written is a valid map; with a column named and a default it imports this ledger.
        let map = template.stdout.replacingOccurrences(of: "columns:\n", with: "columns:\n  沟通日期: date\n  记录: summary\n")
            .replacingOccurrences(of: "defaults:\n", with: "defaults:\n  method: phone\n")
        try r.write("map.yaml", map)
        try r.write("v.csv", "沟通日期,项目,记录,满意度\n2026-03-01,acme-erp,问候,基本满意\n")
        let unmapped = r.run(["import", "visits", "v.csv"])
        #expect(unmapped.code == 65 && unmapped.stderr.contains("缺少 date, method, summary 对应的列"), "\(unmapped.stderr)")
        let imported = r.run(["import", "visits", "v.csv", "--map", "map.yaml"])
        #expect(imported.code == 0, "\(imported.stderr)")
        let visit = try #require(records(r).first { $0.key.hasPrefix("acme-erp/visits/") }?.value)
        #expect(visit.contains("method: phone") && visit.contains("overall: 3") && visit.contains("summary: 问候"), "\(visit)")
        try r.write("bad.yaml", "columns:\n  沟通日期: when\n")
        let bad = r.run(["import", "visits", "v.csv", "--map", "bad.yaml"])
        #expect(bad.code == 64 && bad.stderr.contains("bad.yaml:2:") && bad.stderr.contains("“when”不是字段"), "\(bad.stderr)")
    }

    @Test(.englishMessages) func aSheetIsChosenByNameAndEnglishHeadersAreRecognised() throws {
        let r = try repository()
        defer { r.cleanup() }
        try python(r, """
            import openpyxl, datetime
            wb = openpyxl.Workbook()
            wb.active.title = "notes"
            wb.active.append(["nothing to import here"])
            ws = wb.create_sheet("2025")
            ws.append(["Date", "Project", "Method", "Summary", "Overall", "NPS", "Quality"])
            ws.append([datetime.datetime(2025, 12, 1, 10, 30), "acme-erp", "onsite", "kick-off & training", 4, 9, 5])
            wb.save("book.xlsx")
            """)
        let first = r.run(["import", "visits", "book.xlsx"])
        #expect(first.code == 65 && first.stderr.contains("book.xlsx: no header row with the column names of visits in its first 30 rows"),
                "\(first.stderr)")
        let none = r.run(["import", "visits", "book.xlsx", "--sheet", "2024"])
        #expect(none.code == 64 && none.stderr.contains("book.xlsx has no sheet '2024'; its sheets: notes, 2025"), "\(none.stderr)")
        let chosen = r.run(["import", "visits", "book.xlsx", "--sheet", "2025"])
        #expect(chosen.code == 0, "\(chosen.stderr)")
        #expect(chosen.stdout.contains("book.xlsx, sheet 2025: header in row 1: Date→date, Project→project, Method→method"), "\(chosen.stdout)")
        let visit = try #require(records(r).first { $0.key.hasPrefix("acme-erp/visits/2025-12-01-") }?.value)
        #expect(visit.contains("summary: kick-off & training") && visit.contains("scores: {quality: 5}") && visit.contains("nps: 9"), "\(visit)")
    }
}
