import Foundation
import Testing

/// `check` lists the findings at one place in the order of their English messages, as it did
/// when the core wrote them (issue 13: the core now answers in codes and values; Finding sorts
/// by code and values), on the demo and on a generated repository broken so that many findings
/// share a place; and a cache written before the change reads the same (its layout is unchanged).
@Suite struct FindingOrderTests {
    /// The findings of `check`'s English text: (path, line, column, message) in printed order.
    static func findings(_ text: String) -> [(String, Int, Int, String)] {
        text.split(separator: "\n").compactMap { line -> (String, Int, Int, String)? in
            guard !line.hasPrefix(" "), let sev = line.range(of: ": error: ") ?? line.range(of: ": warning: ") else { return nil }
            let place = line[..<sev.lowerBound].split(separator: ":")
            guard place.count >= 3, let l = Int(place[place.count - 2]), let c = Int(place[place.count - 1]) else { return nil }
            return (place.dropLast(2).joined(separator: ":"), l, c, String(line[sev.upperBound...]))
        }
    }

    static func inMessageOrder(_ f: [(String, Int, Int, String)]) -> Bool {
        zip(f, f.dropFirst()).allSatisfy { a, b in (a.0, a.1, a.2, a.3) <= (b.0, b.1, b.2, b.3) }
    }

    static func brokenCorpus() throws -> HuifangRunner {
        let r = HuifangRunner()
        let root = HuifangRunner.testsFolder + "/../.."
        for script in [[root + "/bench/gen_corpus.py", r.dir + "/repo", "--projects", "60", "--years", "3", "--seed", "7"],
                       [HuifangRunner.testsFolder + "/Fixtures/break_corpus.py", r.dir + "/repo"]] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["python3"] + script
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            let watchdog = HuifangRunner.watch(p, "corpus")
            p.waitUntilExit()
            watchdog.cancel()
            try #require(p.terminationStatus == 0, "\(script)")
        }
        return r
    }

    @Test func findingsAtOnePlaceKeepTheOrderOfTheirEnglishMessages() throws {
        let r = try Self.brokenCorpus()
        defer { r.cleanup() }
        let repo = r.dir + "/repo"
        let text = r.run(["-C", repo, "--lang", "en", "check", "--no-cache"], today: "2026-10-15")
        #expect(text.code == 1)
        let found = Self.findings(text.stdout)
        #expect(found.count > 600, "\(text.stderr)")
        #expect(Self.inMessageOrder(found))
        // Worth the test: many places hold findings of several codes, whose order by code name
        // is not their order by message.
        let json = r.run(["-C", repo, "--lang", "en", "check", "--no-cache", "--format", "json"], today: "2026-10-15")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let items = try #require(object?["findings"] as? [[String: Any]])
        let listed = items.map { ("\($0["path"]!):\($0["line"]!):\($0["column"]!)", $0["code"] as? String ?? "", $0["message"] as? String ?? "") }
        #expect(listed.map(\.2) == found.map(\.3), "json lists the findings as the text does")
        let byPlace = Dictionary(grouping: listed, by: \.0)
        let shared = byPlace.values.filter { Set($0.map(\.1)).count > 1 }
        #expect(shared.count > 40, "\(shared.count) places with findings of several codes")
        #expect(shared.contains { $0.map(\.1) != $0.map(\.1).sorted() }, "some place whose order by code name differs")
        // In Chinese the same findings in the same order (JSON keeps the codes).
        let zh = r.run(["-C", repo, "--lang", "zh", "check", "--no-cache", "--format", "json"], today: "2026-10-15")
        let zhItems = try #require((try JSONSerialization.jsonObject(with: Data(zh.stdout.utf8)) as? [String: Any])?["findings"] as? [[String: Any]])
        #expect(zhItems.map { "\($0["path"]!):\($0["line"]!):\($0["column"]!) \($0["code"] as? String ?? "")" }
                == listed.map { "\($0.0) \($0.1)" })
        // A cache written by one run reads the same findings in the next (the files made older
        // than this second, so that the cache keeps them).
        let old = Date(timeIntervalSinceNow: -3600)
        if let e = FileManager.default.enumerator(atPath: repo) {
            for case let f as String in e { try? FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: repo + "/" + f) }
        }
        let cold = r.run(["-C", repo, "--lang", "en", "check"], today: "2026-10-15")
        let warm = r.run(["-C", repo, "--lang", "en", "check"], today: "2026-10-15")
        #expect(cold.stdout == text.stdout && warm.stdout == text.stdout)
    }

    @Test func theDemosFindingsKeepTheirOrder() throws {
        let demo = HuifangRunner.testsFolder + "/../../examples/demo"
        let r = HuifangRunner()
        defer { r.cleanup() }
        let text = r.run(["-C", demo, "--lang", "en", "check", "--no-cache"], today: "2026-10-15")
        #expect(text.code == 0, "\(text.stderr)")
        #expect(Self.inMessageOrder(Self.findings(text.stdout)))
    }
}
