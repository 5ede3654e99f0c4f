#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Working days: weekends, public holidays and make-up working days (调休).
///
/// A date is a working day when it is listed under `workdays`, or when it is not a weekend
/// day and not listed under `holidays` (docs/RULES.md). A year is *covered* when a calendar file has
/// at least one holiday or make-up day in it, or lists it under `years:`, and no calendar file
/// lists it under `partial:` (entered in part: `calendar add-holiday` marks a year it starts,
/// `calendar complete` declares it whole). Years that no
/// calendar file covers fall back to the weekday rule, and are never silent: every
/// working-day computation that reaches one notes the year in `reachedUncoveredYears`, which
/// the command line reports once per command.
public struct WorkCalendar: Sendable {
    public var weekend: Set<Weekday> { didSet { table = DayTable(weekend, holidays, workdays) } }
    public var holidays: [Day: String] { didSet { table = DayTable(weekend, holidays, workdays) } }
    public var workdays: [Day: String] { didSet { table = DayTable(weekend, holidays, workdays) } }
    /// The three above as flags: `isWorkingDay` then neither hashes a day nor looks one up
    /// (the schedule asks it for tens of thousands of days).
    private var table: DayTable
    /// Years with at least one entry in a calendar file, or declared under `years:`, less those
    /// listed under `partial:`.
    public private(set) var coveredYears: Set<Int>
    /// Years listed under `partial:`: entered in part, so not covered whatever their entries.
    public private(set) var partialYears: Set<Int>
    /// Years listed under `years:` in a calendar file: declared complete as they are.
    public private(set) var declaredYears: Set<Int>
    /// Covered years that look incomplete (`DoubtfulYear`): their days are counted as entered,
    /// and every computation that reaches one warns, as for a year without calendar data.
    public private(set) var doubtfulYears: [Int: DoubtfulYear]
    /// The covered years that are not doubtful: those a computation may reach without a word.
    private var quietYears: Set<Int>
    /// Where the computations on this calendar (and its copies) note the uncovered years they reach.
    let reached = ReachedYears()

    public init(weekend: Set<Weekday> = [.saturday, .sunday], holidays: [Day: String] = [:], workdays: [Day: String] = [:],
                declaredYears: Set<Int> = [], partialYears: Set<Int> = []) {
        self.weekend = weekend
        self.holidays = holidays
        self.workdays = workdays
        self.partialYears = partialYears
        self.declaredYears = declaredYears
        coveredYears = Set(holidays.keys.map(\.year)).union(workdays.keys.map(\.year)).union(declaredYears).subtracting(partialYears)
        doubtfulYears = DoubtfulYear.find(holidays: holidays, covered: coveredYears, declared: declaredYears)
        quietYears = doubtfulYears.isEmpty ? coveredYears : coveredYears.subtracting(doubtfulYears.keys)
        table = DayTable(weekend, holidays, workdays)
    }

    /// Whether a computation that reaches `year` warns: no calendar file covers it, or it looks
    /// incomplete (`doubtfulYears`).
    @inline(__always) public func warns(about year: Int) -> Bool { !quietYears.contains(year) }

    public func isWorkingDay(_ day: Day) -> Bool {
        table.isWorkingDay(day) ?? {
            if workdays[day] != nil { return true }
            if weekend.contains(day.weekday) { return false }
            return holidays[day] == nil
        }()
    }

    /// The `n`-th working day strictly after `day` (n ≥ 1); `day` itself when n is 0.
    public func addingWorkingDays(_ n: Int, to day: Day) -> Day {
        var d = day
        var left = n
        while left > 0 {
            d = d.adding(days: 1)
            if isWorkingDay(d) { left -= 1 }
        }
        if n > 0 { noteReached(from: day.adding(days: 1), through: d) }
        return d
    }

    /// `day + duration`, with month arithmetic clamped to the month's end.
    public func adding(_ duration: Duration, to day: Day) -> Day {
        switch duration.unit {
        case .days: return day.adding(days: duration.amount)
        case .weeks: return day.adding(days: 7 * duration.amount)
        case .months: return day.adding(months: duration.amount)
        case .years: return day.adding(months: 12 * duration.amount)
        case .workingDays: return addingWorkingDays(duration.amount, to: day)
        }
    }

    /// Working days after `from` up to and including `to` (0 when `to` ≤ `from`).
    public func workingDays(after from: Day, through to: Day) -> Int {
        guard from < to else { return 0 }
        noteReached(from: from.adding(days: 1), through: to)
        var n = 0
        var d = from.adding(days: 1)
        while d <= to {
            if isWorkingDay(d) { n += 1 }
            d = d.adding(days: 1)
        }
        return n
    }

    /// Years in `[from.year, to.year]` that no calendar file covers.
    public func uncoveredYears(between from: Day, and to: Day) -> [Int] {
        guard from <= to else { return [] }
        return (from.year...to.year).filter { !quietYears.contains($0) }
    }

    /// Notes that a result depends on the working days from `from` through `to`: the years
    /// among them that no calendar file covers join `reachedUncoveredYears`. The arithmetic
    /// above calls it; a command calls it for dates it lays out itself (a year's plan).
    public func noteReached(from: Day, through to: Day) {
        guard from <= to else { return }
        let first = from.year
        let last = to.year
        if first == last {
            if !quietYears.contains(first) { reached.insert(first) }
            return
        }
        for y in first...last where !quietYears.contains(y) { reached.insert(y) }
    }

    /// The years without calendar data that working-day computations on this calendar reached,
    /// in order: what a command warns about.
    public var reachedUncoveredYears: [Int] { reached.sorted }

    /// The years without calendar data that a report over `period` depends on: the period's
    /// own years, and the years that the working-day arithmetic of `schedule` reached for the
    /// items that overlap the period (triggered by its end and due from its start), and the
    /// years that the deadlines of `issues` raised by its end and due from its start reach (a
    /// report shows them; one counted into an uncovered year may be wrong).
    public func uncoveredYears(reachedBy period: Period, schedule: Schedule, issues: [Issue] = []) -> [Int] {
        var years = Set(uncoveredYears(between: period.start, and: period.end))
        for n in issues.indices where issues[n].raised <= period.end && issues[n].due >= period.start && !quietYears.contains(issues[n].due.year) {
            years.formUnion(uncoveredYears(between: issues[n].raised, and: issues[n].due))
        }
        if !schedule.uncoveredYears.isEmpty {
            for item in schedule.items where item.triggered <= period.end && item.due >= period.start {
                let span = min(item.triggered, item.due).year...max(item.triggered, item.due).year
                for y in span where schedule.uncoveredYears.contains(y) { years.insert(y) }
            }
        }
        return years.sorted()
    }

    /// The years without calendar data that the open work on `today` lies in: today's year,
    /// the due dates of open issues and of schedule items not yet satisfied (what `status`
    /// and `check` warn about). The schedule is asked for only when its open items can reach
    /// an uncovered year at all: they are due between the earliest day that triggers one and
    /// the furthest the policy reaches from today.
    public func uncoveredYears(openOn today: Day, records: Records, schedule: @autoclosure () -> Schedule) -> [Int] {
        var (years, reachable) = openWork(on: today, records)
        if !reachable.isEmpty {
            for item in schedule().items where item.exists(on: today) && !item.isSatisfied(on: today) { years.insert(item.due.year) }
        }
        return years.filter { !quietYears.contains($0) }.sorted()
    }

    /// What the open work on `today` lies in before the schedule is asked: today's year and the
    /// due dates of open issues; and the years without calendar data that the schedule's open
    /// items can reach (none: the schedule need not be made). An open item was triggered on or
    /// before today and no earlier than the earliest acceptance or customer issue, and is due a
    /// policy's duration later (durations are never negative: `Duration` reads no sign).
    func openWork(on today: Day, _ records: Records) -> (years: Set<Int>, reachable: [Int]) {
        var years: Set<Int> = [today.year]
        // In place: an issue is a dozen references, and there are tens of thousands.
        var earliest = today
        records.issues.withUnsafeBufferPointer { issues in
            var last = Int.min  // the year inserted last: most open issues fall due in a few years
            for n in issues.indices {
                let raised = issues[n].raised
                // `isOpen(on:)`, field by field: a call on the whole issue would copy it.
                if issues[n].status == .open && raised <= today {
                    let year = issues[n].due.year
                    if year != last {
                        years.insert(year)
                        last = year
                    }
                }
                if raised < earliest && (issues[n].source == .customer || issues[n].source == .complaint) { earliest = raised }
            }
        }
        for n in records.projects.indices { if let a = records.projects[n].accepted, a < earliest { earliest = a } }
        let policy = records.config.policy
        let durations = [policy.firstVisitWithin, policy.specialVisitWithin, policy.customerRequestWithin, Duration(3, .months)]
            + Array(policy.periodicEvery.values)
        let horizon = durations.map { adding($0, to: today) }.max() ?? today
        return (years, uncoveredYears(between: earliest, and: horizon))
    }
}

/// A year that a calendar file covers (it has entries, and is not `partial:`) with far fewer
/// public holiday days than the calendar's other years: typed in by hand and, plainly, not
/// whole (one holiday in a year whose neighbours have 28). Its working days are counted as
/// entered, with a warning, until its days are entered or it is declared complete as it is
/// (`years:`, `huifang calendar complete YEAR`).
///
/// The rule: a covered year that is neither declared under `years:` nor partial is doubtful
/// when it lists fewer than two thirds of the median count of holiday days of the other such
/// years, and that median is at least 10. The official mainland-China years 2004–2026 list 22
/// to 33 holiday days (median 27): none is doubtful; a company calendar whose years list a
/// few days each has a median under 10: none of its years is either.
public struct DoubtfulYear: Sendable, Equatable {
    /// The year's holiday days.
    public var holidays: Int
    /// The fewest and most holiday days of the other years compared.
    public var othersLow: Int
    public var othersHigh: Int

    /// The smallest median of the other years' holiday days for which a year is compared at all.
    static let minimumMedian = 10

    static func find(holidays: [Day: String], covered: Set<Int>, declared: Set<Int>) -> [Int: DoubtfulYear] {
        let compared = covered.subtracting(declared)
        guard compared.count >= 2 else { return [:] }
        var counts: [Int: Int] = [:]
        for y in compared { counts[y] = 0 }
        for d in holidays.keys where counts[d.year] != nil { counts[d.year]! += 1 }
        let all = counts.values.sorted()
        guard let top = all.last, top >= minimumMedian else { return [:] }
        var found: [Int: DoubtfulYear] = [:]
        for (year, n) in counts {
            var others = all
            others.remove(at: others.firstIndex(of: n)!)
            let median = others.count % 2 == 1 ? others[others.count / 2] : (others[others.count / 2 - 1] + others[others.count / 2]) / 2
            if median >= minimumMedian && 3 * n < 2 * median {
                found[year] = DoubtfulYear(holidays: n, othersLow: others.first!, othersHigh: others.last!)
            }
        }
        return found
    }
}

/// The uncovered years that computations reached; shared by the copies of a calendar and
/// written from the threads that compute a schedule (rarely: only on reaching such a year).
/// A calendar's working days as one byte per day from the first to the last day its files
/// name (`workday`, `holiday` or neither), and its weekend as a bit per weekday. A span of more
/// than `limit` days is not tabulated: the calendar then answers from its dictionaries.
struct DayTable: Sendable {
    static let workday: UInt8 = 1
    static let holiday: UInt8 = 2
    static let limit = 40_000
    var first: Int32 = 0
    var flags: [UInt8] = []
    var weekendMask: UInt8 = 0
    var tabulated = false

    init(_ weekend: Set<Weekday>, _ holidays: [Day: String], _ workdays: [Day: String]) {
        for w in weekend { weekendMask |= 1 << UInt8(w.rawValue) }
        var low = Int32.max
        var high = Int32.min
        for d in holidays.keys {
            low = min(low, d.ordinal)
            high = max(high, d.ordinal)
        }
        for d in workdays.keys {
            low = min(low, d.ordinal)
            high = max(high, d.ordinal)
        }
        if low > high {
            tabulated = true
            return
        }
        guard Int(high) - Int(low) < Self.limit else { return }
        first = low
        flags = [UInt8](repeating: 0, count: Int(high) - Int(low) + 1)
        for d in holidays.keys { flags[Int(d.ordinal - low)] = Self.holiday }
        // A make-up working day listed as a holiday too is a working day, as the rule reads.
        for d in workdays.keys { flags[Int(d.ordinal - low)] = Self.workday }
        tabulated = true
    }

    /// What `WorkCalendar.isWorkingDay` answers; nil when the table does not hold the calendar.
    @inline(__always)
    func isWorkingDay(_ day: Day) -> Bool? {
        guard tabulated else { return nil }
        let i = Int(day.ordinal) - Int(first)
        if i >= 0 && i < flags.count {
            let f = flags[i]
            if f == Self.workday { return true }
            if weekendMask & (1 << UInt8(day.weekday.rawValue)) != 0 { return false }
            return f != Self.holiday
        }
        return weekendMask & (1 << UInt8(day.weekday.rawValue)) == 0
    }
}

final class ReachedYears: @unchecked Sendable {
    private var years = Set<Int>()
    private let lock: UnsafeMutablePointer<pthread_mutex_t> = {
        let m = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(m, nil)
        return m
    }()

    deinit {
        pthread_mutex_destroy(lock)
        lock.deallocate()
    }

    func insert(_ year: Int) {
        pthread_mutex_lock(lock)
        years.insert(year)
        pthread_mutex_unlock(lock)
    }

    var sorted: [Int] {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        return years.sorted()
    }
}
