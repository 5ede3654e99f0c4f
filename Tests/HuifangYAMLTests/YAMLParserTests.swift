import Testing

@testable import HuifangYAML

@Suite struct YAMLParserTests {
    @Test func marksCountCharactersNotBytes() throws {
        let root = try #require(try YAMLParser.parse("a: 系统\nb: x\n"))
        let x = try #require(root["b"])
        #expect(x.scalar == "x")
        #expect(x.start == Mark(line: 2, column: 4, index: 9))
    }

    @Test func scalarsStylesAndCollections() throws {
        let root = try #require(try YAMLParser.parse("p: plain\nq: 'single'\nd: \"double\"\nl: |\n  line\nf: [a, b]\nm: {k: v}\nb:\n  - x\n"))
        #expect(root["p"]?.content.style == .plain)
        #expect(root["q"]?.content.style == .singleQuoted)
        #expect(root["d"]?.content.style == .doubleQuoted)
        #expect(root["l"]?.scalar == "line\n")
        #expect(root["f"]?.isFlow == true)
        #expect(root["f"]?.items?.map(\.scalar) == ["a", "b"])
        #expect(root["m"]?["k"]?.scalar == "v")
        #expect(root["b"]?.isFlow == false)
        #expect(root["b"]?.contentEnd == root["b"]?.items?.last?.end)
    }

    @Test func emptyFilesHaveNoDocument() throws {
        #expect(try YAMLParser.parse("") == nil)
        #expect(try YAMLParser.parse("# only a comment\n") == nil)
    }

    @Test func nullIsPlainOnly() throws {
        let root = try #require(try YAMLParser.parse("a: ~\nb: null\nc:\nd: 'null'\n"))
        #expect(root["a"]?.isNull == true)
        #expect(root["b"]?.isNull == true)
        #expect(root["c"]?.isNull == true)
        #expect(root["d"]?.isNull == false)
    }

    static let refusals: [(String, Int, Int, String)] = [
        ("a: &x 1\n", 1, 4, "anchors (&x) are not allowed"),
        ("a: 1\nb: *x\n", 2, 4, "aliases (*name) are not allowed"),
        ("a: !!str 1\n", 1, 4, "explicit tags (tag:yaml.org,2002:str) are not allowed"),
        ("a: 1\n---\nb: 2\n", 2, 1, "more than one YAML document"),
        ("a: 1\na: 2\n", 2, 1, "duplicate key 'a' (first at line 1, column 1)"),
        ("? [a]\n: 1\n", 1, 3, "a mapping key must be a single value"),
        ("a: 1\n\tb: 2\n", 2, 1, "tab used for indentation"),
        ("a: 1\n<<<<<<< HEAD\n", 2, 1, "git merge-conflict marker '<<<<<<<'"),
        ("a: 1\n=======\n", 2, 1, "git merge-conflict marker '======='"),
        ("a: [1\n", 2, 1, "did not find expected"),
    ]

    @Test(arguments: refusals.indices)
    func refused(_ i: Int) {
        let (text, line, column, message) = Self.refusals[i]
        do {
            _ = try YAMLParser.parse(text)
            Issue.record("\(text.debugDescription) was accepted")
        } catch {
            #expect(error.mark.line == line, "\(text.debugDescription): \(error)")
            #expect(error.mark.column == column, "\(text.debugDescription): \(error)")
            #expect(error.message.contains(message), "\(text.debugDescription): \(error.message)")
        }
    }

    /// A long mapping (a calendar's days) is checked for repeated keys through a set once it has
    /// 16 keys: a repeat is still found wherever it is, with the first key's place.
    @Test func aRepeatedKeyIsFoundInALongMapping() throws {
        let keys = (0..<40).map { "k\($0)" }
        for (first, again) in [(0, 16), (3, 39), (15, 16), (16, 17), (20, 39), (0, 1)] {
            var lines = keys.map { "\($0): 1" }
            lines.insert("\(keys[first]): 2", at: again)
            do {
                _ = try YAMLParser.parse(lines.joined(separator: "\n") + "\n")
                Issue.record("repeat of \(keys[first]) at line \(again + 1) accepted")
            } catch {
                #expect(error.mark.line == again + 1)
                #expect(error.message == "duplicate key '\(keys[first])' (first at line \(first + 1), column 1)")
            }
        }
        // A repeated key inside a value of a long mapping is that value's own business.
        let nested = (0..<40).map { "k\($0): {a: 1, b: 2}" }.joined(separator: "\n") + "\n"
        #expect(try YAMLParser.parse(nested)?["k39"]?["b"]?.scalar == "2")
        let root = try #require(try YAMLParser.parse(keys.map { "\($0): \($0)" }.joined(separator: "\n") + "\n"))
        #expect(root.pairs?.count == 40)
    }

    @Test func nestingIsBounded() {
        let deep = "a: " + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "\n"
        #expect(throws: YAMLError.self) { try YAMLParser.parse(deep) }
        #expect(throws: YAMLError.self) { try YAMLParser.parse("a: [[[1]]]\n", limits: YAMLLimits(maxDepth: 3)) }
        #expect((try? YAMLParser.parse("a: [[1]]\n", limits: YAMLLimits(maxDepth: 3))) != nil)
    }

    @Test func sizeIsBounded() {
        let big = "a: \"" + String(repeating: "x", count: 2000) + "\"\n"
        do {
            _ = try YAMLParser.parse(big, limits: YAMLLimits(maxBytes: 1000))
            Issue.record("accepted")
        } catch {
            #expect(error.message == "file is 2006 bytes, more than the 1000 bytes a record may have")
        }
    }

    @Test func invalidUTF8IsPlacedFromTheByteOffset() {
        do {
            _ = try YAMLParser.parse(Array("a: 1\nb: 系".utf8) + [0xFF, 0x0A])
            Issue.record("accepted")
        } catch {
            #expect(error.message.contains("not valid UTF-8"))
            #expect(error.mark.line == 2)
            #expect(error.mark.column == 5)
        }
    }

    @Test func anAliasBombIsRefusedAtOnce() {
        var bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
        for i in 1..<10 { bomb += "a\(i): [" + Array(repeating: i == 1 ? "*a" : "*a\(i - 1)", count: 9).joined(separator: ", ") + "]\n" }
        #expect(throws: YAMLError.self) { try YAMLParser.parse(bomb) }
    }

    @Test func byteOrderMarkAndCRLFAreAccepted() throws {
        let root = try #require(try YAMLParser.parse([0xEF, 0xBB, 0xBF] + Array("a: 1\r\nb: 系统\r\n".utf8)))
        #expect(root["b"]?.scalar == "系统")
        #expect(root["b"]?.start.line == 2)
    }
}

extension YAMLNode.Content {
    var style: ScalarStyle? {
        if case .scalar(_, let s) = self { return s }
        return nil
    }
}
