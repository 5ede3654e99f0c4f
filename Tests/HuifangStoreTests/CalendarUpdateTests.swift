import HuifangCore
import Testing

@testable import HuifangStore

/// Adding to a calendar file in place: date order, hand edits kept, nothing odd written.
@Suite struct CalendarUpdateTests {
    static func d(_ s: String) -> Day { Day(s)! }

    func file(_ text: String) throws -> (TempFolder, Repository) {
        let t = TempFolder()
        try t.write("huifang.yaml", "huifang: 1\n")
        try t.write("calendars/cn.yaml", text)
        return (t, Repository(root: t.path))
    }

    @Test func entriesGoInDateOrderAndTheRestStays() throws {
        let (t, repo) = try file("""
            # 2026 and some of 2027
            holidays:
              2026-10-07: 国庆节   # last day
              '2027-02-10': 春节
            workdays:
              2026-10-10: 国庆节

            """)
        defer { t.remove() }
        let bytes = try CalendarUpdate.adding([(Self.d("2027-02-11"), "春节"), (Self.d("2027-01-01"), "元旦"), (Self.d("2026-01-01"), "元旦")],
                                              to: .holidays, file: "calendars/cn.yaml", in: repo)
        #expect(String(decoding: bytes, as: UTF8.self) == """
            # 2026 and some of 2027
            holidays:
              2026-01-01: 元旦
              2026-10-07: 国庆节   # last day
              2027-01-01: 元旦
              '2027-02-10': 春节
              2027-02-11: 春节
            workdays:
              2026-10-10: 国庆节

            """)
        #expect(t.read("calendars/cn.yaml")?.contains("2027-01-01") == false, "nothing is written by the update itself")
    }

    @Test func aMissingSectionIsAddedAndCRLFIsKept() throws {
        let (t, repo) = try file("holidays:\r\n  2027-01-01: 元旦\r\n")
        defer { t.remove() }
        let bytes = try CalendarUpdate.adding([(Self.d("2027-02-20"), "春节")], to: .workdays, file: "calendars/cn.yaml", in: repo)
        #expect(String(decoding: bytes, as: UTF8.self) == "holidays:\r\n  2027-01-01: 元旦\r\nworkdays:\r\n  2027-02-20: 春节\r\n")
    }

    @Test func namesAreQuotedWhenAnotherReaderWouldMisreadThem() throws {
        let (t, repo) = try file("holidays:\n  2027-01-01: 元旦\n")
        defer { t.remove() }
        let bytes = try CalendarUpdate.adding([(Self.d("2027-05-01"), "yes"), (Self.d("2027-05-02"), "# 劳动节")], to: .holidays,
                                              file: "calendars/cn.yaml", in: repo)
        #expect(String(decoding: bytes, as: UTF8.self) == "holidays:\n  2027-01-01: 元旦\n  2027-05-01: \"yes\"\n  2027-05-02: \"# 劳动节\"\n")
    }

    @Test func aBrokenFileIsRefused() throws {
        let (t, repo) = try file("holidays:\n  2027-01-01: [元旦\n")
        defer { t.remove() }
        #expect(throws: StoreError.self) {
            try CalendarUpdate.adding([(Self.d("2027-01-02"), "元旦")], to: .holidays, file: "calendars/cn.yaml", in: repo)
        }
        try t.write("calendars/cn.yaml", "holidays:\n  2027-13-01: 元旦\n")
        #expect(throws: StoreError.self) {
            try CalendarUpdate.adding([(Self.d("2027-01-02"), "元旦")], to: .holidays, file: "calendars/cn.yaml", in: repo)
        }
    }

    @Test func declaredYearsAreRead() throws {
        let (t, repo) = try file("years: [2027, 2028]\n")
        defer { t.remove() }
        try t.write("huifang.yaml", "huifang: 1\ndepartments: []\ncalendar:\n  files: [calendars/cn.yaml]\n")
        let loaded = RepositoryLoader.load(repo, .init(useCache: false))
        #expect(loaded.records.calendar.coveredYears == [2027, 2028])
        #expect(loaded.calendarErrors.isEmpty)
        try t.write("calendars/cn.yaml", "years: [2027, '2028', 3]\n")
        let bad = RepositoryLoader.load(repo, .init(useCache: false))
        #expect(bad.calendarErrors.map(\.line) == [1, 1])
        #expect(bad.calendarErrors.allSatisfy { $0.path == "calendars/cn.yaml" })
    }
}
