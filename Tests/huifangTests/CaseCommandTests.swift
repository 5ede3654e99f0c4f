import Foundation
import Testing

/// A case analysis with all five sections written (the tests that close major issues use it).
enum CaseFixture {
    static let complete = """
        # 案例分析：报表导出超时

        ## 经过
        2026-09-24 客户反映报表导出超时；09-30 再次投诉，升级为重大问题。

        ## 原因
        导出在请求线程中同步生成，10 万行数据超过网关 30 秒超时。

        ## 措施
        导出改为异步任务，完成后通知下载。

        ## 经验教训
        首次回访即评估数据量增长。

        ## 适用范围
        所有带大批量导出的 ERP 项目。

        """
}

/// The case library end to end (issue 19): `case new` writes and links a template, `issue
/// close` of a major issue refuses while a section is missing or empty, `check` names an
/// incomplete case, `case list` and `case show`.
@Suite struct CaseCommandTests {
    /// The tour repository with a major issue resolved and confirmed, ready to close.
    func withMajorIssue() throws -> (HuifangRunner, String) {
        let r = try makeTourRepository()
        let add = r.run(["--as-of", "2026-09-24", "issue", "add", "acme-erp", "--title", "报表导出超时", "--category", "technical",
                         "--severity", "major", "--raised", "2026-09-24", "--source", "customer"])
        try #require(add.code == 0, "\(add.stderr)")
        let id = String(try #require(try FileManager.default.contentsOfDirectory(atPath: r.path("projects/acme-erp/issues")).first).dropLast(5))
        #expect(r.run(["--as-of", "2026-09-28", "issue", "resolve", id, "--summary", "导出改为异步"]).code == 0)
        #expect(r.run(["--as-of", "2026-09-29", "issue", "confirm", id]).code == 0)
        return (r, id)
    }

    @Test func newWritesTheTemplateAndLinksItInPlace() throws {
        let (r, id) = try withMajorIssue()
        defer { r.cleanup() }
        let issueFile = "projects/acme-erp/issues/\(id).yaml"
        try r.write(issueFile, try #require(r.read(issueFile)) + "# 手工备注：保留\n")
        let new = r.run(["--as-of", "2026-09-30", "case", "new", String(id.prefix(6))])
        #expect(new.code == 0, "\(new.stderr)")
        r.expectGolden(new.stdout.replacingOccurrences(of: id, with: "IID"), "case-new.txt")
        let path = "projects/acme-erp/cases/\(id).md"
        let template = try #require(r.read(path))
        r.expectGolden(template.replacingOccurrences(of: id, with: "IID"), "case-new-template.md")
        let issue = try #require(r.read(issueFile))
        #expect(issue.contains("case_analysis: \(path)\n"))
        #expect(issue.contains("# 手工备注：保留\n"), "the hand-written comment stays")
        #expect(r.run(["check"]).code == 0, "an open issue's case being written is a warning, not an error")

        // A second time: refused, nothing written.
        let before = r.snapshot()
        let again = r.run(["--as-of", "2026-09-30", "case", "new", id])
        #expect(again.code == 64)
        #expect(again.stderr.contains("问题 \(id) 已有案例分析：\(path)"), "\(again.stderr)")
        #expect(r.snapshot() == before)

        // English messages, English headings in an English repository.
        let en = try HuifangRunner.withRepository()
        defer { en.cleanup() }
        try en.write("huifang.yaml", try #require(en.read("huifang.yaml")).replacingOccurrences(of: "language: zh", with: "language: en"))
        #expect(en.run(["project", "add", "p1", "--name", "P1", "--customer", "C", "--department", "east", "--owner", "Zhang",
                        "--tier", "standard", "--accepted", "2026-01-15"]).code == 0)
        #expect(en.run(["--as-of", "2026-09-24", "issue", "add", "p1", "--title", "Export times out", "--category", "technical",
                        "--severity", "major"]).code == 0)
        let enID = String(try #require(try FileManager.default.contentsOfDirectory(atPath: en.path("projects/p1/issues")).first).dropLast(5))
        let enNew = en.run(["--as-of", "2026-09-24", "case", "new", enID])
        #expect(enNew.code == 0, "\(enNew.stderr)")
        r.expectGolden(enNew.stdout.replacingOccurrences(of: enID, with: "IID"), "case-new-en.txt")
        r.expectGolden(try #require(en.read("projects/p1/cases/\(enID).md")).replacingOccurrences(of: enID, with: "IID"), "case-new-template-en.md")
    }

    @Test func closeRefusesAnIncompleteCaseNamingTheSections() throws {
        let (r, id) = try withMajorIssue()
        defer { r.cleanup() }
        #expect(r.run(["--as-of", "2026-09-30", "case", "new", id]).code == 0)
        let path = "projects/acme-erp/cases/\(id).md"
        // The template as written: every section missing text.
        var before = r.snapshot()
        let template = r.run(["--as-of", "2026-09-30", "issue", "close", id])
        #expect(template.code == 64)
        r.expectGolden(template.stderr.replacingOccurrences(of: id, with: "IID"), "case-close-refused.txt")
        #expect(r.snapshot() == before, "nothing written")
        // Two sections written, one in English: the other three named, in English with --lang en.
        try r.write(path, "# 案例\n\n## 经过\n客户反映导出超时。\n\n## Cause\nsynchronous export\n\n## 措施\n<!-- 待写 -->\n\n## 经验教训\n\n")
        before = r.snapshot()
        let partial = r.run(["--lang", "en", "--as-of", "2026-09-30", "issue", "close", id])
        #expect(partial.code == 64)
        r.expectGolden(partial.stderr.replacingOccurrences(of: id, with: "IID"), "case-close-refused-en.txt")
        #expect(r.snapshot() == before, "nothing written")
        // An empty file named with --case-analysis is refused too.
        try r.write("docs/empty.md", "")
        let empty = r.run(["--as-of", "2026-09-30", "issue", "close", id, "--case-analysis", "docs/empty.md"])
        #expect(empty.code == 64 && empty.stderr.contains("缺少或为空：经过、原因、措施、经验教训、适用范围"), "\(empty.stderr)")
        // `check` names it while the issue is open as a warning; the exit stays 0.
        let check = r.run(["check"])
        #expect(check.code == 0)
        #expect(check.stdout.contains("\(path):1:1: 警告：问题 \(id) 的案例分析缺少或有空的小节：措施、经验教训、适用范围"), "\(check.stdout)")
        // Complete: closed with the linked file.
        try r.write(path, CaseFixture.complete)
        let close = r.run(["--as-of", "2026-09-30", "issue", "close", id])
        #expect(close.code == 0, "\(close.stderr)")
        #expect(r.read("projects/acme-erp/issues/\(id).yaml")?.contains("status: closed\n") == true)
        // Emptied by hand after closing: an error for check.
        try r.write(path, "# 案例\n\n## 经过\n有内容\n")
        let broken = r.run(["check", "--lang", "en"])
        #expect(broken.code == 1)
        #expect(broken.stdout.contains("\(path):1:1: error: the case analysis of issue \(id) has sections missing or empty: 原因、措施、经验教训、适用范围"),
                "\(broken.stdout)")
    }

    @Test func listAndShow() throws {
        let (r, id) = try withMajorIssue()
        defer { r.cleanup() }
        #expect(r.run(["--as-of", "2026-09-30", "case", "new", id]).code == 0)
        try r.write("projects/acme-erp/cases/\(id).md", CaseFixture.complete)
        #expect(r.run(["--as-of", "2026-09-30", "issue", "close", id]).code == 0)
        // A second, incomplete one on a quality problem.
        #expect(r.run(["--as-of", "2026-10-09", "issue", "add", "beta-mes", "--title", "打印格式错乱", "--category", "quality",
                       "--severity", "major"]).code == 0)
        let second = try #require(try FileManager.default.contentsOfDirectory(atPath: r.path("projects/beta-mes/issues")).first).dropLast(5)
        #expect(r.run(["--as-of", "2026-10-09", "case", "new", String(second)]).code == 0)
        // Placeholders as long as the ids, so that the columns stay aligned.
        func clean(_ s: String) -> String { s.replacingOccurrences(of: id, with: "i-0000000a").replacingOccurrences(of: second, with: "i-0000000b") }
        r.expectGolden(clean(r.run(["case", "list"]).stdout), "case-list.txt")
        r.expectGolden(clean(r.run(["case", "list", "--lang", "en"]).stdout), "case-list-en.txt")
        r.expectGolden(clean(r.run(["case", "list", "--format", "csv"]).stdout), "case-list.csv")
        let json = r.run(["case", "list", "--format", "json", "--category", "quality"])
        #expect(json.code == 0)
        #expect(json.stdout.contains("\"missing\": [\"course\", \"cause\", \"measures\", \"lessons\", \"scope\"]") && !json.stdout.contains(id), "\(json.stdout)")
        let none = r.run(["case", "list", "--period", "2026-08"])
        #expect(none.code == 0 && none.stdout.isEmpty && none.stderr.contains("还没有问题有案例分析"), "\(none.stderr)")

        r.expectGolden(clean(r.run(["case", "show", id]).stdout), "case-show.txt")
        r.expectGolden(clean(r.run(["case", "show", String(second), "--lang", "en"]).stdout), "case-show-en.txt")
        let byPath = r.run(["case", "show", "cases/\(id).md", "--format", "json"], cwd: r.path("projects/acme-erp"))
        #expect(byPath.code == 0, "\(byPath.stderr)")
        #expect(byPath.stdout.contains("\"scope\": \"所有带大批量导出的 ERP 项目。\""), "\(byPath.stdout)")
        let noFile = r.run(["case", "show", "docs/none.md"])
        #expect(noFile.code == 64 && noFile.stderr.contains("没有问题关联案例分析 'docs/none.md'"), "\(noFile.stderr)")
    }

    /// `issue add` and `visit prepare` show the past cases like the problem at hand, with what
    /// was done; an unrelated title shows none.
    @Test func similarCasesWhereTheyHelp() throws {
        let (r, id) = try withMajorIssue()
        defer { r.cleanup() }
        #expect(r.run(["--as-of", "2026-09-30", "case", "new", id]).code == 0)
        try r.write("projects/acme-erp/cases/\(id).md", CaseFixture.complete)
        #expect(r.run(["--as-of", "2026-09-30", "issue", "close", id]).code == 0)
        let add = r.run(["--as-of", "2026-10-09", "issue", "add", "beta-mes", "--title", "导出报表很慢", "--category", "technical",
                         "--severity", "general"])
        #expect(add.code == 0, "\(add.stderr)")
        let similar = add.stdout.components(separatedBy: "相似的历史案例和已解决问题：\n").last ?? ""
        r.expectGolden(similar.replacingOccurrences(of: id, with: "i-0000000a"), "case-similar-add.txt")
        let unrelated = r.run(["--as-of", "2026-10-09", "issue", "add", "beta-mes", "--title", "打印格式错乱", "--category", "technical",
                               "--severity", "minor"])
        #expect(unrelated.code == 0 && !unrelated.stdout.contains("相似"), "\(unrelated.stdout)")
        let prepare = r.run(["--lang", "en", "visit", "prepare", "beta-mes", "--format", "md"])
        #expect(prepare.code == 0, "\(prepare.stderr)")
        #expect(prepare.stdout.contains("Similar past cases and resolved issues"), "\(prepare.stdout)")
        #expect(prepare.stdout.contains("\(id)  报表导出超时  (acme-erp, technical, similarity"), "\(prepare.stdout)")
        #expect(prepare.stdout.contains("resolution: 导出改为异步"), "\(prepare.stdout)")
    }
}

/// A case analysis given for an issue of any severity must be complete: an empty file is refused.
@Suite struct CaseAnalysisGivenTests {
    @Test func anEmptyFileIsRefusedForAMinorIssueToo() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        #expect(r.run(["--as-of", "2026-09-24", "issue", "add", "acme-erp", "--title", "按钮错位", "--category", "quality",
                       "--severity", "minor", "--source", "customer"]).code == 0)
        let id = String(try #require(try FileManager.default.contentsOfDirectory(atPath: r.path("projects/acme-erp/issues")).first).dropLast(5))
        #expect(r.run(["--as-of", "2026-09-25", "issue", "resolve", id, "--summary", "调整样式"]).code == 0)
        #expect(r.run(["--as-of", "2026-09-25", "issue", "confirm", id]).code == 0)
        try r.write("docs/cases/\(id).md", "")
        let before = r.snapshot()
        let empty = r.run(["--lang", "en", "--as-of", "2026-09-26", "issue", "close", id, "--case-analysis", "docs/cases/\(id).md"])
        #expect(empty.code == 64)
        #expect(empty.stderr.contains("is not complete: missing or empty: What happened, Cause, Measures, Lessons learned, Applies to"),
                "\(empty.stderr)")
        #expect(r.snapshot() == before)
        // Without one, a minor issue closes as before.
        #expect(r.run(["--as-of", "2026-09-26", "issue", "close", id]).code == 0)
    }
}

/// On a terminal `case new` opens the case analysis itself (in the repository) in $EDITOR and
/// then says which sections are still empty.
@Suite struct CaseNewOnTerminalTests {
    @Test func theEditorOpensTheFileAndTheMissingSectionsAreNamed() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        #expect(r.run(["--as-of", "2026-09-24", "issue", "add", "acme-erp", "--title", "报表导出超时", "--category", "technical",
                       "--severity", "major", "--source", "customer"]).code == 0)
        let id = String(try #require(try FileManager.default.contentsOfDirectory(atPath: r.path("projects/acme-erp/issues")).first).dropLast(5))
        try r.write(".editors/case.sh", "#!/bin/sh\necho \"$1\" > \(r.path(".editors/opened"))\n"
            + "sed -i 's/^<!-- 客户看到了什么.*$/客户反映导出超时。/; s/^<!-- 根本原因.*$/同步导出。/' \"$1\"\n")
        chmod(r.path(".editors/case.sh"), 0o755)
        let command = "EDITOR=\(r.path(".editors/case.sh")) VISUAL= HUIFANG_TODAY=2026-09-24 \(HuifangRunner.binary) -C \(r.dir) case new \(id)"
            + " > \(r.path(".editors/out.txt"))"
        let status = try HuifangRunner.onTerminal(command, typing: "\n")
        #expect(status == 0)
        let path = "projects/acme-erp/cases/\(id).md"
        #expect(r.read(".editors/opened")?.hasSuffix(path + "\n") == true, "the file in the repository is edited")
        let out = try #require(r.read(".editors/out.txt"))
        #expect(out.contains("仍缺少或为空：措施、经验教训、适用范围；全部填写前 huifang issue close \(id) 会拒绝关闭"), "\(out)")
        #expect(r.read(path)?.contains("## 经过\n\n客户反映导出超时。\n") == true)
    }
}
