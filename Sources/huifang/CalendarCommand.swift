import ArgumentParser
import HuifangCore
import HuifangReport
import HuifangStore

struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Show a year's holidays and working days, and enter next year's arrangement.",
        discussion: """
            Working days are the days outside the weekend of huifang.yaml, minus the holidays, plus the \
            make-up working days of the calendar files listed under calendar.files. A year counts \
            as covered once a calendar file has a holiday or make-up day in it, or lists it under \
            'years:', and no file lists it under 'partial:'; in a year that no file covers, working \
            days are counted without (all of) its holidays, and every command that counts them says \
            so. The State Council publishes next year's arrangement each autumn (usually November): \
            enter it with add-holiday and add-workday (a year they start is 'partial:'), then declare \
            the year complete with 'calendar complete YEAR'.
            """,
        subcommands: [Show.self, AddHoliday.self, AddWorkday.self, Complete.self]
    )

    @OptionGroup var global: GlobalOptions
}

extension CalendarCommand {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "A year's holidays and make-up working days, and its working days per month.")

        enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The year (default: the year of the as-of date).") var year: Int?
        @Option(help: "Output format: table or json.") var format: Format = .table

        func run() throws {
            let ctx = try CommandContext(global)
            let year = self.year ?? ctx.today.year
            guard (1900...9999).contains(year), let start = Day(year: year, month: 1, day: 1),
                let end = Day(year: year, month: 12, day: 31)
            else {
                throw CommandFailure.usage(Message("error.cal.not-a-year", ["year": String(year)]), hint: Message("hint.cal.not-a-year", ["year": String(ctx.today.year)]))
            }
            let loaded = try ctx.load()
            let r = loaded.records
            let L = ctx.catalogue(loaded)
            let cal = r.calendar
            let covered = cal.coveredYears.contains(year)
            // The working days below are counted: a year without data is said like everywhere else.
            cal.noteReached(from: start, through: end)
            var days: [(Day, String, String)] = []
            for (d, name) in cal.holidays where d.year == year { days.append((d, "holiday", name)) }
            for (d, name) in cal.workdays where d.year == year { days.append((d, "workday", name)) }
            days.sort { $0.0 < $1.0 }
            var months: [(String, Int)] = []
            var d = start
            for m in 1...12 {
                var n = 0
                while d <= end && d.month == m {
                    if cal.isWorkingDay(d) { n += 1 }
                    d = d.adding(days: 1)
                }
                months.append((String(format2: year, m), n))
            }
            let total = months.reduce(0) { $0 + $1.1 }
            let holidays = days.filter { $0.1 == "holiday" }.count
            switch format {
            case .json:
                let json = CalendarYearJSON.make(year: year, covered: covered, files: r.config.calendarFiles, days: days, months: months)
                Console.out(CalendarNotice.attach(json, r).render() + "\n")  // a year without data, in part or doubtful: said in it
            case .table:
                let files = r.config.calendarFiles.isEmpty ? L["cal.no_files"] : r.config.calendarFiles.joined(separator: ", ")
                func count(_ key: String, _ n: Int) -> String { L(n == 1 ? key + "1" : key, ["n": String(n)]) }
                var s = L("cal.head", ["year": String(year), "files": TerminalText.clean(files)])
                if cal.partialYears.contains(year) {
                    s += L("cal.partial", ["holidays": count("cal.holidays", holidays), "workdays": count("cal.workdays", days.count - holidays),
                                           "working": count("cal.working", total)]) + "\n"
                } else if covered {
                    s += L("cal.covered", ["holidays": count("cal.holidays", holidays), "workdays": count("cal.workdays", days.count - holidays),
                                           "working": count("cal.working", total)]) + "\n"
                } else {
                    s += L("cal.uncovered", ["working": count("cal.working", total)]) + "\n"
                }
                if !days.isEmpty {
                    var t = TextTable(headers: ["cal.date", "cal.day", "cal.kind", "cal.name"].map { L[$0] })
                    for (day, kind, name) in days {
                        t.add([day.description, L["wd." + day.weekday.shortName], L["cal." + kind], TerminalText.clean(name)])
                    }
                    s += "\n" + t.render()
                }
                var t = TextTable(headers: [L["cal.month"], L["cal.working_days"]])
                t.rightAligned = [1]
                for (m, n) in months { t.add([m, String(n)]) }
                t.add([L["cal.total"], String(total)])
                s += "\n" + t.render()
                Console.out(s + CalendarNotice.footer(r))
            }
        }
    }

    /// What the two add commands share: the file to write, the dates given, the name.
    struct AddOptions: ParsableArguments {
        @Option(help: "The festival's name as the State Council's notice writes it (in Chinese, e.g. the Spring Festival's).") var name: String
        @Option(help: "The calendar file to write (one of calendar.files; default: the first).") var file: String?
    }

    struct AddHoliday: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-holiday",
            abstract: "Add public holidays (days off) to the repository's calendar file.",
            discussion: """
                Give days or ranges FIRST..LAST, as the State Council's arrangement lists them; a range \
                includes its weekend days, as the shipped calendar does, and a range wholly on a weekend \
                is written with a warning. The file is edited in place (comments and order kept) and \
                written atomically. Example: huifang calendar add-holiday 2027-01-01..2027-01-03 --name 元旦
                """
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Days off: YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD (several allowed).") var dates: [String]
        @OptionGroup var options: AddOptions

        func run() throws {
            try CalendarCommand.add(.holidays, dates, options, global)
        }
    }

    struct AddWorkday: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-workday",
            abstract: "Add make-up working days: weekend days that are worked.",
            discussion: """
                A make-up working day falls on a weekend: a weekday already works, and is refused. \
                Example: huifang calendar add-workday 2027-02-20 --name 春节
                """
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Weekend days that are worked, YYYY-MM-DD (several allowed).") var dates: [String]
        @OptionGroup var options: AddOptions

        func run() throws {
            try CalendarCommand.add(.workdays, dates, options, global)
        }
    }

    /// The longest range add-holiday takes: longer is surely a typo (the longest holiday is 8 or 9 days).
    static let longestRange = 31

    /// Parses `YYYY-MM-DD` or `FIRST..LAST` into the days it names.
    static func days(_ text: String, ranges: Bool) throws -> [Day] {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        if ranges, parts.count == 3, parts[1].isEmpty {
            let first = try parseDayArgument(String(parts[0]))
            let last = try parseDayArgument(String(parts[2]))
            guard first <= last else {
                throw CommandFailure.usage(Message("error.cal.range-reversed", ["text": text, "first": first.description, "last": last.description]),
                                           hint: Message("hint.cal.range-reversed"))
            }
            let n = first.days(until: last) + 1
            guard n <= longestRange else {
                throw CommandFailure.usage(Message("error.cal.range-too-long", ["text": text, "n": String(n)]),
                                           hint: Message("hint.cal.range-too-long", ["max": String(longestRange)]))
            }
            return (0..<n).map { first.adding(days: $0) }
        }
        guard !text.contains("..") else {
            throw CommandFailure.usage(Message("error.cal.not-a-range", ["text": text]), hint: Message("hint.cal.not-a-range"))
        }
        return [try parseDayArgument(text)]
    }

    static func add(_ section: CalendarUpdate.Section, _ arguments: [String], _ options: AddOptions, _ global: GlobalOptions) throws {
        let ctx = try CommandContext(global)
        let name = options.name.trimmed
        guard !name.isEmpty else { throw CommandFailure.usage(Message("error.cal.name-empty"), hint: Message("hint.cal.name-empty", ["example": "春节"])) }
        guard !name.contains(where: { $0.isNewline || ($0.isASCII && $0.asciiValue! < 32) }) else {
            throw CommandFailure.usage(Message("error.cal.name-control"))
        }
        guard !arguments.isEmpty else {
            throw CommandFailure.usage(Message("error.cal.no-date"),
                                       hint: section == .holidays ? Message("hint.cal.no-date.holiday", ["name": "元旦"]) : Message("hint.cal.no-date.workday", ["name": "春节"]))
        }
        var groups: [(String, [Day])] = []
        for a in arguments { groups.append((a, try days(a, ranges: section == .holidays))) }

        let (L, cal, target, entries, already, recounted) = try ctx.locked { r -> (Catalogue, WorkCalendar, String, [(Day, String)], [Day], [(Issue, Day)]) in
            let L = ctx.catalogue(r)
            let cal = r.calendar
            guard let target = options.file ?? r.config.calendarFiles.first else {
                throw CommandFailure.data(Message("error.cal.no-files"), hint: Message("hint.cal.no-files"))
            }
            guard r.config.calendarFiles.contains(target) else {
                throw CommandFailure.usage(Message("error.cal.unknown-file", ["file": target, "files": r.config.calendarFiles.joined(separator: ", ")]),
                                           hint: Message("hint.cal.unknown-file"))
            }
            let weekendNames = Weekday.allCases.filter { cal.weekend.contains($0) }.map(\.shortName).joined(separator: "/")
            var entries: [(Day, String)] = []
            var already: [Day] = []
            for (text, days) in groups {
                for day in days {
                    switch section {
                    case .holidays:
                        if let other = cal.workdays[day] {
                            throw CommandFailure.usage(Message("error.cal.is-workday", ["day": day.description, "name": other]),
                                                       hint: Message("hint.cal.either"))
                        }
                        if let other = cal.holidays[day] {
                            if other == name { already.append(day); continue }
                            throw CommandFailure.usage(Message("error.cal.already-holiday", ["day": day.description, "name": other]),
                                                       hint: Message("hint.cal.rename"))
                        }
                    case .workdays:
                        guard cal.weekend.contains(day.weekday) else {
                            let weekday = "weekday." + day.weekday.shortName
                            throw CommandFailure(code: 64) { c in
                                (c.text("error.cal.not-weekend", ["day": day.description, "weekday": c[weekday]]),
                                 c.text("hint.cal.not-weekend", ["weekend": weekendNames, "term": "调休"]))
                            }
                        }
                        if let other = cal.holidays[day] {
                            throw CommandFailure.usage(Message("error.cal.is-holiday", ["day": day.description, "name": other]),
                                                       hint: Message("hint.cal.either"))
                        }
                        if let other = cal.workdays[day] {
                            if other == name { already.append(day); continue }
                            throw CommandFailure.usage(Message("error.cal.already-workday", ["day": day.description, "name": other]),
                                                       hint: Message("hint.cal.rename"))
                        }
                    }
                    if !entries.contains(where: { $0.0 == day }) { entries.append((day, name)) }
                }
                if section == .holidays, days.allSatisfy({ cal.weekend.contains($0.weekday) }) {
                    let W = MessageLanguage.catalogue
                    Console.err(Console.labelled(Terminal.yellow(W["msg.warning"]), W["msg.warning"])
                        + W.text("warning.cal.weekend", ["text": TerminalText.clean(text), "weekend": weekendNames]) + "\n"
                        + "  " + Console.labelled(W["msg.hint"]) + W["hint.cal.weekend"] + "\n")
                }
            }
            guard !entries.isEmpty else { return (L, cal, target, entries, already, []) }
            // Open issues whose stored deadline the new days move (counted before the year was
            // entered, or over a day that changes now) are recounted in the same write.
            let added = Dictionary(entries, uniquingKeysWith: { a, _ in a })
            let before = cal.adding()
            let after = section == .holidays ? cal.adding(holidays: added) : cal.adding(workdays: added)
            var recounted: [(Issue, Day)] = []
            for issue in r.issues {
                if let due = issue.recountedDeadline(r.config.policy, before: before, after: after) { recounted.append((issue, due)) }
            }
            let who = recorder(nil, fallback: "huifang")
            // A year these days start is entered in part until declared complete (calendar complete).
            let started = Set(entries.map(\.0.year)).filter { !cal.coveredYears.contains($0) }
            do throws(StoreError) {
                var changes: [(String, [UInt8])] = [(target, try CalendarUpdate.adding(entries, to: section, file: target, partial: started,
                                                                                         in: ctx.repository))]
                for (issue, due) in recounted {
                    let entry = HistoryEntry(at: ctx.today, action: "note", by: who,
                                             note: "deadline recounted from \(issue.due) to \(due): the calendar gained \(name) (\(target))")
                    changes.append((issue.location.path, try RecordUpdate.deadline(of: issue, to: due, entry: entry, in: ctx.repository,
                                                                                    config: r.config)))
                }
                try RecordUpdate.write(changes, in: ctx.repository)
            } catch {
                throw CommandFailure(error)
            }
            return (L, cal, target, entries, already, recounted)
        }
        guard !entries.isEmpty else {
            let noun = section == .holidays ? "cal.holiday" : "cal.workday"
            Console.out(L("cal.nothing", ["days": already.map(\.description).joined(separator: ", "), "kind": L[noun],
                                          "name": TerminalText.clean(name)]) + "\n")
            return
        }
        let sorted = entries.map(\.0).sorted()
        let counted = L(section == .holidays ? (sorted.count == 1 ? "cal.holidays1" : "cal.holidays")
                                              : (sorted.count == 1 ? "cal.workdays1" : "cal.workdays"), ["n": String(sorted.count)])
        Console.out(L("cal.added", ["days": counted, "name": TerminalText.clean(name), "file": target])
            + sorted.map { "\($0) \(L["wd." + $0.weekday.shortName])" }.joined(separator: ", ") + "\n")
        if !already.isEmpty {
            Console.out("  " + L("cal.already", ["days": already.map(\.description).joined(separator: ", ")]) + "\n")
        }
        for (issue, due) in recounted {
            Console.out("  " + L("cal.recounted", ["id": issue.id.rawValue, "project": issue.project.rawValue, "title": TerminalText.clean(issue.title),
                                                   "from": issue.due.description, "to": due.description]) + "\n")
        }
        let newYears = Set(sorted.map(\.year)).filter { !cal.coveredYears.contains($0) }.sorted()
        if !newYears.isEmpty {
            let y = newYears.map(String.init).joined(separator: L["list.and"])
            Console.out("  " + L(newYears.count == 1 ? "cal.now_covered1" : "cal.now_covered", ["years": y, "file": target,
                                                                                               "year": String(newYears[0])]) + "\n")
        }
    }
}

extension CalendarCommand {
    /// Declares a year entered in part (`partial:`) complete: its deadlines are counted
    /// without the warning of a year without calendar data from then on.
    struct Complete: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "complete",
            abstract: "Declare a year's holidays and make-up working days complete.",
            discussion: """
                add-holiday and add-workday list a year they start under 'partial:' in the calendar \
                file: until every day of it is entered, its deadlines are counted with the warning of a \
                year without calendar data. Once the State Council's whole arrangement is entered, this \
                takes the year out of 'partial:' (in every calendar file that lists it), in place. A year \
                whose days were typed in by hand and that lists far fewer holiday days than the \
                calendar's other years (under two thirds of their median) is warned about by check and \
                by every command that counts its working days; this declares it complete as it is, \
                under 'years:', and says so. Example: huifang calendar complete 2027
                """
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The year whose days are all entered.") var year: Int

        func run() throws {
            let ctx = try CommandContext(global)
            guard (1900...9999).contains(year) else {
                throw CommandFailure.usage(Message("error.cal.not-a-year", ["year": String(year)]),
                                           hint: Message("hint.cal.not-a-year", ["year": String(ctx.today.year)]))
            }
            let (L, files, doubt) = try ctx.locked { r -> (Catalogue, [String], DoubtfulYear?) in
                let L = ctx.catalogue(r)
                let cal = r.calendar
                let y = String(year)
                guard cal.holidays.keys.contains(where: { $0.year == year }) || cal.workdays.keys.contains(where: { $0.year == year }) else {
                    if cal.coveredYears.contains(year) { return (L, [], nil) }  // declared under years: without days
                    throw CommandFailure.usage(Message("error.cal.complete-empty", ["year": y]), hint: Message("hint.cal.complete-empty", ["year": y]))
                }
                // A year that, out of partial:, looks incomplete (far fewer holiday days than the
                // others) is declared complete as it is under years:, and said so: else every
                // command would go on warning about it.
                let complete = WorkCalendar(weekend: cal.weekend, holidays: cal.holidays, workdays: cal.workdays,
                                            declaredYears: cal.declaredYears, partialYears: cal.partialYears.subtracting([year]))
                let doubt = complete.doubtfulYears[year]
                var changes: [(String, [UInt8])] = []
                do throws(StoreError) {
                    for file in r.config.calendarFiles {
                        if let bytes = try CalendarUpdate.completing(year, file: file, in: ctx.repository, declare: doubt != nil) {
                            changes.append((file, bytes))
                        }
                    }
                    if !changes.isEmpty { try RecordUpdate.write(changes, in: ctx.repository) }
                } catch {
                    throw CommandFailure(error)
                }
                return (L, changes.map(\.0), doubt)
            }
            if files.isEmpty {
                Console.out(L("cal.complete.already", ["year": String(year)]) + "\n")
            } else if let doubt {
                let others = doubt.othersLow == doubt.othersHigh ? String(doubt.othersLow) : "\(doubt.othersLow)-\(doubt.othersHigh)"
                Console.out(L(doubt.holidays == 1 ? "cal.completed.declared.one" : "cal.completed.declared", ["year": String(year), "count": String(doubt.holidays), "others": others,
                                                          "files": files.joined(separator: ", ")]) + "\n")
            } else {
                Console.out(L("cal.completed", ["year": String(year), "files": files.joined(separator: ", ")]) + "\n")
            }
        }
    }
}

extension String {
    /// `YYYY-MM`.
    init(format2 year: Int, _ month: Int) {
        self = "\(year)-" + (month < 10 ? "0" : "") + String(month)
    }
}
