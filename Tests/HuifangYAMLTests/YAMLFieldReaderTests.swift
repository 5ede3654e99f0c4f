import Testing

@testable import HuifangYAML

@Suite struct YAMLFieldReaderTests {
    enum Color: String, CaseIterable { case red, green }

    @Test func everyBadFieldIsReportedWithItsPosition() throws {
        let map = try #require(try YAMLParser.parse("n: \"4\"\nm: 11\nc: blue\nl: x\nb: yes\ns: [a]\nz: ~\n"))
        let r = YAMLFieldReader()
        #expect(r.int(map, "n", in: 1...5) == nil)
        #expect(r.int(map, "m", in: 1...5) == nil)
        #expect(r.choice(map, "c", as: Color.self) == nil)
        #expect(r.list(map, "l") == nil)
        #expect(r.bool(map, "b") == nil)
        #expect(r.string(map, "s") == nil)
        #expect(r.string(map, "z", required: true) == nil)
        #expect(r.string(map, "missing", required: true) == nil)
        #expect(r.string(map, "optional") == nil)
        #expect(r.diagnostics.map(\.message) == [
            "'n' must be a number, found the quoted text \"4\"", "'m' is 11, outside 1..5", "unknown c 'blue'; allowed: red, green",
            "'l' must be a list, found a single value", "'b' must be true or false, found 'yes'", "'s' must be a single value, found a list",
            "missing required key 'z'", "missing required key 'missing'",
        ])
        #expect(r.diagnostics.map(\.mark.line) == [1, 2, 3, 4, 5, 6, 7, 1])
    }

    @Test func goodValues() throws {
        let map = try #require(try YAMLParser.parse("n: 4\nc: green\nb: true\nl: [a, b]\n"))
        let r = YAMLFieldReader()
        #expect(r.int(map, "n", in: 1...5) == 4)
        #expect(r.choice(map, "c", as: Color.self) == .green)
        #expect(r.bool(map, "b") == true)
        #expect(r.strings(map, "l") == ["a", "b"])
        #expect(r.diagnostics.isEmpty)
        #expect(YAMLScalars.int("-12") == -12)
        #expect(YAMLScalars.int("99999999999999999999") == nil)
        #expect(YAMLScalars.int("0x1F") == nil)
    }
}

@Suite struct PlainNumberTests {
    /// A whole number is `0` or digits not starting with 0, after an optional `-`: the forms
    /// another YAML reader reads otherwise (`010`, octal 8 in YAML 1.1) or that no person writes
    /// as a score (`+9`, `-0`) are not numbers; `looseInt` says what they meant.
    @Test func onlyPlainDigitsAreWholeNumbers() {
        for (s, n) in [("0", 0), ("7", 7), ("10", 10), ("-3", -3), ("100", 100)] {
            #expect(YAMLScalars.int(s) == n, "\(s)")
        }
        for s in ["010", "09", "00", "+9", "-0", "-09", "+0", "9.0", "0x9", "1e1", "1_0", "", "-", "+"] {
            #expect(YAMLScalars.int(s) == nil, "\(s)")
        }
        for (s, n) in [("010", 10), ("09", 9), ("00", 0), ("+9", 9), ("-0", 0), ("-09", -9), ("+0", 0)] {
            #expect(YAMLScalars.looseInt(s) == n, "\(s)")
        }
        for s in ["9.0", "0x9", "1e1", "+-9", "", "+", "abc"] {
            #expect(YAMLScalars.looseInt(s) == nil, "\(s)")
        }
    }
}
