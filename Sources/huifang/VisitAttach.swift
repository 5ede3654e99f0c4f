import ArgumentParser
import HuifangCore
import HuifangReport
import HuifangStore

#if canImport(Glibc)
    import Glibc
#endif

extension VisitCommand {
    /// `visit attach VID FILE...`: evidence of a visit (policy §七.2) copied into its folder.
    struct Attach: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "attach",
            abstract: "Attach evidence to a visit: copies files into projects/ID/visits/DATE-VID/ and lists them.",
            discussion: """
                Evidence as policy section 7.2 asks for it: the customer's written feedback, photos, \
                video. Each file is copied beside the visit's record, into the folder of the same name, \
                and listed under 'attachments:' in the record (the rest of the record is unchanged). Files \
                larger than max_attachment_size in huifang.yaml (default 10MB) are refused: keep big media \
                in git LFS. 'huifang check' reports a listed attachment that is missing.
                """
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Visit id (or a prefix of at least 4 characters).") var id: String
        @Argument(help: "The files to attach.") var files: [String] = []

        func run() throws {
            let ctx = try CommandContext(global)
            guard !files.isEmpty else {
                throw CommandFailure.usage(Message("error.attach.no-file"), hint: Message("hint.attach.no-file", ["id": id]))
            }
            let (visit, planned) = try ctx.locked { r -> (Visit, [(name: String, bytes: [UInt8]?, size: Int, list: Bool)]) in
                let visit = try r.require(r.visit(matching: id), "visit", id)
                let limit = r.config.maxAttachmentSize
                let folder = ctx.repository.path(visit.attachmentFolder)
                if FileSystem.exists(folder), !(FileSystem.realPath(folder).map { $0.hasPrefix(ctx.repository.root + "/") } ?? false) {
                    throw CommandFailure.data(Message("error.attach.outside", ["folder": visit.attachmentFolder]),
                                              hint: Message("hint.attach.outside"))
                }
                var planned: [(name: String, bytes: [UInt8]?, size: Int, list: Bool)] = []
                for given in files {
                    let source = given.hasPrefix("/") ? given : FileSystem.currentDirectory() + "/" + given
                    var st = stat()
                    guard stat(source, &st) == 0 else {
                        throw CommandFailure(Message("error.attach.cannot", ["file": given, "reason": String(cString: strerror(errno))]), hint: nil, code: 66)
                    }
                    guard (st.st_mode & S_IFMT) == S_IFREG else {
                        throw CommandFailure.usage(Message("error.attach.not-file", ["file": given]), hint: Message("hint.attach.not-file"))
                    }
                    let name = fileName(given)
                    guard Visit.isValidAttachmentName(name) else {
                        throw CommandFailure.usage(Message("error.attach.bad-name", ["file": given, "name": name]), hint: Message("hint.attach.bad-name"))
                    }
                    let size = Int(st.st_size)
                    if size > limit {
                        // Exact bytes when the rounded sizes read the same ("1 KB, over ... (1 KB)").
                        let (shown, max) = Config.formatSize(size) == Config.formatSize(limit)
                            ? ("\(size) B", "\(limit) B") : (Config.formatSize(size), Config.formatSize(limit))
                        throw CommandFailure.usage(
                            Message("error.attach.too-large", ["file": given, "size": shown, "max": max]),
                            hint: Message("hint.attach.too-large", ["pattern": Self.pattern(name)]))
                    }
                    if planned.contains(where: { $0.name == name }) {
                        throw CommandFailure.usage(Message("error.attach.same-name", ["name": name]), hint: Message("hint.attach.same-name"))
                    }
                    let target = ctx.repository.path(visit.attachmentPath(name))
                    let bytes: [UInt8]
                    do throws(FileError) { bytes = try FileSystem.read(source, limit: max(limit, 1) + 1) } catch {
                        throw CommandFailure(StoreError.io(error))
                    }
                    // A file already in place with the same content (copied by hand) is only listed.
                    let existing = FileSystem.exists(target) ? try? FileSystem.read(target, limit: max(limit, 1) + 1) : nil
                    if visit.attachments.contains(name) {
                        if existing == bytes { continue }
                        if existing == nil {  // listed but missing: put the file back
                            planned.append((name, bytes, size, false))
                            continue
                        }
                        throw CommandFailure.usage(Message("error.attach.taken", ["id": visit.id.rawValue, "name": name]),
                                                   hint: Message("hint.attach.taken"))
                    }
                    if let existing, existing != bytes {
                        throw CommandFailure.usage(Message("error.attach.other-content", ["path": visit.attachmentPath(name)]),
                                                   hint: Message("hint.attach.other-content"))
                    }
                    planned.append((name, existing == nil ? bytes : nil, size, true))
                }
                guard !planned.isEmpty else { return (visit, planned) }
                let path = visit.location.path
                let toList = planned.filter(\.list).map(\.name)
                let record = toList.isEmpty ? nil : try RecordUpdate.attach(toList, to: visit, in: ctx.repository, config: r.config)
                // The files first, the record last: a failure removes the files this run wrote.
                var written: [String] = []
                let folderExisted = FileSystem.isDirectory(ctx.repository.path(visit.attachmentFolder))
                do {
                    for p in planned {
                        guard let bytes = p.bytes else { continue }
                        let target = ctx.repository.path(visit.attachmentPath(p.name))
                        try FileSystem.writeAtomically(bytes, to: target)
                        written.append(target)
                    }
                    if let record { try RecordUpdate.write([(path, record)], in: ctx.repository) }
                } catch {
                    for w in written { FileSystem.remove(w) }
                    if !folderExisted { rmdir(ctx.repository.path(visit.attachmentFolder)) }
                    if let e = error as? StoreError { throw CommandFailure(e) }
                    if let e = error as? FileError { throw CommandFailure(StoreError.io(e)) }
                    throw error
                }
                return (visit, planned)
            }
            guard !planned.isEmpty else {
                Console.out(Catalogue.current(files.count == 1 ? "attach.nothing1" : "attach.nothing", ["id": visit.id.rawValue]) + "\n")
                return
            }
            let path = visit.location.path
            let L = Catalogue.current  // the repository's language, set when it was read
            Console.out(L(planned.count == 1 ? "attach.done1" : "attach.done", ["n": String(planned.count), "id": visit.id.rawValue,
                                                                                 "project": visit.project.rawValue, "day": visit.date.description]) + "\n")
            for p in planned { Console.out("  \(visit.attachmentPath(p.name)) (\(Config.formatSize(p.size)))\n") }
            let listed = planned.filter(\.list).map(\.name)
            if !listed.isEmpty { Console.out("  " + L("attach.listed", ["path": path, "files": listed.joined(separator: ", ")]) + "\n") }
        }

        /// A git LFS pattern for files like `name`: by extension when it has one.
        static func pattern(_ name: String) -> String {
            guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
            return "*" + name[dot...]
        }
    }

    /// `visit show VID`: one visit in full, with its attachments and what it cleared.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a visit: the record, its attachments and the due items it cleared.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Visit id (or a prefix of at least 4 characters).") var id: String
        @Option(help: "Output format: table or json.") var format: OutputFormat = .table

        func run() throws {
            let ctx = try CommandContext(global)
            let loaded = try ctx.load()
            let r = loaded.records
            let L = ctx.catalogue(loaded)
            let v = try r.require(r.visit(matching: id), "visit", id)
            var others = r
            others.visits.removeAll { $0.id == v.id }
            let cleared = Schedule.cleared(by: v, in: others).sorted { ($0.due, $0.kind) < ($1.due, $1.kind) }
            func size(_ name: String) -> Int? {
                var st = stat()
                return stat(ctx.repository.path(v.attachmentPath(name)), &st) == 0 ? Int(st.st_size) : nil
            }
            if format == .csv || format == .xlsx { throw CommandFailure.usage(Message("error.visit-show.format", ["format": format.rawValue])) }
            if format == .json {
                var json = ProjectJSON.visit(v)
                if case .object(var pairs) = json {
                    pairs.append(("path", .string(v.location.path)))
                    if let recorded = v.recorded { pairs.append(("recorded", .string(recorded.description))) }
                    pairs.append(("attachment_files", .array(v.attachments.map { name in
                        .object([("name", .string(name)), ("path", .string(v.attachmentPath(name))), ("size", .optional(size(name))),
                                 ("missing", .bool(size(name) == nil))])
                    })))
                    pairs.append(("clears", .array(cleared.map { item in
                        .object([("kind", .string(item.kind.rawValue)), ("due", .string(item.due.description)), ("basis", .optional(item.basis))])
                    })))
                    json = .object(pairs)
                }
                Console.out(json.render() + "\n")
                return
            }
            var s = TerminalText.clean("\(v.id)  \(v.project)  \(v.date)") + "\n"
            var rows: [(String, String)] = []
            func row(_ k: String, _ value: String) { rows.append((k.isEmpty ? "" : L["vshow." + k], value)) }
            row("kind", v.event.map { L("vshow.kind_event", ["kind": L.word(v.kind), "event": $0]) } ?? L.word(v.kind))
            row("method", L.word(v.method))
            row("visitor", v.visitor)
            if !v.contacts.isEmpty { row("contacts", v.contacts.joined(separator: ", ")) }
            row("summary", v.summary)
            if let o = v.operation { row("operation", L.word(o)) }
            if !v.scores.isEmpty { row("scores", v.scores.map { "\(L.dimension($0.dimension)) \($0.score)" }.joined(separator: ", ")) }
            if let o = v.overallScore { row("overall", ReportNumber.decimal(o, digits: 1) + (v.overall == nil ? L["vshow.mean"] : "")) }
            if let n = v.nps { row("nps", String(n)) }
            for (n, q) in v.quotes.enumerated() { row(n == 0 ? "quotes" : "", L("vshow.quote", ["text": q])) }
            for (n, q) in v.needs.enumerated() { row(n == 0 ? "needs" : "", q) }
            for (n, q) in v.competitors.enumerated() { row(n == 0 ? "competitors" : "", q) }
            if !v.issues.isEmpty { row("issues", v.issues.map(\.rawValue).joined(separator: ", ")) }
            for (n, name) in v.attachments.enumerated() {
                row(n == 0 ? "attachments" : "", v.attachmentPath(name) + (size(name).map { " (\(Config.formatSize($0)))" } ?? L["vshow.missing"]))
            }
            if cleared.isEmpty { row("cleared", L["vshow.cleared_nothing"]) }
            for (n, item) in cleared.enumerated() {
                row(n == 0 ? "cleared" : "", L("vshow.cleared_item", ["what": VisitCommand.Log.clearedItem(item, L), "due": item.due.description]))
            }
            if let recorded = v.recorded { row("entered", recorded.description) }
            row("file", v.location.path)
            let width = max(13, (rows.map { DisplayWidth.of($0.0) }.max() ?? 0) + 2)
            for (k, value) in rows { s += DisplayWidth.pad(k, to: width) + TerminalText.clean(value) + "\n" }
            Console.out(s)
        }
    }
}
