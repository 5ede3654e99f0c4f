import Testing

@testable import HuifangCore

/// Issue 14 part 6: what an attachment may be called, where it lives, and the size limit of
/// huifang.yaml (`max_attachment_size`).
@Suite struct AttachmentRulesTests {
    @Test func anAttachmentIsOnePlainFileName() {
        for good in ["客户书面意见.pdf", "site photo.jpg", "a", "video.final.mp4", "javascript:alert(1)"] {
            #expect(Visit.isValidAttachmentName(good), "\(good)")
        }
        for bad in ["", ".", "..", ".hidden", "../x", "a/b", "a\\b", "a\u{7}b", "line\nbreak", String(repeating: "长", count: 90)] {
            #expect(!Visit.isValidAttachmentName(bad), "\(bad)")
        }
    }

    @Test func theFolderIsTheRecordsPathWithoutYaml() {
        let v = Visit(id: VisitID("v-0000abcd")!, project: ProjectID("acme")!, date: Day("2026-03-05")!, kind: .periodic, method: .phone,
                      visitor: "张伟", summary: "s", attachments: ["a.pdf"],
                      location: SourceLocation(path: "projects/acme/visits/2026-03-05-v-0000abcd.yaml"))
        #expect(v.attachmentFolder == "projects/acme/visits/2026-03-05-v-0000abcd")
        #expect(v.attachmentPath("a.pdf") == "projects/acme/visits/2026-03-05-v-0000abcd/a.pdf")
    }

    @Test func sizesParseWithUnitsAndPrintForPeople() {
        #expect(Config.parseSize("10MB") == 10 << 20)
        #expect(Config.parseSize("10 mb") == 10 << 20)
        #expect(Config.parseSize("512KB") == 512 << 10)
        #expect(Config.parseSize("1GB") == 1 << 30)
        #expect(Config.parseSize("3000") == 3000)
        #expect(Config.parseSize("3000B") == 3000)
        for bad in ["", "lots", "0", "-1MB", "1.5MB", "10TB", "MB"] { #expect(Config.parseSize(bad) == nil, "\(bad)") }
        #expect(Config.defaultMaxAttachmentSize == 10 << 20)
        #expect(Config.formatSize(700) == "700 B")
        #expect(Config.formatSize(3000) == "2.9 KB")
        #expect(Config.formatSize(10 << 20) == "10 MB")
    }
}
