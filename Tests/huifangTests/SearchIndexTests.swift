import Foundation
import Testing

/// `.huifang/search` (issue 19): the index `huifang search` answers from is derived, never
/// required and verified. A search answers the same with it, without it (--no-cache), and with
/// an index that is damaged, truncated or stale (a record changed, added or removed behind it):
/// a wrong index is never used, it is rebuilt.
@Suite struct SearchIndexTests {
    /// The queries and options compared with and without the index.
    static let searches: [[String]] = [
        ["search", "导出太慢", "--limit", "0"],
        ["search", "导出太慢", "--format", "json", "--limit", "0"],
        ["search", "打印 格式", "--in", "issues,cases", "--format", "json"],
        ["search", "培训材料", "--in", "cases", "--limit", "0"],
        ["search", "报表", "--project", "acme", "--format", "json", "--limit", "0"],
        ["search", "报表", "--department", "east", "--period", "2026", "--limit", "0"],
        ["search", "服务器容量", "--in", "risks", "--format", "json"],
        ["search", "Export", "--limit", "0"],
        ["search", "没有这种说法"],
    ]

    /// The example with the two export visits and a risk, every file two seconds old.
    static func indexed() throws -> HuifangRunner {
        let r = try SearchCommandTests.demoWithExportVisits()
        let added = r.run(["risk", "add", "acme-erp", "--title", "服务器容量不足", "--category", "技术", "--probability", "3",
                           "--impact", "4", "--response", "mitigate", "--plan", "扩容前先监控容量", "--owner", "李工"])
        #expect(added.code == 0, "\(added.stderr)")
        ReadPathSafetyTests.age(r.dir)
        return r
    }

    /// Runs `args` with the phase timings on: the result without them, and where the documents came from.
    static func search(_ r: HuifangRunner, _ args: [String]) -> (answer: String, fromIndex: Bool) {
        let result = r.run(args, env: ["HUIFANG_TIMINGS": "1"])
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        let stderr = lines.filter { !$0.hasPrefix("huifang timings: ") }.joined(separator: "\n")
        let fromIndex = result.stderr.contains("documents from the index")
        #expect(fromIndex || result.stderr.contains("documents from the records"), "\(result.stderr)")
        return ("exit \(result.code)\n\(result.stdout)\n--- stderr\n\(stderr)", fromIndex)
    }

    static func withoutIndex(_ r: HuifangRunner, _ args: [String]) -> String {
        let result = r.run(["--no-cache"] + args)
        return "exit \(result.code)\n\(result.stdout)\n--- stderr\n\(result.stderr)"
    }

    @Test func theIndexGivesTheSameAnswersAsTheRecords() throws {
        let r = try Self.indexed()
        defer { r.cleanup() }
        let first = Self.search(r, Self.searches[0])
        #expect(!first.fromIndex)
        #expect(FileManager.default.fileExists(atPath: r.path(".huifang/search")))
        for args in Self.searches {
            let with = Self.search(r, args)
            #expect(with.fromIndex, "\(args)")
            #expect(with.answer == Self.withoutIndex(r, args), "\(args)")
        }
        // The answers are real ones: the index is not compared with nothing.
        #expect(Self.search(r, Self.searches[0]).answer.contains("v-2feb6e95"))
        #expect(Self.search(r, Self.searches[6]).answer.contains("服务器容量不足"))
        // --no-cache neither reads nor writes it.
        try FileManager.default.removeItem(atPath: r.path(".huifang/search"))
        _ = r.run(["--no-cache", "search", "导出太慢"])
        #expect(!FileManager.default.fileExists(atPath: r.path(".huifang/search")))
    }

    @Test func aRecordChangedBehindTheIndexIsReadAgain() throws {
        let r = try Self.indexed()
        defer { r.cleanup() }
        _ = Self.search(r, Self.searches[0])
        #expect(Self.search(r, Self.searches[0]).fromIndex)
        // The same number of bytes, and the old modification time put back: the change time and
        // the bytes still tell.
        let visits = try FileManager.default.contentsOfDirectory(atPath: r.path("projects/tj-oa/visits"))
        let file = "projects/tj-oa/visits/" + (try #require(visits.first { $0.hasPrefix("2026-11-10") }))
        let attributes = try FileManager.default.attributesOfItem(atPath: r.path(file))
        let text = try #require(r.read(file))
        try r.write(file, text.replacingOccurrences(of: "报表导出太慢了", with: "报表打印太慢了"))
        try FileManager.default.setAttributes([.modificationDate: attributes[.modificationDate]!], ofItemAtPath: r.path(file))
        let after = Self.search(r, ["search", "打印太慢", "--format", "json"])
        #expect(!after.fromIndex)
        #expect(after.answer.contains("报表打印太慢了") && after.answer.contains("v-2feb6e95"), "\(after.answer)")
        let old = Self.search(r, ["search", "导出太慢", "--format", "json", "--limit", "0"])
        #expect(!old.answer.contains("报表导出太慢了"), "\(old.answer)")
        #expect(old.answer == Self.withoutIndex(r, ["search", "导出太慢", "--format", "json", "--limit", "0"]))
        // A record added, then one removed.
        let logged = r.run(["visit", "log", "bj-crm", "--date", "2026-11-20", "--method", "phone", "--summary", "库存盘点太慢"])
        #expect(logged.code == 0, "\(logged.stderr)")
        let added = Self.search(r, ["search", "盘点太慢"])
        #expect(!added.fromIndex && added.answer.contains("库存【盘点太慢】"), "\(added.answer)")
        ReadPathSafetyTests.age(r.dir)
        _ = Self.search(r, ["search", "盘点太慢"])
        #expect(Self.search(r, ["search", "盘点太慢"]).fromIndex)
        let newVisits = try FileManager.default.contentsOfDirectory(atPath: r.path("projects/bj-crm/visits"))
        try FileManager.default.removeItem(atPath: r.path("projects/bj-crm/visits/" + (try #require(newVisits.first { $0.hasPrefix("2026-11-20") }))))
        let removed = Self.search(r, ["search", "盘点太慢"])
        #expect(!removed.fromIndex && !removed.answer.contains("库存"), "\(removed.answer)")
        // huifang.yaml changed (a department renamed away): the index is not used either.
        let config = try #require(r.read("huifang.yaml"))
        try r.write("huifang.yaml", config + "\n# a comment\n")
        #expect(!Self.search(r, ["search", "盘点太慢"]).fromIndex)
    }

    @Test func aDamagedIndexIsNeverUsed() throws {
        let r = try Self.indexed()
        defer { r.cleanup() }
        _ = Self.search(r, Self.searches[0])
        let good = try #require(FileManager.default.contents(atPath: r.path(".huifang/search")))
        #expect(good.count > 1000)
        // The text of a record inside the index changed, and the checksum with it would not do:
        // only the trailer tells, so each damage below must be caught.
        var flipped = good
        let at = try #require(good.range(of: Data("报表导出太慢了".utf8)))
        flipped[at.lowerBound + 3] ^= 0x01
        var wrongText = good
        wrongText.replaceSubrange(at, with: Data("报表打印太慢了".utf8))
        let damaged: [(String, Data)] = [
            ("a flipped bit", flipped), ("another text of the same length", wrongText),
            ("truncated", good.prefix(good.count / 2)), ("without its trailer", good.dropLast(8)),
            ("empty", Data()), ("garbage", Data(repeating: 0x41, count: 4096)),
            ("twice", good + good),
        ]
        for (what, bytes) in damaged {
            for args in [Self.searches[1], ["search", "打印太慢", "--format", "json"]] {
                try bytes.write(to: URL(fileURLWithPath: r.path(".huifang/search")))
                let answer = Self.search(r, args)
                #expect(!answer.fromIndex, "\(what)")
                #expect(answer.answer == Self.withoutIndex(r, args), "\(what): \(args)")
            }
            // Rebuilt without a word: the next search uses it again.
            #expect(Self.search(r, Self.searches[1]).fromIndex, "\(what)")
        }
        // A folder where the index should be: searched from the records, no error.
        try FileManager.default.removeItem(atPath: r.path(".huifang/search"))
        try FileManager.default.createDirectory(atPath: r.path(".huifang/search"), withIntermediateDirectories: false)
        let answer = Self.search(r, Self.searches[1])
        #expect(!answer.fromIndex && answer.answer == Self.withoutIndex(r, Self.searches[1]))
    }

    @Test func anUnreadableRecordIsNeverHiddenByTheIndex() throws {
        let r = try Self.indexed()
        defer { r.cleanup() }
        _ = Self.search(r, Self.searches[0])
        #expect(Self.search(r, Self.searches[0]).fromIndex)
        try r.write("projects/acme-erp/visits/2024-11-14-v-56fb174c.yaml", "id: v-56fb174c\ndate: 2024-11-14\n  method: [\n")
        ReadPathSafetyTests.age(r.dir)
        let refused = r.run(["search", "导出太慢"])
        #expect(refused.code == 65 && refused.stdout.isEmpty, "\(refused.stderr)")
        let refusedAgain = r.run(["search", "导出太慢"])
        #expect(refusedAgain.code == 65, "\(refusedAgain.stderr)")
    }

    /// The scorer over UTF-8 bytes and the bounded heap answer byte for byte as matching every
    /// field by string terms and sorting every hit did (HUIFANG_TEST_SEARCH_BY_TERMS=1), from
    /// the index and from the records, with the first page only and with every result.
    @Test func theScorerAnswersAsTheTermsDid() throws {
        let r = try Self.indexed()
        defer { r.cleanup() }
        _ = Self.search(r, Self.searches[0])
        var compared = 0
        for args in Self.searches + [["search", "报表", "--limit", "1"], ["search", "太慢", "--limit", "2", "--format", "json"],
                                     ["search", "系统", "--format", "json"]] {
            for noCache in [false, true] {
                let a = noCache ? ["--no-cache"] + args : args
                let now = r.run(a)
                let before = r.run(a, env: ["HUIFANG_TEST_SEARCH_BY_TERMS": "1"])
                #expect(now.code == before.code && now.stdout == before.stdout && now.stderr == before.stderr, "\(a)")
                if !now.stdout.isEmpty { compared += 1 }
            }
        }
        #expect(compared >= 20)
    }

    /// A search without a valid index walks the repository once: the index's walk, which the
    /// loader then reads the records from.
    @Test func aStaleIndexWalksTheRepositoryOnce() throws {
        let r = try Self.indexed()
        defer { r.cleanup() }
        let cold = r.run(Self.searches[0], env: ["HUIFANG_TIMINGS": "1"])
        #expect(cold.code == 0)
        #expect(cold.stderr.contains("search index: config and walk"), "\(cold.stderr)")
        #expect(cold.stderr.contains("directory walk: the search index's"), "\(cold.stderr)")
        #expect(!cold.stderr.contains("directory walk ("), "\(cold.stderr)")
        // Without the index (--no-cache) the loader walks, once.
        let uncached = r.run(["--no-cache"] + Self.searches[0], env: ["HUIFANG_TIMINGS": "1"])
        #expect(!uncached.stderr.contains("search index:") && uncached.stderr.contains("directory walk ("), "\(uncached.stderr)")
        #expect(cold.stdout == uncached.stdout)
    }

    @Test func initIgnoresTheIndexInGit() throws {
        let r = try HuifangRunner.withRepository()
        defer { r.cleanup() }
        #expect(r.read(".gitignore")?.split(separator: "\n").contains(".huifang/") == true)
    }
}
