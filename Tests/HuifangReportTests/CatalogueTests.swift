import Foundation
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
            // Letters outside placeholders are allowed only for names (CSAT, NPS), units, and what
            // a person types as it is: a command (from `huifang ` on, or quoted), a file name
            // (huifang.yaml), the program's name, and a field or role name of the records (case_analysis,
            // customer_service).
            var stripped = text
            for name in Catalogue.placeholders(text) { stripped = stripped.replacingOccurrences(of: "{\(name)}", with: "") }
            if let command = stripped.range(of: "huifang ") { stripped = String(stripped[..<command.lowerBound]) }
            stripped = stripped.split(separator: "'", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 0 }
                .map(\.element).joined()
            let words = stripped.split(whereSeparator: { !($0.isLetter || $0 == "_" || $0 == ".") || !$0.isASCII })
                .map { String($0).trimmingCharacters(in: ["."]) }.filter { !$0.isEmpty }
            let allowed: Set<String> = ["CSAT", "NPS", "plans", "huifang", "huifang.yaml", "case_analysis", "customer_service", "yaml", "YAML", "UTF", "git", "YYYY", "MM", "DD"]
            #expect(words.allSatisfy { allowed.contains($0) }, "\(key): \(text)")
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
