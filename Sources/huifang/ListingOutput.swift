import HuifangReport

extension Listing {
    /// The listing in the format asked for; JSON carries the warnings so far (`Warnings`), the
    /// terminal table ends with them (`Warnings.footer`).
    func render(_ format: OutputFormat) -> String {
        switch format {
        case .table: return table + Warnings.footer
        case .csv: return csv
        case .json: return Warnings.attach(to: json).render() + "\n"
        case .xlsx: return csv  // never printed: `emit` writes xlsx as a workbook
        }
    }
}
