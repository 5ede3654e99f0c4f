import ArgumentParser
import HuifangCore
import HuifangReport
import HuifangStore

/// The repositories a roll-up reads (issue 20; docs/WORKSPACE.md): `--repo DIR` (repeated), else
/// the `workspace.yaml` found from the working folder (or -C) upwards, as huifang.yaml is
/// found. A command that takes this group (`report summary|assessment|people`) works on one
/// repository when neither names any. Kept apart so that other commands that read several
/// repositories (a site) take the same options.
struct RepositorySetOptions: ParsableArguments {
    @Option(name: .customLong("repo"), help: ArgumentHelp(
        "Roll up several repositories: repeat for each (default: the repositories of workspace.yaml, found from the working folder upwards, else the one repository).",
        valueName: "DIR"))
    var repos: [String] = []

    @Flag(name: .customLong("allow-duplicate-projects"),
          help: "In a roll-up, accept a project id found in two repositories, showing project ids as REPOSITORY/ID (else exit 65).")
    var allowDuplicateProjects = false

    /// The file that lists a workspace's repositories.
    static let workspaceFile = "workspace.yaml"

    /// A repository of the set: its name, its path as given (or as workspace.yaml writes it),
    /// and its repository (root found from that path).
    struct Entry {
        var name: String
        var path: String
        var repository: Repository
    }

    /// The repositories to read, in order; nil when the command works on one repository
    /// (no --repo, and huifang.yaml is found before any workspace.yaml).
    func resolve(_ global: GlobalOptions) throws -> [Entry]? {
        let start = global.startDirectory
        if !repos.isEmpty {
            let base = start.hasPrefix("/") ? "" : start + "/"
            return try Self.entries(repos.map { (name: nil, path: $0, full: $0.hasPrefix("/") ? $0 : base + $0, line: nil) }, file: nil)
        }
        guard let workspace = try Self.findWorkspace(from: start) else {
            if allowDuplicateProjects { throw CommandFailure.usage(Message("error.rollup.duplicates-alone"), hint: Message("hint.rollup.duplicates-alone")) }
            return nil
        }
        return try Self.read(workspace)
    }

    /// The workspace.yaml of the first folder, from `start` upwards, that holds one or
    /// huifang.yaml (nil: a repository comes first, or neither is found). A folder with both
    /// is a workspace: its workspace.yaml may list "." among the repositories.
    static func findWorkspace(from start: String) throws -> String? {
        let absolute = start.hasPrefix("/") ? start : FileSystem.currentDirectory() + "/" + start
        guard var dir = FileSystem.realPath(absolute) else { return nil }  // the usual command says what is wrong with -C
        while true {
            if FileSystem.exists(dir + "/" + workspaceFile) { return dir + "/" + workspaceFile }
            if FileSystem.exists(dir + "/" + Repository.configFile) { return nil }
            guard dir != "/", let slash = dir.lastIndex(of: "/") else { return nil }
            dir = slash == dir.startIndex ? "/" : String(dir[..<slash])
        }
    }

    /// The repositories workspace.yaml lists. Its form (docs/WORKSPACE.md):
    ///
    ///     repositories:
    ///       - path: south          # relative to workspace.yaml's folder
    ///         name: 南区            # optional: the folder's name
    ///       - ../north             # a path alone
    static func read(_ file: String) throws -> [Entry] {
        let (entries, problems) = try validate(file)
        if let first = problems.first { throw first.failure(file) }
        return entries
    }

    /// Something wrong in workspace.yaml (or with the repositories given by --repo): where
    /// (nil with --repo), the exit code a roll-up refuses with, the message and its hint.
    /// `framed`: a problem of the file's YAML or shape, said after the file's name and place;
    /// else the message names the place itself (`{where}`) when it has one.
    struct Problem {
        var mark: WorkspaceFile.Place?
        var exitCode: Int32
        var message: Message
        var hint: Message
        var framed = false

        /// The refusal of a roll-up: the first problem, as it always was said.
        func failure(_ file: String?) -> CommandFailure {
            let at = file.map { f in mark.map { "\(f):\($0.line):\($0.column)" } ?? f }
            let framed = framed, message = message, hint = hint
            return CommandFailure(code: exitCode) { c in
                if framed { return (c.text("error.workspace", ["where": at ?? "", "problem": message.text(c)]), hint.text(c)) }
                var values = message.values
                if values["where"] != nil { values["where"] = at.map { " (\($0))" } ?? "" }
                return (c.text(message.key, values), hint.text(c))
            }
        }

        /// As `check --workspace` lists it: the message without the place, which comes first.
        func text(_ c: Catalogue) -> String {
            var values = message.values
            if values["where"] != nil { values["where"] = "" }
            return c.text(message.key, values)
        }
    }

    /// Reads workspace.yaml and every problem in it, not just the first: YAML, shape, keys,
    /// items, then each listed path (a folder, a repository, listed once, named once). Throws
    /// only when the file cannot be read (exit 74 as an I/O error).
    static func validate(_ file: String) throws -> (entries: [Entry], problems: [Problem]) {
        let bytes: [UInt8]
        do { bytes = try FileSystem.read(file, limit: 1 << 20) } catch { throw CommandFailure(StoreError.io(error)) }
        let (written, shape) = WorkspaceFile.parse(bytes)
        let problems = shape.map { p -> Problem in
            let message: Message
            switch p.kind {
            case .yaml(let text): message = Message("error.workspace.yaml", ["problem": text])
            case .shape: message = Message("error.workspace.shape")
            case .key(let key): message = Message("error.workspace.key", ["key": key])
            case .item: message = Message("error.workspace.item")
            case .name: message = Message("error.workspace.name")
            }
            return Problem(mark: p.at, exitCode: 65, message: message, hint: Message("hint.workspace"), framed: true)
        }
        let folder = String(file[..<file.lastIndex(of: "/")!])
        let listed = written.map { l in (name: l.name, path: l.path, full: l.path.hasPrefix("/") ? l.path : folder + "/" + l.path, line: Optional(l.at)) }
        let (entries, found) = collect(listed, file: file)
        return (entries, problems + found)
    }

    /// Finds each listed repository (its huifang.yaml must be in the folder named) and names it;
    /// two entries with one name or one folder are refused.
    static func entries(_ listed: [(name: String?, path: String, full: String, line: WorkspaceFile.Place?)], file: String?) throws -> [Entry] {
        let (entries, problems) = collect(listed, file: file)
        if let first = problems.first { throw first.failure(file) }
        return entries
    }

    /// The repositories `listed` names, and what is wrong with the others (every one).
    static func collect(_ listed: [(name: String?, path: String, full: String, line: WorkspaceFile.Place?)], file: String?) -> ([Entry], [Problem]) {
        var out: [Entry] = []
        var problems: [Problem] = []
        for l in listed {
            guard let real = FileSystem.realPath(l.full), FileSystem.isDirectory(real) else {
                problems.append(Problem(mark: l.line, exitCode: 66, message: Message("error.rollup.no-folder", ["path": l.path, "where": ""]),
                                        hint: Message("hint.rollup.no-folder")))
                continue
            }
            guard FileSystem.exists(real + "/" + Repository.configFile) else {
                problems.append(Problem(mark: l.line, exitCode: 66, message: Message("error.rollup.no-repository", ["path": l.path, "where": ""]),
                                        hint: Message("hint.rollup.no-repository")))
                continue
            }
            let name = l.name ?? String(real.split(separator: "/").last ?? "repository")
            let code: Int32 = file == nil ? 64 : 65
            if let same = out.first(where: { $0.repository.root == real }) {
                problems.append(Problem(mark: l.line, exitCode: code, message: Message("error.rollup.same-folder", ["first": same.path, "second": l.path]),
                                        hint: Message("hint.rollup.same-folder")))
                continue
            }
            if let same = out.first(where: { $0.name == name }) {
                problems.append(Problem(mark: l.line, exitCode: code,
                                        message: Message("error.rollup.same-name", ["name": name, "first": same.path, "second": l.path]),
                                        hint: Message("hint.rollup.same-name")))
                continue
            }
            out.append(Entry(name: name, path: l.path, repository: Repository(root: real)))
        }
        return (out, problems)
    }

    /// The failure for ArgumentParser's `text` when it refused --repo or
    /// --allow-duplicate-projects on a command that reads one repository (nil otherwise).
    static func misplaced(_ text: String) -> CommandFailure? {
        guard let option = ["--repo", "--allow-duplicate-projects"].first(where: { text.contains("Unknown option '\($0)") }) else { return nil }
        return CommandFailure(code: 64) { c in (c.text("error.rollup.not-here", ["option": option]), c["hint.rollup.not-here"]) }
    }
}

/// The commit a repository was read at, from its git checkout's files (HEAD, the ref it names,
/// packed-refs; a worktree's `gitdir:` and `commondir`), without running git: nil when the
/// repository is in no git checkout, or HEAD cannot be resolved.
enum GitCommit {
    static func of(_ root: String) -> String? {
        var dir = root
        while true {
            let dotGit = dir + "/.git"
            if FileSystem.isDirectory(dotGit) { return head(dotGit) }
            if let text = readText(dotGit), text.hasPrefix("gitdir:") {
                var gitdir = text.dropFirst("gitdir:".count).trimmingSpaces
                if !gitdir.hasPrefix("/") { gitdir = dir + "/" + gitdir }
                return head(gitdir)
            }
            guard dir != "/", let slash = dir.lastIndex(of: "/") else { return nil }
            dir = slash == dir.startIndex ? "/" : String(dir[..<slash])
        }
    }

    static func head(_ gitdir: String) -> String? {
        guard let head = readText(gitdir + "/HEAD") else { return nil }
        guard head.hasPrefix("ref:") else { return isHash(head) ? head : nil }
        let ref = head.dropFirst("ref:".count).trimmingSpaces
        var common = gitdir
        if let c = readText(gitdir + "/commondir") { common = c.hasPrefix("/") ? c : gitdir + "/" + c }
        for base in [gitdir, common] {
            if let hash = readText(base + "/" + ref), isHash(hash) { return hash }
        }
        guard let packed = readText(common + "/packed-refs") else { return nil }
        for line in packed.split(separator: "\n") where line.hasSuffix(" " + ref) {
            let hash = String(line.prefix { $0 != " " })
            if isHash(hash) { return hash }
        }
        return nil
    }

    static func readText(_ path: String) -> String? {
        guard let bytes = try? FileSystem.read(path, limit: 1 << 20) else { return nil }
        return String(decoding: bytes, as: UTF8.self).trimmingSpaces
    }

    static func isHash(_ s: String) -> Bool { (s.count == 40 || s.count == 64) && s.allSatisfy(\.isHexDigit) }
}

extension StringProtocol {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }.reversed().drop { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }.reversed())
    }
}
