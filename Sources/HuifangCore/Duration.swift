/// A policy duration as written in `huifang.yaml`: `<n><unit>` with unit `d` (calendar
/// days), `wd` (working days), `w` (weeks), `m` (calendar months) or `y` (years).
public struct Duration: Sendable, Hashable, CustomStringConvertible {
    public enum Unit: String, Sendable, CaseIterable {
        case days = "d", workingDays = "wd", weeks = "w", months = "m", years = "y"
    }

    public var amount: Int
    public var unit: Unit

    public init(_ amount: Int, _ unit: Unit) {
        self.amount = amount
        self.unit = unit
    }

    /// Parses `10wd`, `3m`, `1y`...; nil for anything else (no sign, no spaces, no fractions).
    public init?(_ text: String) {
        var digits = 0
        var value = 0
        for b in text.utf8 {
            guard b >= 48, b <= 57 else { break }
            digits += 1
            value = value * 10 + Int(b - 48)
            if value > 100_000 { return nil }
        }
        guard digits > 0, let unit = Unit(rawValue: String(text.utf8.dropFirst(digits))!) else { return nil }
        self.init(value, unit)
    }

    public var description: String { "\(amount)\(unit.rawValue)" }
}
