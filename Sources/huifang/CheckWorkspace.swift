import ArgumentParser
import HuifangCore
import HuifangReport
import HuifangStore

/// `huifang check --workspace` (docs/WORKSPACE.md): validates workspace.yaml, every problem and
/// not just the first, each at its file:line:column: the YAML, its shape and keys, each listed
/// path (a folder holding huifang.yaml), names and folders listed once. Exit 1 when something is
/// wrong, 66 when no workspace.yaml is found. Plain `check` does the same in a workspace's folder
/// (or below it) that is not itself a repository.
extension CheckCommand {
    /// The workspace.yaml plain `check` validates: the one found from the working folder (or
    /// -C) upwards before any huifang.yaml, in a folder that is not also a repository.
    static func workspaceInstead(of global: GlobalOptions) -> String? {
        guard let file = try? RepositorySetOptions.findWorkspace(from: global.startDirectory) else { return nil }
        let folder = String(file[..<file.lastIndex(of: "/")!])
        return FileSystem.exists(folder + "/" + Repository.configFile) ? nil : file
    }

    /// The first workspace.yaml from the working folder (or -C) upwards, repositories or not.
    static func findWorkspace(_ global: GlobalOptions) -> String? {
        let start = global.startDirectory
        let absolute = start.hasPrefix("/") ? start : FileSystem.currentDirectory() + "/" + start
        guard var dir = FileSystem.realPath(absolute) else { return nil }
        while true {
            let file = (dir == "/" ? "" : dir) + "/" + RepositorySetOptions.workspaceFile
            if FileSystem.exists(file) { return file }
            guard dir != "/", let slash = dir.lastIndex(of: "/") else { return nil }
            dir = slash == dir.startIndex ? "/" : String(dir[..<slash])
        }
    }

    func checkWorkspace(_ found: String?) throws {
        let c = MessageLanguage.catalogue
        guard let file = found else {
            throw CommandFailure(code: 66) { c in
                (c.text("error.workspace.none", ["start": global.startDirectory, "file": RepositorySetOptions.workspaceFile]), c.text("hint.workspace.none", ["file": RepositorySetOptions.workspaceFile]))
            }
        }
        let (entries, problems) = try RepositorySetOptions.validate(file)
        let findings = problems.sorted { ($0.mark?.line ?? 0, $0.mark?.column ?? 0) < ($1.mark?.line ?? 0, $1.mark?.column ?? 0) }.map { p in
            Finding(.error, path: file, line: p.mark?.line ?? 1, column: p.mark?.column ?? 1, message: p.text(c), hint: p.hint.text(c))
        }
        switch format {
        case .json:
            Console.out(CheckJSON.workspace(file, repositories: entries.map { ($0.name, $0.path) }, findings: findings, catalogue: c).render() + "\n")
        case .text:
            var text = ""
            for f in findings {
                text += TerminalText.clean("\(f.path):\(f.line):\(f.column): ")
                    + Console.labelled(Terminal.paint(c["msg.error"], "31", Terminal.color), c["msg.error"]) + TerminalText.clean(f.message) + "\n"
                if let hint = f.hint { text += "  " + Console.labelled(c["msg.hint"]) + TerminalText.clean(hint) + "\n" }
            }
            Console.out(text)
            if findings.isEmpty {
                Console.out(c.text("check.workspace ok", ["file": file, "count": String(entries.count)]) + "\n")
            } else {
                Console.err(c.text("check.workspace problems", ["file": file, "count": String(findings.count)]) + "\n")
            }
        }
        if !findings.isEmpty { throw ExitCode(1) }
    }
}
