import Foundation
import HuifangCore
import HuifangYAML
import Testing

@testable import HuifangStore

#if canImport(Glibc)
    import Glibc
#endif

/// The cold read path's shortcuts give what the plain forms give: file names compared as
/// bytes, enumeration values matched from bytes, files read into one reused buffer.
@Suite struct ColdReadPathTests {
    @Test func visitFileNamesComparedAsBytesAgreeWithTheInterpolatedName() throws {
        let days = [try #require(Day("2026-03-05")), try #require(Day("1900-01-01")), try #require(Day("2200-12-31")),
                    try #require(Day("2024-02-29")), try #require(Day("2031-11-30"))]
        for day in days {
            for id in ["v-0000abcd", "v-1", "v-0000abce"] {
                let right = "\(day)-\(id).yaml"
                var names = [right, right + " ", "x" + right, String(right.dropLast()), right.replacingOccurrences(of: ".yaml", with: ".yml"),
                             "\(day)_\(id).yaml", "\(day)-v-0000abcd.yaml", "2026-03-05-\(id).yaml", "\(day)-\(id).YAML", ""]
                // Every single-byte change of the right name.
                for (i, c) in right.utf8.enumerated() {
                    var b = Array(right.utf8)
                    b[i] = c == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
                    names.append(String(decoding: b, as: UTF8.self))
                }
                for name in names {
                    #expect(FastRecordDecoder.isVisitFileName(name, date: day, id: id) == (name == "\(day)-\(id).yaml"), "\(name) for \(day) \(id)")
                }
                #expect(FastRecordDecoder.isVisitFileName(right, date: day, id: id))
            }
        }
        for name in ["i-0000bbbb.yaml", "i-0000bbbb.yml", "i-0000bbbbb.yaml", "i-0000bbb.yaml", "xi-0000bbbb.yaml", "i-0000bbbb.yamlx", ".yaml", ""] {
            #expect(FastRecordDecoder.isFileName(name, of: "i-0000bbbb") == (name == "i-0000bbbb.yaml"), "\(name)")
        }
    }

    static func sameAsRawValue<T: RawRepresentable & CaseIterable & Equatable>(_ table: KeyTable<T>, _ type: T.Type) -> Bool
    where T.RawValue == String {
        var words = T.allCases.map(\.rawValue)
        words += words.flatMap { [$0.uppercased(), String($0.dropLast()), $0 + "s", " " + $0, String($0.dropFirst())] } + ["", "x"]
        return words.allSatisfy { word in
            let bytes = Array(word.utf8)
            let fromBytes = bytes.withUnsafeBufferPointer { table.field($0)?.0 }
            return fromBytes == T(rawValue: word)
        }
    }

    @Test func enumerationValuesMatchedFromBytesAreTheRawValues() {
        #expect(Self.sameAsRawValue(FastRecordDecoder.visitKinds, VisitKind.self))
        #expect(Self.sameAsRawValue(FastRecordDecoder.visitMethods, VisitMethod.self))
        #expect(Self.sameAsRawValue(FastRecordDecoder.operations, HuifangCore.Operation.self))
        #expect(Self.sameAsRawValue(FastRecordDecoder.issueSources, IssueSource.self))
        #expect(Self.sameAsRawValue(FastRecordDecoder.issueCategories, IssueCategory.self))
        #expect(Self.sameAsRawValue(FastRecordDecoder.severities, HuifangCore.Severity.self))
        #expect(Self.sameAsRawValue(FastRecordDecoder.issueStatuses, IssueStatus.self))
    }

    /// Files of growing and shrinking sizes read into one buffer give the bytes (and the
    /// errors) that reading each into its own array gives.
    @Test func oneReadBufferReadsEveryFileAsAnArrayWould() throws {
        let t = TempFolder()
        defer { t.remove() }
        let sizes = [10, 10_000, 5, 0, 70_000, 3, 4096, 4097]
        for (n, size) in sizes.enumerated() {
            try t.write("f\(n)", (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ n) })
        }
        #expect(mkfifo(t.path + "/fifo", 0o600) == 0)
        let buffer = ReadBuffer()
        for round in 0..<2 {
            for n in sizes.indices {
                var a = stat(), b = stat()
                let array = try FileSystem.read(t.path + "/f\(n)", stat: &a)
                let read = try FileSystem.read(t.path + "/f\(n)", into: buffer, stat: &b)
                #expect(Array(read) == array, "file \(n), round \(round)")
                #expect(array.count == sizes[n])
                #expect(a.st_ino == b.st_ino && a.st_size == b.st_size)
            }
        }
        func failure(_ body: () throws(FileError) -> Void) -> String? {
            do throws(FileError) { try body() } catch { return error.message }
            return nil
        }
        var st = stat()
        for (path, limit) in [(t.path + "/fifo", 1000), (t.path + "/missing", 1000), (t.path + "/f1", 9_999)] {
            let expected = failure { () throws(FileError) in _ = try FileSystem.read(path, limit: limit, stat: &st) }
            #expect(expected != nil, "\(path) read without an error")
            let reused = failure { () throws(FileError) in _ = try FileSystem.read(path, limit: limit, into: buffer, stat: &st) }
            #expect(reused == expected)
        }
    }

    /// The loader's decoding of one file with a worker's reader and buffer gives the outcome of
    /// decoding it on its own, file after file: good records, one the fast path declines, one
    /// that cannot be read.
    @Test func decodingWithAWorkersBufferGivesTheOutcomeOfAFreshRead() throws {
        let t = TempFolder()
        defer { t.remove() }
        let visit = "id: v-0000abcd\ndate: 2026-03-05\nkind: periodic\nmethod: phone\nvisitor: 张伟\nsummary: ok\n"
        let issue = "id: i-0000bbbb\ntitle: t\nraised: 2026-03-05\nsource: customer\ncategory: quality\nseverity: minor\nowner: o\n"
            + "department: d\ndue: 2026-03-20\nstatus: open\nhistory: []\n"
        let project = try #require(ProjectID("acme-erp"))
        let files: [(String, String, RepositoryLoader.Job)] = [
            ("projects/acme-erp/visits/2026-03-05-v-0000abcd.yaml", visit, .visit(project: project, file: "2026-03-05-v-0000abcd.yaml")),
            ("projects/acme-erp/issues/i-0000bbbb.yaml", issue + "note: " + String(repeating: "长", count: 3000) + "\n",
             .issue(project: project, file: "i-0000bbbb.yaml")),  // declined: an unknown key
            ("projects/acme-erp/issues/i-0000cccc.yaml", issue.replacingOccurrences(of: "bbbb", with: "cccc"),
             .issue(project: project, file: "i-0000cccc.yaml")),
            ("projects/acme-erp/visits/2026-03-06-v-0000dddd.yaml", visit, .visit(project: project, file: "2026-03-06-v-0000dddd.yaml")),
            // A risk goes through the buffer too.
            ("projects/acme-erp/risks/r-0000abcd.yaml", RiskStoreTests.full, .risk(project: project, file: "r-0000abcd.yaml")),
        ]
        for (path, text, _) in files { try t.write(path, text) }
        let repo = Repository(root: t.path)
        let root = RepositoryLoader.Root(repo: repo, fd: AT_FDCWD)
        let config = Config()
        let reader = YAMLEventReader()
        let buffer = ReadBuffer()
        for (path, _, job) in files + files + [("projects/acme-erp/visits/2026-03-07-v-0000eeee.yaml", "", .visit(project: project, file: "2026-03-07-v-0000eeee.yaml"))] {
            var a = stat(), b = stat()
            let plain = RepositoryLoader.decode(path, job, root: root, config: config, stat: &a)
            let reused = RepositoryLoader.decode(path, job, root: root, config: config, reader: reader, buffer: buffer, stat: &b)
            #expect(RecordCache.encode(plain) == RecordCache.encode(reused), "\(path)")
            #expect(plain.findings == reused.findings)
        }
        // The test sees records and the findings of files the fast path declines.
        var st = stat()
        #expect(RepositoryLoader.decode(files[0].0, files[0].2, root: root, config: config, reader: reader, buffer: buffer, stat: &st).record != nil)
        #expect(!RepositoryLoader.decode(files[1].0, files[1].2, root: root, config: config, reader: reader, buffer: buffer, stat: &st).findings.isEmpty)
        #expect(RepositoryLoader.decode(files[2].0, files[2].2, root: root, config: config, reader: reader, buffer: buffer, stat: &st).record != nil)
        #expect(!RepositoryLoader.decode(files[3].0, files[3].2, root: root, config: config, reader: reader, buffer: buffer, stat: &st).findings.isEmpty)
        #expect(RepositoryLoader.decode(files[4].0, files[4].2, root: root, config: config, reader: reader, buffer: buffer, stat: &st).record != nil)
    }

    /// The walk's byte shortcuts for `hasPrefix(".")` and `hasSuffix(".yaml")` answer as the
    /// character comparisons do, also where a character before the dot joins it.
    @Test func recordNameShortcutsAgreeWithTheCharacterComparisons() {
        let names = ["v-1.yaml", ".yaml", "yaml", "a.yaml", "a.yml", "a.YAML", "a.yaml ", "a.yamll", ".hidden.yaml", ".", "", "a",
                     "é.yaml", "e\u{301}.yaml", "\u{600}.yaml", "a\u{600}.yaml", "记录.yaml", "a.yam\u{301}l", "a.yaml\u{301}",
                     ".\u{301}x", "\u{301}.yaml", "x\u{200D}.yaml", "\r.yaml", "\u{1F600}.yaml", "\u{1F1E8}\u{1F1F3}.yaml"]
        for name in names {
            #expect(RepositoryLoader.hasYAMLSuffix(name) == name.hasSuffix(".yaml"), "\(name.unicodeScalars.map(\.value))")
            #expect(RepositoryLoader.isHidden(name) == name.hasPrefix("."), "\(name.unicodeScalars.map(\.value))")
        }
    }

    /// The cache's writer (its own buffer, grown as it fills) writes what an array of bytes
    /// built the plain way holds: variable-length integers, strings, fixed widths, and runs
    /// of bytes appended across the growth of the buffer.
    @Test func theWriterWritesTheBytesOfThePlainEncoding() {
        func varint(_ v: UInt64) -> [UInt8] {
            var v = v, out: [UInt8] = []
            while v >= 0x80 {
                out.append(UInt8(v & 0x7F) | 0x80)
                v >>= 7
            }
            return out + [UInt8(v)]
        }
        var expected: [UInt8] = []
        var w = BinaryWriter(capacity: 0)
        var rng = FuzzTests.Rng(state: 21)
        for round in 0..<3000 {
            switch round % 7 {
            case 0:
                let v = UInt64.random(in: 0...UInt64.max, using: &rng) >> UInt64.random(in: 0...63, using: &rng)
                w.uint(v)
                expected += varint(v)
            case 1:
                let v = Int.random(in: -100_000...100_000, using: &rng)
                w.int(v)
                expected += varint(UInt64(bitPattern: Int64(v)) << 1 ^ UInt64(bitPattern: Int64(v) >> 63))
            case 2:
                let s = String(repeating: round % 3 == 0 ? "长" : "a", count: Int.random(in: 0...40, using: &rng))
                w.string(s)
                expected += varint(UInt64(s.utf8.count)) + Array(s.utf8)
            case 3:
                let v = UInt32.random(in: 0...UInt32.max, using: &rng)
                w.fixed32(v)
                expected += (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) }
            case 4:
                let v = UInt64.random(in: 0...UInt64.max, using: &rng)
                w.fixed64(v)
                expected += (0..<8).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) }
            case 5:
                let run = (0..<Int.random(in: 0...300, using: &rng)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ round) }
                w.append(run)
                expected += run
            default:
                w.optional(round % 2 == 0 ? "x" : nil) { $0.string($1) }
                expected += round % 2 == 0 ? [1, 1, UInt8(ascii: "x")] : [0]
            }
        }
        #expect(w.count == expected.count)
        #expect(w.bytes == expected)
        #expect(w.capacity >= w.count)
    }
}
