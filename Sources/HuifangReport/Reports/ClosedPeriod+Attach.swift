import HuifangCore

extension ClosedPeriod {
    /// The kpis.json of a close: the period, the day, the digest and every frozen figure.
    public static func kpisJSON(_ period: Period, closedOn: Day, digest: String, figures: [Figure]) -> String {
        JSONValue.object([
            ("period", .string(period.label)), ("closed_on", .string(closedOn.description)), ("digest", .string(digest)),
            ("digest_of", .string("XXH64 of records.txt: each record file bearing on the period with its checksum, see docs/CLOSING.md")),
            ("figures", .array(figures.map { .object([("key", .string($0.key)), ("value", .optional($0.value))]) })),
        ]).render() + "\n"
    }

    /// The figures of a closed quarter a department's report shows: the company's and its own.
    public static func departmentShows(_ department: String, _ key: String) -> Bool {
        key.hasPrefix("total.") || key.hasPrefix("department.\(department).") || key.hasPrefix("assessment.\(department).")
    }

    /// A closed quarter's report: `out` opens with the figures restated from today's records
    /// beside the frozen ones and the records entered or changed since the close, and its JSON
    /// gains them. `department`: a department's report keeps only the company's figures and its
    /// own; `tabular`: the output is CSV or a workbook, which have no place for the section, so a
    /// warning says what it leaves out (returned, for the command to show with the output).
    public static func attach(_ section: Section, to out: ReportOutput, records: Records, department: String?, tabular: Bool,
                              _ L: Catalogue) -> (output: ReportOutput, warnings: [String]) {
        var out = out
        var s = section
        if let department { s.changes = s.changes.filter { departmentShows(department, $0.key) } }
        out.document.blocks.insert(contentsOf: blocks(s.closing, changes: s.changes, late: s.late, digestNow: s.digestNow,
                                                      files: s.files, records, L), at: 0)
        if case .object(let pairs) = out.json {
            out.json = .object(pairs + json(s.closing, changes: s.changes, late: s.late, digestNow: s.digestNow, files: s.files))
        }
        var warnings: [String] = []
        if tabular, !s.changes.isEmpty || !s.late.isEmpty {
            warnings.append(L("closed.csv note", ["period": s.closing.period.label, "date": s.closing.closedOn.description,
                                                  "n": String(s.changes.count)]))
        }
        return (out, warnings)
    }

    /// A longer or custom period's report (a year, a half) that takes in the closed quarters of
    /// `sections`: it counts today's records, and opens with each closed quarter's frozen figures
    /// beside their values restated from today's records, the records entered after that close
    /// or changed since, and whether its own figures include them. `shown`: the frozen figures the
    /// report lists whether or not they changed (its own kind of figure); `department`: a
    /// department's report keeps only the company's and its own. Returns the warnings to show.
    public static func attachWithin(_ sections: [Section], period: Period, to out: ReportOutput, records: Records, department: String?,
                                    shown: (String) -> Bool, _ L: Catalogue) -> (output: ReportOutput, warnings: [String]) {
        var out = out
        var blocks: [ReportDocument.Block] = []
        var json: [JSONValue] = []
        var warnings: [String] = []
        var lateCount = 0
        var names: [String] = []
        for var s in sections {
            if let department { s.changes = s.changes.filter { departmentShows(department, $0.key) } }
            blocks += withinBlocks(s, shown: shown, records, L)
            json.append(withinJSON(s))
            let counted = s.late.filter { $0.change != "entered" || s.closing.period.contains($0.date ?? s.closing.period.start) }.count
                + s.files.removed.count
            if counted > 0 || s.recordsChanged { names.append(s.closing.period.label) }
            lateCount += counted
            if !s.late.isEmpty || s.recordsChanged {
                warnings.append(L("closed.overlap late", ["period": period.label, "quarter": s.closing.period.label, "n": String(s.late.count),
                                                          "closed": s.closing.closedOn.description]))
            }
        }
        let includes = !names.isEmpty
        blocks.append(.paragraph(includes
            ? L("closed.within counts late", ["period": period.label, "quarters": names.joined(separator: ", "), "n": String(lateCount)])
            : L("closed.within counts frozen", ["period": period.label, "quarters": sections.map(\.closing.period.label).joined(separator: ", ")])))
        out.document.blocks.insert(contentsOf: blocks, at: 0)
        if case .object(let pairs) = out.json {
            out.json = .object(pairs + [("closed_quarters", .array(json)), ("includes_late_entries", .bool(includes))])
        }
        return (out, warnings)
    }
}

extension ClosedPeriod.Section {
    /// The section as a department's audience may see it: the figures `keep` admits, and only the
    /// late entries and changed files under the projects `projects` (ids) when given.
    public func scoped(figures keep: (String) -> Bool, projects: Set<String>? = nil) -> ClosedPeriod.Section {
        var s = self
        s.changes = changes.filter { keep($0.key) }
        if let projects {
            func own(_ path: String) -> Bool { projects.contains { path.hasPrefix("projects/\($0)/") } }
            s.late = late.filter { own($0.path) }
            s.files = ClosedPeriod.FileChanges(compared: files.compared, changed: files.changed.filter(own), added: files.added.filter(own),
                                               removed: files.removed.filter(own))
        }
        return s
    }
}

extension ClosedPeriod {
    /// The blocks of section `s` (`blocks` with the section's own parts).
    public static func blocks(_ s: Section, _ r: Records, _ L: Catalogue) -> [ReportDocument.Block] {
        blocks(s.closing, changes: s.changes, late: s.late, digestNow: s.digestNow, files: s.files, r, L)
    }
}
