import HuifangCore

/// `check --format json`: how many files were read and every finding, in order.
public enum CheckJSON {
    /// Each finding with its code (null for one that has none yet) and its message and hint in
    /// `catalogue`'s language.
    /// `check --workspace`: the workspace file, the repositories it lists, then `make`'s keys.
    public static func workspace(_ file: String, repositories: [(name: String, path: String)], findings: [Finding],
                                 catalogue: Catalogue) -> JSONValue {
        guard case .object(let pairs) = make(files: 1, findings: findings, catalogue: catalogue) else { return .null }
        return .object([("workspace", .string(file)),
                        ("repositories", .array(repositories.map { .object([("name", .string($0.name)), ("path", .string($0.path))]) }))]
                       + pairs)
    }

    public static func make(files: Int, findings: [Finding], catalogue: Catalogue = Catalogue(.en)) -> JSONValue {
        let errors = findings.filter { $0.severity == .error }.count
        return .object([
            ("files", .int(files)), ("errors", .int(errors)), ("warnings", .int(findings.count - errors)),
            ("findings", .array(findings.map {
                .object([
                    ("path", .string($0.path)), ("line", .int($0.line)), ("column", .int($0.column)),
                    ("severity", .string($0.severity.rawValue)), ("code", .optional($0.code?.rawValue)),
                    ("message", .string(catalogue.message($0))), ("hint", .optional(catalogue.hint($0))),
                ])
            })),
        ])
    }
}

/// `calendar show --format json`: a year's special days and working days per month.
public enum CalendarYearJSON {
    /// `days`: (date, "holiday" or "workday", name); `months`: ("YYYY-MM", working days).
    public static func make(year: Int, covered: Bool, files: [String], days: [(Day, String, String)], months: [(String, Int)]) -> JSONValue {
        .object([
            ("year", .int(year)), ("covered", .bool(covered)),
            ("files", .array(files.map { .string($0) })),
            ("days", .array(days.map {
                .object([("date", .string($0.0.description)), ("weekday", .string($0.0.weekday.shortName)),
                         ("kind", .string($0.1)), ("name", .string($0.2))])
            })),
            ("months", .array(months.map { .object([("month", .string($0.0)), ("working_days", .int($0.1))]) })),
            ("working_days", .int(months.reduce(0) { $0 + $1.1 })),
        ])
    }
}
