/// Warnings that travel with an output: whatever makes an answer less than whole (records left
/// out with --ignore-invalid, a year without calendar data, ...). The command collects them; these
/// put them where each format has room for them.
public enum ReportWarnings {
    /// A JSON output with `warnings`; unchanged when there are none. An object gains
    /// `"warnings"` as its first key. An array (a listing) becomes
    /// `{"warnings": [...], "items": [...]}`: a program that expects the whole list gets a
    /// shape it does not expect, instead of a shorter list it cannot tell apart.
    public static func attach(_ warnings: [String], to json: JSONValue) -> JSONValue {
        guard !warnings.isEmpty else { return json }
        let pair = ("warnings", JSONValue.strings(warnings))
        switch json {
        case .object(let pairs): return .object([pair] + pairs.filter { $0.0 != "warnings" })
        default: return .object([pair, ("items", json)])
        }
    }

    /// A report with `warnings` (each once), which its renderers print at the top.
    public static func attach(_ warnings: [String], to document: ReportDocument) -> ReportDocument {
        var d = document
        d.warnings += warnings.filter { !d.warnings.contains($0) }
        return d
    }
}
