import Foundation
import HuifangCore
import Testing

@testable import HuifangReport

@Suite struct XLSXWriterTests {
    static let book = Workbook(sheets: [
        Workbook.Sheet(name: "考核指标", headers: ["指标", "全公司"], rows: [
            [.text("回访计划完成率"), .number(0.8571, .percent(1))],
            [.text("NPS"), .number(12.5, .decimal(1))],
            [.text("回访次数"), .number(14, .integer)],
            [.text("统计日期"), .date(Day("2026-09-30")!)],
            [.text("<&\"> \u{1}"), .bool(true)],
        ]),
    ])

    func part(_ name: String, _ book: Workbook = XLSXWriterTests.book) throws -> String {
        try #require(try XLSXWriter.parts(book).first { $0.0 == name }?.1)
    }

    @Test func theHeaderIsBoldAndFrozen() throws {
        let sheet = try part("xl/worksheets/sheet1.xml")
        #expect(sheet.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        #expect(sheet.contains("<c r=\"A1\" s=\"1\" t=\"s\"><v>0</v></c>"))
        let styles = try part("xl/styles.xml")
        #expect(styles.contains("<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"))
        #expect(styles.contains("<font><b/>"))
    }

    @Test func numbersAndDatesAreNumbersWithFormats() throws {
        let sheet = try part("xl/worksheets/sheet1.xml")
        let styles = try part("xl/styles.xml")
        // Percentages keep the fraction; the format shows it with one decimal.
        #expect(sheet.contains("<c r=\"B2\" s=\"2\"><v>0.8571</v></c>"))
        #expect(styles.contains("<numFmt numFmtId=\"164\" formatCode=\"0.0%\"/>"))
        #expect(sheet.contains("<c r=\"B3\" s=\"3\"><v>12.5</v></c>"))
        #expect(styles.contains("<numFmt numFmtId=\"165\" formatCode=\"0.0\"/>"))
        #expect(sheet.contains("<c r=\"B4\" s=\"4\"><v>14</v></c>"))
        // 2026-09-30 is Excel's day 46295 (days since 1899-12-30).
        #expect(sheet.contains("<c r=\"B5\" s=\"5\"><v>46295</v></c>"))
        #expect(styles.contains("formatCode=\"yyyy-mm-dd\""))
        #expect(sheet.contains("<c r=\"B6\" t=\"b\"><v>1</v></c>"))
    }

    @Test func textIsEscapedSharedAndFreeOfControlCharacters() throws {
        let strings = try part("xl/sharedStrings.xml")
        #expect(strings.contains("<t xml:space=\"preserve\">&lt;&amp;&quot;&gt; \u{FFFD}</t>"))
        #expect(strings.contains("uniqueCount=\"7\""))
    }

    @Test func chineseColumnsAreTwiceAsWide() throws {
        // 回访计划完成率: 7 characters, 14 display columns, + 2 margin.
        let sheet = try part("xl/worksheets/sheet1.xml")
        #expect(sheet.contains("<col min=\"1\" max=\"1\" width=\"16\" customWidth=\"1\"/>"))
        #expect(XLSXWriter.columnWidth(DisplayWidth.of("上海艾克米制造有限公司")) == 24)
        #expect(XLSXWriter.columnWidth(DisplayWidth.of("acme")) == 6)
        #expect(XLSXWriter.columnWidth(500) == XLSXWriter.maxColumnWidth)
    }

    @Test func sheetNamesAreWhatExcelTakes() {
        let names = XLSXWriter.sheetNames(["考核指标", "考核指标", "a/b:c?[d]", "", "'quoted'", String(repeating: "长", count: 40), "History"])
        #expect(names[0] == "考核指标")
        #expect(names[1] == "考核指标 (2)")
        #expect(names[2] == "abcd")
        #expect(names[3] == "Sheet")
        #expect(names[4] == "quoted")
        #expect(names[5] == String(repeating: "长", count: 31))
        #expect(names[6] == "Sheet History")
    }

    @Test func sheetNamesCountUTF16UnitsAndNeverEndInAQuote() {
        // Excel counts a name's length in UTF-16 units: an emoji is two of them.
        let names = XLSXWriter.sheetNames([String(repeating: "😀", count: 20), "'x' ", String(repeating: "😀", count: 20)])
        #expect(names[0].utf16.count <= 31)
        #expect(names[0] == String(repeating: "😀", count: 15))
        #expect(names[1] == "x")
        #expect(names[2].utf16.count <= 31)
        #expect(names[2].hasSuffix(" (2)"))
    }

    @Test func textLongerThanACellHoldsIsCutWithAMark() throws {
        // Excel refuses a file whose cell holds more than 32,767 characters (UTF-16 units).
        let long = String(repeating: "长", count: 40_000)
        let emoji = String(repeating: "a", count: 32_766) + "😀😀"
        let book = Workbook(sheets: [Workbook.Sheet(name: "s", headers: [long], rows: [[.text(long)], [.text(emoji)]])])
        let strings = try part("xl/sharedStrings.xml", book)
        let texts = strings.components(separatedBy: "<t xml:space=\"preserve\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
        #expect(texts.count == 2)
        for t in texts {
            #expect(t.utf16.count <= XLSXWriter.maxCellText)
            #expect(t.hasSuffix("…"))
        }
        #expect(texts[0].hasPrefix(String(repeating: "长", count: 30_000)))
        // A cut never splits a surrogate pair.
        #expect(texts[1] == String(repeating: "a", count: 32_766) + "…")
    }

    @Test func theContainerIsAZipAndTheSameEachTime() throws {
        let a = try XLSXWriter.write(Self.book)
        #expect(Array(a.prefix(4)) == [0x50, 0x4B, 0x03, 0x04])
        #expect(try XLSXWriter.write(Self.book) == a)
        let names = try XLSXWriter.parts(Self.book).map(\.0)
        #expect(names == ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                          "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"])
    }

    @Test func reportCellsAreTypedFromWhatTheTableShows() {
        let rows = ReportWorkbook.typed([["回访计划完成率", "78.6%", "2026-03-05", "n/a"], ["NPS", "-3", "2026-03-06", "4.25"]], numeric: [1, 3])
        #expect(rows[0][1] == .number(0.786, .percent(1)))
        #expect(rows[0][2] == .date(Day("2026-03-05")!))
        #expect(rows[0][3] == .text("n/a"))
        #expect(rows[1][1] == .number(-3, .integer))
        #expect(rows[1][3] == .number(4.25, .decimal(2)))
        // A column that is not numeric keeps numbers as text.
        #expect(ReportWorkbook.typed([["12"]], numeric: []) == [[.text("12")]])
        #expect(ReportWorkbook.number("1.2.3") == nil)
        #expect(ReportWorkbook.number("12a") == nil)
    }

    @Test func aListingSheetTypesCellsByTheirJSON() {
        var listing = Listing([("date", "日期 Date"), ("n", "N"), ("score", "Score"), ("late", "Late"), ("title", "Title")])
        listing.add([("2026-05-10", .string("2026-05-10")), ("3", .int(3)), cell(4.25), ("", .bool(false)), ("2026-05-11", .string("2026-05-11"))])
        listing.add([cell(nil as String?), ("0", .int(0)), cell(nil as Double?), ("x", .bool(true)), ("标题", .string("标题"))])
        let book = listing.workbook(sheet: "回访", warnings: ["2 records left out"], labels: Catalogue("zh"))
        #expect(book.sheets.map(\.name) == ["警告", "回访"])
        #expect(book.sheets[0].rows == [[.text("2 records left out")]])
        let sheet = book.sheets[1]
        #expect(sheet.headers == ["日期 Date", "N", "Score", "Late", "Title"])
        #expect(sheet.rows[0] == [.date(Day("2026-05-10")!), .number(3, .integer), .number(4.25, .decimal(1)), .bool(false), .date(Day("2026-05-11")!)])
        #expect(sheet.rows[1] == [.empty, .number(0, .integer), .empty, .bool(true), .text("标题")])
    }
}

@Suite struct XLSXCountsColumnTests {
    @Test func aRateWithItsCountsBecomesANumberAndItsCountsBeside() {
        let t = ReportTable(headers: ["指标", "全公司", "east"],
                            rows: [["完成率", "85.0%（17/20）", "100.0%（2/2）*"], ["NPS", "12.5", "无数据"]], numeric: [1, 2])
        let s = ReportWorkbook.splitCounts(t, counts: "（计数）")
        #expect(s.headers == ["指标", "全公司", "全公司 （计数）", "east", "east （计数）"])
        #expect(s.rows == [["完成率", "85.0%", "（17/20）", "100.0%", "（2/2）*"], ["NPS", "12.5", "", "无数据", ""]])
        #expect(s.numeric == [1, 3])
        let typed = ReportWorkbook.typed(s.rows, numeric: s.numeric)
        #expect(typed[0][1] == .number(0.85, .percent(1)))
        #expect(typed[0][2] == .text("（17/20）"))
        #expect(typed[1][4] == .empty)
    }

    @Test func aTableWithoutCountsIsLeftAsItIs() {
        let t = ReportTable(headers: ["a", "b"], rows: [["x", "85.0%"], ["y", "-3"]], numeric: [1])
        let s = ReportWorkbook.splitCounts(t, counts: "(counts)")
        #expect(s.headers == t.headers && s.rows == t.rows && s.numeric == t.numeric)
        #expect(ReportWorkbook.numberAndNote("80.0% (n=12)")! == ("80.0%", "(n=12)"))
        #expect(ReportWorkbook.numberAndNote("2026-03-05") == nil)
        #expect(ReportWorkbook.numberAndNote("n/a") == nil)
    }
}
