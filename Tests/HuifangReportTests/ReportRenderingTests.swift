import Testing

@testable import HuifangReport

@Suite struct DisplayWidthTests {
    @Test func widths() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("张伟") == 4)
        #expect(DisplayWidth.of("a张") == 3)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("ＡＢ") == 4)
        #expect(DisplayWidth.of("，。") == 4)
    }

    @Test func truncateAndPad() {
        #expect(DisplayWidth.truncate("系统运行稳定", to: 7) == "系统运…")
        #expect(DisplayWidth.pad("张伟", to: 6) == "张伟  ")
        #expect(DisplayWidth.pad("7", to: 3, right: true) == "  7")
    }

    @Test func tablesAlignChineseText() {
        var t = TextTable(headers: ["名称", "n"])
        t.rightAligned = [1]
        t.add(["张伟", "12"])
        t.add(["abc", "3"])
        #expect(t.render() == "名称   n\n----  --\n张伟  12\nabc    3\n")
    }

    @Test func terminalTextDropsEscapeSequences() {
        #expect(TerminalText.clean("\u{1B}[31mred\u{1B}[0m\u{7}") == "[31mred[0m")
        #expect(!TerminalText.clean("\u{1B}]0;title\u{7}x").contains("\u{1B}"))
        #expect(TerminalText.clean("a\nb\tc") == "a b c")
    }
}

@Suite struct WriterTests {
    @Test func csvQuotingAndFormulaNeutralisation() {
        let csv = CSVWriter.render(headers: ["a", "b"], rows: [["x,y", "say \"hi\""], ["=1+1", "-3"], ["+x", "@x"], ["-0.5", "line\nbreak"]])
        #expect(csv == "a,b\r\n\"x,y\",\"say \"\"hi\"\"\"\r\n'=1+1,-3\r\n'+x,'@x\r\n-0.5,\"line\nbreak\"\r\n")
        #expect(CSVWriter.field("-x") == "'-x")
    }

    @Test func jsonKeepsOrderAndChinese() {
        let v = JSONValue.object([("z", .int(1)), ("a", .string("张伟\n\"")), ("n", .null), ("r", .number(0.8889)), ("l", .array([.int(1), .int(2)])),
                                  ("o", .array([.object([("k", .bool(true))])]))])
        #expect(v.render() == """
            {
              "z": 1,
              "a": "张伟\\n\\"",
              "n": null,
              "r": 0.8889,
              "l": [1, 2],
              "o": [
                {
                  "k": true
                }
              ]
            }
            """)
        #expect(JSONValue.string("\u{1}").render() == "\"\\u0001\"")
        #expect(JSONValue.number(1).render() == "1.0")
    }

    @Test func htmlEscapesRecordText() {
        let doc = ReportDocument(title: "<b>t</b>", subtitle: "", language: "zh", blocks: [
            .paragraph("<script>alert('x')</script> & \"q\""),
            .table(ReportTable(headers: ["<h>"], rows: [["<td>"]])),
            .chart(Chart(kind: .bars, title: "<c>", labels: ["<l>"], series: [("<s>", [1])])),
        ])
        let html = HTMLRenderer.render(doc)
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<b>t"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"))
        #expect(html.contains("<svg"))
        #expect(!html.contains("<link") && !html.contains("src="))
    }

    @Test func markdownNeutralisesMarkup() {
        #expect(MarkdownRenderer.inline("# *x* <b>|") == "\\# \\*x\\* &lt;b&gt;|")
        #expect(MarkdownRenderer.cell("a|b") == "a\\|b")
    }

    @Test func icalendarFoldsAt75OctetsAndEscapes() {
        let long = String(repeating: "回访", count: 40)
        let folded = ICalendar.fold("SUMMARY:" + long)
        for line in folded.split(separator: "\r\n", omittingEmptySubsequences: false) { #expect(line.utf8.count <= 75) }
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == "SUMMARY:" + long)
        #expect(ICalendar.escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne")
        #expect(ICalendar.nextDay("2026-12-31") == "20270101")
        #expect(ICalendar.nextDay("2028-02-28") == "20280229")
    }

    @Test func reportNumbers() {
        #expect(ReportNumber.percent(0.8889) == "88.9%")
        #expect(ReportNumber.percent(nil) == "n/a")
        #expect(ReportNumber.decimal(-9.14, digits: 1) == "-9.1")
        #expect(ReportNumber.decimal(-0.04, digits: 1) == "0.0")
    }
}

@Suite struct ReportWarningTests {
    static func document(_ warnings: [String], language: String = "en") -> ReportDocument {
        var d = ReportDocument(title: "T", subtitle: "S", language: language, blocks: [.paragraph("body")])
        d.warnings = warnings
        return d
    }

    @Test func warningsComeFirstInEveryTextFormat() {
        let w = "left out 1 record <b>x</b> *y* \u{1B}[31m"
        let md = MarkdownRenderer.render(Self.document([w]))
        #expect(md == "# T\n\n_S_\n\n> **Warning:** left out 1 record &lt;b&gt;x&lt;/b&gt; \\*y\\* \\[31m\n\nbody\n")
        let html = HTMLRenderer.render(Self.document([w], language: "zh"))
        #expect(html.contains("<p class=\"subtitle\">S</p>\n<p class=\"warning\" role=\"alert\""))
        #expect(html.contains("<strong>警告:</strong> left out 1 record &lt;b&gt;x&lt;/b&gt; *y* [31m</p>\n<p>body</p>"))
        let text = TerminalRenderer.render(Self.document([w]))
        #expect(text.hasPrefix("T\nS\n\nWarning: left out 1 record <b>x</b> *y* [31m\nbody"))
    }

    @Test func noWarningsNoNote() {
        #expect(MarkdownRenderer.render(Self.document([])) == "# T\n\n_S_\n\nbody\n")
        #expect(!HTMLRenderer.render(Self.document([])).contains("warning"))
    }
}
