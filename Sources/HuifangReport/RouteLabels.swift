import HuifangCore

// Deadline states as codes for JSON (`issue show/list --format json`, the CSV's state column).
// The words people read are the catalogue's: `Catalogue.words(_:)` in Catalogue+Words.swift.

extension DeadlineState {
    /// The code JSON gives: `on track`, `due soon`, `overdue → major`, `resolved late`...
    public var label: String {
        switch self {
        case .onTrack: return "on track"
        case .dueSoon: return "due soon"
        case .overdue(_, let to): return "overdue → \(to.code)"
        case .resolved(let late): return late ? "resolved late" : "resolved on time"
        }
    }
}
