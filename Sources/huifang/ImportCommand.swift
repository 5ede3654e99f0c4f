import ArgumentParser
import HuifangCore
import HuifangReport
import HuifangStore

#if canImport(Glibc)
    import Glibc
#endif

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import the visits, issues or projects of an Excel (.xlsx) or CSV ledger.",
        discussion: """
            The header row is found below any title rows. The Chinese and English column names of \
            such ledgers are recognised (date, method, customer, project name or id, visitor, \
            contact, summary, quote, satisfaction and its dimensions, NPS, issue description, \
            severity, resolution, owner, ...: 'huifang import --template visits' lists every name it \
            knows); --map MAP.yaml names other columns, value words (the Chinese word for phone -> \
            phone, for major -> major, for satisfied -> 5) and defaults; 'huifang import --template \
            visits > map.yaml' writes one to fill. Dates: 2026-03-05, 2026/3/5, 2026.3.5, the \
            Chinese year-month-day form, or Excel serial numbers. Projects are matched by id or by \
            name, never guessed. CSV files may be UTF-8 (with or without BOM), UTF-16 with BOM, or \
            GB18030/GBK; the encoding found is \
            printed. Every bad row is reported as FILE:ROW:COLUMN and nothing is written, unless \
            --skip-invalid. Each record remembers its row ('imported: {file, sheet, row, digest}'): \
            importing the file again creates nothing, and a row changed since is reported, not \
            imported twice.
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "What the ledger holds: visits, issues or projects.") var kind: ImportKind?
    @Argument(help: "The ledger: a .xlsx workbook or a .csv file.") var file: String?
    @Option(help: "The sheet to read (default: the first).") var sheet: String?
    @Option(help: "A map (YAML) naming columns, value words and defaults.") var map: String?
    @Flag(help: "Show what would be created; write nothing.") var dryRun = false
    @Flag(help: "Import the valid rows and list the invalid ones as skipped.") var skipInvalid = false
    @Option(help: "Print a map to fill for visits, issues or projects, and stop.") var template: ImportKind?

    func run() throws {
        let ctx = try CommandContext(global)
        if let template {
            guard kind == nil, file == nil else { throw CommandFailure.usage(Message("error.import-template-alone")) }
            let config = try ctx.load(usesRecords: false).records.config
            let L = ctx.catalogue(config)
            Console.out(ImportColumns.template(template, dimensions: config.satisfaction.dimensions, scale: config.satisfaction.scale, L))
            return
        }
        guard let kind, let file else {
            throw CommandFailure.usage(Message("error.import-needs"), hint: Message("hint.import-needs"))
        }
        if dryRun {
            let loaded = try ctx.load()
            let L = ctx.catalogue(loaded)
            let source = try ImportSource.read(file, sheet: sheet, map: map, kind: kind, config: loaded.records.config, L)
            source.announce(L)
            let plan = ImportPlan.make(source, loaded.records, ctx: ctx)
            try report(plan, source, L, written: false)
            return
        }
        let held = try ctx.lock()
        defer { withExtendedLifetime(held) {} }
        let r = try ctx.load().records
        let L = ctx.catalogue(r)
        let source = try ImportSource.read(file, sheet: sheet, map: map, kind: kind, config: r.config, L)
        let plan = try { () throws -> ImportPlan in
            source.announce(L)
            let plan = ImportPlan.make(source, r, ctx: ctx)
            if !plan.invalid.isEmpty && !skipInvalid {
                printInvalid(plan, L)
                throw CommandFailure.data(Message("error.import-invalid", ["count": String(plan.invalid.count), "file": file]),
                                          hint: Message("hint.import-invalid"))
            }
            for record in plan.created {
                try RecordVerifier.verify(record.text, as: record.job, path: record.path, config: r.config)
            }
            do throws(StoreError) {
                try RecordUpdate.writeNew(plan.created.map { ($0.path, Array($0.text.utf8)) }, in: ctx.repository)
            } catch {
                throw CommandFailure(error)
            }
            return plan
        }()
        try report(plan, source, L, written: true)
    }

    /// The bad rows, one `FILE:ROW:COLUMN: message` line each, on stderr.
    func printInvalid(_ plan: ImportPlan, _ L: Catalogue) {
        var s = ""
        for bad in plan.invalid {
            for p in bad.problems { s += "\(p.place): \(L.text(p.key, p.values))\n" }
        }
        Console.err(s)
    }

    /// What was (or would be) created, the rows imported before, and the skipped rows.
    func report(_ plan: ImportPlan, _ source: ImportSource, _ L: Catalogue, written: Bool) throws {
        var out = ""
        for c in plan.created { out += "  + \(c.id)  \(TerminalText.clean(c.what))  (\(c.place))\n" }
        Console.out(out)
        var err = ""
        for c in plan.changed {
            err += Console.labelled(L["msg.warning"]) + L("import.changed", ["place": c.place, "id": c.id, "path": c.path]) + "\n"
        }
        if !plan.invalid.isEmpty {
            if written || skipInvalid {
                printInvalid(plan, L)
                err += L("import.skipped", ["count": String(plan.invalid.count),
                                            "rows": plan.invalid.map { String($0.row) }.joined(separator: ", ")]) + "\n"
            } else {
                printInvalid(plan, L)
            }
        }
        Console.err(err)
        let values = ["created": String(plan.created.count), "kind": L["import.kind." + source.kind.rawValue],
                      "unchanged": String(plan.unchanged), "changed": String(plan.changed.count), "invalid": String(plan.invalid.count)]
        Console.out(L.text(written ? "import.done" : "import.dry_done", values) + "\n")
        if !written && !plan.invalid.isEmpty && !skipInvalid {
            throw CommandFailure.data(Message("error.import-invalid-dry", ["count": String(plan.invalid.count), "file": source.file]),
                                      hint: Message("hint.import-invalid"))
        }
    }
}

/// The ledger as read: its rows, the columns found, and where it came from.
struct ImportSource {
    let file: String
    let kind: ImportKind
    let table: SheetTable
    /// The sheet's name for a workbook; nil for CSV.
    let sheet: String?
    let columns: ImportColumns

    /// Reads the map and the ledger and finds the header row; refuses (64 or 65) with the reason.
    static func read(_ file: String, sheet: String?, map: String?, kind: ImportKind, config: Config, _ L: Catalogue) throws -> ImportSource {
        var columns = ImportColumns(kind: kind, dimensions: config.satisfaction.dimensions)
        // A file that is not there is exit 66 (no such file), naming it as the shell names it.
        try requireInput(file)
        if let map { try requireInput(map) }
        if let map {
            let bytes: [UInt8]
            do { bytes = try FileSystem.read(map) } catch { throw CommandFailure(StoreError.io(error)) }
            try columns.readMap(bytes, path: map, L)
        }
        let lower = file.lowercased()
        let table: SheetTable
        var sheetName: String?
        do {
            if lower.hasSuffix(".xlsx") || lower.hasSuffix(".xlsm") {
                guard FileSystem.exists(file) else { throw CommandFailure.usage(Message("error.import-no-file", ["file": file])) }
                table = try XLSXReader.read(file, sheet: sheet ?? columns.mapSheet)
                sheetName = table.name
            } else if lower.hasSuffix(".csv") || lower.hasSuffix(".txt") || lower.hasSuffix(".tsv") {
                if let sheet { throw CommandFailure.usage(Message("error.import-sheet-csv", ["file": file, "sheet": sheet])) }
                let bytes: [UInt8]
                do { bytes = try FileSystem.read(file, limit: 1 << 30) } catch {
                    throw CommandFailure(StoreError.io(error))
                }
                table = try CSVReader.read(bytes, name: fileName(file))
            } else {
                throw CommandFailure.usage(Message("error.import-extension", ["file": file]), hint: Message("hint.import-extension"))
            }
        } catch let e as SpreadsheetReadError {
            switch e {
            case .notAWorkbook: throw CommandFailure.data(Message("error.import-not-workbook", ["file": file]))
            case .noSheet(let s, let names):
                throw CommandFailure.usage(Message("error.import-no-sheet", ["file": file, "sheet": s, "sheets": names.joined(separator: ", ")]))
            case .unknownEncoding: throw CommandFailure.data(Message("error.import-encoding", ["file": file]), hint: Message("hint.import-encoding"))
            case .badXML(let part, let at):
                throw CommandFailure.data(Message("error.import-bad-xml", ["file": file, "part": part, "offset": String(at)]))
            }
        }
        guard columns.findHeader(in: table) else {
            throw CommandFailure.data(Message("error.import-no-header", ["file": file, "kind": kind.rawValue]),
                                      hint: Message("hint.import-map", ["kind": kind.rawValue]))
        }
        let missing = columns.missing
        if !missing.isEmpty {
            let headers = columns.headerText.sorted { $0.key < $1.key }.map(\.value).joined(separator: ", ")
            throw CommandFailure.data(Message("error.import-missing", ["file": file, "row": String(columns.headerRow),
                                                                       "fields": missing.joined(separator: ", "), "headers": headers]),
                                      hint: Message("hint.import-map", ["kind": kind.rawValue]))
        }
        return ImportSource(file: file, kind: kind, table: table, sheet: sheetName, columns: columns)
    }

    /// Refuses with exit 66 when `path` names no file (nor anything through which one could be
    /// read): the path in the message is the one from the shell's folder (`WorkingFolder.shown`).
    static func requireInput(_ path: String) throws {
        var st = stat()
        guard stat(path, &st) != 0 else { return }
        let e = errno
        guard e == ENOENT || e == ENOTDIR else { return }  // another reason is said by the read (74, 77)
        let shown = WorkingFolder.shown(path)
        throw CommandFailure(code: 66) { c in (c.text("error.import-no-file", ["file": shown]), c["hint.import-no-file"]) }
    }

    /// `encoding: GB18030` for a CSV file, and the header row found.
    func announce(_ L: Catalogue) {
        var s = ""
        if let encoding = table.encoding { s += L("import.encoding", ["encoding": encoding]) + "\n" }
        let fields = columns.fieldOf.sorted { $0.key < $1.key }
            .map { "\(columns.headerText[$0.key] ?? "")→\($0.value)" }.joined(separator: ", ")
        s += L(sheet == nil ? "import.header" : "import.header_sheet", ["file": file, "sheet": sheet ?? "", "row": String(columns.headerRow), "fields": fields]) + "\n"
        Console.out(s)
        let ignored = ignoredColumns
        if !ignored.isEmpty {
            let list = ignored.map { L("import.ignored-column", ["header": columns.headerText[$0] ?? "", "column": SheetTable.columnLetters($0)]) }
            Console.err(Console.labelled(L["msg.warning"]) + L("import.ignored", ["file": file, "columns": list.joined(separator: L["msg.list.comma"]),
                                                                                   "kind": kind.rawValue]) + "\n")
        }
        // A column the map names that the ledger does not have (a header typed differently): the
        // field then comes from another column or none, which the command says.
        let present = Set(columns.headerText.values.map(ImportColumns.normalize))
        let absent = columns.mapColumns.filter { !present.contains($0.key) }.sorted { $0.key < $1.key }
        if !absent.isEmpty {
            let list = absent.map { L("import.map-absent-column", ["header": $0.key, "field": $0.value]) }.joined(separator: L["msg.list.comma"])
            Console.err(Console.labelled(L["msg.warning"]) + L("import.map-absent", ["file": file, "columns": list]) + "\n")
        }
    }

    /// The columns with a header that names no field and a value in at least one data row:
    /// their contents are not imported, which the command says rather than drop them unseen.
    var ignoredColumns: [Int] {
        let dataRows = table.rows.drop { $0.number <= columns.headerRow }
        return columns.headerText.keys.sorted().filter { c in
            columns.fieldOf[c] == nil && !ImportColumns.rowNumberHeaders.contains(ImportColumns.normalize(columns.headerText[c] ?? ""))
                && dataRows.contains { !$0[c].trimmed.isEmpty }
        }
    }
}
