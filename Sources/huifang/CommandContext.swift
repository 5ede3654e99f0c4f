import HuifangCore
import HuifangStore

/// What a command works on: the repository, today's date and, once read, its records.
struct CommandContext {
    let repository: Repository
    let today: Day
    let useCache: Bool

    init(_ global: GlobalOptions) throws {
        today = try global.today()
        useCache = !global.noCache
        do {
            repository = try Repository.discover(from: global.startDirectory)
        } catch {
            throw CommandFailure(error)
        }
    }

    /// Reads every record. huifang.yaml must be readable: nothing else makes sense without it.
    /// The rules between records run only when asked (`check` and `status` report findings;
    /// the other commands use the records).
    func load(crossRecordRules: Bool = false) throws -> LoadedRepository {
        let loaded = Terminal.progress("reading \(repository.root)") {
            RepositoryLoader.load(repository, useCache: useCache, crossRecordRules: crossRecordRules)
        }
        if loaded.configFailed {
            for f in loaded.findings where f.path == Repository.configFile { Console.err(Console.format(f)) }
            throw CommandFailure(StoreError.badConfig(findings: loaded.findings.filter { $0.path == Repository.configFile }.count))
        }
        Self.keptUntilExit.append(loaded)
        return loaded
    }

    /// What `load` read stays referenced until the process ends: freeing 100,000 records one
    /// by one just before exit costs tens of milliseconds and gains nothing.
    nonisolated(unsafe) static var keptUntilExit: [LoadedRepository] = []

    /// Takes the write lock; held until the returned object is released.
    func lock() throws -> RepositoryLock {
        do { return try RepositoryLock.acquire(repository) } catch { throw CommandFailure(error) }
    }

    /// Writes a record file; refused when its folder leads out of the repository.
    func write(_ text: String, to relative: String) throws {
        do {
            try repository.writeRecord(Array(text.utf8), to: relative)
        } catch {
            throw CommandFailure(error)
        }
    }
}

/// Writes a command's output file (`-o FILE`, relative to the working folder), atomically.
func writeOutput(_ text: String, to output: String) throws {
    let path = output.hasPrefix("/") ? output : FileSystem.currentDirectory() + "/" + output
    do {
        try FileSystem.writeAtomically(Array(text.utf8), to: path)
    } catch {
        throw CommandFailure(StoreError.io(error))
    }
}

extension Records {
    func requireProject(_ text: String) throws -> Project {
        switch project(matching: text) {
        case .found(let p): return p
        case .ambiguous(let m): throw CommandFailure(StoreError.ambiguous(what: "project", prefix: text, matches: m))
        case .notFound, .tooShort:
            let known = projects.prefix(8).map(\.id.rawValue).joined(separator: ", ")
            throw CommandFailure.usage("no project '\(text)'",
                                       hint: projects.isEmpty ? "add one with 'huifang project add'" : "known projects: \(known)\(projects.count > 8 ? ", ..." : "") (see 'huifang project list')")
        }
    }

    func require<T>(_ lookup: Lookup<T>, _ noun: String, _ text: String) throws -> T {
        switch lookup {
        case .found(let v): return v
        case .ambiguous(let m): throw CommandFailure(StoreError.ambiguous(what: noun, prefix: text, matches: m))
        case .tooShort:
            throw CommandFailure.usage("'\(text)' is too short to name \(noun == "issue" ? "an" : "a") \(noun)",
                                       hint: "give at least \(Records.minimumPrefix) characters of the id")
        case .notFound:
            throw CommandFailure.usage("no \(noun) '\(text)'", hint: "list them with 'huifang \(noun) list'")
        }
    }
}
