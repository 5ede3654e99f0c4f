import HuifangCore
import HuifangReport
import HuifangStore

/// What a command works on: the repository, today's date and, once read, its records.
struct CommandContext {
    let repository: Repository
    let today: Day
    let useCache: Bool
    /// --ignore-invalid: answer without the records that cannot be read (see `admit`).
    let ignoreInvalid: Bool
    /// --lang, else $HUIFANG_LANG: nil lets huifang.yaml's `language:` decide (see `catalogue`).
    let requestedLanguage: Language?

    init(_ global: GlobalOptions) throws {
        let discovered = Result { () throws(StoreError) in try Repository.discover(from: global.startDirectory) }
        if case .success(let found) = discovered { MessageLanguage.peek(found) }  // messages from here on speak its language
        today = try global.today()
        requestedLanguage = try global.requestedLanguage()
        useCache = !global.noCache
        ignoreInvalid = global.ignoreInvalid
        do {
            repository = try discovered.get()
        } catch {
            throw CommandFailure(error)
        }
    }

    /// Reads every record. huifang.yaml and its calendar files must be readable: nothing else
    /// makes sense without them (the working days would be wrong).
    /// The rules between records run only when asked (`check` and `status` report findings;
    /// the other commands use the records). A record that could not be read makes the command
    /// refuse (see `admit`), unless it `reportsFindings` itself; a command that holds the lock,
    /// or says it is `writing`, refuses even with --ignore-invalid. A command that uses only
    /// huifang.yaml (`usesRecords: false`, `project add`) is not concerned.
    /// `walked`: a directory walk already made (the search index's), not made again.
    func load(crossRecordRules: Bool = false, reportsFindings: Bool = false, writing: Bool = false,
              usesRecords: Bool = true, walked: RepositoryLoader.Walked? = nil) throws -> LoadedRepository {
        let loaded = Terminal.progress("reading \(repository.root)") {
            RepositoryLoader.load(repository, .init(useCache: useCache, crossRecordRules: crossRecordRules, keepUntilExit: true,
                                                    walked: walked))
        }
        if !loaded.configFailed { MessageLanguage.repository = loaded.records.config.language }
        if loaded.configFailed {
            try requireReadable(repository.path(Repository.configFile))
            for f in loaded.findings where f.path == Repository.configFile { Console.err(styled: Console.format(f, colour: Terminal.stderrColor)) }
            throw CommandFailure(StoreError.badConfig(findings: loaded.findings.filter { $0.path == Repository.configFile }.count))
        }
        _ = catalogue(loaded)  // from here on Catalogue.current speaks the repository's language
        try CalendarNotice.requireCalendars(loaded)
        if usesRecords { try admit(loaded, reportsFindings: reportsFindings, writing: writing || Self.holdsLock) }
        if usesRecords && !reportsFindings { ReadWarnings.warn(loaded.records) }
        return loaded
    }

    /// Takes the write lock; held until the returned object is released.
    func lock() throws -> RepositoryLock {
        Self.holdsLock = true
        do { return try RepositoryLock.acquire(repository) } catch { throw CommandFailure(error) }
    }

    /// Set once the command takes the write lock: it writes, so records it cannot read make it refuse.
    nonisolated(unsafe) static var holdsLock = false

    /// Writes a record file (temporary file under .huifang/, fsync, rename); hold the lock.
    func write(_ text: String, to relative: String) throws {
        do {
            try RecordUpdate.write([(relative, Array(text.utf8))], in: repository)
        } catch {
            throw CommandFailure(error)
        }
    }
}

extension Records {
    func requireProject(_ text: String) throws -> Project {
        switch project(matching: text) {
        case .found(let p): return p
        case .ambiguous(let m): throw CommandFailure(StoreError.ambiguous(what: "project", prefix: text, matches: m))
        case .duplicated(let id, let paths): throw duplicatedID("project", id, paths)
        case .notFound, .tooShort:
            if let unread = unreadableFailure(.project, text) { throw unread }
            let known = projects.prefix(8).map(\.id.rawValue).joined(separator: ", ") + (projects.count > 8 ? ", ..." : "")
            throw CommandFailure.usage(Message("error.no-project", ["project": text]),
                                       hint: projects.isEmpty ? Message("hint.add-project") : Message("hint.known-projects", ["known": known]))
        }
    }

    func require<T>(_ lookup: Lookup<T>, _ noun: String, _ text: String) throws -> T {
        switch lookup {
        case .found(let v): return v
        case .ambiguous(let m): throw CommandFailure(StoreError.ambiguous(what: noun, prefix: text, matches: m))
        case .duplicated(let id, let paths): throw duplicatedID(noun, id, paths)
        case .tooShort:
            throw CommandFailure.usage(Message(noun == "issue" ? "error.too-short.issue" : "error.too-short", ["text": text, "noun": noun]),
                                       hint: Message("hint.too-short", ["count": String(Records.minimumPrefix)]))
        case .notFound:
            if noun == "issue", case .found(let w) = anyIssue(matching: text) {
                throw CommandFailure.usage(Message("error.withdrawn-issue", ["issue": w.id.rawValue]),
                                           hint: Message("hint.withdrawn-issue", ["issue": w.id.rawValue]))
            }
            if let kind = UnreadableRecord.Kind(rawValue: noun), let unread = unreadableFailure(kind, text) { throw unread }
            throw CommandFailure.usage(Message("error.no-record", ["noun": noun, "text": text]),
                                       hint: Message("hint.no-record", ["command": noun == "improvement" ? "improve" : noun]))  // the command that lists them
        }
    }
}

/// Two files hold the same id: typing more of it cannot help, and picking one would be a guess.
func duplicatedID(_ noun: String, _ id: String, _ paths: [String]) -> CommandFailure {
    CommandFailure.data(
        Message("error.duplicated-id", ["noun": noun, "id": id, "count": String(paths.count), "paths": paths.joined(separator: ", ")]),
        hint: Message("hint.duplicated-id"))
}

extension CommandContext {
    /// The message catalogue of the language this command speaks: --lang, else $HUIFANG_LANG,
    /// else huifang.yaml's `language:`. The one place that decides it; it also becomes
    /// `Catalogue.current` for what is printed afterwards (warnings, errors).
    /// Every line a person reads goes through it (see Sources/HuifangReport/Catalogue).
    func catalogue(_ r: LoadedRepository) -> Catalogue { catalogue(r.records) }

    func catalogue(_ r: Records) -> Catalogue { catalogue(r.config) }

    func catalogue(_ config: Config) -> Catalogue {
        let c = Catalogue(requestedLanguage ?? config.language)
        Catalogue.current = c
        return c
    }
}
