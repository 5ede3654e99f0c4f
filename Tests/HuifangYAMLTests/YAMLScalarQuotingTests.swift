import Foundation
import Testing

@testable import HuifangYAML

@Suite struct YAMLScalarQuotingTests {
    static let quoted = [
        "", "yes", "No", "ON", "off", "y", "N", "null", "~", "true", "False", "012", "1e3", "0x1F", ".inf", "-.inf", "2026-03-14",
        "12:30", "- x", "-x", "#x", "a: b", "a #b", " x", "x ", "a,b", "[x]", "{x}", "@x", "`x", "%x", "!x", "&x", "*x", "|", ">",
        "'x", "\"x", "a\nb", "tab\there", "?x", ":x", "x:", "<<", "=", "+86 138", ".5",
    ]
    static let plain = ["张伟", "系统运行稳定，报表导出偏慢。", "acme-erp", "hello world", "a:b", "a#b", "IT经理", "v-3fa2c91d", "V3 大版本升级", "导出 10 万行 < 10 秒"]

    @Test(arguments: quoted) func quotedWhenAnotherReaderWouldMisread(_ s: String) {
        #expect(YAMLScalarQuoting.needsQuotes(s))
        #expect(YAMLScalarQuoting.token(s).hasPrefix("\""))
    }

    @Test(arguments: plain) func plainWhenSafe(_ s: String) {
        #expect(!YAMLScalarQuoting.needsQuotes(s))
        #expect(YAMLScalarQuoting.token(s) == s)
    }

    @Test func escapes() {
        #expect(YAMLScalarQuoting.doubleQuoted("a\"b\\c\nd\u{1}") == #""a\"b\\c\nd\x01""#)
    }

    /// PyYAML (a YAML 1.1 reader) and our own parser read back exactly what was written.
    @Test func roundTripThroughPyYAMLAndOurParser() throws {
        let strings = Self.quoted + Self.plain + ["a \"quoted\" word", "反斜杠\\", "emoji 😀", "\u{7F}del"]
        let doc = YAMLWriter.document(strings.enumerated().map { ("k\($0.offset)", .string($0.element)) })
        let root = try #require(try YAMLParser.parse(doc))
        for (i, s) in strings.enumerated() { #expect(root["k\(i)"]?.scalar == s, "our parser: \(s.debugDescription)") }

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("quoting-\(UUID().uuidString).yaml")
        try Data(doc.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import yaml,json,sys; print(json.dumps(yaml.safe_load(open(sys.argv[1], encoding='utf-8')), ensure_ascii=False))", file.path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        try #require(p.terminationStatus == 0, "python3 with PyYAML is needed for this test")
        let loaded = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for (i, s) in strings.enumerated() {
            #expect(loaded["k\(i)"] as? String == s, "PyYAML read \(String(describing: loaded["k\(i)"])) for \(s.debugDescription)")
        }
    }
}
