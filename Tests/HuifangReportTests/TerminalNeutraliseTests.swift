import Testing

@testable import HuifangReport

/// Issue 15: text shown on a terminal cannot drive it.
@Suite struct TerminalNeutraliseTests {
    @Test func controlsAndBidiOverridesAreShownNotObeyed() {
        #expect(TerminalText.neutralise("a\u{1B}[31mb\u{07}c\u{08}d\u{7F}") == "a^[[31mb^Gc^Hd^?")
        #expect(TerminalText.neutralise("x\u{9B}2Jy\u{85}") == "x<U+009B>2Jy<U+0085>")
        #expect(TerminalText.neutralise("abc\u{202E}txt.exe\u{2066}") == "abc<U+202E>txt.exe<U+2066>")
        #expect(TerminalText.neutralise("over\rwrite") == "over^Mwrite", "a lone CR could overwrite the line")
    }

    @Test func lineStructureAndPlainTextStay() {
        let text = "日期,摘要\r\n2026-03-01,\"a\tb\"\r\n张伟\n"
        #expect(TerminalText.neutralise(text) == text)
        #expect(TerminalText.neutralise("") == "")
        #expect(TerminalText.neutralise("\u{200F}שלום") == "\u{200F}שלום", "a right-to-left mark is text, not an override")
    }

    @Test func onlyColourSequencesStayWhenAsked() {
        let styled = "\u{1B}[31mOverdue\u{1B}[0m \u{1B}[2J\u{1B}]0;t\u{07}"
        #expect(TerminalText.neutralise(styled, keepingStyles: true) == "\u{1B}[31mOverdue\u{1B}[0m ^[[2J^[]0;t^G")
        #expect(TerminalText.neutralise(styled) == "^[[31mOverdue^[[0m ^[[2J^[]0;t^G")
    }

    @Test func cellsLoseBidiOverridesToo() {
        #expect(TerminalText.clean("abc\u{202E}exe.txt") == "abcexe.txt")
    }
}
