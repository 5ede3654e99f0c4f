import HuifangCore

// How values are written, in English, for the store's own messages (the decoder's findings
// keep an English text beside their code; the catalogue says each code in the reader's
// language) and for --help. The core says what is wrong in cases, never in sentences.

extension Day {
    /// How a date is written, with the supported range.
    public static let expectedForm = "a real date YYYY-MM-DD from 1900-01-01 to 2200-12-31"
}

extension Period {
    public static let expectedForm = "a month (2026-03), quarter (2026Q3), half (2026H1) or year (2026)"
}

extension Duration {
    public static let expectedForm = "a duration such as 1m, 10wd, 2w, 30d or 1y"
}

extension ProjectID {
    public static let expectedForm = "lowercase letters, digits and '-', starting with a letter or digit, at most 64 characters"
}

extension RecordID {
    public static var expectedForm: String { "'\(Kind.prefix)' followed by 4 to 32 lowercase letters or digits" }
}
