import ArgumentParser
import HuifangStore

#if canImport(Glibc)
    import Glibc
#endif

/// `-C DIR` means what it means to git: run as if huifang was started in DIR. The process
/// moves into DIR before the command runs, so that every relative path the command line gives
/// (`-o FILE`, the ledger of `import` and its `--map`, files to attach, `--case-analysis`,
/// `--repo`, `init`'s folder) is taken from DIR, the same way for all of them. A DIR that does
/// not exist (or is no folder) is left to the command, which says so (exit 66).
enum WorkingFolder {
    /// The `-C DIR` the process moved into, as given; nil when none (or it could not be entered).
    nonisolated(unsafe) private(set) static var entered: String?

    /// Moves into the `-C DIR` of `command` (its `global` options), if any.
    static func enter(_ command: ParsableCommand) {
        guard entered == nil, let dir = globalOptions(of: command)?.directory, !dir.isEmpty else { return }
        guard chdir(dir) == 0 else { return }
        entered = dir
    }

    /// The command's `GlobalOptions` (every command has them as `global`).
    static func globalOptions(of command: ParsableCommand) -> GlobalOptions? {
        for child in Mirror(reflecting: command).children {
            if let group = child.value as? OptionGroup<GlobalOptions> { return group.wrappedValue }
        }
        return nil
    }

    /// `path` as the shell that ran huifang names it: a relative path is shown from the folder
    /// the shell was in (`DIR/path` after `-C DIR`), so that a message never leaves the user to
    /// guess where a file was written or looked for.
    static func shown(_ path: String) -> String {
        guard let entered, entered != ".", !path.hasPrefix("/"), path != "-", !path.isEmpty else { return path }
        return (entered.hasSuffix("/") ? entered : entered + "/") + path
    }
}
