import HuifangCore
import HuifangYAML

/// Adds holidays or make-up working days to a calendar file (`calendars/*.yaml`) in place:
/// each date goes into its section in date order, and comments, blank lines, the order of
/// the rest and a person's other keys stay byte-for-byte the same.
public enum CalendarUpdate {
    public enum Section: String, Sendable {
        case holidays, workdays
    }

    /// The new bytes of `relative` with `entries` (date, name) added under `section`, and the
    /// years of `partial` (years the entries start: entered in part) added under `partial:`;
    /// nothing is written here. The result is read back: it must decode without a problem to
    /// the old entries plus the new ones, else nothing may be written.
    public static func adding(_ entries: [(Day, String)], to section: Section, file relative: String, partial: Set<Int> = [],
                              in repo: Repository) throws(StoreError) -> [UInt8] {
        let bytes: [UInt8]
        do { bytes = try FileSystem.read(repo.path(relative), limit: YAMLLimits.records.maxBytes) } catch { throw StoreError.io(error) }
        let before = try decode(bytes, relative)
        let sorted = entries.sorted { $0.0 < $1.0 }
        var out: [UInt8]
        if before.empty {
            // Nothing but comments (or nothing): the section is appended as a new block.
            out = bytes
            if let last = out.last, last != UInt8(ascii: "\n") { out += Array("\n".utf8) }
            let crlf = out.count >= 2 && out[out.count - 2] == UInt8(ascii: "\r")
            let marked: [(String, YAMLValue)] = partial.isEmpty ? [] : [("partial", Self.years(partial))]
            out += Array(YAMLWriter.document(marked + [(section.rawValue, .blockMap(sorted.map { ($0.0.description, .string($0.1)) }))],
                                             lineEnding: crlf ? "\r\n" : "\n").utf8)
        } else {
            var editor: YAMLEditor
            do { editor = try YAMLEditor(bytes: bytes) } catch {
                throw StoreError.update(.unreadable(path: relative, line: error.mark.line, column: error.mark.column, reason: error.message))
            }
            do {
                for (day, name) in sorted {
                    if let map = editor.root[section.rawValue], map.pairs != nil, !map.isNull {
                        var keys = (map.pairs ?? []).map(\.key)
                        keys.append(day.description)
                        keys.sort()
                        try editor.set(day.description, to: .string(name), in: [section.rawValue], order: keys)
                    } else {
                        try editor.set(section.rawValue, to: .blockMap([(day.description, .string(name))]),
                                       order: ["years", "partial", "holidays", "workdays"])
                    }
                }
                if !partial.isSubset(of: before.partial) {
                    try editor.set("partial", to: Self.years(before.partial.union(partial)), order: ["years", "partial", "holidays", "workdays"])
                }
            } catch {
                throw StoreError.update(.notEditable(path: relative, line: error.mark.line, reason: error.message, hint: error.hint))
            }
            out = editor.bytes
        }
        // Read back: the old entries and exactly the new ones, and not a single problem.
        let after = try decode(out, relative)
        var expected = section == .holidays ? before.holidays : before.workdays
        for (day, name) in sorted { expected[day] = name }
        let other = section == .holidays ? (before.workdays, after.workdays) : (before.holidays, after.holidays)
        guard (section == .holidays ? after.holidays : after.workdays) == expected, other.0 == other.1, after.years == before.years,
            after.partial == before.partial.union(partial)
        else {
            throw StoreError.update(.readBack(path: relative))
        }
        return out
    }

    /// The new bytes of `relative` with `year` taken out of `partial:` (the key goes when no
    /// year is left): the year is declared complete. With `declare`, a file that has days in
    /// `year` also lists it under `years:` (a year that looks incomplete, `DoubtfulYear`, is
    /// declared complete as it is). Nil when there is nothing to change.
    public static func completing(_ year: Int, file relative: String, in repo: Repository, declare: Bool = false) throws(StoreError) -> [UInt8]? {
        let bytes: [UInt8]
        do { bytes = try FileSystem.read(repo.path(relative), limit: YAMLLimits.records.maxBytes) } catch { throw StoreError.io(error) }
        let before = try decode(bytes, relative)
        let declares = declare && !before.years.contains(year)
            && (before.holidays.keys.contains { $0.year == year } || before.workdays.keys.contains { $0.year == year })
        guard before.partial.contains(year) || declares else { return nil }
        var editor: YAMLEditor
        do { editor = try YAMLEditor(bytes: bytes) } catch {
            throw StoreError.update(.unreadable(path: relative, line: error.mark.line, column: error.mark.column, reason: error.message))
        }
        let left = before.partial.subtracting([year])
        let years = declares ? before.years.union([year]) : before.years
        do {
            if left != before.partial {
                if left.isEmpty { try editor.remove("partial") } else { try editor.set("partial", to: Self.years(left)) }
            }
            if declares { try editor.set("years", to: Self.years(years), order: ["years", "partial", "holidays", "workdays"]) }
        } catch {
            throw StoreError.update(.notEditable(path: relative, line: error.mark.line, reason: error.message, hint: error.hint))
        }
        let after = try decode(editor.bytes, relative)
        guard after.partial == left, after.years == years, after.holidays == before.holidays, after.workdays == before.workdays else {
            throw StoreError.update(.readBack(path: relative))
        }
        return editor.bytes
    }

    /// Years as a one-line list, in order: `[2027, 2028]`.
    static func years(_ years: Set<Int>) -> YAMLValue {
        .sequence(years.sorted().map { .plain(String($0)) }, flow: true)
    }

    struct Days {
        var holidays: [Day: String]
        var workdays: [Day: String]
        var years: Set<Int>
        var partial: Set<Int>
        /// No YAML content at all (an empty file or only comments).
        var empty: Bool
    }

    static func decode(_ bytes: [UInt8], _ relative: String) throws(StoreError) -> Days {
        let node: YAMLNode?
        do { node = try YAMLParser.parse(bytes) } catch {
            throw StoreError.update(.unreadable(path: relative, line: error.mark.line, column: error.mark.column, reason: error.message))
        }
        var d = RecordDecoder(path: relative)
        let days = d.calendar(node)
        if let f = d.findings.first(where: { $0.severity == .error }) {
            var located = f
            located.path = relative
            throw StoreError.update(.invalidFile(located))
        }
        return Days(holidays: days.holidays, workdays: days.workdays, years: days.years, partial: days.partial, empty: node == nil)
    }
}
