/// A reporting period: a month `2026-03`, quarter `2026Q1`, half `2026H1`, year `2026`, or
/// any range of days (`--from/--to`). Both ends are inclusive.
public struct Period: Sendable, Hashable, CustomStringConvertible {
    public enum Length: Sendable, Hashable { case month, quarter, half, year, custom }

    public var start: Day
    public var end: Day
    public var length: Length
    public var label: String

    public init(start: Day, end: Day) {
        self.start = start
        self.end = end
        length = .custom
        label = "\(start)..\(end)"
    }

    init(start: Day, months: Int, length: Length, label: String) {
        self.start = start
        end = start.adding(months: months).adding(days: -1)
        self.length = length
        self.label = label
    }

    /// Parses `2026-03`, `2026Q3`, `2026H1`, `2026` (case-insensitive q/h).
    public init?(_ text: String) {
        let s = text.uppercased()
        let b = Array(s.utf8)
        guard b.count >= 4, let year = Int(String(s.prefix(4))), Day.supportedYears.contains(year),
            b[0...3].allSatisfy({ $0 >= 48 && $0 <= 57 })
        else { return nil }
        let rest = String(s.dropFirst(4))
        guard let jan1 = Day(year: year, month: 1, day: 1) else { return nil }
        switch rest.first {
        case nil:
            self.init(start: jan1, months: 12, length: .year, label: "\(year)")
        case "Q":
            guard let q = Int(rest.dropFirst()), (1...4).contains(q), rest.count == 2 else { return nil }
            self.init(start: jan1.adding(months: 3 * (q - 1)), months: 3, length: .quarter, label: "\(year)Q\(q)")
        case "H":
            guard let h = Int(rest.dropFirst()), (1...2).contains(h), rest.count == 2 else { return nil }
            self.init(start: jan1.adding(months: 6 * (h - 1)), months: 6, length: .half, label: "\(year)H\(h)")
        case "-":
            guard rest.count == 3, let m = Int(rest.dropFirst()), (1...12).contains(m) else { return nil }
            self.init(start: jan1.adding(months: m - 1), months: 1, length: .month, label: String(text.prefix(7)))
        default:
            return nil
        }
    }

    /// The period that contains `day`, of the given length (quarter for custom). Built from
    /// the day's own year, not by parsing a label, so that it exists for every day (a trend
    /// that reaches back before the supported years is computed, never a trap).
    public static func containing(_ day: Day, length: Length) -> Period {
        let (y, m, _) = day.components
        let first = { (month: Int) in Day.unchecked(y, month, 1) }
        switch length {
        case .month:
            return Period(start: first(m), months: 1, length: .month, label: format4(y) + "-" + (m < 10 ? "0" : "") + String(m))
        case .half:
            let h = m <= 6 ? 1 : 2
            return Period(start: first(6 * (h - 1) + 1), months: 6, length: .half, label: "\(format4(y))H\(h)")
        case .year:
            return Period(start: first(1), months: 12, length: .year, label: format4(y))
        case .quarter, .custom:
            let q = (m - 1) / 3 + 1
            return Period(start: first(3 * (q - 1) + 1), months: 3, length: .quarter, label: "\(format4(y))Q\(q)")
        }
    }

    /// Why a text is not a period huifang takes: a year outside `Day.supportedYears` (its four
    /// digits), or not written as a month, quarter, half or year. The report layer says it in words.
    public enum Problem: Sendable, Hashable {
        case form
        case year(String)
    }

    /// Why `text` is not a period huifang takes (nil when it is one).
    public static func problemCase(_ text: String) -> Problem? {
        if Period(text) != nil { return nil }
        if let year = Int(text.prefix(4)), text.utf8.prefix(4).allSatisfy({ $0 >= 48 && $0 <= 57 }), text.utf8.count >= 4,
            !Day.supportedYears.contains(year)
        {
            return .year(String(text.prefix(4)))
        }
        return .form
    }

    public func contains(_ day: Day) -> Bool { start <= day && day <= end }

    /// The period of the same length just before this one.
    public var previous: Period {
        switch length {
        case .month: return Period.containing(start.adding(days: -1), length: .month)
        case .quarter: return Period.containing(start.adding(days: -1), length: .quarter)
        case .half: return Period.containing(start.adding(days: -1), length: .half)
        case .year: return Period.containing(start.adding(days: -1), length: .year)
        case .custom:
            let days = start.days(until: end) + 1
            return Period(start: start.adding(days: -days), end: start.adding(days: -1))
        }
    }

    public var description: String { label }
}

private func format4(_ y: Int) -> String {
    let s = String(y)
    return String(repeating: "0", count: max(0, 4 - s.count)) + s
}
