import Testing
import HuifangCore
@testable import HuifangReport

@Suite struct CatalogueTests {
    @Test func everyKeyIsInBothLanguages() {
        let zh = Set(Catalogue.table(.zh).keys), en = Set(Catalogue.table(.en).keys)
        #expect(zh.subtracting(en).sorted() == [], "keys only in zh")
        #expect(en.subtracting(zh).sorted() == [], "keys only in en")
    }

    @Test func bothLanguagesNameTheSamePlaceholders() {
        for (key, zh) in Catalogue.table(.zh) {
            guard let en = Catalogue.table(.en)[key] else { continue }
            #expect(Catalogue.placeholders(zh) == Catalogue.placeholders(en), "\(key)")
        }
    }

    @Test func noTextIsEmptyAndZhTextsHaveNoEnglishWord() {
        for (key, text) in Catalogue.table(.zh) {
            #expect(!text.isEmpty, "\(key)")
            // Letters outside placeholders are allowed only for names (CSAT, NPS) and units.
            var stripped = text
            for name in Catalogue.placeholders(text) { stripped = stripped.replacingOccurrences(of: "{\(name)}", with: "") }
            // What a person types or a file holds ('huifang check', 'id:', '--ignore-invalid') is quoted.
            stripped = stripped.split(separator: "'", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 0 }
                .map(\.element).joined()
            let words = stripped.split(whereSeparator: { !$0.isLetter || !$0.isASCII }).map(String.init)
            let names = ["CSAT", "NPS", "plans", "huifang", "yaml", "YAML", "UTF", "git", "YYYY", "MM", "DD"]
            #expect(words.allSatisfy { names.contains($0) }, "\(key): \(text)")
        }
        for (key, text) in Catalogue.table(.en) {
            #expect(!text.isEmpty, "\(key)")
            #expect(!text.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF }, "\(key): \(text)")
        }
    }

    @Test func placeholdersAreFilledByName() {
        #expect(Catalogue.fill("{a} 与 {b}，{a}", ["a": "x", "b": "y"]) == "x 与 y，x")
        #expect(Catalogue.fill("no {unknown} here", ["a": "x"]) == "no {unknown} here")
        #expect(Catalogue.fill("open {", ["a": "x"]) == "open {")
        #expect(Catalogue(.zh)["not a key"] == "not a key")
    }
}
