import HuifangCore

/// The core says why a value is not one it takes in cases (`Day.Problem`, `Period.Problem`);
/// these say it in the catalogue's language.
extension Catalogue {
    /// Why `text` is not a date huifang takes, in this language (nil when it is one).
    public func dateProblem(_ text: String) -> String? {
        switch Day.problemCase(text) {
        case nil: return nil
        case .form: return self["date.problem.form"]
        case .year(let y):
            return self.text("date.problem.year", ["year": y, "low": String(Day.supportedYears.lowerBound),
                                                   "high": String(Day.supportedYears.upperBound)])
        case .month(let m): return self.text("date.problem.month", ["month": m])
        case .day(let month, let days, let got):
            return self.text("date.problem.day", ["month": month, "days": String(days), "got": String(got)])
        }
    }

    /// A history line's `reason:` for people: the one huifang writes itself (an unsatisfied
    /// confirmation) in this language, any other as the person wrote it.
    public func historyReason(_ reason: String) -> String {
        reason == IssueLifecycle.unsatisfiedReason ? self["hist.reason.unsatisfied"] : reason
    }

    /// Why `text` is not a period huifang takes, as the whole error line in this language (nil
    /// when it is one).
    public func periodProblem(_ text: String) -> String? {
        switch Period.problemCase(text) {
        case nil: return nil
        case .form: return self.text("error.period.form", ["text": text])
        case .year(let y):
            return self.text("error.period.year", ["text": text, "year": y, "low": String(Day.supportedYears.lowerBound),
                                                   "high": String(Day.supportedYears.upperBound)])
        }
    }
}
