/// A record that carries `recorded:`, the day it was entered (issue 17, closed periods).
public protocol RecordedRecord {
    var recorded: Day? { get set }
    /// The record's own date (a visit's date, an issue's raised day, ...): the day a record
    /// without `recorded:` counts as recorded on; nil for one that has none (a project not yet
    /// accepted).
    var ownDate: Day? { get }
}

extension RecordedRecord {
    /// The day the record counts as entered: `recorded:`, else its own date.
    public var recordedOn: Day? { recorded ?? ownDate }

    /// The record as a command writes it: entered `today` unless it already says when.
    public func entered(_ today: Day) -> Self {
        var r = self
        if r.recorded == nil { r.recorded = today }
        return r
    }
}

extension Visit: RecordedRecord { public var ownDate: Day? { date } }
extension Issue: RecordedRecord { public var ownDate: Day? { raised } }
extension Improvement: RecordedRecord { public var ownDate: Day? { due } }
extension Event: RecordedRecord { public var ownDate: Day? { date } }
extension Project: RecordedRecord { public var ownDate: Day? { accepted } }
extension AssessmentReview: RecordedRecord { public var ownDate: Day? { date } }
extension Risk: RecordedRecord { public var ownDate: Day? { raised } }
