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

    /// What reading took besides the records (the file list, per-file results, the mapped
    /// cache): freed with the loaded repository, which a command keeps until it exits.
    var workingSet: WorkingSet?
}

/// See `LoadedRepository.workingSet`.
final class WorkingSet: Sendable {
    let jobs: [(String, RepositoryLoader.Job, FileSystem.Stamp?)]
    let results: [RepositoryLoader.Result]
    let cache: RecordCache

    init(jobs: [(String, RepositoryLoader.Job, FileSystem.Stamp?)], results: [RepositoryLoader.Result], cache: RecordCache) {
        self.jobs = jobs
        self.results = results
        self.cache = cache
    }
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

    /// `crossRecordRules: false` leaves out the rules between records (references, duplicate
    /// ids, contradicting states) and the case-analysis files: for commands that use the
    /// records and not the findings. `fastDecoding: false` (for tests) decodes every file
    /// through the tree.
    public static func load(_ repo: Repository, threads: Int? = nil, useCache: Bool = true, crossRecordRules: Bool = true,
                            fastDecoding: Bool = true) -> LoadedRepository {
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
        }
        calendar = WorkCalendar(weekend: config.weekend, holidays: calendar.holidays, workdays: calendar.workdays,
                                declaredYears: declaredYears)
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
        let walkFindings = plan(root, into: &jobs, threads: threads ?? Parallel.defaultThreads, statFiles: cache.count > 0)
        findings += walkFindings
        PhaseTimer.mark("directory walk (\(jobs.count) files)")
        // Visits and issues are decoded straight into the storage of their final arrays.
        let counts = RecordSlots.counts(jobs.lazy.map(\.1))
        let (visits, issues, (slots, results, payloads)) = RecordSlots.Slots.inPlace(counts[1], counts[2]) { visits, issues in
            let slots = RecordSlots(jobs.lazy.map(\.1), visits: visits, issues: issues)
            let (results, payloads) = run(jobs, root: root, config: config, threads: threads ?? Parallel.defaultThreads,
                                          cache: useCache ? cache : nil, fastDecoding: fastDecoding, into: slots)
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
        let duplicates = leaveOutDuplicateIDs(&records)
        if !duplicates.isEmpty {
            findings += duplicates.map(\.first)
            records.unreadable = (records.unreadable + duplicates).sorted { $0.path < $1.path }
        }
        PhaseTimer.mark("merge")
        // After the cache and the decoders, which keep each file's own content.
        records.deriveVisitIssues()
        PhaseTimer.mark("visits' issues derived")
        if !configFailed, crossRecordRules {
            findings += RecordCheck.run(records)
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
        loaded.workingSet = WorkingSet(jobs: jobs, results: results, cache: cache)
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

    /// Reads and parses one file, keeping its bytes in `keep` (what the cache depends on).
    static func parse(_ repo: Repository, _ relative: String, keep: inout [[UInt8]]) -> (YAMLNode?, [Finding]) {
        let bytes = (try? FileSystem.read(repo.path(relative), limit: YAMLLimits.records.maxBytes)) ?? []
        keep.append(Array(relative.utf8))
        keep.append(bytes)
        return parse(repo, relative)
    }

    /// Reads and parses one file; a YAML error becomes a finding at its line and column.
    static func parse(_ repo: Repository, _ relative: String) -> (YAMLNode?, [Finding]) {
        var st = stat()
        return parse(repo, relative, base: AT_FDCWD, stat: &st)
    }

    /// Reads and parses one file, leaving the open file's stat data in `st` (zero when the
    /// file could not be opened).
    static func parse(_ repo: Repository, _ relative: String, base: Int32, stat st: inout stat) -> (YAMLNode?, [Finding]) {
        let (bytes, failure) = read(repo, relative, base: base, stat: &st)
        if let failure { return (nil, [failure]) }
        return parse(bytes, relative)
    }

    /// A whole record file, or the finding that says why it cannot be read.
    static func read(_ repo: Repository, _ relative: String, base: Int32, stat st: inout stat) -> ([UInt8], Finding?) {
        do {
            let path = base == AT_FDCWD || base < 0 ? repo.path(relative) : relative
            return (try FileSystem.read(path, relativeTo: base < 0 ? AT_FDCWD : base, limit: YAMLLimits.records.maxBytes, stat: &st), nil)
        } catch {
            let notRegular = error.message.hasSuffix("not a regular file")
            return ([], Finding(path: relative, message: error.message,
                                hint: notRegular ? "remove it (rm \(relative)); a record is a regular file"
                                    : error.message.contains("bytes") ? "records are small; split the file or remove what does not belong in it" : nil))
        }
    }

    /// Parses a record file's bytes; a YAML error becomes a finding at its line and column.
    static func parse(_ bytes: [UInt8], _ relative: String) -> (YAMLNode?, [Finding]) {
        do {
            return (try YAMLParser.parse(bytes), [])
        } catch {
            return (nil, [Finding(path: relative, line: error.mark.line, column: error.mark.column, message: error.message, hint: error.hint)])
        }
    }

    /// Lists what to read, and reports files that are not where records belong. Project
    /// folders are listed in parallel and merged in name order.
    static func plan(_ root: Root, into jobs: inout [(String, Job, RecordCache.Stamp?)], threads: Int = Parallel.defaultThreads,
                     statFiles: Bool = false) -> [Finding] {
        var findings: [Finding] = []
        var folders: [(name: String, id: ProjectID)] = []
        let repo = root.repo
        // The record folders may be links themselves; one that leads out is not read through.
        var away: Set<String> = []
        for top in ["projects", "improvements", "events", "plans"] {
            if let f = linkFinding(repo, top, folder: true) {
                findings.append(f)
                away.insert(top)
            } else if FileSystem.exists(repo.path(top)), !FileSystem.isDirectory(repo.path(top)) {
                findings.append(Finding(path: top, message: "\(top) is not a folder: its records cannot be read",
                                        hint: "make \(top) a folder holding the records"))
                away.insert(top)
            }
        }
        if !away.contains("projects"), let entries = root.list("projects") {
            for e in entries where !e.name.hasPrefix(".") {
                let folder = "projects/" + e.name
                if !e.isUTF8Name {
                    findings.append(notUTF8(folder))
                    continue
                }
                if e.isSymlink, let f = linkFinding(repo, folder, folder: true) {
                    findings.append(f)
                    continue
                }
                if let special = e.special {
                    findings.append(specialFinding(folder, special, read: false))
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
        // Small repositories are listed on this thread: starting threads would cost more. Each
        // chunk opens the repository folder for itself (see `run`).
        let list = folders
        let chunks = Parallel.mapChunks(list.count, threads: list.count < 64 ? 1 : threads, chunksPerThread: 8) { range, _ in
            let own = list.count < 64 ? -1 : FileSystem.openDirectory(root.repo.root)
            defer { if own >= 0 { close(own) } }
            let root = own >= 0 ? Root(repo: root.repo, fd: own) : root
            return range.map { listProject(root, list[$0].name, list[$0].id, statFiles: statFiles) }
        }
        for chunk in chunks {
            for (j, f) in chunk {
                jobs += j
                findings += f
            }
        }
        for f in away.contains("improvements") ? [] : yamlFiles(root, "improvements", &findings, statFiles: statFiles) {
            jobs.append(("improvements/" + f.name, .improvement(file: f.name), f.stamp))
        }
        for f in away.contains("events") ? [] : yamlFiles(root, "events", &findings, statFiles: statFiles) {
            jobs.append(("events/" + f.name, .event(file: f.name), f.stamp))
        }
        for f in away.contains("plans") ? [] : yamlFiles(root, "plans", &findings, statFiles: statFiles) {
            jobs.append(("plans/" + f.name, .plan(file: f.name), f.stamp))
        }
        return findings
    }

    /// The record files of one project folder, and what lies where it should not.
    static func listProject(_ root: Root, _ name: String, _ pid: ProjectID, statFiles: Bool = false)
        -> ([(String, Job, RecordCache.Stamp?)], [Finding])
    {
        var jobs: [(String, Job, RecordCache.Stamp?)] = []
        var findings: [Finding] = []
        let folder = "projects/" + name
        let inner = root.list(folder, statFiles: statFiles) ?? []
        // visits/ and issues/ may be links; one that leads out (or is not a folder) is not read.
        var away: Set<String> = []
        for e in inner where e.name == "visits" || e.name == "issues" {
            let rel = folder + "/" + e.name
            if e.isSymlink, let f = linkFinding(root.repo, rel, folder: true) {
                findings.append(f)
                away.insert(e.name)
            } else if !e.isDirectory {
                findings.append(Finding(path: rel, message: "\(e.name) is not a folder: its records cannot be read",
                                        hint: "make \(rel) a folder holding one .yaml file per record"))
                away.insert(e.name)
            }
        }
        if let p = inner.first(where: { $0.name == "project.yaml" }) {
            let rel = folder + "/project.yaml"
            if p.isSymlink, let f = linkFinding(root.repo, rel) {
                findings.append(f)
            } else if let special = p.special {
                findings.append(specialFinding(rel, special, read: true))
            } else {
                jobs.append((rel, .project(folder: name), p.status))
            }
        } else {
            findings.append(Finding(path: folder, message: "project folder has no project.yaml",
                                    hint: "write it with 'huifang project add \(name) --name ... --customer ... --department ... --owner ... --tier ...' "
                                        + "(the folder's visits and issues stay), or remove the folder"))
        }
        for f in inner where !f.isUTF8Name { findings.append(notUTF8(folder + "/" + f.name)) }
        for f in inner where f.isUTF8Name && !f.name.hasPrefix(".") && !f.isDirectory && f.name != "project.yaml" && f.name.hasSuffix(".yaml") {
            findings.append(Finding(path: folder + "/" + f.name, message: "file in the wrong place",
                                    hint: "visits go to \(folder)/visits/, issues to \(folder)/issues/"))
        }
        for f in away.contains("visits") ? [] : yamlFiles(root, folder + "/visits", &findings, statFiles: statFiles) {
            jobs.append((folder + "/visits/" + f.name, .visit(project: pid, file: f.name), f.stamp))
        }
        for f in away.contains("issues") ? [] : yamlFiles(root, folder + "/issues", &findings, statFiles: statFiles) {
            jobs.append((folder + "/issues/" + f.name, .issue(project: pid, file: f.name), f.stamp))
        }
        return (jobs, findings)
    }

    /// The `.yaml` files of a record folder; folders, `.yml` files and links out are findings.
    static func yamlFiles(_ root: Root, _ folder: String, _ findings: inout [Finding], statFiles: Bool = false)
        -> [(name: String, stamp: RecordCache.Stamp?)]
    {
        let repo = root.repo
        guard let entries = root.list(folder, statFiles: statFiles) else { return [] }
        var out: [(name: String, stamp: RecordCache.Stamp?)] = []
        for e in entries where !e.name.hasPrefix(".") {
            let rel = folder + "/" + e.name
            if !e.isUTF8Name {
                findings.append(notUTF8(rel))
                continue
            }
            if e.isSymlink, let f = linkFinding(repo, rel, folder: e.isDirectory) {
                findings.append(f)
                continue
            }
            if let special = e.special {
                findings.append(specialFinding(rel, special, read: e.name.hasSuffix(".yaml")))
                continue
            }
            if e.isDirectory {
                // A visit's attachments live in a folder named like its record (visit attach).
                if folder.hasSuffix("/visits"), entries.contains(where: { !$0.isDirectory && $0.name == e.name + ".yaml" }) { continue }
                // A record moved into a subfolder would drop out of every answer: an error.
                let inside = (root.list(rel) ?? []).filter { !$0.isDirectory && Self.looksLikeRecord($0.name) }
                if let first = inside.first {
                    findings.append(Finding(path: rel, message: "folder in \(folder)/ holds record files (\(first.name)\(inside.count > 1 ? ", ..." : "")) that huifang does not read",
                                            hint: "move them up into \(folder)/ (records are not read from subfolders), or move the folder out"))
                } else {
                    findings.append(Finding(.warning, path: rel, message: "unexpected folder in \(folder)/", hint: "huifang ignores it"))
                }
            } else if e.name.hasSuffix(".yaml") {
                out.append((e.name, e.status))
            } else if e.name.hasSuffix(".yml") {
                findings.append(Finding(path: rel, message: "record files end in .yaml, not .yml",
                                        hint: "rename it: git mv \(rel) \(rel.dropLast(4)).yaml"))
            } else {
                // Every file here is a record: one under another name (.YAML, no extension, a
                // backup or merge copy) would drop out of every answer without a word.
                findings.append(Finding(path: rel, message: "not a record file: every file in \(folder)/ is read as a record, and records are named NAME.yaml",
                                        hint: Self.looksLikeRecord(e.name)
                                            ? "rename it so that it ends in .yaml (lower case)"
                                            : "rename it to NAME.yaml if it is a record, else move it out of \(folder)/ (a backup or merge copy: compare and delete it)"))
            }
        }
        return out
    }

    /// A name that a record file might have been saved under: `.yaml` or `.yml` in any case.
    static func looksLikeRecord(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".yaml") || lower.hasSuffix(".yml")
    }

    /// A file or folder whose name is not UTF-8 (shown with its bytes escaped): huifang names
    /// every record by its path, so it cannot read or name this one.
    static func notUTF8(_ relative: String) -> Finding {
        Finding(path: relative, message: "the name is not UTF-8 (bytes shown as \\xNN); huifang cannot read or name this file",
                hint: "rename it to a UTF-8 name, e.g. with the shell: mv $'\(relative)' NEW-NAME")
    }

    static func insideRepository(_ repo: Repository, _ relative: String) -> Bool {
        guard let real = FileSystem.realPath(repo.path(relative)) else { return false }
        return real == repo.root || real.hasPrefix(repo.root + "/")
    }

    /// When `relative` is a symbolic link that leads out of the repository, or is broken: the
    /// finding that says where it points and what to do (nothing is read through it). Nil for
    /// anything else, a link that stays inside included (it is followed). One lstat when the
    /// walk does not already know (a link found by the walk costs one realpath more).
    static func linkFinding(_ repo: Repository, _ relative: String, folder: Bool = false) -> Finding? {
        let path = repo.path(relative)
        var st = stat()
        guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK else { return nil }
        guard let real = FileSystem.realPath(path) else {
            return Finding(path: relative, message: "broken symbolic link (to \(FileSystem.linkTarget(path) ?? "?")): not read",
                           hint: "remove the link, or restore what it points to inside the repository")
        }
        if real == repo.root || real.hasPrefix(repo.root + "/") { return nil }
        return Finding(path: relative, message: "symbolic link points outside the repository (to \(real)): not read",
                       hint: folder ? "replace the link with the folder itself: huifang reads and writes only inside the repository"
                           : "replace the link with the file itself: huifang reads only files inside the repository")
    }

    /// The finding for an entry that is neither a folder nor a regular file: it is never opened
    /// (a FIFO would block the reader). An error where a record was expected, else a warning.
    static func specialFinding(_ relative: String, _ special: FileSystem.Special, read: Bool) -> Finding {
        read
            ? Finding(path: relative, message: "\(special), not a regular file: not read",
                      hint: "remove it (rm \(relative)) and put the record there as a regular file")
            : Finding(.warning, path: relative, message: "\(special) in a record folder", hint: "huifang ignores it; remove it (rm \(relative))")
    }

    /// What reading one file gave besides its record (which went to its slot).
    struct Result: Sendable {
        var findings: [Finding]
        var stamp: RecordCache.Stamp?
        var cached: Bool
        /// What the next cache holds for the file (nil without a cache).
        var payload: RecordCache.Payload?
    }

    /// Decodes every job on `threads` threads (results in job order); with a cache, files whose
    /// stat data are unchanged are taken from it instead of being parsed, and the binary form
    /// of every freshly parsed file is written here, in parallel, into one buffer per chunk of
    /// jobs (`payloads`) for the next cache.
    static func run(_ jobs: [(String, Job, RecordCache.Stamp?)], root: Root, config: Config, threads: Int, cache: RecordCache?,
                    fastDecoding: Bool, into slots: RecordSlots) -> (results: [Result], payloads: [[UInt8]]) {
        let entries = cache.map { $0.entries(for: jobs.map(\.0)) } ?? []
        // Results go straight to their place in one array; each chunk returns its payloads.
        var payloads: [[UInt8]] = []
        let results = [Result](unsafeUninitializedCapacity: jobs.count) { buffer, initialized in
            nonisolated(unsafe) let buffer = buffer
            payloads = Parallel.mapChunks(jobs.count, threads: threads) { range, chunk in
                runChunk(range, chunk, jobs, root: root, config: config, cache: cache, entries: entries, fastDecoding: fastDecoding,
                         into: slots, results: buffer)
            }
            initialized = jobs.count
        }
        return (results, payloads)
    }

    /// The jobs of one chunk: their results initialized in `results`, their records put in their
    /// slots; returns the chunk's fresh cache payloads.
    static func runChunk(_ range: Range<Int>, _ chunk: Int, _ jobs: [(String, Job, RecordCache.Stamp?)], root: Root, config: Config,
                         cache: RecordCache?, entries: [Int], fastDecoding: Bool, into slots: RecordSlots,
                         results: UnsafeMutableBufferPointer<Result>) -> [UInt8] {
        // Each chunk opens the repository folder for itself: threads that share one open folder
        // contend for its reference count in the kernel on every openat.
        let own = FileSystem.openDirectory(root.repo.root)
        defer { if own >= 0 { close(own) } }
        let root = own >= 0 ? Root(repo: root.repo, fd: own) : root
        var payloads = BinaryWriter(capacity: 0)
        // The cached payloads of the next files (up to 2,048), read at once: they lie side by
        // side in the file. A small buffer, freed and taken again, costs fewer page faults
        // than one large one.
        var span = RecordCache.Span.empty
        var spanEnd = range.lowerBound
        for i in range {
            if let cache, i >= spanEnd {
                spanEnd = min(range.upperBound, i + 2048)
                span = .empty
                span = cache.span(entries[i..<spanEnd])
            }
            let (path, job, listed) = jobs[i]
            guard let cache else {
                var st = stat()
                let outcome = decode(path, job, root: root, config: config, fastDecoding: fastDecoding, stat: &st)
                (results.baseAddress! + i).initialize(to: Result(findings: outcome.findings, stamp: nil, cached: false))
                slots.put(outcome.record, job: i)
                continue
            }
            // A file the cache does not know is read at once: the stamp comes from fstat on the
            // open file (one path lookup instead of two).
            let entry = entries[i]
            if entry >= 0, let stamp = listed ?? root.stamp(path),
                let cached = cache.outcome(entry, path: path, stamp: stamp, span: span)
            {
                (results.baseAddress! + i).initialize(to: Result(findings: cached.findings, stamp: stamp, cached: true, payload: .old(entry)))
                slots.put(cached.record, job: i)
                continue
            }
            var st = stat()
            let outcome = decode(path, job, root: root, config: config, fastDecoding: fastDecoding, stat: &st)
            let stamp = st.st_ino == 0 ? nil : RecordCache.Stamp(st)
            var payload: RecordCache.Payload?
            if stamp != nil {
                if payloads.bytes.capacity == 0 { payloads.bytes.reserveCapacity((range.upperBound - i) * 192) }
                let start = payloads.bytes.count
                RecordCoding.write(&payloads, outcome)
                let checksum = payloads.bytes.withUnsafeBufferPointer { RecordCache.checksum(UnsafeBufferPointer(rebasing: $0[start...])) }
                payload = .fresh(chunk: chunk, start: start, count: payloads.bytes.count - start, checksum: checksum)
            }
            (results.baseAddress! + i).initialize(to: Result(findings: outcome.findings, stamp: stamp, cached: false, payload: payload))
            slots.put(outcome.record, job: i)
        }
        return payloads.bytes
    }

    static func decode(_ path: String, _ job: Job, root: Root, config: Config, fastDecoding: Bool = true, stat st: inout stat) -> Outcome {
        let (bytes, failure) = read(root.repo, path, base: root.fd, stat: &st)
        if let failure { return Outcome(record: nil, findings: [failure]) }
        // Visits and issues straight from libyaml's events when they are well formed; anything
        // else (and every file with a problem) through the tree, which explains problems.
        if fastDecoding, !YAMLParser.containsConflictMarker(bytes) {
            let fast: Decoded? = bytes.withUnsafeBufferPointer { buffer in
                switch job {
                case .visit(let p, let f):
                    return FastRecordDecoder.visit(buffer, path: path, project: p, fileName: f, config: config).map(Decoded.visit)
                case .issue(let p, let f):
                    return FastRecordDecoder.issue(buffer, path: path, project: p, fileName: f).map(Decoded.issue)
                default:
                    return nil
                }
            }
            if let fast { return Outcome(record: fast, findings: []) }
        }
        let (node, parseFindings) = parse(bytes, path)
        if !parseFindings.isEmpty { return Outcome(record: nil, findings: parseFindings) }
        return decode(node, path, job, config: config)
    }

    /// The repository with its folder open: record paths are taken relative to `fd`.
    struct Root: Sendable {
        let repo: Repository
        /// The open repository folder, or AT_FDCWD (then paths are made absolute).
        let fd: Int32

        func relative(_ path: String) -> String { fd == AT_FDCWD || fd < 0 ? repo.path(path) : path }

        func list(_ folder: String, statFiles: Bool = false) -> [FileSystem.Entry]? {
            FileSystem.list(relative(folder), relativeTo: fd < 0 ? AT_FDCWD : fd, statFiles: statFiles)
        }

        func stamp(_ path: String) -> RecordCache.Stamp? {
            var st = stat()
            return fstatat(fd < 0 ? AT_FDCWD : fd, relative(path), &st, 0) == 0 ? RecordCache.Stamp(st) : nil
        }
    }

    static func decode(_ node: YAMLNode?, _ path: String, _ job: Job, config: Config) -> Outcome {
        var d = RecordDecoder(path: path, customFields: config.customFields)
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

/// Typed storage that the worker threads decode records into: one slot per job of each kind,
/// known from the walk, so that no record is copied into an array one by one afterwards.
final class RecordSlots: @unchecked Sendable {
    /// Slots of one kind; a slot stays empty when its file did not give a record.
    struct Slots<T> {
        let base: UnsafeMutablePointer<T>
        let filled: UnsafeMutablePointer<Bool>
        let capacity: Int
        /// False when `base` is the storage of an array being made (see `inPlace`).
        let owned: Bool

        init(_ capacity: Int) {
            self.init(base: .allocate(capacity: max(1, capacity)), capacity: capacity, owned: true)
        }

        private init(base: UnsafeMutablePointer<T>, capacity: Int, owned: Bool) {
            self.base = base
            self.capacity = capacity
            self.owned = owned
            filled = .allocate(capacity: max(1, capacity))
            filled.initialize(repeating: false, count: max(1, capacity))
        }

        func put(_ value: T, at i: Int) {
            (base + i).initialize(to: value)
            filled[i] = true
        }

        /// The filled slots in order, moved (not copied) into an array; frees the slots.
        func take() -> [T] {
            var n = 0
            for i in 0..<capacity where filled[i] { n += 1 }
            let out = [T](unsafeUninitializedCapacity: n) { buffer, count in
                count = 0
                for i in 0..<capacity where filled[i] {
                    (buffer.baseAddress! + count).moveInitialize(from: base + i, count: 1)
                    count += 1
                }
            }
            base.deallocate()
            filled.deallocate()
            return out
        }

        /// Moves the filled slots down over the empty ones; returns how many there are.
        func compact() -> Int {
            var n = 0
            for i in 0..<capacity where filled[i] {
                if i != n { (base + n).moveInitialize(from: base + i, count: 1) }
                n += 1
            }
            filled.deallocate()
            if owned { base.deallocate() }
            return n
        }

        /// Arrays of `a` and `b` elements whose storage `body` fills through slots: the
        /// records land where they stay, and are never moved into an array afterwards.
        static func inPlace<B, R>(_ a: Int, _ b: Int, _ body: (Slots<T>, Slots<B>) -> R) -> ([T], [B], R) {
            var result: R?
            var second: [B] = []
            let first = [T](unsafeUninitializedCapacity: a) { aBuffer, aCount in
                let aSlots = Slots<T>(storage: aBuffer)
                second = [B](unsafeUninitializedCapacity: b) { bBuffer, bCount in
                    let bSlots = Slots<B>(storage: bBuffer)
                    result = body(aSlots, bSlots)
                    bCount = bSlots.compact()
                }
                aCount = aSlots.compact()
            }
            return (first, second, result!)
        }

        init(storage: UnsafeMutableBufferPointer<T>) {
            if let base = storage.baseAddress {
                self.init(base: base, capacity: storage.count, owned: false)
            } else {
                self.init(0)
            }
        }
    }

    /// For each job, its slot among the jobs of its kind.
    let slot: [Int]
    let projects: Slots<Project>
    let visits: Slots<Visit>
    let issues: Slots<Issue>
    let improvements: Slots<Improvement>
    let events: Slots<Event>
    let plans: Slots<Plan>

    /// How many jobs there are of each kind (project, visit, issue, improvement, event, plan).
    static func counts(_ jobs: some Sequence<RepositoryLoader.Job>) -> [Int] {
        var counts = [0, 0, 0, 0, 0, 0]
        for job in jobs { counts[kind(job)] += 1 }
        return counts
    }

    static func kind(_ job: RepositoryLoader.Job) -> Int {
        switch job {
        case .project: return 0
        case .visit: return 1
        case .issue: return 2
        case .improvement: return 3
        case .event: return 4
        case .plan: return 5
        }
    }

    /// Slots for `jobs`; visits and issues go to the given slots (see `Slots.inPlace`).
    init(_ jobs: some Sequence<RepositoryLoader.Job>, visits: Slots<Visit>, issues: Slots<Issue>) {
        var counts = [0, 0, 0, 0, 0, 0]
        var slot: [Int] = []
        for job in jobs {
            let kind = Self.kind(job)
            slot.append(counts[kind])
            counts[kind] += 1
        }
        self.slot = slot
        projects = Slots(counts[0])
        self.visits = visits
        self.issues = issues
        improvements = Slots(counts[3])
        events = Slots(counts[4])
        plans = Slots(counts[5])
    }

    /// Called by the worker that decoded job `i` (each job by one worker only).
    func put(_ record: RepositoryLoader.Decoded?, job i: Int) {
        switch record {
        case .project(let p)?: projects.put(p, at: slot[i])
        case .visit(let v)?: visits.put(v, at: slot[i])
        case .issue(let x)?: issues.put(x, at: slot[i])
        case .improvement(let m)?: improvements.put(m, at: slot[i])
        case .event(let e)?: events.put(e, at: slot[i])
        case .plan(let p)?: plans.put(p, at: slot[i])
        case nil: break
        }
    }

    /// Moves the records of the kinds other than visits and issues (which are in place) into
    /// `records`, in job (path) order; call once, after the workers.
    func take(into records: inout Records) {
        records.projects = projects.take()
        records.improvements = improvements.take()
        records.events = events.take()
        records.plans = plans.take()
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
