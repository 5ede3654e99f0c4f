import ArgumentParser
import HuifangCore
import HuifangReport
import HuifangStore

/// `huifang report assessment`: the quarterly or annual assessment of the business departments
/// (policy §十; docs/KPIS.md, "Assessment").
extension ReportCommand {
    struct Assessment: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "assessment",
            abstract: "The assessment of the business departments for a quarter or a year: indicators against targets, scores, rank.",
            discussion: """
                Each indicator of huifang.yaml's assessment section (by default the four of policy section 10: \
                visit-plan completion, satisfaction index, issue resolution, visit report quality, a quarter of \
                the weight each) scores 100 at or better than its target, 0 at or worse than its floor, linearly \
                in between; the weighted total ranks the departments. --period 2026Q3 assesses a quarter; \
                --period 2026 shows the four quarters and the year's score, the mean of the quarters' totals. \
                Visit report quality combines record completeness with the score entered by 'huifang assess review'.
                """
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: ReportCommand.Options
        @OptionGroup var repositories: RepositorySetOptions

        func run() throws {
            if let entries = try repositories.resolve(global) {
                // Each repository is checked as the one-repository report checks it: a quarter or a year, an assessment section without errors.
                return try ReportCommand.rollup(entries, global, options, allowDuplicates: repositories.allowDuplicateProjects, closedPeriod: true,
                                                reduce: { c, source in
                                                    try Self.admit(c)
                                                    UnknownDepartments.warn(c.records, in: source)
                                                    Self.warnOfScope(c, in: source)
                                                    return RollupAssessmentPart.reduce(c)
                                                }) { parts, sources, period, today, L in
                    RollupReport.assessment(parts, sources: sources, period: period, today: today, L)
                }
            }
            try ReportCommand.run(global, options, closedPeriod: true, closedFigures: { $0.hasPrefix("assessment.") }) { c in
                try Self.admit(c)
                UnknownDepartments.warn(c.records)
                Self.warnOfScope(c)
                return AssessmentReport.build(c)
            }
        }

        /// What moves an assessment's figures off their plain reading (PeriodScopeWarnings): a
        /// project moved to another department since the period began, and a running quarter's
        /// planned business projects with no visit due yet. `source`: the repository of a roll-up.
        static func warnOfScope(_ c: ReportContext, in source: RollupSource? = nil) {
            DepartmentMoves.warn(c, department: nil, in: source)
            let business = Set(c.records.projects.filter { p in c.records.config.department(p.department)?.role == .business }.map(\.id))
            // A year is assessed quarter by quarter: the one still running is the one to say it of.
            var running = c
            if c.period.length == .year { running.period = Period.containing(c.today, length: .quarter) }
            if c.period.contains(c.today) { NotYetDue.warn(running, projects: business, in: source) }
        }

        /// The period must be a quarter or a year, and huifang.yaml's assessment section without errors.
        static func admit(_ c: ReportContext) throws {
            guard c.period.length == .quarter || c.period.length == .year else {
                throw CommandFailure.usage(Message("assess.err.period", ["period": c.period.label]),
                                           hint: Message("assess.err.period hint", ["quarter": "--period 2026Q3", "year": "--period 2026"]))
            }
            let a = c.records.config.assessment
            if a.problems > 0 {
                throw CommandFailure.data(Message("assess.err.config", ["n": String(a.problems), "file": "huifang.yaml", "section": "assessment"]),
                                          hint: Message("assess.err.config hint", ["command": "'huifang check'"]))
            }
        }
    }
}

/// `huifang assess`: what the project management department enters for the assessment.
struct AssessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess",
        abstract: "Enter what the assessment needs besides the records: the reviewed visit-report quality score.",
        subcommands: [Review.self]
    )

    @OptionGroup var global: GlobalOptions
}

extension AssessCommand {
    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "review",
            abstract: "Record the reviewed quality score (0-100) of a department's visit reports for a quarter: writes assessments/QUARTER-DEPT.yaml.",
            discussion: """
                Policy section 10 assesses the quality of each business department's visit reports (complete, accurate, \
                well analysed, feasible suggestions). 'report assessment' combines this score with the automatic \
                record completeness. Run again for the same department and quarter to change the score: the file \
                is updated in place (comments and other keys stay).
                """
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Department id (a business department of huifang.yaml).") var department: String
        @Option(help: "The quarter, e.g. 2026Q3.") var period: String
        @Option(help: "The score, a whole number from 0 to 100.") var score: Int
        @Option(help: "What the review found.") var note: String
        @Option(help: "Who reviewed (default: $HUIFANG_USER; left out when neither is given).") var by: String?

        func run() throws {
            let ctx = try CommandContext(global)
            let note = try optionText(note, "--note")
            let by = try optionText(by, "--by")
            let message = try ctx.update { r -> (files: [(String, [UInt8])], result: String) in
                let L = Catalogue(r.config.language)
                guard let p = Period(period), p.length == .quarter else {
                    throw CommandFailure.usage(Message("assess.err.quarter", ["option": "--period", "period": period]),
                                               hint: Message("assess.err.quarter hint", ["example": "--period 2026Q3"]))
                }
                // A review is of reports already written: a quarter that has not begun has none yet.
                guard p.start <= ctx.today else {
                    throw CommandFailure.usage(Message("assess.err.future", ["option": "--period", "period": p.label, "start": p.start.description,
                                                                             "today": ctx.today.description]),
                                               hint: Message("assess.err.future hint", ["current": Period.containing(ctx.today, length: .quarter).label]))
                }
                guard (0...100).contains(score) else {
                    throw CommandFailure.usage(Message("assess.err.score", ["option": "--score", "score": String(score)]), hint: Message("assess.err.score hint"))
                }
                guard let dept = r.config.department(department) else {
                    throw CommandFailure.usage(Message("assess.err.department", ["department": department]),
                                               hint: Message("assess.err.department hint", ["known": AssessmentReport.departments(r).map(\.department.id).joined(separator: ", ")]))
                }
                guard dept.role == .business else {
                    throw CommandFailure.usage(Message("assess.err.not business", ["department": dept.id, "role": dept.role.rawValue]),
                                               hint: Message("assess.err.department hint", ["known": AssessmentReport.departments(r).map(\.department.id).joined(separator: ", ")]))
                }
                let path = ctx.repository.assessmentFile(period: p.label, department: dept.id)
                let reviewer = by ?? recorder(nil, fallback: "")
                let review = AssessmentReview(period: p.label, department: dept.id, score: score, note: note, date: ctx.today,
                                              by: reviewer.isEmpty ? nil : reviewer, location: SourceLocation(path: path))
                if let old = r.assessments.first(where: { $0.location.path == path }) {
                    if old.score == score && old.note == note {
                        return ([], (L("assess.review.unchanged", ["department": dept.id, "period": p.label, "score": String(score), "file": path])))
                    }
                    let bytes = try RecordUpdate.assessmentReview(old, becomes: review, in: ctx.repository, config: r.config)
                    return ([(path, bytes)], (L("assess.review.updated", ["department": dept.id, "period": p.label, "score": String(score),
                                                                         "old": String(old.score), "file": path])))
                }
                if FileSystem.exists(ctx.repository.path(path)) {
                    // Present but not read as a review (e.g. an empty file): never overwritten blindly.
                    throw CommandFailure.data(Message("assess.err.exists", ["file": path]), hint: Message("assess.err.exists hint", ["command": "'huifang check'"]))
                }
                let text = RecordEncoder.assessmentReview(review.entered(ctx.today))
                try RecordVerifier.verify(text, as: .assessment(file: fileName(path)), path: path, config: r.config)
                return ([(path, Array(text.utf8))], (L("assess.review.written", ["department": dept.id, "period": p.label,
                                                                                "score": String(score), "file": path])))
            }
            Console.out(message + "\n")
        }
    }
}
