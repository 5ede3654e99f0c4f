import Dispatch
import HuifangCore
import HuifangYAML

#if canImport(Glibc)
    import Glibc
#endif

/// What reading a repository gives: the records that decoded cleanly and every finding.
public struct LoadedRepository: Sendable {
    public var repository: Repository
    public var records: Records
    /// Per-file and cross-record findings, sorted by path and position.
    public var findings: [Finding]
    /// True when huifang.yaml itself could not be read; the records were read with defaults.
    public var configFailed: Bool
    public var fileCount: Int
    /// Record files taken from `.huifang/cache` instead of being parsed.
    public var cachedFiles = 0
    /// Errors in the calendar files of `calendar.files` (outside the repository, missing,
    /// invalid): the working days are unknown, and commands that count them refuse.
    public var calendarErrors: [Finding] = []

    public var errorCount: Int { findings.filter { $0.severity == .error }.count }

    /// The record files that could not be read: their records are not in `records`.
    public var unreadable: [UnreadableRecord] { records.unreadable }
}

/// What a command keeps referenced until the process exits instead of freeing it just before:
/// freeing 100,000 records one by one, and what reading them took (the file list, per-file
/// results, the open cache), costs tens of milliseconds and gains nothing. The one keep-alive
/// of the read path: `RepositoryLoader.load` puts here what it read when asked to
/// (`Options.keepUntilExit`). Used from the command's thread only.
public enum KeptUntilExit {
    nonisolated(unsafe) private static var keptBytes: [any Sendable] = []
    nonisolated(unsafe) private static var loaded: [LoadedRepository] = []
    /// A roll-up reads repositories on worker threads (and lets each go once reduced): the
    /// lists are changed and read under this lock.
    private static let lock = DispatchSemaphore(value: 1)

    /// The repositories read so far by this process, in the order they were read.
    public static var repositories: [LoadedRepository] {
        lock.wait()
        defer { lock.signal() }
        return loaded
    }

    static var held: [any Sendable] {
        lock.wait()
        defer { lock.signal() }
        return keptBytes
    }

    /// What a command made from the records (a report's document and schedule), kept with them.
    nonisolated(unsafe) private static var made: [any Sendable] = []

    /// Keeps `value` until the process exits: for what a command made from 100,000 records (a
    /// report's schedule, context and output), which would otherwise be freed piece by piece
    /// just before the process ends.
    public static func hold(_ value: some Sendable) {
        lock.wait()
        defer { lock.signal() }
        made.append(value)
    }

    static func keep(_ repository: LoadedRepository, with byproducts: some Sendable) {
        lock.wait()
        defer { lock.signal() }
        loaded.append(repository)
        keptBytes.append(byproducts)
    }

    /// Lets go of what was kept of the repository at `root` (a roll-up, once it has reduced it:
    /// memory then follows the largest repository, not the sum).
    public static func release(_ root: String) {
        lock.wait()
        defer { lock.signal() }
        while let i = loaded.firstIndex(where: { $0.repository.root == root }) {
            loaded.remove(at: i)
            keptBytes.remove(at: i)
        }
    }
}

/// Reads a whole repository: readdir walk, whole-file reads, libyaml events, typed records,
/// files parsed in parallel on all cores and merged in path order, then the cross-record rules.
public enum RepositoryLoader {
    /// How to read. `crossRecordRules: false` leaves out the rules between records (references,
    /// duplicate ids, contradicting states) and the case-analysis files: for commands that use
    /// the records and not the findings. `fastDecoding: false` (for tests) decodes every file
    /// through the tree. `keepUntilExit` (for commands) keeps what was read until the process
    /// exits (see `KeptUntilExit`). `threads` nil: `Parallel.defaultThreads`.
    public struct Options: Sendable {
        public var threads: Int?
        public var useCache: Bool
        public var crossRecordRules: Bool
        public var fastDecoding: Bool
        public var keepUntilExit: Bool
        /// The directory walk already made (by `SearchIndex.snapshot`), used instead of walking
        /// again; nil: the loader walks.
        public var walked: Walked?

        public init(threads: Int? = nil, useCache: Bool = true, crossRecordRules: Bool = true, fastDecoding: Bool = true,
                    keepUntilExit: Bool = false, walked: Walked? = nil) {
            self.threads = threads
            self.useCache = useCache
            self.crossRecordRules = crossRecordRules
            self.fastDecoding = fastDecoding
            self.keepUntilExit = keepUntilExit
            self.walked = walked
        }
    }

    /// What a directory walk (`plan`) found: the record files, with their stat data, and the
    /// walk's findings.
    public struct Walked: Sendable {
        let jobs: [(String, Job, RecordCache.Stamp?)]
        let findings: [Finding]
    }

    /// The kinds of record file.
    public enum Kind: Int, Sendable, CaseIterable {
        case project, visit, issue, improvement, event, plan, assessment, risk
    }

    /// What reading took besides the records, kept with them when the command asks
    /// (`Options.keepUntilExit`), else freed as `load` returns.
    struct Byproducts: Sendable {
        let jobs: [(String, Job, RecordCache.Stamp?)]
        let results: [Result]
        let cache: RecordCache
    }

    /// What a record file holds, known from where it lies.
    public enum Job: Sendable {
        case project(folder: String)
        case visit(project: ProjectID, file: String)
        case issue(project: ProjectID, file: String)
        case improvement(file: String)
        case event(file: String)
        case plan(file: String)
        /// `assessments/QUARTER-DEPT.yaml`: a reviewed score (`huifang assess review`).
        case assessment(file: String)
        /// `projects/ID/risks/RID.yaml`: a project risk (`huifang risk`).
        case risk(project: ProjectID, file: String)

        public var kind: Kind {
            switch self {
            case .project: .project
            case .visit: .visit
            case .issue: .issue
            case .improvement: .improvement
            case .event: .event
            case .plan: .plan
            case .assessment: .assessment
            case .risk: .risk
            }
        }
    }

    public enum Decoded: Sendable {
        case project(Project)
        case visit(Visit)
        case issue(Issue)
        case improvement(Improvement)
        case event(Event)
        case plan(Plan)
        case assessment(AssessmentReview)
        case risk(Risk)
    }

    public struct Outcome: Sendable {
        var record: Decoded?
        var findings: [Finding]
    }

    /// Reads `repo` as `options` say.
    public static func load(_ repo: Repository, _ options: Options = Options()) -> LoadedRepository {
        HeapTuning.prepareForBulkRead()
        let useCache = options.useCache, crossRecordRules = options.crossRecordRules
        let threads = options.threads ?? Parallel.defaultThreads
        var findings: [Finding] = []
        var stampParts: [[UInt8]] = [Array(HuifangStoreVersion.current.utf8)]

        // huifang.yaml first: the rest is read by its rules (scale, dimensions).
        var config = Config()
        var configFailed = false
        let (configNode, configFindings) = linkFinding(repo, Repository.configFile).map { (nil, [$0]) }
            ?? parse(repo, Repository.configFile, keep: &stampParts)
        findings += configFindings
        if configFindings.isEmpty {
            var d = RecordDecoder(path: Repository.configFile)
            if let c = d.config(configNode) { config = c } else { configFailed = true }
            findings += d.findings
        } else {
            configFailed = true
        }

        var calendar = WorkCalendar(weekend: config.weekend)
        var declaredYears = Set<Int>()
        var partialYears = Set<Int>()
        for file in config.calendarFiles {
            guard isSafeRelativePath(file) else {
                findings.append(Finding(path: Repository.configFile, message: "calendar file '\(file)' is outside the repository",
                                        hint: "list paths relative to the repository root, such as calendars/cn.yaml",
                                        code: .calendarOutside, values: ["file": file]))
                continue
            }
            guard FileSystem.exists(repo.path(file)) else {
                findings.append(Finding(path: Repository.configFile, message: "calendar file '\(file)' does not exist",
                                        hint: "restore it, or remove it from calendar.files", code: .calendarMissing, values: ["file": file]))
                continue
            }
            if let f = linkFinding(repo, file) {
                findings.append(f)
                continue
            }
            if let outside = repo.outsideFolder(of: file) {
                findings.append(Finding(path: file, message: "the folder of calendar file '\(file)' leads outside the repository (to \(outside)): not read",
                                        hint: "replace the link with the folder itself; huifang reads only files inside the repository"))
                continue
            }
            let (node, f) = parse(repo, file, keep: &stampParts)
            findings += f
            var d = RecordDecoder(path: file)
            let days = d.calendar(node)
            findings += d.findings
            calendar.holidays.merge(days.holidays) { a, _ in a }
            calendar.workdays.merge(days.workdays) { a, _ in a }
            declaredYears.formUnion(days.years)
            partialYears.formUnion(days.partial)
        }
        calendar = WorkCalendar(weekend: config.weekend, holidays: calendar.holidays, workdays: calendar.workdays,
                                declaredYears: declaredYears, partialYears: partialYears)
        let calendarErrors = findings.filter { $0.severity == .error && Self.concernsCalendar($0, config) }

        PhaseTimer.mark("config and calendars")
        let stamp = RecordCache.stamp(stampParts)
        let cache = useCache ? RecordCache.load(repo, stamp: stamp) : RecordCache()
        PhaseTimer.mark("cache index (\(cache.count) entries)")

        // Every record file is named relative to the open repository folder: the kernel walks the
        // root's path once, not once per file. With a cache to compare against, the walk takes
        // each file's stat data as it lists it.
        let base = FileSystem.openDirectory(repo.root)
        defer { if base >= 0 { close(base) } }
        let root = Root(repo: repo, fd: base)
        var jobs: [(String, Job, RecordCache.Stamp?)] = []
        let walkFindings: [Finding]
        if let walked = options.walked {
            jobs = walked.jobs
            walkFindings = walked.findings
        } else {
            walkFindings = plan(root, into: &jobs, threads: threads, statFiles: cache.count > 0)
        }
        findings += walkFindings
        PhaseTimer.mark(options.walked == nil ? "directory walk (\(jobs.count) files)" : "directory walk: the search index's (\(jobs.count) files)")
        // Visits and issues are decoded straight into the storage of their final arrays.
        let counts = RecordSlots.Counts(jobs)
        let (visits, issues, (slots, results, payloads)) = RecordSlots.Slots.inPlace(counts[.visit], counts[.issue]) { visits, issues in
            let slots = RecordSlots(jobs, visits: visits, issues: issues)
            let (results, payloads) = run(jobs, root: root, config: config, threads: threads,
                                          cache: useCache ? cache : nil, fastDecoding: options.fastDecoding, into: slots)
            return (slots, results, payloads)
        }
        PhaseTimer.mark("read and decode")
        // The worker threads placed each record in its slot; the findings, and what the next
        // cache holds, are collected here, and the cache is written on another thread while
        // the command goes on.
        var records = Records(config: config, calendar: calendar)
        records.visits = visits
        records.issues = issues
        slots.take(into: &records)
        records.setWithdrawnIssuesApart()
        var cachedFiles = 0
        var unreadable = unreadableEntries(walkFindings)
        for k in results.indices {
            let result = results[k]
            if result.cached { cachedFiles += 1 }
            if !result.findings.isEmpty {
                findings += result.findings
                // A file with an error gave no record (the decoders return none then).
                let errors = result.findings.filter { $0.severity == .error }
                if !errors.isEmpty { unreadable.append(UnreadableRecord(path: jobs[k].0, problems: errors)) }
            }
        }
        records.unreadable = unreadable.sorted { $0.path < $1.path }
        if useCache, cachedFiles != results.count || cache.count != results.count {
            var saved: [RecordCache.Entry] = []
            saved.reserveCapacity(results.count)
            for k in results.indices {
                if let s = results[k].stamp, let payload = results[k].payload {
                    saved.append(RecordCache.Entry(path: jobs[k].0, stamp: s, payload: payload))
                }
            }
            cache.saveInBackground(repo, stamp: stamp, entries: saved, payloads: payloads)
        }
        // Files are read in path order, which is already (project, date, id) for visits whose
        // file names follow the rule; sort only when some do not.
        if !records.visits.isSortedByProjectDateAndID {
            records.visits.sort { ($0.project, $0.date, $0.id) < ($1.project, $1.date, $1.id) }
        }
        var knownIDs = RecordCheck.KnownIDs()
        let duplicates = leaveOutDuplicateIDs(&records, tables: &knownIDs, threads: threads)
        if !duplicates.isEmpty {
            findings += duplicates.map(\.first)
            records.unreadable = (records.unreadable + duplicates).sorted { $0.path < $1.path }
        }
        PhaseTimer.mark("merge")
        // After the cache and the decoders, which keep each file's own content.
        records.deriveVisitIssues()
        PhaseTimer.mark("visits' issues derived")
        if !configFailed, crossRecordRules {
            findings += RecordCheck.run(records, threads: threads, known: knownIDs)
        }
        PhaseTimer.mark("cross-record rules")
        for issue in records.issues where crossRecordRules {
            if let file = issue.caseAnalysis, !isSafeRelativePath(file) || !FileSystem.exists(repo.path(file)) {
                findings.append(Finding(at: issue.location, message: "case analysis '\(file)' does not exist in the repository",
                                        hint: "write the file (a path relative to the repository root) or fix 'case_analysis'"))
            }
        }
        for visit in records.visits where crossRecordRules && !visit.attachments.isEmpty {
            for name in visit.attachments where !FileSystem.exists(repo.path(visit.attachmentPath(name))) {
                findings.append(Finding(at: visit.attachmentsAt.in(visit.location.path),
                                        message: "attachment '\(name)' is missing from \(visit.attachmentFolder)/",
                                        hint: "restore the file (git checkout, git lfs pull) or remove it from 'attachments'"))
            }
        }
        findings.sort()
        PhaseTimer.mark("case analyses, attachments, findings sorted")
        var loaded = LoadedRepository(repository: repo, records: records, findings: findings, configFailed: configFailed,
                                      fileCount: jobs.count + 1 + config.calendarFiles.count)
        loaded.cachedFiles = cachedFiles
        loaded.calendarErrors = calendarErrors
        if options.keepUntilExit { KeptUntilExit.keep(loaded, with: Byproducts(jobs: jobs, results: results, cache: cache)) }
        return loaded
    }

    /// What the walk left out: each file or folder with an error of the walk (a link out of
    /// the repository, a `.yml` file, a file in the wrong place, a project folder without
    /// project.yaml or with a name that is no id). Warnings (a stray folder) leave out nothing.
    static func unreadableEntries(_ walkFindings: [Finding]) -> [UnreadableRecord] {
        var byPath: [String: [Finding]] = [:]
        var order: [String] = []
        for f in walkFindings where f.severity == .error {
            if byPath[f.path] == nil { order.append(f.path) }
            byPath[f.path, default: []].append(f)
        }
        return order.map { UnreadableRecord(path: $0, problems: byPath[$0]!) }
    }

    /// A finding that makes the working days unknown: a calendar file of `calendar.files` that
    /// is outside the repository, missing or invalid.
    static func concernsCalendar(_ f: Finding, _ config: Config) -> Bool {
        config.calendarFiles.contains(f.path) || (f.path == Repository.configFile && f.message.hasPrefix("calendar file '"))
    }

    /// A path that stays inside the repository: relative, no `..`, no empty parts.
    public static func isSafeRelativePath(_ p: String) -> Bool {
        !p.isEmpty && !p.hasPrefix("/") && !p.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == ".." || $0.isEmpty }
    }

}
