import Foundation
import Testing

@testable import HuifangReport

/// The readers behind `huifang import`: the XML event reader, workbook parts, CSV fields and encodings.
@Suite struct SpreadsheetReaderTests {
    @Test func columnLettersAndCellReferences() {
        #expect(SheetTable.columnLetters(0) == "A")
        #expect(SheetTable.columnLetters(25) == "Z")
        #expect(SheetTable.columnLetters(26) == "AA")
        #expect(SheetTable.columnLetters(701) == "ZZ")
        #expect(XLSXReader.cell("AB12")! == (27, 12))
        #expect(XLSXReader.cell("$C$3")! == (2, 3))
        #expect(XLSXReader.cell("12") == nil)
        #expect(XLSXReader.cell("A1B") == nil)
    }

    @Test func sheetXMLWithSharedInlineNumbersEntitiesAndMerges() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
            <row r="1"><c r="A1" t="s"><v>0</v></c></row>
            <row r="3"><c r="B3" t="inlineStr"><is><t>R&amp;D &lt;一&gt; &#x4E8C;&#19977;</t></is></c><c r="D3"><v>46086</v></c>\
            <c r="E3" t="b"><v>1</v></c><c r="F3" t="s"><v>1</v></c></row>
            <row r="4"><c r="A4" t="str"><v><![CDATA[a<b]]></v></c></row>
            </sheetData><mergeCells count="1"><mergeCell ref="A1:C2"/></mergeCells></worksheet>
            """
        let shared = try XLSXReader.sharedStrings(Array("""
            <sst><si><t>回访记录表</t></si><si><r><t>满意</t></r><r><t>度</t></r><rPh><t>まんぞく</t></rPh></si></sst>
            """.utf8))
        #expect(shared == ["回访记录表", "满意度"])
        let t = try XLSXReader.sheetTable(Array(xml.utf8), name: "S", shared: shared)
        #expect(t.rows.map(\.number) == [1, 2, 3, 4])
        #expect(t.rows[0].cells == ["回访记录表", "回访记录表", "回访记录表"])  // merged A1:C2
        #expect(t.rows[1].cells == ["回访记录表", "回访记录表", "回访记录表"])
        #expect(t.rows[2].cells == ["", "R&D <一> 二三", "", "46086", "TRUE", "满意度"])
        #expect(t.rows[3][0] == "a<b")
        #expect(t.rows[3][9] == "")
    }

    @Test func malformedXMLIsRefusedWithWhere() {
        #expect(throws: SpreadsheetReadError.badXML("S", 5)) {
            try XLSXReader.sheetTable(Array("<row><c r=A1></c></row>".utf8), name: "S", shared: [])
        }
    }

    @Test func csvFieldsQuotesAndLineBreaks() {
        let rows = CSVReader.parse("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n\r\n1,,3\n")
        #expect(rows.map(\.number) == [1, 2, 5])
        #expect(rows[0].cells == ["a", "b", "c"])
        #expect(rows[1].cells == ["x, y", "say \"hi\"", "two\nlines"])
        #expect(rows[2].cells == ["1", "", "3"])
        #expect(CSVReader.parse("a\tb\n1\t2").map(\.cells) == [["a", "b"], ["1", "2"]])
    }

    @Test func encodingsAreFoundFromTheBytes() throws {
        let text = "日期,项目\n2026-03-05,阿克米\n"
        #expect(try CSVReader.decode(Array(text.utf8)) == (text, "UTF-8"))
        #expect(try CSVReader.decode([0xEF, 0xBB, 0xBF] + Array(text.utf8)) == (text, "UTF-8 (BOM)"))
        let le: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(try CSVReader.decode(le) == (text, "UTF-16LE (BOM)"))
        let be: [UInt8] = [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(try CSVReader.decode(be) == (text, "UTF-16BE (BOM)"))
        // 日期 in GBK: C8D5 C6DA.
        #expect(try CSVReader.decode([0xC8, 0xD5, 0xC6, 0xDA, 0x0A]) == ("日期\n", "GB18030"))
        // Not GB18030 either (a lead byte at the end).
        #expect(throws: SpreadsheetReadError.unknownEncoding) { try CSVReader.decode([0x41, 0xC8]) }
    }
}
