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

    public var errorCount: Int { findings.filter { $0.severity == .error }.count }
}

/// Reads a whole repository: readdir walk, whole-file reads, libyaml events, typed records,
/// files parsed in parallel on all cores and merged in path order, then the cross-record rules.
public enum RepositoryLoader {
    /// What a record file holds, known from where it lies.
    public enum Job: Sendable {
        case project(folder: String)
        case visit(project: ProjectID, file: String)
        case issue(project: ProjectID, file: String)
        case improvement(file: String)
        case event(file: String)
        case plan(file: String)
    }

    public enum Decoded: Sendable {
        case project(Project)
        case visit(Visit)
        case issue(Issue)
        case improvement(Improvement)
        case event(Event)
        case plan(Plan)
    }

    public struct Outcome: Sendable {
        var record: Decoded?
        var findings: [Finding]
    }

    public static func load(_ repo: Repository, threads: Int? = nil, useCache: Bool = true) -> LoadedRepository {
        var findings: [Finding] = []
        var stampParts: [[UInt8]] = [Array(HuifangStoreVersion.current.utf8)]

        // huifang.yaml first: the rest is read by its rules (scale, dimensions).
        var config = Config()
        var configFailed = false
        let (configNode, configFindings) = parse(repo, Repository.configFile, keep: &stampParts)
        findings += configFindings
        if configFindings.isEmpty {
            var d = RecordDecoder(path: Repository.configFile)
            if let c = d.config(configNode) { config = c } else { configFailed = true }
            findings += d.findings
        } else {
            configFailed = true
        }

        var calendar = WorkCalendar(weekend: config.weekend)
        for file in config.calendarFiles {
            guard isSafeRelativePath(file) else {
                findings.append(Finding(path: Repository.configFile, message: "calendar file '\(file)' is outside the repository",
                                        hint: "list paths relative to the repository root, such as calendars/cn.yaml"))
                continue
            }
            guard FileSystem.exists(repo.path(file)) else {
                findings.append(Finding(path: Repository.configFile, message: "calendar file '\(file)' does not exist",
                                        hint: "restore it, or remove it from calendar.files"))
                continue
            }
            let (node, f) = parse(repo, file, keep: &stampParts)
            findings += f
            var d = RecordDecoder(path: file)
            let days = d.calendar(node)
            findings += d.findings
            calendar.holidays.merge(days.holidays) { a, _ in a }
            calendar.workdays.merge(days.workdays) { a, _ in a }
        }
        calendar = WorkCalendar(weekend: config.weekend, holidays: calendar.holidays, workdays: calendar.workdays)

        PhaseTimer.mark("config and calendars")
        var jobs: [(String, Job)] = []
        findings += plan(repo, into: &jobs, threads: threads ?? defaultThreads())
        PhaseTimer.mark("directory walk (\(jobs.count) files)")

        let stamp = RecordCache.stamp(stampParts)
        let cache = useCache ? RecordCache.load(repo, stamp: stamp) : RecordCache()
        PhaseTimer.mark("cache index (\(cache.count) entries)")
        let results = run(jobs, repo: repo, config: config, threads: threads ?? defaultThreads(), cache: useCache ? cache : nil)
        PhaseTimer.mark("read and decode")
        let outcomes = results.map(\.outcome)
        if useCache, results.contains(where: { !$0.cached }) || cache.count != results.count {
            cache.save(repo, stamp: stamp, entries: zip(jobs, results).compactMap { job, result in
                guard let s = result.stamp, let payload = result.payload else { return nil }
                return (job.0, s, payload)
            })
        }
        PhaseTimer.mark("cache save")
        var records = Records(config: config, calendar: calendar)
        for outcome in outcomes {
            findings += outcome.findings
            switch outcome.record {
            case .project(let p)?: records.projects.append(p)
            case .visit(let v)?: records.visits.append(v)
            case .issue(let i)?: records.issues.append(i)
            case .improvement(let m)?: records.improvements.append(m)
            case .event(let e)?: records.events.append(e)
            case .plan(let p)?: records.plans.append(p)
            case nil: break
            }
        }
        // Files are read in path order, which is already (project, date, id) for visits whose
        // file names follow the rule; sort only when some do not.
        if !records.visits.isSortedByProjectDateAndID {
            records.visits.sort { ($0.project, $0.date, $0.id) < ($1.project, $1.date, $1.id) }
        }
        PhaseTimer.mark("merge")
        if !configFailed {
            findings += RecordCheck.run(records)
        }
        PhaseTimer.mark("cross-record rules")
        for issue in records.issues {
            if let file = issue.caseAnalysis, !isSafeRelativePath(file) || !FileSystem.exists(repo.path(file)) {
                findings.append(Finding(at: issue.location, message: "case analysis '\(file)' does not exist in the repository",
                                        hint: "write the file (a path relative to the repository root) or fix 'case_analysis'"))
            }
        }
        findings.sort()
        var loaded = LoadedRepository(repository: repo, records: records, findings: findings, configFailed: configFailed,
                                      fileCount: jobs.count + 1 + config.calendarFiles.count)
        loaded.cachedFiles = results.filter(\.cached).count
        return loaded
    }

    static func defaultThreads() -> Int {
        if let s = getenv("HUIFANG_THREADS"), let n = Int(String(cString: s)), n > 0 { return n }
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    /// A path that stays inside the repository: relative, no `..`, no empty parts.
    public static func isSafeRelativePath(_ p: String) -> Bool {
        !p.isEmpty && !p.hasPrefix("/") && !p.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == ".." || $0.isEmpty }
    }

    /// Reads and parses one file, keeping its bytes in `keep` (what the cache depends on).
    static func parse(_ repo: Repository, _ relative: String, keep: inout [[UInt8]]) -> (YAMLNode?, [Finding]) {
        let bytes = (try? FileSystem.read(repo.path(relative), limit: YAMLLimits.records.maxBytes)) ?? []
        keep.append(Array(relative.utf8))
        keep.append(bytes)
        return parse(repo, relative)
    }

    /// Reads and parses one file; a YAML error becomes a finding at its line and column.
    static func parse(_ repo: Repository, _ relative: String) -> (YAMLNode?, [Finding]) {
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(repo.path(relative), limit: YAMLLimits.records.maxBytes)
        } catch {
            return (nil, [Finding(path: relative, message: error.message,
                                  hint: error.message.contains("bytes") ? "records are small; split the file or remove what does not belong in it" : nil)])
        }
        do {
            return (try YAMLParser.parse(bytes), [])
        } catch {
            return (nil, [Finding(path: relative, line: error.mark.line, column: error.mark.column, message: error.message, hint: error.hint)])
        }
    }

    /// Lists what to read, and reports files that are not where records belong. Project
    /// folders are listed in parallel and merged in name order.
    static func plan(_ repo: Repository, into jobs: inout [(String, Job)], threads: Int = defaultThreads()) -> [Finding] {
        var findings: [Finding] = []
        var folders: [(name: String, id: ProjectID)] = []
        if let entries = FileSystem.list(repo.path("projects")) {
            for e in entries where !e.name.hasPrefix(".") {
                let folder = "projects/" + e.name
                if e.isSymlink, !insideRepository(repo, folder) {
                    findings.append(Finding(path: folder, message: "symbolic link points outside the repository",
                                            hint: "replace the link with the folder itself"))
                    continue
                }
                guard e.isDirectory else {
                    if e.name.hasSuffix(".yaml") {
                        findings.append(Finding(path: folder, message: "file in the wrong place: projects/ holds one folder per project",
                                                hint: "move it to projects/ID/project.yaml"))
                    }
                    continue
                }
                guard let pid = ProjectID(e.name) else {
                    findings.append(Finding(path: folder, message: "folder name '\(e.name)' is not a valid project id",
                                            hint: "project ids use \(ProjectID.expectedForm)"))
                    continue
                }
                folders.append((e.name, pid))
            }
        }
        // Small repositories are listed on this thread: starting threads would cost more.
        let list = folders
        for (j, f) in Parallel.map(list.count, threads: list.count < 64 ? 1 : threads, chunksPerThread: 8, {
            listProject(repo, list[$0].name, list[$0].id)
        }) {
            jobs += j
            findings += f
        }
        for f in yamlFiles(repo, "improvements", &findings) { jobs.append(("improvements/" + f, .improvement(file: f))) }
        for f in yamlFiles(repo, "events", &findings) { jobs.append(("events/" + f, .event(file: f))) }
        for f in yamlFiles(repo, "plans", &findings) { jobs.append(("plans/" + f, .plan(file: f))) }
        return findings
    }

    /// The record files of one project folder, and what lies where it should not.
    static func listProject(_ repo: Repository, _ name: String, _ pid: ProjectID) -> ([(String, Job)], [Finding]) {
        var jobs: [(String, Job)] = []
        var findings: [Finding] = []
        let folder = "projects/" + name
        let inner = FileSystem.list(repo.path(folder)) ?? []
        if inner.contains(where: { $0.name == "project.yaml" }) {
            jobs.append((folder + "/project.yaml", .project(folder: name)))
        } else {
            findings.append(Finding(path: folder, message: "project folder has no project.yaml",
                                    hint: "add it with 'huifang project add \(name) ...' or remove the folder"))
        }
        for f in inner where !f.name.hasPrefix(".") && !f.isDirectory && f.name != "project.yaml" && f.name.hasSuffix(".yaml") {
            findings.append(Finding(path: folder + "/" + f.name, message: "file in the wrong place",
                                    hint: "visits go to \(folder)/visits/, issues to \(folder)/issues/"))
        }
        for f in yamlFiles(repo, folder + "/visits", &findings) {
            jobs.append((folder + "/visits/" + f, .visit(project: pid, file: f)))
        }
        for f in yamlFiles(repo, folder + "/issues", &findings) {
            jobs.append((folder + "/issues/" + f, .issue(project: pid, file: f)))
        }
        return (jobs, findings)
    }

    /// The `.yaml` files of a record folder; folders, `.yml` files and links out are findings.
    static func yamlFiles(_ repo: Repository, _ folder: String, _ findings: inout [Finding]) -> [String] {
        guard let entries = FileSystem.list(repo.path(folder)) else { return [] }
        var out: [String] = []
        for e in entries where !e.name.hasPrefix(".") {
            let rel = folder + "/" + e.name
            if e.isSymlink, !insideRepository(repo, rel) {
                findings.append(Finding(path: rel, message: "symbolic link points outside the repository",
                                        hint: "replace the link with the file itself; huifang reads only files inside the repository"))
                continue
            }
            if e.isDirectory {
                findings.append(Finding(.warning, path: rel, message: "unexpected folder in \(folder)/", hint: "huifang ignores it"))
            } else if e.name.hasSuffix(".yaml") {
                out.append(e.name)
            } else if e.name.hasSuffix(".yml") {
                findings.append(Finding(path: rel, message: "record files end in .yaml, not .yml",
                                        hint: "rename it: git mv \(rel) \(rel.dropLast(4)).yaml"))
            }
        }
        return out
    }

    static func insideRepository(_ repo: Repository, _ relative: String) -> Bool {
        guard let real = FileSystem.realPath(repo.path(relative)) else { return false }
        return real == repo.root || real.hasPrefix(repo.root + "/")
    }

    struct Result: Sendable {
        var outcome: Outcome
        var stamp: RecordCache.Stamp?
        var cached: Bool
        /// What the next cache holds for the file (nil without a cache).
        var payload: RecordCache.Payload?
    }

    /// Decodes every job on `threads` threads (results in job order); with a cache, files whose
    /// stat data are unchanged are taken from it instead of being parsed, and the binary form
    /// of every freshly parsed file is made here, in parallel, for the next cache.
    static func run(_ jobs: [(String, Job)], repo: Repository, config: Config, threads: Int, cache: RecordCache?) -> [Result] {
        let entries = cache.map { $0.entries(for: jobs.map(\.0)) } ?? []
        return (cache?.bytes ?? []).withUnsafeBufferPointer { cacheBytes in
            nonisolated(unsafe) let cacheBytes = cacheBytes
            return Parallel.map(jobs.count, threads: threads) { i in
                let (path, job) = jobs[i]
                guard let cache else {
                    return Result(outcome: decode(path, job, repo: repo, config: config), stamp: nil, cached: false)
                }
                let stamp = RecordCache.Stamp.of(repo.path(path))
                if let stamp, let cached = cache.outcome(entries[i], path: path, stamp: stamp, bytes: cacheBytes) {
                    return Result(outcome: cached, stamp: stamp, cached: true, payload: .old(entries[i]))
                }
                let outcome = decode(path, job, repo: repo, config: config)
                return Result(outcome: outcome, stamp: stamp, cached: false,
                              payload: stamp == nil ? nil : .fresh(RecordCache.encode(outcome)))
            }
        }
    }

    static func decode(_ path: String, _ job: Job, repo: Repository, config: Config) -> Outcome {
        let (node, parseFindings) = parse(repo, path)
        if !parseFindings.isEmpty { return Outcome(record: nil, findings: parseFindings) }
        return decode(node, path, job, config: config)
    }

    static func decode(_ node: YAMLNode?, _ path: String, _ job: Job, config: Config) -> Outcome {
        var d = RecordDecoder(path: path)
        let record: Decoded?
        switch job {
        case .project(let folder): record = d.project(node, folder: folder).map(Decoded.project)
        case .visit(let p, let f): record = d.visit(node, project: p, fileName: f, config: config).map(Decoded.visit)
        case .issue(let p, let f): record = d.issue(node, project: p, fileName: f).map(Decoded.issue)
        case .improvement(let f): record = d.improvement(node, fileName: f).map(Decoded.improvement)
        case .event(let f): record = d.event(node, id: String(f.dropLast(5))).map(Decoded.event)
        case .plan(let f): record = d.plan(node, stem: String(f.dropLast(5))).map(Decoded.plan)
        }
        return Outcome(record: record, findings: d.findings)
    }
}

extension Array where Element == Visit {
    var isSortedByProjectDateAndID: Bool {
        guard count > 1 else { return true }
        for i in 1..<count {
            let a = self[i - 1]
            let b = self[i]
            if a.project != b.project {
                if !(a.project < b.project) { return false }
            } else if a.date != b.date {
                if a.date > b.date { return false }
            } else if !(a.id < b.id) {
                return false
            }
        }
        return true
    }
}
