import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 15, output safety: `-o` writes regular files only and never over the records,
/// standard output's write errors exit 74, terminal output is neutralised, dates stay in the
/// supported years, and folders and permissions get their own exit codes.
@Suite struct OutputSafetyTests {
    // MARK: helpers

    /// Runs huifang with standard output going to `stdoutPath` (a file or device), or through
    /// `setpriv` as an unprivileged user when `unprivileged` and this process is root.
    func run(_ r: HuifangRunner, _ args: [String], stdoutPath: String? = nil, unprivileged: Bool = false,
             env: [String: String] = [:]) -> HuifangRunner.Result {
        let p = Process()
        if unprivileged && getuid() == 0 {
            p.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            p.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", HuifangRunner.binary] + args
        } else {
            p.executableURL = URL(fileURLWithPath: HuifangRunner.binary)
            p.arguments = args
        }
        p.currentDirectoryURL = URL(fileURLWithPath: r.dir)
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["HUIFANG_TODAY"] = "2026-11-24"
        if let messages = HuifangRunner.messages { environment["HUIFANG_LANG"] = messages }
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        let out = Pipe()
        let err = Pipe()
        var sink: FileHandle?
        if let stdoutPath {
            sink = FileHandle(forWritingAtPath: stdoutPath)
            p.standardOutput = sink
        } else {
            p.standardOutput = out
        }
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        do { try p.run() } catch { return HuifangRunner.Result(code: -1, stdout: "", stderr: "\(error)") }
        try? sink?.close()
        try? out.fileHandleForWriting.close()
        let watchdog = HuifangRunner.watch(p, args.joined(separator: " "))
        defer { watchdog.cancel() }
        let o = stdoutPath == nil ? out.fileHandleForReading.readDataToEndOfFile() : Data()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return HuifangRunner.Result(code: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                                    stderr: String(decoding: e, as: UTF8.self))
    }

    /// Runs huifang on a pseudo-terminal and returns every byte it wrote there.
    func runOnTerminal(_ r: HuifangRunner, _ args: [String], env: [String: String] = [:]) throws -> [UInt8] {
        // posix_openpt and friends, by hand (Glibc's module does not export them): /dev/ptmx,
        // unlock (TIOCSPTLCK), the terminal's number (TIOCGPTN).
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        try #require(master >= 0)
        defer { close(master) }
        var unlock: Int32 = 0
        var number: UInt32 = 0
        try #require(ioctl(master, 0x4004_5431, &unlock) == 0 && ioctl(master, 0x8004_5430, &number) == 0)
        let slave = "/dev/pts/\(number)"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, slave, O_RDWR | O_NOCTTY, 0)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        posix_spawn_file_actions_addclose(&actions, master)
        let argv = [HuifangRunner.binary, "-C", r.dir] + args
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for a in cArgs { free(a) } }
        var vars = ["HUIFANG_TODAY=2026-11-24", "TERM=xterm", "PAGER=cat", "PATH=/usr/bin:/bin"]
        if let messages = HuifangRunner.messages { vars.append("HUIFANG_LANG=\(messages)") }
        for (k, v) in env { vars.append("\(k)=\(v)") }
        var cEnv: [UnsafeMutablePointer<CChar>?] = vars.map { strdup($0) } + [nil]
        defer { for a in cEnv { free(a) } }
        var pid: pid_t = 0
        try #require(posix_spawn(&pid, HuifangRunner.binary, &actions, nil, &cArgs, &cEnv) == 0)
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        var status: Int32 = 0
        var exited = false
        while true {
            var fds = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            if poll(&fds, 1, 100) > 0 {
                let n = read(master, &buffer, buffer.count)
                if n > 0 {
                    bytes += buffer[0..<n]
                    continue
                }
                if exited || n < 0 { break }  // EIO: the terminal's last user is gone
            }
            if exited { break }
            if waitpid(pid, &status, WNOHANG) == pid { exited = true }
        }
        if !exited { waitpid(pid, &status, 0) }
        return bytes
    }

    func fileType(_ path: String) -> mode_t {
        var st = stat()
        return lstat(path, &st) == 0 ? st.st_mode & S_IFMT : 0
    }

    // MARK: 13. write errors

    @Test(.englishMessages) func aFailedWriteToStandardOutputExits74() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        for args in [["report", "summary"], ["visit", "list"], ["visit", "list", "--format", "csv"], ["export", "ics"], ["check"],
                     ["status"], ["--help"], ["report", "summary", "-o", "-"]] {
            let result = run(r, args, stdoutPath: "/dev/full")
            #expect(result.code == 74, "\(args): \(result.code) \(result.stderr)")
            #expect(result.stderr.contains("cannot write standard output: No space left on device"), "\(args): \(result.stderr)")
        }
        // Standard output closed (>&-): no file huifang opens takes its place, and the
        // write that fails says so.
        let sh = Process()
        sh.executableURL = URL(fileURLWithPath: "/bin/sh")
        sh.arguments = ["-c", "exec \"$0\" -C \"$1\" status >&- 2>/dev/null", HuifangRunner.binary, r.dir]
        sh.environment = ["HUIFANG_TODAY": "2026-11-24", "NO_COLOR": "1"]
        try sh.run()
        sh.waitUntilExit()
        #expect(sh.terminationStatus == 74)
        // The same commands to a working output exit 0.
        #expect(run(r, ["report", "summary"], stdoutPath: "/dev/null").code == 0)
    }

    // MARK: 4. -o

    /// A character device for the test: as root, a node of the same device made in the test's
    /// folder (so that a huifang that replaced devices would replace this one, not the
    /// machine's: an unfixed huifang run as root turned /dev/full and /dev/null into files);
    /// elsewhere (or where the folder cannot hold devices) the machine's, which a user cannot
    /// replace.
    func device(_ r: HuifangRunner, _ name: String, minor: UInt32) -> String {
        let path = r.path(name)
        if getuid() == 0, mknod(path, S_IFCHR | 0o666, dev_t((1 << 8) | minor)) == 0 {
            let fd = open(path, O_WRONLY)
            if fd >= 0 {
                close(fd)
                return path
            }
            unlink(path)  // a folder mounted nodev
        }
        return "/dev/" + name
    }

    @Test(.englishMessages) func outputToADeviceWritesTheDeviceAndNeverReplacesIt() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let full = device(r, "full", minor: 7)
        let null = device(r, "null", minor: 3)
        let toFull = r.run(["report", "summary", "-o", full])
        #expect(toFull.code == 74, "\(toFull.stderr)")
        #expect(toFull.stderr.contains("\(full): cannot write: No space left on device"), "\(toFull.stderr)")
        #expect(fileType(full) == S_IFCHR, "\(full) is still a character device")
        let toNull = r.run(["export", "ics", "-o", null])
        #expect(toNull.code == 0, "\(toNull.stderr)")
        #expect(fileType(null) == S_IFCHR, "\(null) is still a character device")
        let dash = r.run(["report", "summary", "--format", "csv", "-o", "-"])
        #expect(dash.code == 0 && dash.stdout.hasPrefix("period,"), "\(dash.stdout.prefix(80))")
        #expect(!FileManager.default.fileExists(atPath: r.path("-")))
        // /dev/stdout: a pipe, or a file the shell opened, written in place (appended to).
        let piped = r.run(["report", "summary", "-o", "/dev/stdout"])
        #expect(piped.code == 0 && piped.stdout.hasPrefix("# "), "\(piped.stderr)")
        try r.write("appended.md", "before\n")
        let appended = run(r, ["report", "summary", "-o", "/dev/stdout"], stdoutPath: r.path("appended.md"))
        #expect(appended.code == 0, "\(appended.stderr)")
        #expect(r.read("appended.md")?.hasPrefix("before\n# ") == true, "\(r.read("appended.md") ?? "")")
    }

    @Test func outputToAFIFOIsStreamed() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        try #require(mkfifo(r.path("pipe"), 0o644) == 0)
        // The test holds the reading end (non-blocking: nothing waits for ever, whatever
        // huifang does); the report (a few KB) fits in the pipe's buffer.
        let fd = open(r.path("pipe"), O_RDONLY | O_NONBLOCK)
        try #require(fd >= 0)
        defer { close(fd) }
        let result = r.run(["report", "summary", "-o", "pipe"])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(fileType(r.path("pipe")) == S_IFIFO, "the FIFO is still a FIFO")
        var buffer = [UInt8](repeating: 0, count: 65536)
        let n = read(fd, &buffer, buffer.count)
        #expect(n > 0 && String(decoding: buffer[0..<max(n, 0)], as: UTF8.self).hasPrefix("# "), "the report came through the FIFO")
    }

    @Test func outputThroughASymlinkWritesItsTarget() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        try FileManager.default.createDirectory(atPath: r.path("out/deep"), withIntermediateDirectories: true)
        try r.write("out/deep/real.md", "old\n")
        try #require(chmod(r.path("out/deep/real.md"), 0o600) == 0)
        try FileManager.default.createSymbolicLink(atPath: r.path("out/link.md"), withDestinationPath: "deep/real.md")
        try FileManager.default.createSymbolicLink(atPath: r.path("chain.md"), withDestinationPath: "out/link.md")
        let result = r.run(["report", "summary", "-o", "chain.md"])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(fileType(r.path("chain.md")) == S_IFLNK && fileType(r.path("out/link.md")) == S_IFLNK, "the links stay links")
        #expect(r.read("out/deep/real.md")?.hasPrefix("# ") == true, "the target holds the report")
        var st = stat()
        lstat(r.path("out/deep/real.md"), &st)
        #expect(st.st_mode & 0o777 == 0o600, "the target keeps its permissions")
        // A dangling link: the file it names is created.
        try FileManager.default.createSymbolicLink(atPath: r.path("dangling.md"), withDestinationPath: "out/new.md")
        #expect(r.run(["report", "summary", "-o", "dangling.md"]).code == 0)
        #expect(fileType(r.path("dangling.md")) == S_IFLNK)
        #expect(r.read("out/new.md")?.hasPrefix("# ") == true)
    }

    @Test(.englishMessages) func outputRefusesMissingFoldersAndFolders() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let missing = r.run(["report", "summary", "-o", "reports/2026/summary.md"])
        #expect(missing.code == 66, "\(missing.stderr)")
        #expect(missing.stderr.contains("no such folder"), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: r.path("reports")), "no folder was created")
        try FileManager.default.createDirectory(atPath: r.path("reports"), withIntermediateDirectories: true)
        let folder = r.run(["--lang", "zh", "report", "summary", "-o", "reports"])
        #expect(folder.code == 64 && folder.stderr.contains("reports 是文件夹；'-o' 需要文件"), "\(folder.stderr)")
        #expect(r.run(["report", "summary", "-o", "reports/summary.md"]).code == 0)
        try r.write("notafolder", "x")
        let through = r.run(["report", "summary", "-o", "notafolder/x.md"])
        #expect(through.code == 66 && through.stderr.contains("not a folder"), "\(through.stderr)")
    }

    @Test(.englishMessages) func outputRefusesThePathsInsideTheRecordsUnlessForced() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        try FileManager.default.createDirectory(atPath: r.path(".git"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: r.path("events"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: r.path("docs"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: r.path(".huifang"), withIntermediateDirectories: true)
        try r.write(".git/HEAD", "ref: refs/heads/main\n")
        // A symbolic link outside the records that points into them is refused too.
        let outside = HuifangRunner()
        defer { outside.cleanup() }
        try FileManager.default.createSymbolicLink(atPath: outside.path("config-link.yaml"), withDestinationPath: r.path("huifang.yaml"))
        try FileManager.default.createSymbolicLink(atPath: outside.path("projects-link"), withDestinationPath: r.path("projects"))
        let refused: [(cwd: String, path: String)] = [
            (r.dir, "huifang.yaml"), (r.dir, "projects/acme-erp/project.yaml"), (r.dir, "projects/acme-erp/visits/new.yaml"),
            (r.dir, "calendars/cn.yaml"), (r.dir, "events/x.md"), (r.dir, ".huifang/cache"), (r.dir, ".git/HEAD"),
            (r.dir + "/projects", "../huifang.yaml"), (outside.dir, "config-link.yaml"), (outside.dir, r.path("huifang.yaml")),
            (outside.dir, "projects-link/acme-erp/notes.md"),
        ]
        let before = r.snapshot()
        for (cwd, path) in refused {
            for command in [["report", "summary"], ["export", "ics"]] {
                // -C DIR is "as if started in DIR" (as git's): a relative -o is taken from DIR, so
                // the path is given from where the shell is, as the shell would complete it.
                let given = path.hasPrefix("/") || cwd.hasPrefix(r.dir) ? path : cwd + "/" + path
                let result = r.run(command + ["-C", cwd.hasPrefix(r.dir) ? cwd : r.dir, "-o", given], cwd: cwd)
                #expect(result.code == 64, "\(command) -o \(path): \(result.code) \(result.stderr)")
                #expect(result.stderr.contains("is part of the records") && result.stderr.contains("--force"), "\(result.stderr)")
            }
        }
        #expect(r.snapshot() == before, "no record was touched")
        #expect(fileType(outside.path("config-link.yaml")) == S_IFLNK)
        // Beside the records: allowed.
        for path in ["summary.md", "docs/summary.md", "calendars/not-listed.md"] {
            let result = r.run(["report", "summary", "-o", path])
            #expect(result.code == 0, "\(path): \(result.stderr)")
        }
        // --force overwrites (here a copy of the config is restored afterwards by nothing: the
        // point is that the user asked for it).
        let forced = r.run(["report", "summary", "-o", "events/x.md", "--force"])
        #expect(forced.code == 0, "\(forced.stderr)")
        #expect(r.read("events/x.md")?.hasPrefix("# ") == true)
        // A file in a record folder that is no record stops the next reader: take it away.
        try FileManager.default.removeItem(atPath: r.path("events/x.md"))
        let forcedICS = r.run(["export", "ics", "-o", ".git/calendar.ics", "--force"])
        #expect(forcedICS.code == 0 && r.read(".git/calendar.ics")?.hasPrefix("BEGIN:VCALENDAR") == true, "\(forcedICS.stderr)")
    }

    // MARK: 11. dates in the supported range

    @Test(.englishMessages) func datesOutsideTheSupportedYearsAreRefusedNotACrash() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let refused: [([String], [String: String], String)] = [
            (["report", "summary", "--period", "0001"], [:], "the year 0001 is outside the supported range 1900–2200"),
            (["report", "summary", "--period", "0004"], [:], "outside the supported range"),
            (["report", "summary", "--period", "2201Q1"], [:], "outside the supported range"),
            (["report", "summary", "--from", "2026-01-01", "--to", "3000-12-31"], [:], "the year 3000 is outside"),
            (["--as-of", "0001-02-01", "report", "summary"], [:], "the year 0001 is outside"),
            (["report", "summary"], ["HUIFANG_TODAY": "0001-02-01"], "HUIFANG_TODAY='0001-02-01'"),
            (["status"], ["HUIFANG_TODAY": "9999-12-31"], "the year 9999 is outside"),
            (["due", "--within", "1000y"], [:], "at most 100 years"),
            (["export", "ics", "--within", "99999d"], [:], "at most 100 years"),
        ]
        for (args, env, message) in refused {
            let result = r.run(args, env: env)
            #expect(result.code == 64, "\(args) \(env): \(result.code)\n\(result.stderr)")
            #expect(result.stderr.contains(message), "\(args): \(result.stderr)")
        }
        // The ends of the range work, and a trend reaching back before 1900 is computed.
        for args in [["report", "summary", "--period", "1900Q1"], ["report", "summary", "--period", "1900-01"],
                     ["report", "summary", "--from", "1900-01-01", "--to", "2200-12-31"], ["--as-of", "2200-12-31", "status"],
                     ["--as-of", "2200-12-31", "due", "--within", "100y"], ["--as-of", "1900-01-01", "report", "department", "east"]] {
            let result = r.run(args)
            #expect(result.code == 0, "\(args): \(result.code)\n\(result.stderr)")
        }
    }

    @Test(.englishMessages) func aDateArgumentSaysWhatIsWrongWithIt() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let cases = [
            ("0000-01-01", "the year 0000 is outside the supported range 1900–2200"),
            ("2026-1-1", "expected YYYY-MM-DD"), ("+2026-01-01", "expected YYYY-MM-DD"), ("2026-01-01x", "expected YYYY-MM-DD"),
            ("2026-02-30", "2026-02 has 28 days (got 30)"), ("2026-13-01", "there is no month 13"),
        ]
        for (date, message) in cases {
            let result = r.run(["visit", "log", "acme-erp", "--method", "phone", "--summary", "x", "--date", date])
            #expect(result.code == 64, "\(date): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(date): \(result.stderr)")
            #expect(!result.stderr.contains("0-01 has"), "\(date): \(result.stderr)")
        }
    }

    @Test(.englishMessages) func aRecordDatedOutsideTheSupportedYearsIsAFinding() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        try r.write("projects/acme-erp/visits/0001-01-01-v-00000009.yaml",
                    "id: v-00000009\ndate: 0001-01-01\nkind: periodic\nmethod: phone\nvisitor: 张伟\nsummary: 好\n")
        try r.write("projects/beta-mes/visits/9999-12-31-v-0000000a.yaml",
                    "id: v-0000000a\ndate: 9999-12-31\nkind: periodic\nmethod: phone\nvisitor: 张伟\nsummary: 好\n")
        let check = r.run(["check"])
        #expect(check.code == 1, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("0001-01-01-v-00000009.yaml:2:7: error: 'date' must be a real date YYYY-MM-DD from 1900-01-01 to 2200-12-31, found '0001-01-01'"),
                "\(check.stdout)")
        #expect(check.stdout.contains("9999-12-31-v-0000000a.yaml:2:7: error:"), "\(check.stdout)")
        for args in [["report", "summary"], ["status"], ["visit", "list"], ["due"], ["export", "ics"], ["report", "project", "acme-erp"]] {
            let result = r.run(args)
            #expect(result.code != 132 && result.code != 134 && !result.stderr.contains("Fatal error"), "\(args): \(result.code) \(result.stderr)")
        }
    }

    // MARK: 12. terminal output neutralised

    /// A visit whose text holds ESC, BEL, BS, a C1 control and a right-to-left override.
    func hostileRepository() throws -> HuifangRunner {
        let r = try makeTourRepository()
        try r.write("projects/acme-erp/visits/2026-10-10-v-0000000f.yaml", """
            id: v-0000000f
            date: 2026-10-10
            kind: periodic
            method: phone
            visitor: 张伟
            summary: "红\\e]0;owned\\a字\\e[31m\\b\\x9b2J\\u202Etxt.exe"

            """)
        let check = r.run(["check"])
        try #require(check.code == 0, "\(check.stdout)")
        return r
    }

    @Test func terminalOutputOfEveryFormatIsNeutralisedButPipesKeepTheData() throws {
        let r = try hostileRepository()
        defer { r.cleanup() }
        for args in [["visit", "list", "--format", "csv"], ["visit", "list", "--format", "json"], ["visit", "list"],
                     ["project", "log", "acme-erp", "--format", "csv"], ["report", "project", "acme-erp", "--format", "csv"],
                     ["report", "project", "acme-erp"], ["export", "ics"]] {
            let bytes = try runOnTerminal(r, args, env: ["NO_COLOR": "1"])
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(!bytes.isEmpty, "\(args) printed something")
            #expect(!bytes.contains(0x1B) && !bytes.contains(0x07) && !bytes.contains(0x08), "\(args): raw controls on the terminal:\n\(text)")
            #expect(!text.unicodeScalars.contains { $0.value == 0x9B || $0.value == 0x202E }, "\(args): C1 or bidi override:\n\(text)")
            if args.contains("csv") {
                #expect(text.contains("^[]0;owned^G") && text.contains("<U+202E>"), "\(args): shown, not hidden:\n\(text)")
            }
        }
        // Piped, the data is kept as it is.
        let piped = r.run(["visit", "list", "--format", "csv"])
        #expect(piped.stdout.contains("\u{1B}]0;owned\u{07}") && piped.stdout.contains("\u{202E}"))
    }

    @Test(.englishMessages) func huifangsOwnColoursStayOnTheTerminal() throws {
        let r = try hostileRepository()
        defer { r.cleanup() }
        try r.write("projects/acme-erp/visits/bad.yaml", "id: [\u{1B}[2J\n")
        let status = try runOnTerminal(r, ["status", "--lang", "en"])
        let text = String(decoding: status, as: UTF8.self)
        #expect(text.contains("\u{1B}[31mOverdue visits\u{1B}[0m"), "status is coloured:\n\(text)")
        let check = String(decoding: try runOnTerminal(r, ["check"]), as: UTF8.self)
        #expect(check.contains("\u{1B}[31merror:\u{1B}[0m"), "\(check)")
        #expect(!check.contains("\u{1B}[2J"), "a record's escape sequence is not passed: \(check)")
    }

    @Test func errorMessagesNeverEchoRawControlCharacters() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let show = r.run(["project", "show", "\u{1B}[31mzz"])
        #expect(show.code == 64)
        #expect(!show.stderr.contains("\u{1B}") && show.stderr.contains("^[[31mzz"), "\(show.stderr)")
        let date = r.run(["visit", "log", "acme-erp", "--method", "phone", "--summary", "x", "--date", "\u{1B}[2J\u{202E}"])
        #expect(date.code == 64)
        #expect(!date.stderr.contains("\u{1B}") && !date.stderr.contains("\u{202E}") && date.stderr.contains("<U+202E>"), "\(date.stderr)")
    }

    // MARK: exit codes for folders and permissions

    @Test func dashCNamesAFolderOrSaysWhyNot() throws {
        let r = try HuifangRunner.withRepository()
        defer { r.cleanup() }
        for args in [["-C", "/nonexistent", "status"], ["-C", "/nonexistent"]] {
            let result = r.run(args)
            #expect(result.code == 66 && result.stderr.contains("/nonexistent: no such folder"), "\(args): \(result.code) \(result.stderr)")
        }
        let file = r.run(["-C", "huifang.yaml", "status"])
        #expect(file.code == 66 && file.stderr.contains("huifang.yaml: not a folder"), "\(file.code) \(file.stderr)")
    }

    @Test func permissionErrorsExit77AndNameThePath() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        // Runs as root in CI: the commands run as nobody there (setpriv), as this user elsewhere.
        try #require(chmod(r.dir, 0o755) == 0)
        if getuid() != 0 { try #require(chmod(r.path("projects"), 0o555) == 0) }
        defer { chmod(r.path("projects"), 0o755) }
        let write = run(r, ["report", "summary", "-o", r.path("projects/summary.md"), "--force"], unprivileged: true)
        #expect(write.code == 77, "\(write.code) \(write.stderr)")
        #expect(write.stderr.lowercased().contains("permission denied") && write.stderr.contains(r.path("projects/summary.md")), "\(write.stderr)")
        try #require(chmod(r.path("huifang.yaml"), 0o600) == 0)
        if getuid() != 0 { try #require(chmod(r.path("huifang.yaml"), 0o000) == 0) }
        defer { chmod(r.path("huifang.yaml"), 0o644) }
        let read = run(r, ["--no-cache", "visit", "list"], unprivileged: true)
        #expect(read.code == 77, "\(read.code) \(read.stderr)")
        #expect(read.stderr.lowercased().contains("permission denied") && read.stderr.contains(r.path("huifang.yaml")), "\(read.stderr)")
        let secret = HuifangRunner()
        defer { secret.cleanup() }
        try FileManager.default.createDirectory(atPath: secret.path("inner"), withIntermediateDirectories: true)
        try #require(chmod(secret.dir, 0o700) == 0)
        if getuid() != 0 { try #require(chmod(secret.dir, 0o000) == 0) }
        defer { chmod(secret.dir, 0o755) }
        let denied = run(r, ["-C", secret.path("inner"), "status"], unprivileged: true)
        #expect(denied.code == 77 && denied.stderr.lowercased().contains("permission denied"), "\(denied.code) \(denied.stderr)")
    }

    // MARK: non-UTF-8 names

    @Test func aRecordFileWhoseNameIsNotUTF8IsNamedByItsBytes() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        var name = Array(r.path("projects/acme-erp/visits/").utf8)
        name += [0xFF, 0x41, 0xE4, 0xB8] + Array(".yaml".utf8) + [0]
        let fd = name.withUnsafeBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: name.count) { open($0, O_WRONLY | O_CREAT, 0o644) }
        }
        try #require(fd >= 0)
        close(fd)
        var folder = Array(r.path("projects/").utf8) + [0x62, 0xFE, 0]
        try #require(folder.withUnsafeMutableBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) { mkdir($0, 0o755) }
        } == 0)
        let check = r.run(["check"])
        #expect(check.code == 1, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("projects/acme-erp/visits/\\xFFA\\xE4\\xB8.yaml:1:1: error: the name is not UTF-8"), "\(check.stdout)")
        #expect(check.stdout.contains("projects/b\\xFE:1:1: error: the name is not UTF-8"), "\(check.stdout)")
        #expect(check.stdout.contains("rename it"))
        #expect(!check.stdout.contains("No such file or directory"), "\(check.stdout)")
    }
}
