import HuifangStore

#if canImport(Glibc)
    import Glibc
#endif

/// The case analysis named by `--case-analysis`, relative to the repository: a regular file
/// inside it that belongs with the records, so a clone has it too. Refused: a folder (`.`
/// included), anything outside the repository, under `.git/` or `.huifang/` (git's and
/// huifang's own state), and a file git ignores and does not track.
func caseAnalysisPath(_ given: String, _ repo: Repository) throws -> String {
    let text = try optionText(given, "--case-analysis")
    let absolute = text.hasPrefix("/") ? text : FileSystem.currentDirectory() + "/" + text
    guard let real = FileSystem.realPath(absolute) else {
        throw CommandFailure.usage(Message("error.case.missing", ["file": text]), hint: Message("hint.case.missing"))
    }
    let hint = Message("hint.case.name-file")
    if FileSystem.isDirectory(real) { throw CommandFailure.usage(Message("error.case.folder", ["file": text]), hint: hint) }
    guard real.hasPrefix(repo.root + "/") else {
        throw CommandFailure.usage(Message("error.case.outside", ["file": text]), hint: Message("hint.case.outside"))
    }
    let relative = String(real.dropFirst(repo.root.count + 1))
    let top = relative.split(separator: "/").first.map(String.init) ?? relative
    if top == ".git" || top == ".huifang" {
        throw CommandFailure.usage(Message(top == ".git" ? "error.case.in-git" : "error.case.in-huifang", ["file": text]),
                                   hint: Message("hint.case.with-records"))
    }
    var st = stat()
    guard stat(real, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
        throw CommandFailure.usage(Message("error.case.not-regular", ["file": text]), hint: hint)
    }
    if gitIgnores(relative, in: repo.root) {
        throw CommandFailure.usage(Message("error.case.ignored", ["file": text]), hint: Message("hint.case.ignored"))
    }
    return relative
}

/// True when the repository is a git work tree, `relative` is not tracked and a .gitignore
/// rule matches it (`git check-ignore` says so). Without git, or outside a work tree, false.
func gitIgnores(_ relative: String, in root: String) -> Bool {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let args = ["git", "-C", root, "check-ignore", "-q", "--", relative]
    var cargs = args.map { strdup($0) } + [nil]
    defer { for a in cargs { free(a) } }
    var pid: pid_t = 0
    guard posix_spawnp(&pid, "git", &actions, nil, &cargs, environ) == 0 else { return false }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    return (status & 0x7f) == 0 && (status >> 8) & 0xff == 0
}
