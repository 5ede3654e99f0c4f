import ArgumentParser
import HuifangReport
import HuifangStore

#if canImport(Glibc)
    import Glibc
#endif

@main
struct Huifang: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "huifang",
        abstract: "Follow-up visits to delivered projects (huifang), kept as YAML records in a git repository.",
        discussion: """
            A repository is the folder holding huifang.yaml, found from the working folder upwards \
            (like git finds .git). Records are plain YAML files: one per project, visit, issue, \
            improvement and event. Commands read them, validate them and add to them.

            Exit codes: 0 ok, 1 check found problems, 64 usage, 65 bad data, 66 no repository or no \
            such folder or file, 74 output could not be written (disk full, I/O error), 75 repository locked by \
            another huifang or a record changed while updating, 77 permission denied.
            """,
        version: HuifangVersion.current,
        subcommands: [
            InitCommand.self, ProjectCommand.self, VisitCommand.self, DueCommand.self, IssueCommand.self, ImproveCommand.self, ReportCommand.self, AssessCommand.self, EventCommand.self, PlanCommand.self, ExportCommand.self, CalendarCommand.self, CheckCommand.self, StatusCommand.self,
            SearchCommand.self, CloseCommand.self, ReopenPeriodCommand.self, ImportCommand.self, RiskCommand.self,
            CaseCommand.self, NeedCommand.self, SiteCommand.self,
        ]
    )

    @OptionGroup var global: GlobalOptions

    /// With no subcommand: `status` inside a repository, a short pointer to `init` outside.
    func run() throws {
        let found: Repository?
        do {
            found = try Repository.discover(from: global.startDirectory)
        } catch .noRepository {
            found = nil
        } catch {
            throw CommandFailure(error)  // -C names no folder, or one huifang may not read
        }
        if found != nil {
            var status = StatusCommand()
            status.global = global
            try status.run()
        } else {
            // No repository: --lang, $HUIFANG_LANG, else the locale.
            let L = Catalogue(try global.requestedLanguage() ?? CommandContext.language(global))
            Console.out("""
                \(L["root.outside"])

                  huifang init [DIR]     \(L["root.init"])
                  huifang -C DIR status  \(L["root.elsewhere"])
                  huifang --help         \(L["root.help"])

                """)
        }
    }

    static func main() {
        Console.guardStandardDescriptors()
        TestHooks.install()
        EnvironmentSettings.apply()
        CommandContext.presetLanguage(Array(CommandLine.arguments.dropFirst()))
        var code: Int32 = 0
        do {
            var command = try parseAsRoot()
            WorkingFolder.enter(command)  // -C DIR: as if started in DIR
            try command.run()
            CalendarNotice.warnIfReached()
            // A cache being written in the background is finished before the process ends.
            RecordCache.waitForSave()
        } catch let failure as CommandFailure {
            RecordCache.waitForSave()
            Console.failure(failure)
            code = failure.code
        } catch let error as StoreError {
            RecordCache.waitForSave()
            Console.failure(CommandFailure(error))
            code = error.exitCode
        } catch {
            // What ArgumentParser's exit(withError:) does, through Console: help and version on
            // stdout (whose write is checked), usage errors on stderr (neutralised).
            RecordCache.waitForSave()
            code = exitCode(for: error).rawValue
            let text = fullMessage(for: error)
            if code == 64, let misplaced = RepositorySetOptions.misplaced(text) { Console.failure(misplaced); Glibc.exit(64) }  // rollup
            if code == 64, let refused = ArgumentProblem.failure(for: text) {
                Console.failure(refused)  // in the catalogue's words, not ArgumentParser's English frame
            } else if code == 64, let parse = ParseFailure(message: message(for: error), full: text) {
                Console.err(parse.text(MessageLanguage.catalogue))  // ArgumentParser's usage errors, likewise
            } else if !text.isEmpty {
                if code == 0 { Console.out(text + "\n") } else { Console.err(text + "\n") }
            }
        }
        // Output that did not reach its file is an error (74), whatever the command thought:
        // unless the command already failed for a reason of its own.
        if code == 0 || code == 1 { Console.finish() }
        Glibc.exit(code)
    }
}

enum HuifangVersion {
    static let current = "0.1.0"
}
