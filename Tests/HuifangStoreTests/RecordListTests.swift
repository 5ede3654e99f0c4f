import Testing

@testable import HuifangStore

/// records.txt of a closed period (docs/CLOSING.md): each record file with its checksum, the
/// digest made from it, and the files changed since.
@Suite struct RecordListTests {
    static let list = RecordList(version: "huifang-store-1", files: [("projects/acme/project.yaml", 0x0000_00ab),
                                                                     ("projects/acme/visits/2026-07-02-v-1.yaml", 0xdead_beef)])

    @Test func itsTextAndDigestAreFixed() throws {
        #expect(Self.list.text == "# huifang record checksums huifang-store-1\n000000ab projects/acme/project.yaml\n"
                    + "deadbeef projects/acme/visits/2026-07-02-v-1.yaml\n")
        let bytes = Array(Self.list.text.utf8)
        let expected = String(bytes.withUnsafeBufferPointer { Checksum.xxh64($0) }, radix: 16)
        #expect(Self.list.digest == String(repeating: "0", count: 16 - expected.count) + expected)
        #expect(Self.list.digest.count == 16)
        #expect(try #require(RecordList(parsing: bytes)) == Self.list)
    }

    @Test func aDamagedListIsRefused() {
        for text in ["", "# huifang record checksums v\n000000ab", "# something else\n", "# huifang record checksums v\n00000xab a\n",
                     "# huifang record checksums v\n000000ab\n", "# huifang record checksums v\n000000ab \n"] {
            #expect(RecordList(parsing: Array(text.utf8)) == nil, "\(text)")
        }
        #expect(RecordList(parsing: Array("# huifang record checksums v\n".utf8))?.files.isEmpty == true)
    }

    @Test func theChangesNameChangedAddedAndRemovedFiles() {
        var now = Self.list
        now.files[1].checksum = 1
        now.files.append(("projects/beta/project.yaml", 7))
        now.files.remove(at: 0)
        let d = Self.list.changes(to: now)
        #expect(d.changed == ["projects/acme/visits/2026-07-02-v-1.yaml"])
        #expect(d.added == ["projects/beta/project.yaml"])
        #expect(d.removed == ["projects/acme/project.yaml"])
        #expect(Self.list.digest != now.digest)
        let same = Self.list.changes(to: Self.list)
        #expect(same.changed.isEmpty && same.added.isEmpty && same.removed.isEmpty)
    }
}
