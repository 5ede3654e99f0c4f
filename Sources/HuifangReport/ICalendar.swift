/// RFC 5545 iCalendar text: CRLF line ends, lines folded at 75 octets without splitting a
/// UTF-8 character, TEXT values escaped, all-day events with stable UIDs so that a calendar
/// program updates its events on re-import instead of duplicating them.
public struct ICalendar {
    public struct Event {
        public var uid: String
        /// `YYYY-MM-DD` of the all-day event.
        public var date: String
        public var summary: String
        public var description: String
        public var categories: [String]

        public init(uid: String, date: String, summary: String, description: String, categories: [String] = []) {
            self.uid = uid
            self.date = date
            self.summary = summary
            self.description = description
            self.categories = categories
        }
    }

    public var name: String
    /// `YYYYMMDDTHHMMSSZ`: when the export was made (fixed for reproducible output).
    public var stamp: String
    public var events: [Event] = []
    /// What the export lacks (records left out, a year without calendar data): the calendar's
    /// description (`X-WR-CALDESC`, which calendar programs show) and one `X-HUIFANG-WARNING`
    /// each, so that a file imported later still says it.
    public var warnings: [String] = []

    public init(name: String, stamp: String) {
        self.name = name
        self.stamp = stamp
    }

    public func render() -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//huifang//huifang//ZH", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "X-WR-CALNAME:" + ICalendar.escape(name),
        ]
        if !warnings.isEmpty {
            lines.append("X-WR-CALDESC:" + ICalendar.escape(warnings.joined(separator: "\n")))
            lines += warnings.map { "X-HUIFANG-WARNING:" + ICalendar.escape($0) }
        }
        for e in events {
            let start = e.date.replacingOccurrences(of: "-", with: "")
            lines += [
                "BEGIN:VEVENT", "UID:" + ICalendar.escape(e.uid), "DTSTAMP:" + stamp, "DTSTART;VALUE=DATE:" + start,
                "DTEND;VALUE=DATE:" + ICalendar.nextDay(e.date), "SUMMARY:" + ICalendar.escape(e.summary),
                "DESCRIPTION:" + ICalendar.escape(e.description),
            ]
            if !e.categories.isEmpty { lines.append("CATEGORIES:" + e.categories.map(ICalendar.escape).joined(separator: ",")) }
            lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
        }
        lines.append("END:VCALENDAR")
        return lines.map(ICalendar.fold).joined(separator: "\r\n") + "\r\n"
    }

    /// TEXT escaping of RFC 5545 §3.3.11.
    public static func escape(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case "\r": continue
            default:
                if c.value < 0x20 || c.value == 0x7F { continue }
                out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Folds a content line into 75-octet pieces; continuation lines start with a space.
    public static func fold(_ line: String) -> String {
        let bytes = Array(line.utf8)
        if bytes.count <= 75 { return line }
        var out: [UInt8] = []
        var start = 0
        var limit = 75
        while start < bytes.count {
            var end = min(start + limit, bytes.count)
            while end < bytes.count, end > start, bytes[end] & 0xC0 == 0x80 { end -= 1 }
            if start > 0 { out += [13, 10, 32] }
            out += bytes[start..<end]
            start = end
            limit = 74
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func nextDay(_ iso: String) -> String {
        let p = iso.split(separator: "-").compactMap { Int($0) }
        guard p.count == 3 else { return iso }
        var (y, m, d) = (p[0], p[1], p[2] + 1)
        let days = [31, (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        if d > days[m - 1] {
            d = 1
            m += 1
            if m > 12 {
                m = 1
                y += 1
            }
        }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return String(y) + two(m) + two(d)
    }
}
