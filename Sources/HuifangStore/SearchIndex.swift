import HuifangCore

#if canImport(Glibc)
    import Glibc
#endif

/// `.huifang/search`: what `huifang search` looks through (`SearchDocument`s, and each
/// project's id and department), so that a search need not decode every record. Under the
/// record cache's rules (`RecordCache`): derived, never required, verified, rebuilt without a
/// word, written atomically, never committed (`.huifang/` is ignored by git).
///
/// Verified as the cache is: the huifang version (`HuifangStoreVersion`) and the stamp of
/// huifang.yaml and its calendar files (`RecordCache.stamp`), then per record file its path and
/// stat data (size, modification and change times in nanoseconds, inode), listed by the same
/// walk the loader makes, in its order; a file modified in the second the index's walk began or
/// later is not trusted (git's "racy" rule). Every byte is covered by a checksum (XXH64, seeded
/// with the file's length) in the trailer. An index that does not match in every one of these,
/// that is damaged or truncated, or a repository whose walk or huifang.yaml has an error (the
/// full read then says what it is), gives nil: the caller reads the records and writes the index
/// again. Stat data are taken *before* the records are read (`Snapshot`), so a file changed
/// while they are read has other stat data next time and is read again.
///
/// Layout: magic, version, config stamp, walk time, file count, per file its path and stat data,
/// project count, per project id and department, document count, per document kind, id,
/// project, projects, department, day, case analysis path, fields (code, text); then the
/// trailer: the checksum of all that (8 bytes).
public enum SearchIndex {
    public static let path = ".huifang/search"
    static let magic: [UInt8] = Array("HFSEARCH1".utf8)

    /// A project as the search needs it.
    public struct ProjectEntry: Sendable, Equatable {
        public var id: String
        public var department: String

        public init(id: String, department: String) {
            self.id = id
            self.department = department
        }
    }

    /// What the index holds, or what a search needs from a full read.
    public struct Contents: Sendable {
        public var config: Config
        public var projects: [ProjectEntry]
        public var documents: [SearchDocument]
    }

    /// The state of the repository before its records are read: the time, the stamp of
    /// huifang.yaml and its calendars, and every record file with its stat data.
    public struct Snapshot: Sendable {
        var startedSec: Int64
        var configStamp: UInt64
        var config: Config
        var files: [(String, FileSystem.Stamp)]
        /// The walk that listed `files`: the loader reads the records from it instead of
        /// walking the repository a second time (`RepositoryLoader.Options.walked`).
        public let walked: RepositoryLoader.Walked
    }

    /// The snapshot of `repo` now; nil when huifang.yaml, a calendar file or the walk has an
    /// error (a full read reports it), or `.huifang` leads out of the repository.
    public static func snapshot(_ repo: Repository, threads: Int? = nil) -> Snapshot? {
        guard repo.outsideFolder(of: path) == nil else { return nil }
        if PhaseTimer.enabled { PhaseTimer.last = PhaseTimer.now() }  // the next mark times the config and the walk alone
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        guard let (config, stamp) = configStamp(repo) else { return nil }
        let base = FileSystem.openDirectory(repo.root)
        defer { if base >= 0 { close(base) } }
        var jobs: [(String, RepositoryLoader.Job, RecordCache.Stamp?)] = []
        let findings = RepositoryLoader.plan(RepositoryLoader.Root(repo: repo, fd: base), into: &jobs,
                                             threads: threads ?? Parallel.defaultThreads, statFiles: true)
        guard !findings.contains(where: { $0.severity == .error }) else { return nil }
        var files: [(String, FileSystem.Stamp)] = []
        files.reserveCapacity(jobs.count)
        for (path, _, stamp) in jobs {
            guard let stamp else { return nil }
            files.append((path, stamp))
        }
        return Snapshot(startedSec: Int64(now.tv_sec), configStamp: stamp, config: config, files: files,
                        walked: RepositoryLoader.Walked(jobs: jobs, findings: findings))
    }

    /// huifang.yaml's config and the stamp of it and its calendar files, as the loader computes
    /// them; nil on any error in them.
    static func configStamp(_ repo: Repository) -> (Config, UInt64)? {
        var parts: [[UInt8]] = [Array(HuifangStoreVersion.current.utf8)]
        guard RepositoryLoader.linkFinding(repo, Repository.configFile) == nil else { return nil }
        let (node, findings) = RepositoryLoader.parse(repo, Repository.configFile, keep: &parts)
        guard findings.isEmpty else { return nil }
        var d = RecordDecoder(path: Repository.configFile)
        guard let config = d.config(node), !d.findings.contains(where: { $0.severity == .error }) else { return nil }
        for file in config.calendarFiles {
            guard RepositoryLoader.isSafeRelativePath(file), FileSystem.exists(repo.path(file)),
                RepositoryLoader.linkFinding(repo, file) == nil, repo.outsideFolder(of: file) == nil
            else { return nil }
            let (node, f) = RepositoryLoader.parse(repo, file, keep: &parts)
            guard f.isEmpty else { return nil }
            var c = RecordDecoder(path: file)
            _ = c.calendar(node)
            guard !c.findings.contains(where: { $0.severity == .error }) else { return nil }
        }
        return (config, RecordCache.stamp(parts))
    }

    /// The index's contents when it is valid for `repo` as it is now; else nil, with the snapshot
    /// taken to check it (for `save` once the records are read; nil when there can be no index).
    /// Fields that cannot match `query` (`Search.mayMatch`) are left out of the documents (they
    /// could give no hit), so that only texts that may match are made into strings.
    public static func load(_ repo: Repository, query: Search.Query, threads: Int? = nil) -> (Contents?, Snapshot?) {
        guard let now = snapshot(repo, threads: threads) else { return (nil, nil) }
        PhaseTimer.mark("search index: config and walk (\(now.files.count) files)")
        guard FileSystem.exists(repo.path(path)), let bytes = try? FileSystem.read(repo.path(path), limit: 1 << 31) else { return (nil, now) }
        let contents = bytes.withUnsafeBufferPointer { decode($0, matching: now, query: query) }
        PhaseTimer.mark("search index: read and verified (\(bytes.count) bytes, \(contents == nil ? "not valid" : "valid"))")
        return (contents, contents == nil ? now : nil)
    }

    /// The contents of an index file's bytes when they are whole and match `now`.
    static func decode(_ buf: UnsafeBufferPointer<UInt8>, matching now: Snapshot, query: Search.Query?) -> Contents? {
        guard buf.count >= magic.count + 8, buf.prefix(magic.count).elementsEqual(magic) else { return nil }
        let body = UnsafeBufferPointer(rebasing: buf[..<(buf.count - 8)])
        var t = BinaryReader(buf, at: buf.count - 8)
        guard let sum = try? t.fixed64(), Checksum.xxh64(body, seed: UInt64(buf.count)) == sum else { return nil }
        var r = BinaryReader(body, at: magic.count)
        do {
            guard try r.string() == HuifangStoreVersion.current, try r.uint() == now.configStamp else { return nil }
            let written = Int64(try r.int())
            guard try r.count() == now.files.count else { return nil }
            for (path, stamp) in now.files {
                guard try r.string() == path else { return nil }
                let s = FileSystem.Stamp(size: Int64(try r.int()), mtimeSec: Int64(try r.int()), mtimeNsec: Int64(try r.int()),
                                         ctimeSec: Int64(try r.int()), ctimeNsec: Int64(try r.int()), inode: try r.uint())
                guard s == stamp, stamp.mtimeSec < written else { return nil }
            }
            let projects = try r.array { (r: inout BinaryReader) throws(BinaryError) in
                ProjectEntry(id: try r.string(), department: try r.string())
            }
            let n = try r.count()
            var documents: [SearchDocument] = []
            documents.reserveCapacity(n)
            for _ in 0..<n {
                guard let kind = SearchDocument.Kind(rawValue: try r.byte()) else { return nil }
                let id = try r.string(), project = try r.string()
                let projects = try r.array { (r: inout BinaryReader) throws(BinaryError) in try r.string() }
                let department = try r.string()
                let date = Day(ordinal: Int32(truncatingIfNeeded: try r.int()))
                let caseAnalysis = try r.optional { (r: inout BinaryReader) throws(BinaryError) in try r.string() }
                let count = try r.count()
                var fields: [SearchDocument.Field] = []
                for _ in 0..<count {
                    let code = try r.string()
                    let length = try r.count()
                    guard r.at + length <= body.count else { return nil }
                    let text = UnsafeBufferPointer(rebasing: body[r.at..<(r.at + length)])
                    r.at += length
                    if let query, !Search.mayMatch(query, utf8: text) { continue }
                    fields.append(SearchDocument.Field(code, String(decoding: text, as: UTF8.self)))
                }
                documents.append(SearchDocument(kind: kind, id: id, project: project, projects: projects, department: department,
                                                date: date, fields: fields, caseAnalysis: caseAnalysis))
            }
            guard r.atEnd else { return nil }
            return Contents(config: now.config, projects: projects, documents: documents)
        } catch {
            return nil
        }
    }

    /// The bytes of an index of `contents` for the repository as `snapshot` found it.
    static func encode(_ snapshot: Snapshot, _ contents: Contents) -> [UInt8] {
        var w = BinaryWriter(capacity: snapshot.files.count * 160 + 1024)
        w.append(magic)
        w.string(HuifangStoreVersion.current)
        w.uint(snapshot.configStamp)
        w.int(Int(snapshot.startedSec))
        w.uint(UInt64(snapshot.files.count))
        for (path, s) in snapshot.files {
            w.string(path)
            w.int(Int(s.size))
            w.int(Int(s.mtimeSec))
            w.int(Int(s.mtimeNsec))
            w.int(Int(s.ctimeSec))
            w.int(Int(s.ctimeNsec))
            w.uint(s.inode)
        }
        w.array(contents.projects) { w, p in
            w.string(p.id)
            w.string(p.department)
        }
        w.uint(UInt64(contents.documents.count))
        for d in contents.documents {
            w.byte(d.kind.rawValue)
            w.string(d.id)
            w.string(d.project)
            w.array(d.projects) { w, p in w.string(p) }
            w.string(d.department)
            w.int(Int(d.date.ordinal))
            w.optional(d.caseAnalysis) { w, p in w.string(p) }
            w.uint(UInt64(d.fields.count))
            for f in d.fields {
                w.string(f.code)
                w.string(f.text)
            }
        }
        let sum = w.withBytes { Checksum.xxh64($0, seed: UInt64($0.count + 8)) }
        w.fixed64(sum)
        return w.bytes
    }

    /// What a search needs of `records`.
    public static func contents(of records: Records) -> Contents {
        Contents(config: records.config, projects: records.projects.map { ProjectEntry(id: $0.id.rawValue, department: $0.department) },
                 documents: SearchDocument.documents(of: records))
    }

    /// Writes the index of `contents`, made of records read after `snapshot` was taken; failures
    /// are ignored (the index is never required). The caller writes it only when every record
    /// could be read (else the search refuses or warns, which an index could not repeat).
    public static func save(_ repo: Repository, snapshot: Snapshot, contents: Contents) {
        guard repo.outsideFolder(of: path) == nil else { return }
        try? FileSystem.writeAtomically(encode(snapshot, contents), to: repo.path(path), sync: false)
    }
}
