import ArgumentParser
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

            Exit codes: 0 ok, 1 check found problems, 64 usage, 65 bad data, 66 no repository, \
            75 repository locked by another huifang, or a record changed while updating.
            """,
        version: HuifangVersion.current,
        subcommands: [
            InitCommand.self, ProjectCommand.self, VisitCommand.self, DueCommand.self, IssueCommand.self, ImproveCommand.self, ReportCommand.self, EventCommand.self, PlanCommand.self, ExportCommand.self, CalendarCommand.self, CheckCommand.self, StatusCommand.self,
        ]
    )

    @OptionGroup var global: GlobalOptions

    /// With no subcommand: `status` inside a repository, a short pointer to `init` outside.
    func run() throws {
        if (try? Repository.discover(from: global.startDirectory)) != nil {
            var status = StatusCommand()
            status.global = global
            try status.run()
        } else {
            Console.out("""
                huifang: not inside a huifang repository.

                  huifang init [DIR]     create one (huifang.yaml, calendars/, .gitignore)
                  huifang -C DIR status  work on a repository elsewhere
                  huifang --help         all commands

                """)
        }
    }

    static func main() {
        TestHooks.install()
        // A cache being written in the background is finished before the process ends.
        do {
            var command = try parseAsRoot()
            try command.run()
            CalendarNotice.warnIfReached()
            RecordCache.waitForSave()
        } catch let failure as CommandFailure {
            RecordCache.waitForSave()
            Console.failure(failure)
            Glibc.exit(failure.code)
        } catch let error as StoreError {
            RecordCache.waitForSave()
            Console.failure(CommandFailure(error))
            Glibc.exit(error.exitCode)
        } catch {
            RecordCache.waitForSave()
            exit(withError: error)
        }
    }
}

enum HuifangVersion {
    static let current = "0.1.0"
}
