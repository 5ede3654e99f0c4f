import HuifangCore

extension RepositoryLoader.Decoded {
    /// The record's `recorded:` day (nil for a plan, which has none, and for a hand-written record).
    var recorded: Day? {
        switch self {
        case .project(let p): p.recorded
        case .visit(let v): v.recorded
        case .issue(let i): i.recorded
        case .improvement(let m): m.recorded
        case .event(let e): e.recorded
        case .assessment(let a): a.recorded
        case .risk(let k): k.recorded
        case .plan: nil
        }
    }

    /// The record with `recorded:` set to `day` (as the cache reads it back).
    func recorded(_ day: Day?) -> Self {
        guard let day else { return self }
        switch self {
        case .project(var p): p.recorded = day; return .project(p)
        case .visit(var v): v.recorded = day; return .visit(v)
        case .issue(var i): i.recorded = day; return .issue(i)
        case .improvement(var m): m.recorded = day; return .improvement(m)
        case .event(var e): e.recorded = day; return .event(e)
        case .assessment(var a): a.recorded = day; return .assessment(a)
        case .risk(var k): k.recorded = day; return .risk(k)
        case .plan: return self
        }
    }
}
