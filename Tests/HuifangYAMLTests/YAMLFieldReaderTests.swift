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
