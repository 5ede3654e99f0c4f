import Dispatch
import HuifangCore
import HuifangYAML

#if canImport(Glibc)
    import Glibc
#endif

extension RepositoryLoader {
    // MARK: the directory walk: what to read
    /// Lists what to read, and reports files that are not where records belong. Project
    /// folders are listed in parallel and merged in name order.
    static func plan(_ root: Root, into jobs: inout [(String, Job, RecordCache.Stamp?)], threads: Int = Parallel.defaultThreads,
                     statFiles: Bool = false) -> [Finding] {
        var findings: [Finding] = []
        var folders: [(name: String, id: ProjectID)] = []
        let repo = root.repo
        // The record folders may be links themselves; one that leads out is not read through.
        var away: Set<String> = []
        for top in ["projects", "improvements", "events", "plans", "assessments"] {
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
            for e in entries where !isHidden(e.name) {
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
                                                hint: "move it to projects/ID/project.yaml", code: .projectFileOutsideFolder))
                    }
                    continue
                }
                guard let pid = ProjectID(e.name) else {
                    findings.append(Finding(path: folder, message: "folder name '\(e.name)' is not a valid project id",
                                            hint: "project ids use \(ProjectID.expectedForm)", code: .badProjectFolder, values: ["name": e.name]))
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
        // The top folders are listed before the jobs are gathered, so that the jobs array is
        // made once at its final size (grown by doubling, it copied ~100 bytes a file each
        // time into fresh pages); their findings keep their place after the projects'.
        var topFindings: [[Finding]] = []
        var tops: [[(name: String, stamp: RecordCache.Stamp?)]] = []
        for top in ["improvements", "events", "plans", "assessments"] {
            var f: [Finding] = []
            tops.append(away.contains(top) ? [] : yamlFiles(root, top, &f, statFiles: statFiles))
            topFindings.append(f)
        }
        var count = jobs.count + tops.reduce(0) { $0 + $1.count }
        for chunk in chunks {
            for (j, _) in chunk { count += j.count }
        }
        jobs.reserveCapacity(count)
        for chunk in chunks {
            for (j, f) in chunk {
                jobs += j
                findings += f
            }
        }
        for (k, files) in tops.enumerated() {
            findings += topFindings[k]
            for f in files {
                switch k {
                case 0: jobs.append(("improvements/" + f.name, .improvement(file: f.name), f.stamp))
                case 1: jobs.append(("events/" + f.name, .event(file: f.name), f.stamp))
                case 2: jobs.append(("plans/" + f.name, .plan(file: f.name), f.stamp))
                default: jobs.append(("assessments/" + f.name, .assessment(file: f.name), f.stamp))
                }
            }
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
        for e in inner where e.name == "visits" || e.name == "issues" || e.name == "risks" {
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
        for f in inner where f.isUTF8Name && !isHidden(f.name) && !f.isDirectory && f.name != "project.yaml" && hasYAMLSuffix(f.name) {
            findings.append(Finding(path: folder + "/" + f.name, message: "file in the wrong place",
                                    hint: "visits go to \(folder)/visits/, issues to \(folder)/issues/", code: .wrongPlace, values: ["folder": folder]))
        }
        // Each path is the folder's prefix and the name, made in one allocation.
        let visits = away.contains("visits") ? [] : yamlFiles(root, folder + "/visits", &findings, statFiles: statFiles)
        let issues = away.contains("issues") ? [] : yamlFiles(root, folder + "/issues", &findings, statFiles: statFiles)
        jobs.reserveCapacity(jobs.count + visits.count + issues.count)
        let visitsPrefix = folder + "/visits/", issuesPrefix = folder + "/issues/"
        for f in visits {
            jobs.append((joined(visitsPrefix, f.name), .visit(project: pid, file: f.name), f.stamp))
        }
        for f in issues {
            jobs.append((joined(issuesPrefix, f.name), .issue(project: pid, file: f.name), f.stamp))
        }
        for f in away.contains("risks") || !inner.contains(where: { $0.name == "risks" }) ? [] : yamlFiles(root, folder + "/risks", &findings, statFiles: statFiles) {
            jobs.append((folder + "/risks/" + f.name, .risk(project: pid, file: f.name), f.stamp))
        }
        return (jobs, findings)
    }

    /// `prefix + name` with the storage of its final size allocated once.
    @inline(__always)
    static func joined(_ prefix: String, _ name: String) -> String {
        var prefix = prefix, name = name
        return prefix.withUTF8 { p in
            name.withUTF8 { n in
                String(unsafeUninitializedCapacity: p.count + n.count) { out in
                    _ = out.initialize(fromContentsOf: p)
                    _ = out[p.count...].initialize(fromContentsOf: n)
                    return p.count + n.count
                }
            }
        }
    }

    /// The `.yaml` files of a record folder; folders, `.yml` files and links out are findings.
    static func yamlFiles(_ root: Root, _ folder: String, _ findings: inout [Finding], statFiles: Bool = false)
        -> [(name: String, stamp: RecordCache.Stamp?)]
    {
        let repo = root.repo
        guard let entries = root.list(folder, statFiles: statFiles) else { return [] }
        var out: [(name: String, stamp: RecordCache.Stamp?)] = []
        out.reserveCapacity(entries.count)
        for e in entries where !isHidden(e.name) {
            // Made only for a finding: nearly every entry is a record and needs no path here
            // (two string appends per file were 2% of a cold read's instructions).
            var rel: String { folder + "/" + e.name }
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
                if Self.looksLikeRecord(e.name) {
                    // A folder where a record file should be (a record replaced by a folder of
                    // its name): the record would drop out of every answer without a word.
                    findings.append(Finding(path: rel, message: "a folder where a record file should be: not read",
                                            hint: "a record is a file: put the record back as \(rel), or rename the folder",
                                            code: .folderNamedLikeRecord, values: ["path": rel]))
                } else if let first = inside.first {
                    findings.append(Finding(path: rel, message: "folder in \(folder)/ holds record files (\(first.name)\(inside.count > 1 ? ", ..." : "")) that huifang does not read",
                                            hint: "move them up into \(folder)/ (records are not read from subfolders), or move the folder out"))
                } else {
                    findings.append(Finding(.warning, path: rel, message: "unexpected folder in \(folder)/", hint: "huifang ignores it"))
                }
            } else if hasYAMLSuffix(e.name) {
                out.append((e.name, e.status))
            } else if e.name.hasSuffix(".yml") {
                findings.append(Finding(path: rel, message: "record files end in .yaml, not .yml",
                                        hint: "rename it: git mv \(rel) \(rel.dropLast(4)).yaml", code: .ymlExtension,
                                        values: ["path": rel, "renamed": "\(rel.dropLast(4)).yaml"]))
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

    /// `name.hasPrefix(".")`, decided from the first byte for every name that does not start
    /// with a dot (nearly all: `hasPrefix` compares characters, a hundred instructions a name).
    @inline(__always)
    static func isHidden(_ name: String) -> Bool {
        name.utf8.first == UInt8(ascii: ".") && name.hasPrefix(".")
    }

    /// `name.hasSuffix(".yaml")` without comparing characters when the bytes decide it: a name
    /// that does not end in the bytes `.yaml` does not end in those characters, and one that
    /// does, with an ASCII byte (or nothing) before the dot, ends in them too (an ASCII
    /// character never joins the dot into one character). Anything else asks `hasSuffix`.
    static func hasYAMLSuffix(_ name: String) -> Bool {
        let u = name.utf8
        guard u.count >= 5 else { return false }
        var end = u.endIndex
        for b in "lmay.".utf8 {
            end = u.index(before: end)
            guard u[end] == b else { return false }
        }
        if end == u.startIndex || u[u.index(before: end)] < 0x80 { return true }
        return name.hasSuffix(".yaml")
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
}
