import Foundation
import Testing

/// Issue 18, export: every report and listing as xlsx, read back by openpyxl (a real
/// spreadsheet library, installed by .ci/run) and compared with the JSON output of the same
/// command; CSV for Excel (BOM + CRLF).
@Suite struct SpreadsheetExportTests {
    /// Runs scripts/check_xlsx.py (openpyxl) on an export and the JSON of the same command.
    func readBack(_ r: HuifangRunner, _ kind: String, _ args: [String]) throws {
        let x = r.run(args + ["--format", "xlsx", "-o", "out.xlsx"])
        #expect(x.code == 0, "\(args): \(x.stderr)")
        #expect(x.stderr.contains("已写入 out.xlsx") || x.stderr.contains("wrote out.xlsx"), "\(x.stderr)")
        let j = r.run(args + ["--format", "json"])
        try #require(j.code == 0, "\(j.stderr)")
        try r.write("out.json", j.stdout)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", HuifangRunner.testsFolder + "/../../scripts/check_xlsx.py", kind, r.path("out.xlsx"), r.path("out.json")]
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(args): check_xlsx.py (needs openpyxl: bash .ci/run installs it): \(o)\(e)")
        #expect(o.hasSuffix(" cells, 0 problems\n"), "\(args): \(o)")
    }

    @Test(arguments: [
        ["report", "summary", "--period", "2026Q3"], ["report", "summary", "--period", "2026Q3", "--lang", "en"],
        ["report", "department", "east", "--period", "2026Q3"], ["report", "project", "acme-erp", "--period", "2026Q3"],
    ])
    func reportsReadBackEqualToTheirJSON(args: [String]) throws {
        let r = try ExampleTests.demo()
        defer { r.cleanup() }
        try readBack(r, "report", args)
    }

    @Test(arguments: [
        ["project", "list"], ["visit", "list"], ["issue", "list", "--all"], ["improve", "list"], ["due", "--within", "6m"],
        ["project", "log", "acme-erp"],
    ])
    func listingsReadBackEqualToTheirJSON(args: [String]) throws {
        let r = try ExampleTests.demo()
        defer { r.cleanup() }
        try readBack(r, "listing", args)
    }

    @Test func warningsTravelWithTheWorkbook() throws {
        let r = try ExampleTests.demo()
        defer { r.cleanup() }
        let broken = "projects/acme-erp/visits/2024-11-14-v-56fb174c.yaml"
        let text = try #require(r.read(broken))
        try r.write(broken, text.replacingOccurrences(of: "date: 2024-11-14", with: "date: 2026-13-45"))
        // Without --ignore-invalid nothing is written; with it the warning is the workbook's first sheet.
        let refused = r.run(["visit", "list", "--format", "xlsx", "-o", "v.xlsx"])
        #expect(refused.code == 65)
        #expect(!FileManager.default.fileExists(atPath: r.path("v.xlsx")))
        try readBack(r, "listing", ["--ignore-invalid", "visit", "list"])
        let workbook = try #require(unzipped(r, "out.xlsx", "xl/workbook.xml"))
        #expect(workbook.contains("<sheet name=\"警告\" sheetId=\"1\""))
        try readBack(r, "report", ["--ignore-invalid", "--lang", "en", "report", "summary", "--period", "2026Q3"])
        let strings = try #require(unzipped(r, "out.xlsx", "xl/sharedStrings.xml"))
        #expect(strings.contains("left out 1 record that could not be read"))
    }

    @Test func theSummaryHasASheetPerDepartment() throws {
        let r = try ExampleTests.demo()
        defer { r.cleanup() }
        #expect(r.run(["report", "summary", "--period", "2026Q3", "--format", "xlsx", "-o", "s.xlsx"]).code == 0)
        let bytes = try #require(FileManager.default.contents(atPath: r.path("s.xlsx")))
        let workbook = try #require(unzipped(r, "s.xlsx", "xl/workbook.xml"))
        for name in ["报告", "考核指标", "考核指标计数", "数据", "华东交付部", "华北交付部", "华南交付部"] {
            #expect(workbook.contains("<sheet name=\"\(name)\""), "\(name)")
        }
        // User trial: the counts under the KPI heading were a sheet "考核指标 (2)". Every sheet
        // name is meaningful, none a numbered repeat, in every report.
        #expect(!workbook.contains(" (2)"), "\(workbook)")
        for args in [["report", "department", "east"], ["report", "assessment"], ["report", "people"], ["--lang", "en", "report", "summary"]] {
            #expect(r.run(args + ["--period", "2026Q3", "--format", "xlsx", "-o", "d.xlsx", "--force"]).code == 0, "\(args)")
            let book = try #require(unzipped(r, "d.xlsx", "xl/workbook.xml"))
            #expect(!book.contains(" (2)") && !book.contains(" (3)"), "\(args): \(book)")
        }
        let en = try #require(unzipped(r, "d.xlsx", "xl/workbook.xml"))
        #expect(en.contains("<sheet name=\"KPIs\"") && en.contains("<sheet name=\"KPI counts\""), "\(en)")
        // The same records give the same bytes (no clock in the file).
        #expect(r.run(["report", "summary", "--period", "2026Q3", "--format", "xlsx", "-o", "t.xlsx"]).code == 0)
        #expect(FileManager.default.contents(atPath: r.path("t.xlsx")) == bytes)
    }

    /// One part of a zip file, through Python's zipfile.
    func unzipped(_ r: HuifangRunner, _ file: String, _ part: String) -> String? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())", r.path(file), part]
        let out = Pipe()
        p.standardOutput = out
        guard (try? p.run()) != nil else { return nil }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return p.terminationStatus == 0 ? String(decoding: o, as: UTF8.self) : nil
    }

    @Test func xlsxGoesToAPipeButNeverToATerminal() throws {
        let r = try ExampleTests.demo()
        defer { r.cleanup() }
        // Standard output is a pipe here: the bytes go there.
        let piped = r.run(["project", "list", "--format", "xlsx"])
        #expect(piped.code == 0)
        #expect(piped.stdout.utf8.prefix(4).elementsEqual([0x50, 0x4B, 0x03, 0x04]))
        // On a terminal (a pseudo-terminal made by Python's pty): refused, exit 64, nothing written.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", """
            import os, pty, sys
            pid, fd = pty.fork()
            if pid == 0:
                os.execv(sys.argv[1], [sys.argv[1], "-C", sys.argv[2], "project", "list", "--format", "xlsx"])
            out = b""
            while True:
                try:
                    chunk = os.read(fd, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                out += chunk
            _, status = os.waitpid(pid, 0)
            sys.stdout.write(str(os.waitstatus_to_exitcode(status)) + "\\n" + out.decode("utf-8", "replace"))
            """, HuifangRunner.binary, r.dir]
        var environment = ProcessInfo.processInfo.environment
        environment["HUIFANG_TODAY"] = "2026-11-24"
        p.environment = environment
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let o = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(o.hasPrefix("64\n"), "\(o)")
        #expect(o.contains("xlsx 是二进制文件，不能写到终端"), "\(o)")
        #expect(o.contains("-o FILE.xlsx"), "\(o)")
        #expect(!o.contains("PK"), "\(o)")
    }

    @Test func listingsTakeDashO() throws {
        let r = try ExampleTests.demo()
        defer { r.cleanup() }
        for args in [["project", "list"], ["project", "log", "acme-erp"], ["due"], ["visit", "list", "--format", "csv"]] {
            let shown = r.run(args)
            let written = r.run(args + ["-o", "out.txt"])
            #expect(written.code == 0, "\(args): \(written.stderr)")
            #expect(written.stdout.isEmpty, "\(args)")
            #expect(!shown.stdout.isEmpty && r.read("out.txt") == shown.stdout, "\(args)")
        }
        // -o keeps its rules: nothing is written over the records.
        let refused = r.run(["project", "list", "-o", "huifang.yaml"])
        #expect(refused.code == 64)
        #expect(r.run(["project", "log", "acme-erp", "--excel"]).code == 64)
    }

    @Test func csvForExcelHasABOMAndCRLF() throws {
        let r = try ExampleTests.demo()
        defer { r.cleanup() }
        let plain = r.run(["visit", "list", "--format", "csv"])
        #expect(plain.code == 0)
        #expect(plain.stdout.hasPrefix("日期,编号,项目,"), "CSV headers in the repository's language (issue 16)")
        let excel = r.run(["visit", "list", "--format", "csv", "--excel", "-o", "v.csv"])
        #expect(excel.code == 0, "\(excel.stderr)")
        let bytes = try #require(FileManager.default.contents(atPath: r.path("v.csv")))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(Array(bytes.dropFirst(3)) == Array(plain.stdout.utf8))
        // Every line ends in CRLF: no bare LF outside a quoted field's own line breaks.
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text.hasSuffix("\r\n"))
        #expect(text.components(separatedBy: "\r\n").first == "日期,编号,项目,类型,方式,回访人,满意度,净推荐值,内容,联系人,事件,运行,"
            + "评分：项目质量,评分：交付时间,评分：服务态度,评分：技术支持,总体评分,客户原话,需求,竞争对手,问题,附件")
        // Reports too, and the configuration's default, which --no-excel overrides.
        let report = r.run(["report", "summary", "--period", "2026Q3", "--format", "csv", "--excel"])
        #expect(report.stdout.utf8.prefix(3).elementsEqual([0xEF, 0xBB, 0xBF]))
        let config = try #require(r.read("huifang.yaml"))
        try r.write("huifang.yaml", config + "csv:\n  excel: true\n")
        #expect(r.run(["visit", "list", "--format", "csv"]).stdout.utf8.prefix(3).elementsEqual([0xEF, 0xBB, 0xBF]))
        #expect(r.run(["visit", "list", "--format", "csv", "--no-excel"]).stdout == plain.stdout)
        #expect(r.run(["check", "--lang", "en"]).stdout.contains("0 errors"))
        // --excel with another format would be ignored silently: refused.
        let wrong = r.run(["visit", "list", "--format", "json", "--excel"])
        #expect(wrong.code == 64)
        #expect(wrong.stderr.contains("--excel"))
    }
}
