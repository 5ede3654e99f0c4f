import HuifangCore

/// What every period report is built from: the records, their schedule, the period, the as-of
/// date and the language. The command reads the repository and fills it in.
public struct ReportContext: Sendable {
    public var records: Records
    public var schedule: Schedule
    public var period: Period
    public var today: Day
    public var labels: Catalogue
    /// What makes a repository-relative path a link from where the report is written: empty
    /// on standard output (read from the repository root), else the way from `-o`'s folder.
    public var linkBase: String

    public init(records: Records, schedule: Schedule, period: Period, today: Day, labels: Catalogue, linkBase: String = "") {
        self.records = records
        self.schedule = schedule
        self.period = period
        self.today = today
        self.labels = labels
        self.linkBase = linkBase
    }

    public func kpis(_ projects: Set<ProjectID>? = nil) -> PeriodKPIs {
        KPIEngine.compute(records, schedule: schedule, period: period, today: today, projects: projects)
    }

    public var subtitle: String {
        let org = records.config.organization
        return (org.isEmpty ? "" : org + " · ") + "\(period.label) (\(period.start) – \(period.end)) · \(labels.report("as of")) \(today)"
    }
}

/// A period report in every format: the document (Markdown, HTML), JSON and CSV.
public struct ReportOutput: Sendable {
    public var document: ReportDocument
    public var json: JSONValue
    public var csv: (headers: [String], rows: [[String]])

    public init(document: ReportDocument, json: JSONValue, csv: (headers: [String], rows: [[String]])) {
        self.document = document
        self.json = json
        self.csv = csv
    }
}
