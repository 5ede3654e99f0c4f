/// A calendar date with no time of day and no time zone (`YYYY-MM-DD`).
///
/// Stored as the number of days since 1970-01-01 so that comparison and day arithmetic
/// are integer operations; year, month and day are derived (proleptic Gregorian).
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let ordinal: Int32

    public init(ordinal: Int32) { self.ordinal = ordinal }

    /// The years huifang works in. Every date it reads (records, arguments, `HUIFANG_TODAY`)
    /// lies in them, so that no date arithmetic, period or report has to cope with year 1 or
    /// 9999 (a record dated 0001 is a typo, not a visit).
    public static let supportedYears = 1900...2200

    /// nil when the date does not exist (2026-02-30, 2027-02-29) or the year is outside
    /// `supportedYears`.
    public init?(year: Int, month: Int, day: Int) {
        guard Day.supportedYears.contains(year), (1...12).contains(month),
            (1...Day.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        ordinal = Int32(Day.daysFromCivil(year, month, day))
    }

    /// Parses exactly `YYYY-MM-DD` (digits only, a real date).
    public init?(_ text: String) {
        let parsed = text.utf8.withContiguousStorageIfAvailable { Day.parse($0) } ?? Day.parse(Array(text.utf8))
        guard let parsed else { return nil }
        self = parsed
    }

    /// `init(_:)` of a scalar's bytes, without making its text (the fast record decoders).
    public init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        guard let parsed = Day.parse(bytes) else { return nil }
        self = parsed
    }

    static func parse<C: Collection>(_ b: C) -> Day? where C.Element == UInt8, C.Index == Int {
        guard b.count == 10 else { return nil }
        let s = b.startIndex
        guard b[s + 4] == UInt8(ascii: "-"), b[s + 7] == UInt8(ascii: "-") else { return nil }
        func num(_ from: Int, _ count: Int) -> Int? {
            var v = 0
            for i in from..<(from + count) {
                let c = b[s + i]
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard let y = num(0, 4), let m = num(5, 2), let d = num(8, 2) else { return nil }
        return Day(year: y, month: m, day: d)
    }

    /// Why a text is not a date huifang takes: the form, the supported years, the month, or
    /// the month's length (`month` is "YYYY-MM", `days` its length, `got` the day written).
    public enum Problem: Sendable, Hashable {
        case form
        case year(String)
        case month(String)
        case day(month: String, days: Int, got: Int)
    }

    /// Why `text` is not a date huifang takes (nil when it is one).
    public static func problemCase(_ text: String) -> Problem? {
        if Day(text) != nil { return nil }
        let b = Array(text.utf8)
        let digit = { (i: Int) in b[i] >= 48 && b[i] <= 57 }
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
            (0..<10).allSatisfy({ $0 == 4 || $0 == 7 || digit($0) })
        else { return .form }
        let y = Int(text.prefix(4))!, m = Int(text.dropFirst(5).prefix(2))!, d = Int(text.suffix(2))!
        if !supportedYears.contains(y) { return .year(String(text.prefix(4))) }
        if !(1...12).contains(m) { return .month(String(text.dropFirst(5).prefix(2))) }
        return .day(month: String(text.prefix(7)), days: daysIn(month: m, year: y), got: d)
    }

    /// The date, without the range check: for arithmetic on periods next to the supported
    /// years (a trend that reaches back before 1900 is computed, not refused).
    static func unchecked(_ y: Int, _ m: Int, _ d: Int) -> Day { Day(ordinal: Int32(clamping: daysFromCivil(y, m, d))) }

    public var components: (year: Int, month: Int, day: Int) { Day.civilFromDays(Int(ordinal)) }
    public var year: Int { components.year }
    public var month: Int { components.month }
    public var dayOfMonth: Int { components.day }

    /// ISO weekday: 1 = Monday ... 7 = Sunday.
    public var weekday: Weekday {
        // 1970-01-01 was a Thursday (4).
        let w = ((Int(ordinal) % 7) + 7 + 3) % 7 + 1
        return Weekday(rawValue: w) ?? .monday
    }

    /// Saturates at the ends of Int32 instead of trapping (a computed date far outside the
    /// supported years is a wrong input, caught where it is taken; it must not crash).
    public func adding(days n: Int) -> Day {
        let (sum, overflow) = Int(ordinal).addingReportingOverflow(n)
        return Day(ordinal: overflow ? (n > 0 ? .max : .min) : Int32(clamping: sum))
    }

    /// Adds calendar months, clamping to the month's last day (2026-01-31 + 1 month = 2026-02-28).
    public func adding(months n: Int) -> Day {
        let (y, m, d) = components
        let total = y * 12 + (m - 1) + n
        let ny = total / 12
        let nm = total % 12 + 1
        let nd = min(d, Day.daysIn(month: nm, year: ny))
        return Day.unchecked(ny, nm, nd)
    }

    /// Days from `self` to `other` (positive when `other` is later).
    public func days(until other: Day) -> Int { Int(other.ordinal - ordinal) }

    public var description: String {
        let (y, m, d) = components
        return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
    }

    /// `YYYYMMDD`, as iCalendar writes dates.
    public var compact: String {
        let (y, m, d) = components
        return pad(y, 4) + pad(m, 2) + pad(d, 2)
    }

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}

private func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

/// Days of the week, ISO numbered; raw names as written in `calendar.weekend`.
public enum Weekday: Int, Sendable, CaseIterable, Hashable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    public var shortName: String {
        ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][rawValue - 1]
    }

    public init?(shortName: String) {
        guard let i = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].firstIndex(of: shortName.lowercased()) else {
            return nil
        }
        self.init(rawValue: i + 1)
    }
}
