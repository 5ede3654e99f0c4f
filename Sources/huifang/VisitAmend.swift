import ArgumentParser
import HuifangCore
import HuifangReport
import HuifangStore

#if canImport(Glibc)
    import Glibc
#endif

extension VisitCommand {
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Correct a logged visit in $VISUAL or $EDITOR; it is checked on save, as 'visit log --edit' does.",
            discussion: """
                The file's own text opens, comments and all. A new date renames the file \
                (DATE-ID.yaml) and its attachment folder; the id cannot change. Nothing is written when the record is not valid \
                or the file changed meanwhile.
                """
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Visit id (or a prefix of at least 4 characters).") var id: String

        func run() throws {
            let ctx = try CommandContext(global)
            let r = try ctx.load().records
            let v = try r.require(r.visit(matching: id), "visit", id)
            let session = try RecordFileEdit(ctx, path: v.location.path)
            let (text, edited) = try session.run(name: "visit.yaml") { text in
                var result = editedRecord(RecordText.visit(text, project: v.project, config: r.config))
                if case .success(let e) = result {
                    var problems: [String] = []
                    if e.id != v.id { problems.append(Catalogue.current("edit.visit-keeps-id", ["id": v.id.rawValue])) }
                    if e.summary.trimmed.isEmpty { problems.append(Catalogue.current["edit.visit-needs-summary"]) }
                    if e.date > ctx.today { problems.append(Catalogue.current("edit.visit-after-today", ["date": e.date.description, "today": ctx.today.description])) }
                    if !problems.isEmpty { result = .failure(EditProblems(lines: problems)) }
                }
                return result
            }
            let written = try ctx.locked(before: session.requireUnchanged) { now in
                try writeVisit(ctx, Array(text.utf8), old: v, date: edited.date, config: now.config)
            }
            Console.out(Catalogue.current("amend.updated_visit", ["id": v.id.rawValue, "project": v.project.rawValue]) + "\n\(written)")
        }
    }

    struct Amend: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "amend",
            abstract: "Correct values of a logged visit in place (comments, key order and unknown keys kept).",
            discussion: """
                Only the values given change. --score sets one dimension and keeps the others; --contact, \
                --quote, --need and --competitor replace the whole list. A new --date renames the file and its attachment folder.
                """
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Visit id (or a prefix of at least 4 characters).") var id: String
        @Option(help: "Visit date, YYYY-MM-DD.", transform: parseDayArgument) var date: Day?
        @Option(help: "How: phone, onsite, email or online.") var method: VisitMethod?
        @Option(help: "Who visited.") var visitor: String?
        @Option(help: "first, periodic, special, customer_request or stage.") var kind: VisitKind?
        @Option(help: "What was discussed.") var summary: String?
        @Option(help: "A score, DIMENSION=N (repeatable); other dimensions are kept.") var score: [String] = []
        @Option(help: "Overall satisfaction, 1..scale.") var overall: Int?
        @Option(help: "Likelihood to recommend, 0..10.") var nps: Int?
        @Option(help: "How the project runs: normal, degraded or down.") var operation: Operation?
        @Option(help: "The event this special visit follows.") var event: String?
        @Option(help: "A customer contact who took part (replaces the list; repeatable).") var contact: [String] = []
        @Option(help: "The customer's own words (replaces the list; repeatable).") var quote: [String] = []
        @Option(help: "A new or changed need (replaces the list; repeatable).") var need: [String] = []
        @Option(help: "What was learnt about a competitor (replaces the list; repeatable).") var competitor: [String] = []

        func run() throws {
            let ctx = try CommandContext(global)
            for (label, value) in [("--visitor", visitor), ("--summary", summary), ("--event", event)] {
                if let value, value.trimmed.isEmpty { throw CommandFailure.usage(Message("error.empty-option", ["option": label])) }
            }
            for (label, list) in [("--contact", contact), ("--quote", quote), ("--need", need), ("--competitor", competitor)] {
                if list.contains(where: { $0.trimmed.isEmpty }) { throw CommandFailure.usage(Message("error.empty-option", ["option": label])) }
            }
            guard date != nil || method != nil || visitor != nil || kind != nil || summary != nil || !score.isEmpty || overall != nil
                || nps != nil || operation != nil || event != nil || !contact.isEmpty || !quote.isEmpty || !need.isEmpty || !competitor.isEmpty
            else {
                throw CommandFailure.usage(Message("error.amend.nothing"), hint: Message("hint.amend.nothing.visit"))
            }
            let (v, written) = try ctx.locked { r -> (Visit, String?) in
                let v = try r.require(r.visit(matching: id), "visit", id)
                let config = r.config
                if let date, date > ctx.today { throw CommandFailure.usage(Message("error.visit-after-today", ["date": date.description, "today": ctx.today.description])) }
                let scores = try parseScores(score, config: config)
                if let overall, !(1...config.satisfaction.scale).contains(overall) {
                    throw CommandFailure.usage(Message("error.overall-outside", ["score": String(overall), "scale": String(config.satisfaction.scale)]))
                }
                if let nps, !(0...10).contains(nps) { throw CommandFailure.usage(Message("error.nps-outside", ["nps": String(nps)])) }
                if let event, !r.events.contains(where: { $0.id == event }) { throw CommandFailure.usage(Message("error.no-event", ["event": event])) }
                let newDate = date ?? v.date
                var change = VisitAmendment()
                (change.date, change.kind, change.method, change.visitor) = (date, kind, method, visitor?.trimmed)
                (change.contacts, change.event, change.summary, change.operation) = (contact.map(\.trimmed), event, summary?.trimmed, operation)
                (change.scores, change.overall, change.nps) = (scores, overall, nps)
                (change.quotes, change.needs, change.competitors) = (quote.map(\.trimmed), need.map(\.trimmed), competitor.map(\.trimmed))
                let bytes = try RecordUpdate.visit(v, change, in: ctx.repository, config: config)
                if newDate == v.date, bytes == (try? FileSystem.read(ctx.repository.path(v.location.path))) {
                    return (v, nil)
                }
                return (v, try writeVisit(ctx, bytes, old: v, date: newDate, config: config))
            }
            guard let written else {
                Console.out(Catalogue.current("amend.unchanged_visit", ["id": v.id.rawValue]) + "\n")
                return
            }
            Console.out(Catalogue.current("amend.amended_visit", ["id": v.id.rawValue, "project": v.project.rawValue]) + "\n\(written)")
        }

        func parseScores(_ given: [String], config: Config) throws -> [(String, Int)] {
            var out: [(String, Int)] = []
            for s in given {
                let parts = s.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, let n = Int(parts[1].trimmed) else {
                    throw CommandFailure.usage(Message("error.score-form", ["score": s]), hint: Message("hint.score-form"))
                }
                let dim = parts[0].trimmed
                guard config.satisfaction.dimensions.contains(dim) else {
                    throw CommandFailure.usage(Message("error.unknown-dimension", ["dimension": dim]),
                                               hint: Message("hint.dimensions", ["known": config.satisfaction.dimensions.joined(separator: ", ")]))
                }
                guard (1...config.satisfaction.scale).contains(n) else {
                    throw CommandFailure.usage(Message("error.score-outside", ["dimension": dim, "score": String(n), "scale": String(config.satisfaction.scale)]))
                }
                if out.contains(where: { $0.0 == dim }) { throw CommandFailure.usage(Message("error.score-twice", ["dimension": dim])) }
                out.append((dim, n))
            }
            return out
        }
    }
}

/// Writes a corrected visit (checked first); a new date renames its file DATE-ID.yaml and its
/// attachment folder DATE-ID/ with it. The order keeps the evidence whatever happens: the new
/// record is written (atomically), then the folder is renamed, then the old record is removed;
/// a crash in between leaves the visit twice (which `check` reports), never a lost file.
/// A folder already at the new name is refused before anything is written.
/// Returns the line(s) that name the file(s) written.
func writeVisit(_ ctx: CommandContext, _ bytes: [UInt8], old v: Visit, date: Day, config: Config) throws -> String {
    let (path, file) = ctx.repository.visitFile(v, dated: date)
    try RecordVerifier.verify(bytes, as: .visit(project: v.project, file: file), path: path, config: config)
    guard path != v.location.path else {
        try RecordUpdate.write([(path, bytes)], in: ctx.repository)
        return "  \(path)\n"
    }
    if FileSystem.exists(ctx.repository.path(path)) {
        throw CommandFailure.usage(Message("error.visit-file-exists", ["path": path]))
    }
    let oldFolder = v.attachmentFolder
    let newFolder = String(path.dropLast(5))
    var st = stat()
    let moveFolder = lstat(ctx.repository.path(oldFolder), &st) == 0
    if moveFolder, lstat(ctx.repository.path(newFolder), &st) == 0 {
        throw CommandFailure.usage(Message("error.attachment-folder-exists", ["new": newFolder, "old": oldFolder]),
                                   hint: Message("hint.attachment-folder-exists", ["new": newFolder]))
    }
    try RecordUpdate.write([(path, bytes)], in: ctx.repository)
    if moveFolder {
        if rename(ctx.repository.path(oldFolder), ctx.repository.path(newFolder)) != 0 {
            let error = FileError(path: ctx.repository.path(oldFolder), errno: errno, action: "rename")
            FileSystem.remove(ctx.repository.path(path))
            let reason = String(cString: strerror(error.code))
            throw CommandFailure(code: StoreError.io(error).exitCode) { c in
                (c.text("error.visit-folder-rename", ["old": oldFolder, "new": newFolder, "reason": reason]),
                 error.isPermissionDenied ? c.text("hint.permission", ["path": error.path]) : nil)
            }
        }
        let dir = open(ctx.repository.path("projects/\(v.project)/visits"), O_RDONLY | O_DIRECTORY)
        if dir >= 0 { fsync(dir); close(dir) }
    }
    FileSystem.remove(ctx.repository.path(v.location.path))
    return "  \(v.location.path) → \(path)\n" + (moveFolder ? "  \(oldFolder)/ → \(newFolder)/\n" : "")
}
