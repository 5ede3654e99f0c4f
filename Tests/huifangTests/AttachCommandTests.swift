import Foundation
import Testing

/// Issue 14 part 6: evidence (policy §七.2). `visit attach` copies files into the visit's own
/// folder and lists them in the record; `visit show`, `project log` and the project report
/// list them (linked in HTML); files over max_attachment_size are refused; `check` reports a
/// listed attachment that is missing.
@Suite struct AttachCommandTests {
    static let visit = "projects/acme-erp/visits/2026-05-20-v-b266f103"

    func repository() throws -> HuifangRunner {
        let r = try makeTourRepository()
        try r.write("in/客户书面意见.pdf", "%PDF-1.4 written feedback\n")
        try r.write("in/site photo.jpg", String(repeating: "x", count: 3000))
        return r
    }

    @Test func attachCopiesIntoTheVisitsFolderAndListsThem() throws {
        let r = try repository()
        defer { r.cleanup() }
        let before = try #require(r.read(Self.visit + ".yaml"))
        let result = r.run(["--lang", "en", "visit", "attach", "v-b266", "in/客户书面意见.pdf", "in/site photo.jpg"])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stdout == """
            Attached 2 files to visit v-b266f103 (acme-erp, 2026-05-20)
              \(Self.visit)/客户书面意见.pdf (26 B)
              \(Self.visit)/site photo.jpg (2.9 KB)
              \(Self.visit).yaml (attachments: + 客户书面意见.pdf, site photo.jpg)

            """)
        #expect(r.read(Self.visit + "/客户书面意见.pdf") == "%PDF-1.4 written feedback\n")
        #expect(r.read(Self.visit + "/site photo.jpg")?.count == 3000)
        // The list goes where the documented key order puts it: before `recorded:`, which the log wrote last.
        #expect(before.hasSuffix("recorded: 2026-11-24\n"))
        #expect(r.read(Self.visit + ".yaml") == before.replacingOccurrences(of: "recorded: 2026-11-24\n", with: "")
                    + "attachments:\n  - 客户书面意见.pdf\n  - site photo.jpg\nrecorded: 2026-11-24\n", "the rest of the record is unchanged")
        let check = r.run(["check"])
        #expect(check.code == 0, "the attachment folder is no stray folder: \(check.stdout)\(check.stderr)")
        #expect(!check.stdout.contains("unexpected folder"))

        // visit show, table and json
        let show = r.run(["visit", "show", "v-b266", "--lang", "en"]).stdout
        #expect(show.contains("attachments  \(Self.visit)/客户书面意见.pdf (26 B)\n             \(Self.visit)/site photo.jpg (2.9 KB)\n"))
        #expect(show.contains("kind         periodic\n"))
        let json = r.run(["visit", "show", "v-b266", "--format", "json"]).stdout
        #expect(json.contains("\"attachments\": [\"\(Self.visit)/客户书面意见.pdf\", \"\(Self.visit)/site photo.jpg\"]"))
        #expect(json.contains("\"size\": 3000"))
        // project log
        #expect(r.run(["project", "log", "acme-erp"]).stdout.contains("[定期回访 实地 4.0，附件：客户书面意见.pdf site photo.jpg]"))
        // the project report, linked in HTML (relative to where it is written) and Markdown
        let md = r.run(["report", "project", "acme-erp", "--period", "2026", "--lang", "en"]).stdout
        #expect(md.contains("### Evidence\n\n- [2026-05-20 v-b266f103: 客户书面意见.pdf](\(Self.visit)/%E5%AE%A2%E6%88%B7%E4%B9%A6%E9%9D%A2%E6%84%8F%E8%A7%81.pdf)\n- [2026-05-20 v-b266f103: site photo.jpg](\(Self.visit)/site%20photo.jpg)\n"))
        try FileManager.default.createDirectory(atPath: r.path("out"), withIntermediateDirectories: false)
        let html = r.run(["report", "project", "acme-erp", "--period", "2026", "--format", "html", "-o", "out/report.html"])
        #expect(html.code == 0, "\(html.stderr)")
        #expect(try #require(r.read("out/report.html")).contains("<li><a href=\"../\(Self.visit)/site%20photo.jpg\">2026-05-20 v-b266f103: site photo.jpg</a></li>"))
        let csv = r.run(["report", "project", "acme-erp", "--period", "2026", "--format", "csv"]).stdout
        #expect(csv.contains("\(Self.visit)/客户书面意见.pdf \(Self.visit)/site photo.jpg"))
    }

    @Test(.englishMessages) func aFileOverTheLimitIsRefusedWithTheLFSHint() throws {
        let r = try repository()
        defer { r.cleanup() }
        let config = try #require(r.read("huifang.yaml"))
        #expect(config.contains("\nmax_attachment_size: 10MB "), "init writes the default")
        func limit(_ value: String) -> String { config.replacingOccurrences(of: "max_attachment_size: 10MB", with: "max_attachment_size: " + value) }
        try r.write("huifang.yaml", limit("2KB"))
        let before = r.snapshot()
        let result = r.run(["visit", "attach", "v-b266", "in/客户书面意见.pdf", "in/site photo.jpg"])
        #expect(result.code == 64)
        #expect(result.stderr.contains("'in/site photo.jpg' is 2.9 KB, over max_attachment_size (2 KB) in huifang.yaml"))
        #expect(result.stderr.contains("git lfs track 'projects/*/visits/*/*.jpg'"))
        #expect(r.snapshot() == before, "nothing was written, not even the small file")
        // Exactly at the limit is accepted.
        try r.write("huifang.yaml", limit("3000"))
        #expect(r.run(["visit", "attach", "v-b266", "in/site photo.jpg"]).code == 0)
        // A bad size is a finding of huifang.yaml.
        try r.write("huifang.yaml", limit("lots"))
        let check = r.run(["check"])
        #expect(check.code == 1)
        #expect(check.stdout.contains("huifang.yaml:") && check.stdout.contains("max_attachment_size"))
    }

    @Test func checkReportsAListedAttachmentThatIsMissing() throws {
        let r = try repository()
        defer { r.cleanup() }
        #expect(r.run(["visit", "attach", "v-b266", "in/site photo.jpg"]).code == 0)
        try FileManager.default.removeItem(atPath: r.path(Self.visit + "/site photo.jpg"))
        let check = r.run(["check"])
        #expect(check.code == 1)
        #expect(check.stdout.contains("\(Self.visit).yaml:9:3: error: attachment 'site photo.jpg' is missing from \(Self.visit)/"), "\(check.stdout)")
        #expect(r.run(["visit", "show", "v-b266"]).stdout.contains("site photo.jpg  [缺失]"))
        // Attaching it again puts the file back without listing it twice.
        let again = r.run(["visit", "attach", "v-b266", "in/site photo.jpg"])
        #expect(again.code == 0, "\(again.stderr)")
        #expect(r.run(["check"]).code == 0)
        #expect(r.read(Self.visit + ".yaml")?.components(separatedBy: "site photo.jpg").count == 2)
    }

    @Test(.englishMessages) func refusals() throws {
        let r = try repository()
        defer { r.cleanup() }
        #expect(r.run(["visit", "attach", "v-b266"]).code == 64)
        #expect(r.run(["visit", "attach", "v-b266", "in/nothing.pdf"]).code == 66)
        #expect(r.run(["visit", "attach", "v-b266", "in"]).code == 64, "a folder")
        #expect(r.run(["visit", "attach", "v-zzzz", "in/site photo.jpg"]).code != 0)
        #expect(r.run(["visit", "attach", "v-b266", "in/site photo.jpg"]).code == 0)
        try r.write("in2/site photo.jpg", "another photo")
        let clash = r.run(["visit", "attach", "v-b266", "in2/site photo.jpg"])
        #expect(clash.code == 64)
        #expect(clash.stderr.contains("already has an attachment named 'site photo.jpg'"))
        let same = r.run(["visit", "attach", "v-b266", "in/site photo.jpg"])
        #expect(same.code == 0)
        #expect(same.stdout.contains("Nothing to attach: visit v-b266f103 already lists that file"))
        // A visit folder that is a link out of the repository is never written through.
        let outside = HuifangRunner()
        defer { outside.cleanup() }
        let other = "projects/beta-mes/visits/" + (try #require(try FileManager.default.contentsOfDirectory(atPath: r.path("projects/beta-mes/visits")).first))
        try FileManager.default.createSymbolicLink(atPath: r.path(String(other.dropLast(5))), withDestinationPath: outside.dir)
        let linked = r.run(["visit", "attach", String(other.dropLast(5).suffix(10)), "in/site photo.jpg"])
        #expect(linked.code == 65)
        // Refused before anything is read through it: the walk finds the link out of the repository.
        #expect(linked.stderr.contains("outside the repository"), "\(linked.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.dir).isEmpty)
    }
}
