import Testing

@testable import HuifangYAML

/// One reader read file after file (`start` keeps libyaml's buffers) must give every file the
/// events a fresh reader gives it, whatever the file before it left behind: a syntax error
/// with tokens still queued, a stop in the middle, tag directives, a long file.
@Suite struct YAMLEventReaderTests {
    /// Every event up to the stream's end or the first refusal, and whether it ended well.
    static func events(_ r: YAMLEventReader, stopAfter limit: Int = .max) -> (events: [String], complete: Bool) {
        var out: [String] = []
        while out.count < limit {
            guard r.next() else { return (out, false) }
            out.append("\(r.kind) \(r.line):\(r.column) \(r.kind == .scalar ? "\(r.isPlain) \(r.text)" : "")")
            if r.kind == .streamEnd { return (out, true) }
        }
        return (out, false)
    }

    static func fresh(_ text: String) -> (events: [String], complete: Bool) {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            guard let r = YAMLEventReader(buffer) else { return ([], false) }
            return events(r)
        }
    }

    static let files: [String] = [
        "id: v-1\nlist: [a, 'b', \"c\"]\nmap: {k: v}\n",
        "a: [1, 2\nb: {c: d\n",  // a syntax error with tokens still in libyaml's queue
        "%TAG !e! tag:example.com,2000:\n---\nkey: value\n",
        "%YAML 1.1\n--- \n- one\n- two: 2\n  three: 3\n",
        "key: &anchor value\nother: *anchor\n",  // refused: an anchor
        "summary: |\n  line one\n  line two\nnext: 系统\n",
        "",
        "# only a comment\n",
        "first: doc\n---\nsecond: doc\n",
        String(repeating: "key\(0): \(String(repeating: "x", count: 70))\n", count: 1) + (0..<2000).map { "k\($0): [\($0), {a: b}]\n" }.joined(),
        "- - - - - deep\n",
        "x: 'unterminated\n",
    ]

    @Test func aReusedReaderGivesEveryFileTheEventsOfAFreshOne() {
        let reader = YAMLEventReader()
        for round in 0..<3 {
            for (n, text) in Self.files.enumerated() {
                let expected = Self.fresh(text)
                let bytes = Array(text.utf8)
                let got = bytes.withUnsafeBufferPointer { buffer -> (events: [String], complete: Bool) in
                    guard reader.start(buffer) else { return ([], false) }
                    // In the second round, every file is left after three events first.
                    if round == 1 {
                        _ = Self.events(reader, stopAfter: 3)
                        guard reader.start(buffer) else { return ([], false) }
                    }
                    return Self.events(reader)
                }
                #expect(got.events == expected.events, "file \(n), round \(round)")
                #expect(got.complete == expected.complete, "file \(n), round \(round)")
            }
        }
        // The files that are well formed end well, the broken ones do not (the test sees both).
        #expect(Self.fresh(Self.files[0]).complete)
        #expect(!Self.fresh(Self.files[1]).complete)
        #expect(!Self.fresh(Self.files[4]).complete)
        #expect(Self.fresh(Self.files[9]).events.count > 8000)
    }

    /// `isNull` tells a short value by its first byte before comparing it: it must still agree
    /// with the tree's `isNull` on every value of up to four bytes and on the quoted forms.
    @Test func isNullAgreesWithTheTreeOnShortValues() throws {
        let values = ["", "~", "~~", "null", "Null", "NULL", "nULL", "nulL", "nul", "n", "N", "none", "Nope", "4", "10", "yes",
                      "'~'", "\"null\"", "'NULL'", "''", "\"\"", "nulls", "~ #c", "null #c", "|\n  null\n", "[]", "{}"]
        let reader = YAMLEventReader()
        for value in values {
            let text = "v: \(value)\n"
            let tree = try #require(try YAMLParser.parse(text))
            let expected = try #require(tree["v"]).isNull
            let bytes = Array(text.utf8)
            let got = bytes.withUnsafeBufferPointer { b in
                reader.start(b) && reader.enterDocumentMapping() && reader.next(.scalar) && reader.next() && reader.isNull
            }
            #expect(got == expected, "\(value.debugDescription)")
        }
        // The test sees both answers.
        #expect(values.contains { v in (try? YAMLParser.parse("v: \(v)\n"))??["v"]?.isNull == true })
        #expect(values.contains { v in (try? YAMLParser.parse("v: \(v)\n"))??["v"]?.isNull == false })
    }

    @Test func startRefusesWideTextAsTheInitializerDoes() {
        let reader = YAMLEventReader()
        let wide: [UInt8] = [0x61, 0, 0x3A, 0, 0x20, 0, 0x62, 0]
        #expect(!wide.withUnsafeBufferPointer { reader.start($0) })
        #expect(wide.withUnsafeBufferPointer { YAMLEventReader($0) } == nil)
        let ok = Array("a: b\n".utf8)
        #expect(ok.withUnsafeBufferPointer { reader.start($0) && Self.events(reader).complete })
    }
}
