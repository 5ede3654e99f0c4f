import ArgumentParser
import HuifangCore
import HuifangReport
import HuifangStore

#if canImport(Glibc)
    import Glibc
#endif

let excelHelp = ArgumentHelp(
    "With --format csv: write CSV that Excel opens as UTF-8 (a byte-order mark before the CRLF-ended lines); --no-excel: plain CSV for pipes. Default: huifang.yaml's 'csv: {excel: true|false}', else plain.")

/// Where a listing goes and how CSV is written: `-o FILE`, `--force`, `--excel`.
struct ListingDestination: ParsableArguments {
    @Option(name: .shortAndLong, help: outputHelp) var output: String?
    @Flag(help: forceHelp) var force = false
    @Flag(inversion: .prefixedNo, help: excelHelp) var excel: Bool?
}

/// Spreadsheet output (issue 18): xlsx files and CSV for Excel. xlsx is binary: it goes to
/// `-o FILE`, or to standard output only when that is not a terminal (a pipe or a file the
/// shell opened); on a terminal it is refused (exit 64) with a hint.
enum SpreadsheetOutput {
    /// The byte-order mark that makes Excel read a CSV file as UTF-8.
    static let bom = "\u{FEFF}"

    static func terminalRefusal(_ L: Catalogue) -> CommandFailure {
        CommandFailure.usage(L("xlsx.terminal", ["format": "xlsx"]), hint: L("xlsx.terminal.hint", ["option": "-o FILE.xlsx"]))
    }

    /// Whether CSV is written for Excel: `--excel`/`--no-excel`, else the configuration. A
    /// `--excel` with another format than CSV is refused (it would be silently ignored).
    static func excel(_ flag: Bool?, isCSV: Bool, config: Config, _ L: Catalogue) throws -> Bool {
        guard isCSV else {
            if flag == true { throw CommandFailure.usage(L("xlsx.excel.format", ["flag": "--excel", "csv": "--format csv"]),
                                                        hint: L("xlsx.excel.hint", ["flag": "--excel", "csv": "--format csv"])) }
            return false
        }
        return flag ?? config.csvForExcel
    }

    /// CSV text as `excel` asks: with the byte-order mark, or as it is. Lines end in CRLF either
    /// way. With warnings (`Warnings`), the table gains a last column headed "warnings" whose
    /// first row holds them, one a line: a file read later still says what its figures lack
    /// (a comment line would break CSV readers; a column is what every spreadsheet opens).
    static func csv(_ text: String, excel: Bool) -> String {
        let text = Warnings.all.isEmpty ? text : withWarnings(text, Warnings.all, header: Catalogue.current["csv.warnings"])
        return excel ? bom + text : text
    }

    /// `text` (RFC 4180, CRLF records, line breaks only inside quoted fields) with one more
    /// column: `header` on the header line, `warnings` in the first data row (a row of empty
    /// cells when there is none), empty below.
    static func withWarnings(_ text: String, _ warnings: [String], header: String) -> String {
        var records: [String] = []
        var current = ""
        var quoted = false
        for c in text {
            if c == "\"" { quoted.toggle() }
            if c == "\r\n", !quoted {
                records.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { records.append(current) }
        guard let first = records.first else { return text }
        var columns = 1
        quoted = false
        for c in first {
            if c == "\"" { quoted.toggle() } else if c == ",", !quoted { columns += 1 }
        }
        if records.count == 1 { records.append(String(repeating: ",", count: columns - 1)) }
        var out = ""
        for (n, r) in records.enumerated() {
            out += r + "," + (n == 0 ? CSVWriter.field(header) : n == 1 ? CSVWriter.field(warnings.joined(separator: "\n")) : "") + "\r\n"
        }
        return out
    }

    /// Writes an xlsx file's bytes to `output` (atomically for a regular file) or, without
    /// `-o`, to standard output when it is not a terminal. Returns true when a file was written.
    @discardableResult
    static func write(_ bytes: [UInt8], to output: String?, force: Bool, repository: Repository, reads: [String], _ L: Catalogue) throws -> Bool {
        let toStandardOutput = {
            if Terminal.stdoutIsTerminal { throw terminalRefusal(L) }
            Console.outBytes(bytes)
        }
        guard let output else {
            try toStandardOutput()
            return false
        }
        return try OutputFile.write(bytes, to: output, force: force, repository: repository, reads: reads,
                                    onTerminal: terminalRefusal(L), standardOutput: toStandardOutput)
    }

    /// The files the records name (calendars, case analyses), which -o does not overwrite.
    static func reads(_ r: Records) -> [String] { r.config.calendarFiles + r.issues.compactMap(\.caseAnalysis) }
}

extension Listing {
    /// Writes the listing in `format` where `destination` says: the terminal table through the
    /// pager (`page`) or as it is, CSV (for Excel when asked), JSON with the warnings, or xlsx
    /// with a sheet named by `sheet` (a catalogue key).
    func emit(_ format: OutputFormat, _ destination: ListingDestination, ctx: CommandContext, loaded: LoadedRepository,
              sheet: String, page: Bool = true) throws {
        let r = loaded.records
        let L = ctx.catalogue(loaded)
        let excel = try SpreadsheetOutput.excel(destination.excel, isCSV: format == .csv, config: r.config, L)
        let reads = SpreadsheetOutput.reads(r)
        // A year without calendar data that the listing's dates reached travels with the
        // listing in every format (CSV's column, a sheet, JSON `warnings`, the table's last
        // lines), not only on standard error (which says it once, at the end for a table or JSON).
        if format == .csv || format == .xlsx { CalendarNotice.noteReached(r) } else { CalendarNotice.carryReached(r) }
        if format == .xlsx {
            let bytes = try XLSXWriter.write(workbook(sheet: L[sheet], warnings: Warnings.all, labels: L))
            if try SpreadsheetOutput.write(bytes, to: destination.output, force: destination.force, repository: ctx.repository, reads: reads, L),
                let output = destination.output
            {
                Console.err(L("report.wrote", ["path": WorkingFolder.shown(output)]) + "\n")
            }
            return
        }
        let text = format == .csv ? SpreadsheetOutput.csv(csv, excel: excel) : render(format)
        try destination.write(text, ctx: ctx, records: r, page: page)
    }
}

extension ListingDestination {
    /// Text output (a table, CSV, JSON) to `-o FILE`, else to the terminal through the pager
    /// (`page`) or as it is.
    func write(_ text: String, ctx: CommandContext, records r: Records, page: Bool = true) throws {
        if let output {
            if try OutputFile.write(text, to: output, force: force, repository: ctx.repository, reads: SpreadsheetOutput.reads(r)) {
                Console.err(Catalogue.current("report.wrote", ["path": WorkingFolder.shown(output)]) + "\n")
            }
        } else if page {
            Terminal.page(text)
        } else {
            Console.out(text)
        }
    }
}

extension Console {
    /// Binary output (xlsx) on standard output, as it is; a failed write ends the command
    /// with exit 74 as for text (`finish`).
    static func outBytes(_ bytes: [UInt8]) {
        let e = stdoutWasClosed && !bytes.isEmpty ? EBADF : writeAll(1, bytes: bytes)
        if e != 0, outputErrno == 0 { outputErrno = e }
    }

    /// Writes every byte; returns 0, or the errno of the write that failed.
    static func writeAll(_ fd: Int32, bytes: [UInt8]) -> Int32 {
        var off = 0
        var failure: Int32 = 0
        bytes.withUnsafeBytes { raw in
            while off < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + off, raw.count - off)
                if n <= 0 {
                    if n < 0 && errno == EINTR { continue }
                    failure = n < 0 ? errno : EIO
                    return
                }
                off += n
            }
        }
        return failure
    }
}
