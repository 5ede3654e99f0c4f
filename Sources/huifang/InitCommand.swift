import ArgumentParser
import HuifangReport
import HuifangStore

#if canImport(Glibc)
    import Glibc
#endif

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a repository: huifang.yaml with the default policy, the official calendar, .gitignore.",
        discussion: """
            Works in an empty folder and inside an existing git repository. Refuses to touch a folder \
            that already holds huifang.yaml; keeps every file that is already there (an existing \
            calendars/cn.yaml stays as it is, an existing .gitignore only gains the line '.huifang/') \
            and says which it kept. calendars/cn.yaml carries the official mainland-China holidays and \
            make-up working days for 2004-2026; add later years as the State Council publishes them, with \
            'huifang calendar add-holiday' and 'huifang calendar add-workday'.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Folder to create the repository in (default: the current folder, or -C DIR).")
    var dir: String?

    @Option(help: "Organisation name written to huifang.yaml (asked for on a terminal when missing).")
    var organization: String?

    func run() throws {
        let base = global.startDirectory
        let target = dir.map { $0.hasPrefix("/") ? $0 : base + "/" + $0 } ?? base
        let absolute = target.hasPrefix("/") ? target : FileSystem.currentDirectory() + "/" + target
        if let organization, organization.trimmed.isEmpty {
            throw CommandFailure.usage(Message("error.empty-option", ["option": "--organization"]), hint: Message("hint.init.organization"))
        }
        if FileSystem.exists(absolute + "/" + Repository.configFile) {
            throw CommandFailure(StoreError.alreadyRepository(path: absolute))
        }
        // No repository yet: --lang, $HUIFANG_LANG, else the locale.
        let L = Catalogue(try global.requestedLanguage() ?? CommandContext.language(global))
        var name = organization?.trimmed ?? ""
        if organization == nil, isatty(0) == 1, isatty(2) == 1 {
            Console.err(L["init.ask-organization"])
            if let line = readLine(strippingNewline: true) { name = line.trimmed }
        }
        let created = try RepositoryInitializer.create(in: absolute, organization: name)
        let shown = FileSystem.realPath(absolute) ?? absolute
        Console.out(L("init.done", ["path": shown]) + "\n")
        for file in created.written { Console.out("  " + L("init.created", ["file": file]) + "\n") }
        for file in created.appended { Console.out("  " + L("init.appended", ["file": file]) + "\n") }
        for file in created.kept { Console.out("  " + L("init.kept", ["file": file]) + "\n") }
        if name.isEmpty {
            Console.err(Console.labelled(L["msg.note"]) + L["init.no-organization"] + "\n")
        }
        Console.out("\n" + L["init.next"] + "\n" + """
              huifang project add ID --name ... --customer ... --department ... --owner ... --tier standard --accepted YYYY-MM-DD
              huifang visit log ID --method phone --summary "..."

            """)
    }
}
