import HuifangCore
import Testing

@testable import HuifangReport

/// The report builders on a small history worked out by hand, in English, period 2026Q2
/// (04-01..06-30) as of 2026-08-01, so overdue items are counted on 06-30.
///
///   a (east, accepted 01-10): visit v-a001 on 05-10 (scores 4/4/4/4, NPS 9, a quote, a need,
///     an attachment); issue i-0001 (major, from the customer: a visit due Fri 05-15) raised
///     Tue 05-12, due 05-19, still open; the next periodic visit is due 08-10;
///     improvement m-0001 addresses it, due 09-30, planned.
///   b (north, accepted 03-20): no visits; issue i-0002 raised 06-01, due 06-04, resolved 06-03.
enum Fixture {
    static func day(_ s: String) -> Day { Day(s)! }

    static let east = Department(id: "east", name: "East Office", head: "Zhang", role: .technical)
    static let north = Department(id: "north", name: "North Office", head: "Li", role: .business)

    static let records = Records(
        config: Config(organization: "Acme", departments: [east, north]), calendar: WorkCalendar(),
        projects: [
            Project(id: ProjectID("a")!, name: "Alpha", customer: Customer(name: "Customer A", contacts: [Contact(name: "Wang", role: "manager")]),
                    department: "east", owner: "Zhao", tier: .standard, accepted: day("2026-01-10"),
                    location: SourceLocation(path: "projects/a/project.yaml")),
            Project(id: ProjectID("b")!, name: "Beta", customer: Customer(name: "Customer B"), department: "north", owner: "Qian",
                    tier: .key, accepted: day("2026-03-20"), location: SourceLocation(path: "projects/b/project.yaml")),
        ],
        visits: [
            Visit(id: VisitID("v-a001")!, project: ProjectID("a")!, date: day("2026-05-10"), kind: .periodic, method: .phone, visitor: "Sun",
                  contacts: ["Wang"], summary: "runs well", scores: [("quality", 4), ("delivery", 4), ("service", 4), ("support", 4)], nps: 9,
                  quotes: ["very stable"], needs: ["more reports"], issues: [IssueID("i-0001")!], attachments: ["photo 1.jpg"],
                  location: SourceLocation(path: "projects/a/visits/2026-05-10-v-a001.yaml")),
        ],
        issues: [
            Issue(id: IssueID("i-0001")!, project: ProjectID("a")!, title: "export times out", raised: day("2026-05-12"), source: .customer,
                  category: .technical, severity: .major, owner: "Zhou", department: "east", due: day("2026-05-19"), status: .open,
                  location: SourceLocation(path: "issues/i-0001.yaml")),
            Issue(id: IssueID("i-0002")!, project: ProjectID("b")!, title: "login fails", raised: day("2026-06-01"), source: .customer,
                  category: .technical, severity: .general, owner: "Wu", department: "north", due: day("2026-06-04"), status: .resolved,
                  resolved: Resolution(date: day("2026-06-03"), summary: "fixed"), location: SourceLocation(path: "issues/i-0002.yaml")),
        ],
        improvements: [
            Improvement(id: ImprovementID("m-0001")!, title: "faster export", addresses: [IssueID("i-0001")!], department: "east",
                        owner: "Zheng", due: day("2026-09-30"), expectedEffect: "under 5s", status: .planned,
                        location: SourceLocation(path: "improvements/m-0001.yaml")),
        ])

    static func context(linkBase: String = "") -> ReportContext {
        ReportContext(records: records, schedule: Schedule(records), period: Period("2026Q2")!, today: day("2026-08-01"),
                      labels: Catalogue("en"), linkBase: linkBase)
    }

    static var alpha: Project { records.projects[0] }
}

/// Reading a document's blocks in tests.
extension ReportDocument {
    /// The blocks from the heading `title` up to the next heading.
    func section(_ title: String) -> [Block] {
        guard let start = blocks.firstIndex(where: { if case .heading(let h) = $0 { h == title } else { false } }) else { return [] }
        let rest = blocks[(start + 1)...]
        let end = rest.firstIndex(where: { if case .heading = $0 { true } else { false } }) ?? blocks.endIndex
        return Array(blocks[(start + 1)..<end])
    }

    var headings: [String] { blocks.compactMap { if case .heading(let h) = $0 { h } else { nil } } }
}

func tables(_ blocks: [ReportDocument.Block]) -> [ReportTable] { blocks.compactMap { if case .table(let t) = $0 { t } else { nil } } }
func bullets(_ blocks: [ReportDocument.Block]) -> [String] { blocks.flatMap { b -> [String] in if case .bullets(let items) = b { items } else { [] } } }
func paragraphs(_ blocks: [ReportDocument.Block]) -> [String] { blocks.compactMap { if case .paragraph(let p) = $0 { p } else { nil } } }
func keys(_ json: JSONValue) -> [String] { if case .object(let pairs) = json { pairs.map(\.0) } else { [] } }
func element(_ json: JSONValue, _ i: Int) -> JSONValue? { if case .array(let a) = json, i < a.count { a[i] } else { nil } }
func member(_ json: JSONValue, _ path: String...) -> JSONValue? {
    var v = json
    for key in path {
        guard case .object(let pairs) = v, let next = pairs.first(where: { $0.0 == key })?.1 else { return nil }
        v = next
    }
    return v
}

@Suite struct SummaryReportTests {
    let out = SummaryReport.build(Fixture.context())

    @Test func titleAndSections() {
        #expect(out.document.title == "Follow-up visit summary report 2026Q2")
        #expect(out.document.subtitle == "Acme · 2026Q2 (2026-04-01 – 2026-06-30) · As of 2026-08-01")
        #expect(out.document.headings == ["Overview", "KPIs", "Trend against the previous four periods", "Satisfaction by dimension", "Major issues",
                                          "Recurring problems", "Improvement measures", "Customer health", "Recommendations"])
    }

    @Test func kpiAndCountTablesHaveACompanyColumnThenOnePerDepartment() {
        let t = tables(out.document.section("KPIs"))
        #expect(t.count == 2)
        #expect(t[0].headers == ["Indicator", "Company", "East Office", "North Office"])
        #expect(t[0].rows.map(\.[0]) == ReportKPI.all.map { $0.label(Catalogue("en")) })
        #expect(t[0].rows.first { $0[0] == "Issue resolution rate" } == ["Issue resolution rate", "50.0% (1/2)*", "0.0% (0/1)*", "100.0% (1/1)*"])
        // One answer of 9, a promoter: NPS 100 points; none in the north.
        #expect(t[0].rows.first { $0[0] == "NPS" } == ["NPS", "100.0 (n=1)*", "100.0 (n=1)*", "n/a"])
        #expect(t[1].rows.first { $0[0] == "Issues raised" } == ["Issues raised", "2", "1", "1"])
        #expect(t[1].rows.first { $0[0] == "Overdue issues" } == ["Overdue issues", "1", "1", "0"])
        #expect(t[1].numeric == [1, 2, 3])
    }

    @Test func majorIssuesAndImprovements() {
        #expect(tables(out.document.section("Major issues")).first?.rows == [["i-0001", "Alpha", "export times out", "open", "2026-05-19", ""]])
        #expect(tables(out.document.section("Improvement measures")).first?.rows
            == [["m-0001", "faster export", "east", "Zheng", "2026-09-30", "planned"]])
        #expect(paragraphs(out.document.section("Recurring problems")) == ["No problem recurred across projects."])
    }

    @Test func jsonAndCSV() {
        #expect(keys(out.json) == ["period", "organization", "as_of", "counted_on", "plan", "kpis", "counts", "satisfaction", "kpi_counts", "departments",
                                   "trend", "major_issues", "recurring_problems", "recurring_categories", "improvements", "customer_health"])
        #expect(keys(member(out.json, "kpis")!) == ReportKPI.all.map(\.key))
        #expect(member(out.json, "kpis", "issue_resolution_rate")?.render() == "0.5")
        #expect(member(out.json, "counts", "issues_raised")?.render() == "2")
        #expect(member(out.json, "counted_on")?.render() == "\"2026-06-30\"")
        #expect(out.csv.headers == ["period", "scope", "name"] + ReportKPI.all.map(\.key) + ReportCount.all.map(\.key) + ["mean_overall"])
        #expect(out.csv.rows.map { Array($0.prefix(3)) } == [["2026Q2", "total", "Company"], ["2026Q2", "east", "East Office"],
                                                              ["2026Q2", "north", "North Office"]])
        let rate = out.csv.headers.firstIndex(of: "issue_resolution_rate")!
        #expect(out.csv.rows.map { $0[rate] } == ["0.5", "0.0", "1.0"])
        #expect(out.csv.rows.map { $0[out.csv.headers.firstIndex(of: "nps")!] } == ["100.0", "100.0", "n/a"])
    }
}

@Suite struct DepartmentReportTests {
    let out = DepartmentReport.build(Fixture.context(), Fixture.east)

    @Test func onlyTheDepartmentsProjectsAgainstTheCompany() {
        #expect(out.document.title == "Department visit report: East Office 2026Q2")
        let kpis = tables(out.document.section("KPIs"))
        #expect(kpis.map(\.headers) == [["Indicator", "East Office", "Company"], ["Counts", "East Office", "Company"]])
        #expect(tables(out.document.section("Projects")).first?.rows == [["a", "Alpha", "Zhao", "1", "80.0% (n=1)*", "1", "1"]])
    }

    @Test func overdueIssuesOnTheCountingDay() {
        let overdue = tables(out.document.section("Overdue issues (2026-06-30)"))
        #expect(overdue.first?.rows == [["i-0001", "a", "major", "2026-05-19", "Zhou", "export times out"]])
        // i-0001 came from the customer: a visit was due within three working days.
        #expect(tables(out.document.section("Overdue visits (2026-06-30)")).first?.rows == [["2026-05-15", "a", "customer request", "Zhao"]])
        // Sun's one visit scored 4 of 5 and its record is complete (no issue was raised in it).
        #expect(tables(out.document.section("Visitors")).first?.rows == [["Sun", "1", "4.00", "80.0% (n=1)*", "100.0% (1/1)*"]])
        #expect(paragraphs(out.document.section("Visitors")) == [RateCounts.note(Catalogue("en"))])
    }

    /// Each project's KPIs over its own records are those over the whole repository.
    @Test func projectKPIsOverTheirOwnRecordsAreTheSame() {
        let c = Fixture.context()
        for period in ["2026Q1", "2026Q2", "2026"] {
            var pc = c
            pc.period = Period(period)!
            let own = DepartmentReport.projectKPIs(pc, Fixture.records.projects)
            let whole = Fixture.records.projects.map { pc.kpis([$0.id]) }
            #expect(own.map { JSONValue.object(ReportJSON.scope($0)).render() } == whole.map { JSONValue.object(ReportJSON.scope($0)).render() })
            #expect(own.map(\.overdueVisits) == whole.map(\.overdueVisits) && own.map(\.countedOn) == whole.map(\.countedOn))
        }
        // A frozen plan counts for each project only its own planned visits.
        var planned = c
        planned.records.plans = [Plan(year: 2026, visits: [
            Plan.Item(project: ProjectID("a")!, due: Fixture.day("2026-05-05"), kind: .periodic),
            Plan.Item(project: ProjectID("b")!, due: Fixture.day("2026-06-05"), kind: .periodic),
        ], location: SourceLocation(path: "plans/2026.yaml"))]
        let own = DepartmentReport.projectKPIs(planned, Fixture.records.projects)
        #expect(own.map(\.frozenPlan) == [true, true])
        #expect(own.map(\.plannedProjects) == [1, 1])
        #expect(own.map(\.visitedPlannedProjects) == [1, 0])
        #expect(own.map { JSONValue.object(ReportJSON.scope($0)).render() }
            == Fixture.records.projects.map { JSONValue.object(ReportJSON.scope(planned.kpis([$0.id]))).render() })
    }

    @Test func overviewChartsNeedsAndRecommendations() {
        #expect(out.document.headings.first == "Overview")
        #expect(out.document.headings.last == "Recommendations")
        let overview = bullets(out.document.section("Overview"))
        #expect(overview.first == "In 2026Q2: visits 1; planned projects visited 1 of 1; issues raised 1, resolved 0.")
        #expect(overview.last == "Major issues this period (1): export times out (Alpha, open).")
        // The same charts as the summary: the trend, satisfaction by dimension, issues.
        let charts = out.document.blocks.compactMap { if case .chart(let c) = $0 { c } else { nil } }
        #expect(charts.map(\.title) == ["Trend against the previous four periods", "Satisfaction by dimension (Scale 5)", "Issues by category and severity"])
        #expect(charts[1].series.map(\.name) == ["East Office", "Company"])
        #expect(charts[2].series.map(\.name) == ["minor", "general", "major"])
        #expect(charts[2].series[2].values.first == 1)
        #expect(HTMLRenderer.render(out.document).split(separator: "<svg").count == 4)
        #expect(bullets(out.document.section("Customer needs (new requirements, opportunities)")) == ["more reports — Alpha 2026-05-10"])
        #expect(bullets(out.document.section("Recommendations")).contains("Issues past their deadline (1): escalate them as the policy says and keep the customers informed."))
        let sun = element(member(out.json, "visitors")!, 0)!
        #expect(keys(sun) == ["visitor", "visits", "mean_overall", "scored_visits", "satisfaction_index", "complete_records", "record_completeness"])
        #expect(member(sun, "satisfaction_index") == .number(0.8))
        #expect(member(sun, "complete_records") == .int(1))
    }

    @Test func jsonAndCSV() {
        #expect(member(out.json, "department", "id")?.render() == "\"east\"")
        #expect(member(out.json, "department", "head")?.render() == "\"Zhang\"")
        #expect(member(out.json, "counts", "overdue_issues")?.render() == "1")
        #expect(out.csv.rows.map { Array($0.prefix(3)) } == [["2026Q2", "east", "East Office"], ["2026Q2", "a", "Alpha"]])
    }
}

@Suite struct ProjectReportTests {
    let out = ProjectReport.build(Fixture.context(linkBase: "../"), Fixture.alpha)

    @Test func basicsVisitsQuotesAndEvidence() {
        #expect(out.document.title == "Project visit report: Alpha 2026Q2")
        let visits = out.document.section("Visits in the period (1)")
        #expect(tables(visits).first?.rows == [["2026-05-10", "periodic", "phone", "Sun", "4.0", "runs well"]])
        let quotes = visits.compactMap { if case .quote(let q, let s) = $0 { q + " / " + s } else { nil } }
        #expect(quotes == ["very stable / 2026-05-10 Wang"])
        let links = visits.flatMap { b -> [String] in if case .links(let l) = b { l.map { $0.text + " -> " + $0.href } } else { [] } }
        #expect(links == ["2026-05-10 v-a001: photo 1.jpg -> ../projects/a/visits/2026-05-10-v-a001/photo 1.jpg"])
    }

    @Test func openItemsAndSuggestions() {
        #expect(bullets(out.document.section("Open items (2026-06-30)")) == ["Visit (customer request), due 2026-05-15 (late)",
                                                                             "Visit (periodic), due 2026-08-10",
                                                                             "i-0001 export times out — Zhou, Deadline 2026-05-19 (late)"])
        #expect(bullets(out.document.section("Improvement suggestions")) == ["m-0001 faster export — Zheng, 2026-09-30, planned"])
        // Needs and competitor notes have their own sections, not the suggestions'.
        #expect(bullets(out.document.section("Customer needs (new requirements, opportunities)")) == ["more reports — 2026-05-10"])
        #expect(paragraphs(out.document.section("Competitor notes")) == ["No competitor notes recorded in this period's visits."])
        #expect(tables(out.document.section("Problems and their resolution")).first?.rows.map(\.[0]) == ["i-0001"])
    }

    @Test func jsonAndCSV() {
        #expect(member(out.json, "open_issues")?.render() == "[\"i-0001\"]")
        #expect(member(out.json, "improvements")?.render() == "[\"m-0001\"]")
        #expect(member(out.json, "project", "id")?.render() == "\"a\"")
        #expect(out.csv.rows.count == 1)
        #expect(out.csv.rows[0].last == "projects/a/visits/2026-05-10-v-a001/photo 1.jpg")
    }
}

@Suite struct VisitBriefTests {
    let doc = VisitBrief.make(Fixture.alpha, Fixture.records, today: Fixture.day("2026-08-01"), labels: Catalogue("en"))

    @Test func basicsOpenIssuesAndQuestions() {
        #expect(doc.title == "Visit brief: Alpha")
        #expect(doc.subtitle == "Customer A · 2026-08-01")
        #expect(bullets(doc.section("Project basics")) == ["Wang · manager"])
        let open = tables(doc.section("Open issues"))
        #expect(open.first?.rows.map { [$0[0], $0[1], $0[2], $0[4], $0[5]] } == [["i-0001", "major", "open", "Zhou", "export times out"]])
        #expect(tables(doc.section("Improvement measures for this customer")).first?.rows
            == [["m-0001", "planned", "2026-09-30", "Zheng", "faster export"]])
        let questions = bullets(doc.section("Questions to ask"))
        #expect(questions.count == 6)
        #expect(questions.last == "Ask the customer to confirm progress on the open issues: export times out (i-0001)")
    }
}

@Suite struct ListingTests {
    @Test func projectListingPerDepartment() {
        let all = ProjectListing.make(Fixture.records, department: nil, labels: Catalogue(.en))
        #expect(all.rows.map { $0[0].text } == ["a", "b"])
        let east = ProjectListing.make(Fixture.records, department: "east", labels: Catalogue(.en))
        // The table's columns first, then every other field a person entered (issue 18), appended.
        #expect(east.rows.map { $0.map(\.text) } == [["a", "Alpha", "Customer A", "east", "Zhao", "standard", "2026-01-10", "1", "2026-05-10", "1",
                                                      "Wang, manager", "", "", "", "v-a001", "i-0001"]])
        #expect(element(east.json, 0).map(keys) == ["id", "name", "customer", "department", "owner", "tier", "accepted", "visits", "last_visit", "open_issues",
                                                    "contacts", "tags", "retired", "retired_reason", "visit_ids", "issue_ids"])
        #expect(east.detailColumns == Set(10..<16))
        #expect(!east.table.contains("Wang, manager"))
        #expect(element(east.json, 0).flatMap { member($0, "last_visit") } == .string("2026-05-10"))
        #expect(element(east.json, 0).flatMap { member($0, "open_issues") } == .int(1))
        #expect(element(all.json, 1).flatMap { member($0, "visits") } == .int(0))
        #expect(element(all.json, 1).flatMap { member($0, "last_visit") } == .null)
        #expect(east.csv.hasPrefix("ID,Name,Customer,Dept,Owner,Project tier,Accepted,Visits,Last visit,Open issues,Contacts,Tags,Retired,Reason,Visit IDs,Issue IDs\r\n"))
        #expect(east.csv.contains(",standard,"), "the tier column keeps its code")
        let eastZh = ProjectListing.make(Fixture.records, department: "east", labels: Catalogue(.zh))
        #expect(eastZh.rows[0][5].text == "标准", "the table says the tier in words")
        #expect(eastZh.csv.hasPrefix("编号,名称,客户,部门,负责人,项目等级,验收,回访,最近回访,未结问题,联系人,"))
        #expect(eastZh.csv.contains(",standard,"), "the tier column keeps its code")
        #expect(ProjectListing.make(Fixture.records, department: "west", labels: Catalogue(.en)).table == "")
    }

    @Test func numberCellsShowDigitsAndGiveJSONRoundedToFour() {
        #expect(cell(2.25).0 == "2.3")
        #expect(cell(2.25, digits: 2).0 == "2.25")
        #expect(cell(1.0 / 3).1.render() == "0.3333")
        #expect(cell(nil as Double?).0 == "" && cell(nil as Double?).1.render() == "null")
    }
}

@Suite struct ReportKPITests {
    @Test func ratesArePercentagesAndNPSIsPoints() {
        let k = KPIEngine.compute(Fixture.records, schedule: Schedule(Fixture.records), period: Period("2026Q2")!,
                                  today: Fixture.day("2026-08-01"), projects: [ProjectID("b")!])
        let byKey = Dictionary(uniqueKeysWithValues: ReportKPI.all.map { ($0.key, $0) })
        #expect(byKey["issue_resolution_rate"]!.display(k, Catalogue(.en)) == "100.0%")
        #expect(byKey["issue_resolution_rate"]!.csv(k) == "1.0")
        // No value: the reader's word in text, the code "n/a" in CSV cells whatever the language.
        #expect(byKey["nps"]!.display(k, Catalogue(.en)) == "n/a")
        #expect(byKey["nps"]!.display(k, Catalogue(.zh)) == "无数据")
        #expect(byKey["nps"]!.csv(k) == "n/a")
        #expect(member(ReportJSON.kpis(k), "nps") == .null)
        #expect(ReportKPI.all.count == 7 && ReportCount.all.count == 9)
        #expect(Set(ReportKPI.all.map(\.key) + ReportCount.all.map(\.key)).allSatisfy { Catalogue("en").report($0) != $0 })
    }
}

@Suite struct CheckAndCalendarJSONTests {
    @Test func checkCountsErrorsAndWarnings() {
        let json = CheckJSON.make(files: 3, findings: [
            Finding(.error, path: "issues/i-0001.yaml", line: 4, column: 7, message: "bad date", hint: "write YYYY-MM-DD"),
            Finding(.warning, path: "huifang.yaml", message: "no calendar"),
        ])
        #expect(json == .object([
            ("files", .int(3)), ("errors", .int(1)), ("warnings", .int(1)),
            ("findings", .array([
                .object([("path", .string("issues/i-0001.yaml")), ("line", .int(4)), ("column", .int(7)), ("severity", .string("error")),
                         ("code", .null), ("message", .string("bad date")), ("hint", .string("write YYYY-MM-DD"))]),
                .object([("path", .string("huifang.yaml")), ("line", .int(1)), ("column", .int(1)), ("severity", .string("warning")),
                         ("code", .null), ("message", .string("no calendar")), ("hint", .null)]),
            ])),
        ]))
    }

    /// A finding with a code is said in the catalogue's language, its code kept for programs.
    @Test func checkSaysAFindingWithACodeInTheLanguage() {
        let f = Finding(.error, path: "projects/a/issues/i-0001.yaml", line: 5, column: 8, message: "unknown visit 'v-dead'",
                        hint: "name a visit of this project, or remove 'visit:'", code: .unknownVisit, values: ["visit": "v-dead"])
        let zh = CheckJSON.make(files: 1, findings: [f], catalogue: Catalogue(.zh))
        let en = CheckJSON.make(files: 1, findings: [f], catalogue: Catalogue(.en))
        func item(_ json: JSONValue) -> [(String, JSONValue)] {
            guard case .object(let top) = json, case .array(let items)? = top.first(where: { $0.0 == "findings" })?.1,
                  case .object(let pairs)? = items.first else { return [] }
            return pairs
        }
        #expect(item(zh).first { $0.0 == "code" }?.1 == .string("unknown-visit"))
        #expect(item(zh).first { $0.0 == "message" }?.1 == .string("未知回访 'v-dead'"))
        #expect(item(zh).first { $0.0 == "hint" }?.1 == .string("填写本项目的一次回访，或删除 'visit:'"))
        #expect(item(en).first { $0.0 == "message" }?.1 == .string(f.message))
        #expect(item(en).first { $0.0 == "hint" }?.1 == .string(f.hint!))
    }

    @Test func calendarYearSumsTheMonths() {
        let json = CalendarYearJSON.make(year: 2026, covered: true, files: ["calendars/cn.yaml"],
                                         days: [(Fixture.day("2026-10-01"), "holiday", "国庆节")], months: [("2026-01", 21), ("2026-02", 15)])
        #expect(member(json, "working_days")?.render() == "36")
        #expect(member(json, "days") == .array([.object([("date", .string("2026-10-01")), ("weekday", .string("thu")), ("kind", .string("holiday")),
                                                          ("name", .string("国庆节"))])]))
        #expect(keys(json) == ["year", "covered", "files", "days", "months", "working_days"])
    }
}

@Suite struct MoreListingTests {
    @Test func visitsNewestFirstOfAProjectInAPeriod() {
        let all = VisitListing.make(Fixture.records, project: nil, period: nil, labels: Catalogue(.en))
        #expect(all.rows.map { $0.map(\.text) } == [["2026-05-10", "v-a001", "a", "periodic", "phone", "Sun", "4.0", "9", "runs well",
                                                     "Wang", "", "", "4", "4", "4", "4", "", "very stable", "more reports", "", "i-0001",
                                                     "projects/a/visits/2026-05-10-v-a001/photo 1.jpg"]])
        #expect(all.columns.map(\.key).suffix(13) == ["contacts", "event", "operation", "score_quality", "score_delivery", "score_service", "score_support",
                                                     "overall_rating", "quotes", "needs", "competitors", "issues", "attachments"])
        #expect(element(all.json, 0).flatMap { member($0, "score_quality") } == .int(4))
        #expect(element(all.json, 0).flatMap { member($0, "quotes") } == .strings(["very stable"]))
        #expect(element(all.json, 0).flatMap { member($0, "overall") } == .number(4))
        #expect(VisitListing.make(Fixture.records, project: ProjectID("b")!, period: nil, labels: Catalogue(.en)).rows.isEmpty)
        #expect(VisitListing.make(Fixture.records, project: nil, period: Period("2026Q1")!, labels: Catalogue(.en)).rows.isEmpty)
    }

    @Test func agendaRowsSayTypeLatenessAndWho() {
        let entries = Agenda.entries(Fixture.records, schedule: Schedule(Fixture.records), today: Fixture.day("2026-05-20"), until: nil)
        let rows = AgendaListing.make(entries, labels: Catalogue(.en)).rows.map { $0.prefix(7).map(\.text) }
        #expect(rows.contains(["2026-05-19", "1 day late", "major issue", "a", "Zhou", "i-0001", "export times out"]))
        #expect(rows.contains { $0[2] == "customer request" && $0[0] == "2026-05-15" && $0[1] == "5 days late" && $0[5] == "" })
        let json = AgendaListing.make(entries, labels: Catalogue(.en)).json
        let issue = (0..<rows.count).compactMap { element(json, $0) }.first { member($0, "id") == .string("i-0001") }
        #expect(issue.flatMap { member($0, "days_overdue") } == .int(1))
    }

    @Test func timelineRowsKeepTheRecordsWords() {
        let listing = TimelineListing.make(Timeline.of(Fixture.alpha, in: Fixture.records, until: Fixture.day("2026-08-01")), labels: Catalogue(.en))
        #expect(listing.columns.map(\.key) == ["date", "kind", "id", "who", "detail", "subject"])
        #expect(listing.rows.contains { $0[1].text == "issue raised" && $0[1].json == .string("issue") && $0[2].text == "i-0001" && $0[5].text == "export times out" })
        #expect(listing.rows.contains { $0[1].text == "visit" && $0[2].text == "v-a001" && $0[3].text == "Sun" })
        #expect(listing.csv.contains(",issue,i-0001,"), "the CSV's kind column keeps the code")
    }
}
