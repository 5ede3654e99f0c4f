import HuifangCore
import HuifangYAML

extension RecordEncoder {
    /// The history line of a reopening: the resolution (and confirmation) it sets aside leave
    /// the issue's current state and are kept here, in full, as they were.
    public static func reopening(_ h: HistoryEntry, of issue: Issue) -> YAMLValue {
        guard case .mapping(var pairs, let flow) = history(h) else { return history(h) }
        if let r = issue.resolved { pairs.append(("resolved", resolution(r))) }
        if let c = issue.confirmed { pairs.append(("confirmed", confirmation(c))) }
        return .mapping(pairs, flow: flow)
    }
}
