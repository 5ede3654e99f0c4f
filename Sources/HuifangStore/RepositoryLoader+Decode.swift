import Dispatch
import HuifangCore
import HuifangYAML

#if canImport(Glibc)
    import Glibc
#endif

extension RepositoryLoader {
    // MARK: reading and decoding each file
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
            return ([], readFinding(error, relative))
        }
    }

    /// `read` into a worker's buffer (the bytes are valid until its next read).
    static func read(_ repo: Repository, _ relative: String, base: Int32, into buffer: ReadBuffer, stat st: inout stat)
        -> (UnsafeBufferPointer<UInt8>, Finding?)
    {
        do {
            let path = base == AT_FDCWD || base < 0 ? repo.path(relative) : relative
            return (try FileSystem.read(path, relativeTo: base < 0 ? AT_FDCWD : base, limit: YAMLLimits.records.maxBytes, into: buffer, stat: &st), nil)
        } catch {
            return (UnsafeBufferPointer(start: nil, count: 0), readFinding(error, relative))
        }
    }

    /// Why a record file cannot be read, and what to do.
    static func readFinding(_ error: FileError, _ relative: String) -> Finding {
        let notRegular = error.message.hasSuffix("not a regular file")
        return Finding(path: relative, message: error.message,
                       hint: notRegular ? "remove it (rm \(relative)); a record is a regular file"
                           : error.message.contains("bytes") ? "records are small; split the file or remove what does not belong in it" : nil)
    }

    /// Parses a record file's bytes; a YAML error becomes a finding at its line and column.
    static func parse(_ bytes: [UInt8], _ relative: String, reader: YAMLEventReader? = nil) -> (YAMLNode?, [Finding]) {
        do {
            return (try YAMLParser.parse(bytes, reusing: reader), [])
        } catch {
            return (nil, [Finding(path: relative, line: error.mark.line, column: error.mark.column, message: error.message, hint: error.hint,
                                  code: error.code.flatMap(Finding.Code.init(rawValue:)), values: error.values)])
        }
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
                    fastDecoding: Bool, into slots: RecordSlots) -> (results: [Result], payloads: [PayloadBlocks]) {
        // An empty cache (a cold read) is asked nothing: no list of the paths, no lookups.
        let entries = cache.flatMap { c in c.count > 0 ? c.entries(for: jobs.map { $0.0 }) : nil } ?? []
        // Results go straight to their place in one array; each chunk returns its payloads.
        var payloads: [PayloadBlocks] = []
        let results = [Result](unsafeUninitializedCapacity: jobs.count) { buffer, initialized in
            nonisolated(unsafe) let buffer = buffer
            // The workers read the jobs through a buffer pointer: a part of a tuple read through
            // the array's subscript is a copy of the whole tuple (its strings retained).
            payloads = jobs.withUnsafeBufferPointer { jobs in
                nonisolated(unsafe) let jobs = jobs
                return Parallel.mapChunks(jobs.count, threads: threads) { range, chunk in
                    runChunk(range, chunk, jobs, root: root, config: config, cache: cache, entries: entries, fastDecoding: fastDecoding,
                             into: slots, results: buffer)
                }
            }
            initialized = jobs.count
        }
        return (results, payloads)
    }

    /// The jobs of one chunk: their results initialized in `results`, their records put in their
    /// slots; returns the chunk's fresh cache payloads.
    static func runChunk(_ range: Range<Int>, _ chunk: Int, _ jobs: UnsafeBufferPointer<(String, Job, RecordCache.Stamp?)>, root: Root, config: Config,
                         cache: RecordCache?, entries: [Int], fastDecoding: Bool, into slots: RecordSlots,
                         results: UnsafeMutableBufferPointer<Result>) -> PayloadBlocks {
        // Each chunk opens the repository folder for itself: threads that share one open folder
        // contend for its reference count in the kernel on every openat.
        let own = FileSystem.openDirectory(root.repo.root)
        defer { if own >= 0 { close(own) } }
        let root = own >= 0 ? Root(repo: root.repo, fd: own) : root
        // In blocks: nothing written is copied again (see `BinaryWriter`).
        var payloads = BinaryWriter(blockSize: RecordCache.payloadBlockSize)
        // One event reader and one read buffer for all the chunk's files: libyaml's buffers
        // and the file's bytes are allocated once.
        let reader = YAMLEventReader()
        let buffer = ReadBuffer()
        // The cached payloads of the next files (up to 2,048), read at once: they lie side by
        // side in the file. A small buffer, freed and taken again, costs fewer page faults
        // than one large one.
        var span = RecordCache.Span.empty
        var spanEnd = range.lowerBound
        for i in range {
            if let cache, !entries.isEmpty, i >= spanEnd {
                spanEnd = min(range.upperBound, i + 2048)
                span = .empty
                span = cache.span(entries[i..<spanEnd])
            }
            // The tuple's parts read in place: copying the whole tuple goes through the runtime's
            // generic tuple copy, and retains the job's strings.
            let path = jobs[i].0
            let listed = jobs[i].2
            guard let cache else {
                var st = stat()
                var outcome = decode(path, jobs[i].1, root: root, config: config, fastDecoding: fastDecoding, reader: reader, buffer: buffer, stat: &st)
                (results.baseAddress! + i).initialize(to: Result(findings: outcome.findings, stamp: nil, cached: false))
                slots.put(outcome.record.take(), job: i)
                continue
            }
            // A file the cache does not know is read at once: the stamp comes from fstat on the
            // open file (one path lookup instead of two).
            let entry = entries.isEmpty ? -1 : entries[i]
            if entry >= 0, let stamp = listed ?? root.stamp(path),
                var cached = cache.outcome(entry, path: path, stamp: stamp, span: span)
            {
                (results.baseAddress! + i).initialize(to: Result(findings: cached.findings, stamp: stamp, cached: true, payload: .old(entry)))
                slots.put(cached.record.take(), job: i)
                continue
            }
            var st = stat()
            var outcome = decode(path, jobs[i].1, root: root, config: config, fastDecoding: fastDecoding, reader: reader, buffer: buffer, stat: &st)
            let stamp = st.st_ino == 0 ? nil : RecordCache.Stamp(st)
            var payload: RecordCache.Payload?
            if stamp != nil {
                payloads.startRecord()
                let start = payloads.count
                RecordCoding.write(&payloads, outcome)
                let checksum = payloads.withRecord { RecordCache.checksum($0) }
                payload = .fresh(chunk: chunk, start: start, count: payloads.count - start, checksum: checksum)
            }
            (results.baseAddress! + i).initialize(to: Result(findings: outcome.findings, stamp: stamp, cached: false, payload: payload))
            // Moved into its slot (the outcome is not used again), not copied.
            slots.put(outcome.record.take(), job: i)
        }
        return payloads.takeBlocks()
    }

    /// Reads and decodes one file. With a `buffer`, a visit, issue, risk or project is read into
    /// it and decoded from there; only a file the fast decoder declines is copied out for the tree.
    static func decode(_ path: String, _ job: Job, root: Root, config: Config, fastDecoding: Bool = true,
                       reader: YAMLEventReader = YAMLEventReader(), buffer: ReadBuffer? = nil, stat st: inout stat) -> Outcome {
        if fastDecoding, let buffer, job.hasFastDecoder {
            let (bytes, failure) = read(root.repo, path, base: root.fd, into: buffer, stat: &st)
            if let failure { return Outcome(record: nil, findings: [failure]) }
            if let fast = fastDecode(bytes, path, job, config: config, reader: reader) { return Outcome(record: fast, findings: []) }
            return decode(Array(bytes), path, job, config: config, fastDecoding: false, reader: reader)
        }
        let (bytes, failure) = read(root.repo, path, base: root.fd, stat: &st)
        if let failure { return Outcome(record: nil, findings: [failure]) }
        return decode(bytes, path, job, config: config, fastDecoding: fastDecoding, reader: reader)
    }

    /// Decodes a record file's bytes. Visits and issues straight from libyaml's events when they
    /// are well formed; anything else (and every file with a problem) through the tree, which
    /// explains problems.
    static func decode(_ bytes: [UInt8], _ path: String, _ job: Job, config: Config, fastDecoding: Bool = true,
                       reader: YAMLEventReader = YAMLEventReader()) -> Outcome {
        if fastDecoding, let fast = fastDecode(bytes, path, job, config: config, reader: reader) { return Outcome(record: fast, findings: []) }
        let (node, parseFindings) = parse(bytes, path, reader: reader)
        if !parseFindings.isEmpty { return Outcome(record: nil, findings: parseFindings) }
        return decode(node, path, job, config: config)
    }

    /// The record from the fast decoder, or nil when it declines (see `FastRecordDecoder`).
    static func fastDecode(_ bytes: [UInt8], _ path: String, _ job: Job, config: Config,
                           reader: YAMLEventReader = YAMLEventReader()) -> Decoded? {
        bytes.withUnsafeBufferPointer { fastDecode($0, path, job, config: config, reader: reader) }
    }

    static func fastDecode(_ buffer: UnsafeBufferPointer<UInt8>, _ path: String, _ job: Job, config: Config,
                           reader: YAMLEventReader) -> Decoded? {
        guard !YAMLParser.containsConflictMarker(buffer) else { return nil }
        // Each record is bound and moved into its case: `Optional.map(Decoded.visit)` lends the
        // record to the case's constructor, which copies it.
        switch job {
        case .project(let folder):
            guard let p = FastRecordDecoder.project(buffer, path: path, folder: folder, reader: reader) else { return nil }
            return .project(p)
        case .visit(let p, let f):
            guard let v = FastRecordDecoder.visit(buffer, path: path, project: p, fileName: f, config: config, reader: reader) else { return nil }
            return .visit(v)
        case .issue(let p, let f):
            guard let x = FastRecordDecoder.issue(buffer, path: path, project: p, fileName: f, reader: reader) else { return nil }
            return .issue(x)
        case .risk(let p, let f):
            guard let k = FastRecordDecoder.risk(buffer, path: path, project: p, fileName: f, reader: reader) else { return nil }
            return .risk(k)
        default:
            return nil
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
        case .plan(let f): record = d.plan(node, stem: String(f.dropLast(5)), config: config).map(Decoded.plan)
        case .assessment(let f): record = d.assessmentReview(node, stem: String(f.dropLast(5)), config: config).map(Decoded.assessment)
        case .risk(let p, let f): record = d.risk(node, project: p, fileName: f).map(Decoded.risk)
        }
        return Outcome(record: record, findings: d.findings)
    }
}

extension RepositoryLoader.Job {
    /// A record `FastRecordDecoder` reads: a visit, issue, risk or project.yaml.
    var hasFastDecoder: Bool {
        switch self {
        case .visit, .issue, .risk, .project: true
        default: false
        }
    }
}
