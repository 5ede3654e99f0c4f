import Foundation
import Testing

/// Never a silent wrong answer: what the commands refuse, and how they say so.
@Suite struct ValidationTests {
    /// The tour repository plus one open general issue in acme-erp; its id.
    func withIssue() throws -> (HuifangRunner, String) {
        let r = try makeTourRepository()
        let add = r.run(["issue", "add", "acme-erp", "--title", "报表导出超时", "--category", "technical", "--severity", "general"])
        try #require(add.code == 0, "\(add.stderr)")
        let id = try #require(try FileManager.default.contentsOfDirectory(atPath: r.path("projects/acme-erp/issues")).first).dropLast(5)
        return (r, String(id))
    }

    func writeBytes(_ r: HuifangRunner, _ relative: String, _ bytes: [UInt8]) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: r.path(relative)))
    }

    func bytes(_ r: HuifangRunner, _ relative: String) -> [UInt8] {
        FileManager.default.contents(atPath: r.path(relative)).map { Array($0) } ?? []
    }

    // MARK: duplicate ids

    @Test func aDuplicatedIDIsNamedWithItsFilesNotCalledAmbiguous() throws {
        let (r, id) = try withIssue()
        defer { r.cleanup() }
        let copy = "projects/beta-mes/issues/\(id).yaml"
        try r.write(copy, try #require(r.read("projects/acme-erp/issues/\(id).yaml")))
        let before = r.snapshot()
        for name in [String(id.prefix(6)), id] {
            for args in [["issue", "escalate", name, "--reason", "x"], ["issue", "show", name]] {
                let result = r.run(args)
                #expect(result.code == 65, "\(args): \(result.stderr)")
                #expect(result.stderr.contains("issue id '\(id)' is duplicated: 2 files hold it: projects/acme-erp/issues/\(id).yaml, \(copy)"),
                        "\(args): \(result.stderr)")
                #expect(result.stderr.contains("delete the file that is a stray copy"), "\(result.stderr)")
                #expect(!result.stderr.contains("type more characters"))
                #expect(result.stdout.isEmpty)
            }
        }
        #expect(r.snapshot() == before, "nothing written")
        let check = r.run(["check"])
        #expect(check.code == 1)
        #expect(check.stdout.contains("duplicate issue id '\(id)'") || check.stderr.contains("duplicate issue id '\(id)'"))
    }

    @Test func twoDifferentIDsSharingAPrefixAreStillAmbiguous() throws {
        let (r, id) = try withIssue()
        defer { r.cleanup() }
        let other = String(id.prefix(6)) + "zzz"
        try r.write("projects/acme-erp/issues/\(other).yaml", try #require(r.read("projects/acme-erp/issues/\(id).yaml"))
            .replacingOccurrences(of: "id: \(id)", with: "id: \(other)"))
        let result = r.run(["issue", "show", String(id.prefix(6))])
        #expect(result.code == 64)
        #expect(result.stderr.contains("matches 2 issues: \([id, other].sorted().joined(separator: ", "))"), "\(result.stderr)")
        #expect(result.stderr.contains("type more characters"))
    }

    // MARK: a project folder without project.yaml

    @Test func checkSuggestsAProjectAddThatWorks() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        try FileManager.default.createDirectory(atPath: r.path("projects/noproj/visits"), withIntermediateDirectories: true)
        let check = r.run(["check"])
        #expect(check.code == 1)
        let out = check.stdout + check.stderr
        #expect(out.contains("projects/noproj:1:1: error: project folder has no project.yaml"), "\(out)")
        #expect(out.contains("'huifang project add noproj --name ... --customer ... --department ... --owner ... --tier ...'"), "\(out)")
        let add = r.run(["project", "add", "noproj", "--name", "N", "--customer", "C", "--department", "east", "--owner", "o", "--tier", "basic"])
        #expect(add.code == 0, "the suggested command works: \(add.stderr)")
        #expect(r.read("projects/noproj/project.yaml")?.hasPrefix("id: noproj\n") == true)
        #expect(r.run(["check"]).code == 0)
        let again = r.run(["project", "add", "noproj", "--name", "N", "--customer", "C", "--department", "east", "--owner", "o", "--tier", "basic"])
        #expect(again.code == 64)
        #expect(again.stderr.contains("project 'noproj' already exists"))
    }

    @Test func projectAddRefusesAFileOrALinkWhereTheFolderWouldBe() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        try r.write("projects/afile", "x")
        try FileManager.default.createSymbolicLink(atPath: r.path("projects/alink"), withDestinationPath: r.dir)
        let before = r.snapshot()
        for name in ["afile", "alink"] {
            let add = r.run(["project", "add", name, "--name", "N", "--customer", "C", "--department", "east", "--owner", "o", "--tier", "basic"])
            #expect(add.code == 64, "\(add.stderr)")
            #expect(add.stderr.contains("projects/\(name) exists and is not a folder"), "\(add.stderr)")
        }
        #expect(r.snapshot() == before)
        #expect(!FileManager.default.fileExists(atPath: r.path("project.yaml")))
    }

    // MARK: encodings and line ends: check and the updaters agree

    static let readable: [(name: String, make: @Sendable ([UInt8]) -> [UInt8])] = [
        ("utf8-bom", { [0xEF, 0xBB, 0xBF] + $0 }),
        ("crlf", { $0.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] } }),
        ("cr", { $0.map { $0 == 0x0A ? 0x0D : $0 } }),
        ("bom-crlf", { [0xEF, 0xBB, 0xBF] + $0.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] } }),
    ]

    @Test(arguments: readable.indices)
    func aReadableVariantPassesCheckAndIsUpdatedKeepingIt(_ index: Int) throws {
        let variant = Self.readable[index]
        let (r, id) = try withIssue()
        defer { r.cleanup() }
        let file = "projects/acme-erp/issues/\(id).yaml"
        try writeBytes(r, file, variant.make(bytes(r, file)))
        let check = r.run(["check"])
        #expect(check.code == 0, "\(variant.name): \(check.stdout)\(check.stderr)")
        let escalate = r.run(["issue", "escalate", id, "--reason", "客户再次投诉"])
        #expect(escalate.code == 0, "\(variant.name): \(escalate.stderr)")
        let after = bytes(r, file)
        // The variant survives: the file is the LF/no-BOM text with the variant applied again.
        var plain = after
        if plain.starts(with: [0xEF, 0xBB, 0xBF]) { plain.removeFirst(3) }
        var lf: [UInt8] = []
        var i = 0
        while i < plain.count {
            if plain[i] == 0x0D {
                lf.append(0x0A)
                if i + 1 < plain.count, plain[i + 1] == 0x0A { i += 1 }
            } else {
                lf.append(plain[i])
            }
            i += 1
        }
        #expect(after == variant.make(lf), "\(variant.name): line ends and BOM are kept")
        #expect(String(decoding: lf, as: UTF8.self).contains("severity: major\n"), "\(variant.name)")
        #expect(String(decoding: lf, as: UTF8.self).contains("action: escalated, from: general, to: major"), "\(variant.name)")
        #expect(r.run(["check"]).code == 0, "\(variant.name): still valid after the update")
    }

    static let refused: [(name: String, encoding: String, make: @Sendable ([UInt8]) -> [UInt8])] = [
        ("utf16le", "UTF-16LE", { utf16(String(decoding: $0, as: UTF8.self), bigEndian: false, bom: false) }),
        ("utf16le-bom", "UTF-16LE", { utf16(String(decoding: $0, as: UTF8.self), bigEndian: false, bom: true) }),
        ("utf16be", "UTF-16BE", { utf16(String(decoding: $0, as: UTF8.self), bigEndian: true, bom: false) }),
        ("utf16be-bom", "UTF-16BE", { utf16(String(decoding: $0, as: UTF8.self), bigEndian: true, bom: true) }),
    ]

    static func utf16(_ text: String, bigEndian: Bool, bom: Bool) -> [UInt8] {
        var out: [UInt8] = []
        for u in Array((bom ? "\u{FEFF}" : "").utf16) + Array(text.utf16) {
            out += bigEndian ? [UInt8(u >> 8), UInt8(u & 0xFF)] : [UInt8(u & 0xFF), UInt8(u >> 8)]
        }
        return out
    }

    @Test(arguments: refused.indices)
    func utf16IsRefusedByCheckAndByTheUpdaters(_ index: Int) throws {
        let variant = Self.refused[index]
        let (r, id) = try withIssue()
        defer { r.cleanup() }
        let file = "projects/acme-erp/issues/\(id).yaml"
        try writeBytes(r, file, variant.make(bytes(r, file)))
        let check = r.run(["check"])
        #expect(check.code == 1, "\(variant.name): \(check.stdout)")
        #expect((check.stdout + check.stderr).contains("\(file):1:1: error: the file is \(variant.encoding) text; records are UTF-8"),
                "\(variant.name): \(check.stdout)\(check.stderr)")
        #expect((check.stdout + check.stderr).contains("iconv -f \(variant.encoding) -t UTF-8"))
        let before = r.snapshot()
        let escalate = r.run(["issue", "escalate", id, "--reason", "x"])
        #expect(escalate.code != 0, "\(variant.name): a UTF-16 record was updated")
        #expect(r.snapshot() == before, "\(variant.name): nothing written")
    }
}
