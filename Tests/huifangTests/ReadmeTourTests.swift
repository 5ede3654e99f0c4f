import Foundation
import Testing

/// One command of the README's tour: its text as typed (continuation lines joined by the
/// shell itself), the README line it starts on, and the exit code the README promises.
struct TourCommand: Equatable {
    var line: Int
    var text: String
    var expectedExit: Int32
}

struct TourBlockError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

enum ReadmeTour {
    static let marker = "<!-- tour:"

    /// The commands of the fenced block that follows the `<!-- tour: ... -->` comment. Blank
    /// and comment-only lines are skipped; a line ending in `\` goes on on the next line; a
    /// here-document takes its body with it. A command whose comment says "fails with exit N"
    /// is expected to exit N, every other one 0.
    static func commands(in readme: String) throws -> [TourCommand] {
        let lines = readme.components(separatedBy: "\n")
        let markers = lines.indices.filter { lines[$0].hasPrefix(marker) }
        guard markers.count == 1 else {
            throw TourBlockError("README.md must have exactly one '\(marker) ... -->' line before the tour's block, found \(markers.count)")
        }
        let open = markers[0] + 1
        guard open < lines.count, lines[open] == "```sh" else {
            throw TourBlockError("README.md:\(open + 1): the line after the tour marker must open the block with ```sh")
        }
        guard let close = lines[(open + 1)...].firstIndex(of: "```") else {
            throw TourBlockError("README.md:\(open + 1): the tour's block is never closed")
        }
        var out: [TourCommand] = []
        var i = open + 1
        while i < close {
            let first = lines[i]
            let trimmed = first.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") {
                i += 1
                continue
            }
            var text = [first]
            let start = i
            while text.last!.hasSuffix("\\") && i + 1 < close {
                i += 1
                text.append(lines[i])
            }
            if let terminator = hereDocumentTerminator(text.joined(separator: "\n")) {
                while i + 1 < close {
                    i += 1
                    text.append(lines[i])
                    if lines[i] == terminator { break }
                }
            }
            i += 1
            let command = text.joined(separator: "\n")
            out.append(TourCommand(line: start + 1, text: command, expectedExit: expectedExit(command)))
        }
        return out
    }

    /// "fails with exit N" in the command's comment.
    static func expectedExit(_ command: String) -> Int32 {
        guard let range = command.range(of: "fails with exit ") else { return 0 }
        return Int32(command[range.upperBound...].prefix(while: \.isNumber)) ?? -1
    }

    /// The programs a command runs: the first word of each part of it (between `&&`, `||`, `|`,
    /// `;` and inside `$(...)`), leaving out comments, variable assignments and the body of a
    /// here-document.
    static func programs(_ command: String) -> [String] {
        var text = command
        if hereDocumentTerminator(text) != nil { text = String(text.prefix(while: { $0 != "\n" })) }
        let code = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard let hash = line.range(of: " #") else { return String(line) }
            return String(line[..<hash.lowerBound])
        }.joined(separator: " ").replacingOccurrences(of: "$(", with: ";")
        var out: [String] = []
        for part in code.replacingOccurrences(of: "&&", with: ";").replacingOccurrences(of: "||", with: ";")
            .split(whereSeparator: { $0 == ";" || $0 == "|" }) {
            let words = part.split(whereSeparator: { $0 == " " || $0 == "\\" }).map(String.init)
            if let word = words.first(where: { !$0.contains("=") || $0.hasPrefix("${") }) { out.append(word) }
        }
        return out
    }

    /// What a person who installed only huifang has: git (a records repository is a git
    /// repository), the shell's own commands and a few POSIX tools, and an editor.
    static let availableTools: Set<String> = ["huifang", "git", "cd", "mkdir", "echo", "cat", "tail", "cut", "${EDITOR:-vi}"]

    /// `<<'EOF'`, `<<"EOF"` or `<<EOF`: the word that ends the here-document.
    static func hereDocumentTerminator(_ command: String) -> String? {
        guard let range = command.range(of: "<<") else { return nil }
        let word = command[range.upperBound...].drop(while: { $0 == "-" || $0 == " " })
            .prefix(while: { !$0.isWhitespace && $0 != ";" && $0 != "&" && $0 != "|" && $0 != ">" })
        let bare = word.filter { $0 != "'" && $0 != "\"" }
        return bare.isEmpty ? nil : String(bare)
    }

    /// A bash script that runs the commands one after another in one shell (so that `cd` and
    /// variables carry over, as when a person types them), each with its own standard output
    /// and error, writing `INDEX CODE` after each, and stopping at the first unexpected code.
    static func script(_ commands: [TourCommand], log: String) -> String {
        var s = "cd \"$TOUR_HOME\" || exit 99\n"
        for (n, c) in commands.enumerated() {
            s += "{\n\(c.text)\n} </dev/null >'\(log)/\(n).out' 2>'\(log)/\(n).err'\n"
            s += "rc=$?; echo \"\(n) $rc\" >>'\(log)/codes'; [ \"$rc\" -eq \(c.expectedExit) ] || exit 0\n"
        }
        return s
    }

    /// The person at the editor: saves a change that makes sense for the file it was given
    /// (a case analysis, the project, a visit or a new visit's template); huifang.yaml is kept
    /// as `init` wrote it, whose departments are the tour's.
    static let editor = #"""
        #!/bin/sh
        f=$1
        echo "$f" >>"$TOUR_EDITS"
        case "$f" in
        *.md)
            cat >"$f" <<'EOF'
        # 案例分析：报表导出超时

        ## 经过
        2026-02-14 电话回访时客户反映报表导出偏慢；11 月客户再次投诉，升级为重大问题。

        ## 原因
        导出在请求线程中同步生成，10 万行数据超过网关 30 秒超时。

        ## 措施
        导出改为异步任务，完成后通知下载；客户现场验证通过。

        ## 经验教训
        性能问题在首次回访时即应评估数据量增长，不等客户再次投诉。

        ## 适用范围
        所有带大批量报表导出的项目。
        EOF
            ;;
        */huifang.yaml) ;;
        */project.yaml) sed -i 's/^tags: \[erp\]$/tags: [erp, finance]/' "$f" ;;
        *)
            if grep -q '^summary: ""' "$f"; then
                sed -i -e 's/^method:.*/method: online/' -e 's/^summary: "".*/summary: 升级后线上回访，导出已恢复正常。/' \
                    -e 's/^overall:.*/overall: 5/' "$f"
            else
                sed -i 's/^summary: .*/summary: 系统运行稳定，报表导出偏慢（10 万行约 40 秒）。/' "$f"
            fi
            ;;
        esac
        """#
}

extension TourTests {
    static let readme: String = {
        let path = HuifangRunner.testsFolder + "/../../README.md"
        return String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
    }()

    /// The README's tour, extracted from README.md and run command by command in an empty
    /// folder with the built huifang first on PATH, real random ids, and an editor that saves
    /// a change: every command exits 0, or with the code its comment announces. Run on two days
    /// (the second after the project's retirement date), as a reader may type it any day.
    @Test(arguments: ["2026-11-24", "2027-09-15"])
    func theReadmeTourRunsAsWritten(today: String) throws {
        let commands = try ReadmeTour.commands(in: Self.readme)
        try #require(commands.count >= 30, "the tour's block has \(commands.count) commands")
        let tmp = HuifangRunner()
        defer { tmp.cleanup() }
        let home = tmp.path("home")
        let log = tmp.path("log")
        for dir in [home, log] { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        try tmp.write("editor.sh", ReadmeTour.editor + "\n")
        try tmp.write("tour.sh", ReadmeTour.script(commands, log: log))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: tmp.path("editor.sh"))

        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("HUIFANG_") && !$0.key.hasPrefix("GIT_") }
        env["PATH"] = URL(fileURLWithPath: HuifangRunner.binary).deletingLastPathComponent().path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        env["HUIFANG_TODAY"] = today
        env["EDITOR"] = tmp.path("editor.sh")
        env.removeValue(forKey: "VISUAL")
        env["TOUR_HOME"] = home
        env["TOUR_EDITS"] = tmp.path("edits")
        env["HOME"] = home
        env["NO_COLOR"] = "1"
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        for key in ["GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"] { env[key] = "张伟" }
        for key in ["GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"] { env[key] = "zhangwei@example.com" }

        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["bash", "--noprofile", "--norc", tmp.path("tour.sh")]
        p.environment = env
        p.currentDirectoryURL = URL(fileURLWithPath: home)
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let watchdog = HuifangRunner.watch(p, "the README tour", seconds: 600)
        p.waitUntilExit()
        watchdog.cancel()

        let codes = (tmp.read("log/codes") ?? "").split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        for (n, c) in commands.enumerated() {
            guard n < codes.count else {
                Issue.record("README.md:\(c.line): the tour stopped before this command: \(c.text)")
                break
            }
            let code = Int32(codes[n][1]) ?? -1
            #expect(code == c.expectedExit,
                    """
                    README.md:\(c.line): exit \(code), the README says \(c.expectedExit == 0 ? "nothing (so 0)" : "exit \(c.expectedExit)"):
                    \(c.text)
                    stdout: \(tmp.read("log/\(n).out") ?? "")
                    stderr: \(tmp.read("log/\(n).err") ?? "")
                    """)
        }
        guard codes.count == commands.count else { return }

        // What the tour did is there: the editor saved the five files it opens, the major issue
        // closed with its case analysis, the mistaken one withdrawn, and the commit took it all.
        let edits = (tmp.read("edits") ?? "").split(separator: "\n").map { String($0) }
        #expect(edits.count == 5, "\(edits)")
        #expect(edits.contains { $0.hasSuffix("huifang.yaml") } && edits.contains { $0.hasSuffix(".md") })
        let repo = home + "/visits"
        let issues = try FileManager.default.contentsOfDirectory(atPath: repo + "/projects/acme-erp/issues")
        try #require(issues.count == 1)
        let issue = String(decoding: FileManager.default.contents(atPath: repo + "/projects/acme-erp/issues/" + issues[0]) ?? Data(), as: UTF8.self)
        #expect(issue.contains("status: closed"))
        #expect(issue.contains("severity: major"))
        #expect(issue.contains("case_analysis: docs/cases/\(issues[0].dropLast(5)).md"))
        let withdrawn = try FileManager.default.contentsOfDirectory(atPath: repo + "/projects/beta-mes/issues")
        try #require(withdrawn.count == 1)
        #expect(String(decoding: FileManager.default.contents(atPath: repo + "/projects/beta-mes/issues/" + withdrawn[0]) ?? Data(), as: UTF8.self)
            .contains("status: withdrawn"))
        #expect(FileManager.default.fileExists(atPath: home + "/summary.html"))
        #expect(FileManager.default.fileExists(atPath: home + "/visits.ics"))
        let status = Process()
        status.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        status.arguments = ["git", "-C", repo, "status", "--porcelain"]
        status.environment = env
        let pipe = Pipe()
        status.standardOutput = pipe
        try status.run()
        let porcelain = pipe.fileHandleForReading.readDataToEndOfFile()
        status.waitUntilExit()
        #expect(status.terminationStatus == 0 && porcelain.isEmpty, "the tour's commit left: \(String(decoding: porcelain, as: UTF8.self))")
    }

    /// The tour calls nothing a user who installed only huifang lacks: no script of this
    /// repository (a records repository has none), no Python, no jq.
    @Test func theTourNeedsOnlyHuifangGitAndPOSIXTools() throws {
        #expect(ReadmeTour.programs("visit=$(huifang visit list a --format csv | tail -n 1 | cut -d, -f2)") == ["huifang", "tail", "cut"])
        #expect(ReadmeTour.programs("mkdir -p d && ${EDITOR:-vi} d/\"$i\".md   # 经过、原因") == ["mkdir", "${EDITOR:-vi}"])
        #expect(ReadmeTour.programs("python3 scripts/validate_ics.py visits.ics   # check it") == ["python3"])
        #expect(ReadmeTour.programs("huifang issue withdraw \"$(huifang issue list | tail -n 1)\" \\\n    --reason x") == ["huifang", "huifang", "tail"])
        for c in try ReadmeTour.commands(in: Self.readme) {
            let missing = ReadmeTour.programs(c.text).filter { !ReadmeTour.availableTools.contains($0) }
            #expect(missing.isEmpty, "README.md:\(c.line): the tour calls \(missing), which a user who installed only huifang may not have")
        }
    }

    /// The extraction the tour test relies on: continuation lines, comments, here-documents,
    /// the announced exit code, and a README without the marker is an error, not an empty tour.
    @Test func theTourBlockIsFoundAndSplitIntoCommands() throws {
        let readme = """
            intro
            <!-- tour: run by the tests -->
            ```sh
            # a comment
            mkdir x && cd x
            huifang project add a \\
                --name "A"   # a comment

            huifang issue close i-1  # fails with exit 64: needs a case analysis
            cat > f.md <<'EOF'
            # heading, not a comment
            EOF
            ```
            ```sh
            not the tour
            ```
            """
        let commands = try ReadmeTour.commands(in: readme)
        #expect(commands == [
            TourCommand(line: 5, text: "mkdir x && cd x", expectedExit: 0),
            TourCommand(line: 6, text: "huifang project add a \\\n    --name \"A\"   # a comment", expectedExit: 0),
            TourCommand(line: 9, text: "huifang issue close i-1  # fails with exit 64: needs a case analysis", expectedExit: 64),
            TourCommand(line: 10, text: "cat > f.md <<'EOF'\n# heading, not a comment\nEOF", expectedExit: 0),
        ])
        #expect(throws: TourBlockError.self) { try ReadmeTour.commands(in: "```sh\nls\n```\n") }
        #expect(throws: TourBlockError.self) { try ReadmeTour.commands(in: "<!-- tour: -->\n```sh\nls\n") }
        let real = try ReadmeTour.commands(in: Self.readme)
        #expect(real.first?.text.hasPrefix("mkdir visits && cd visits") == true)
        #expect(real.contains { $0.text.hasPrefix("huifang check") })
    }
}
