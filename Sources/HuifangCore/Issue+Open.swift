/// What "open" means for an issue. Four questions are asked of an issue, each under its own
/// name, and nowhere else spelled out again:
///
/// - `isOpen`: its status is `open` now: not yet resolved, its deadline runs.
/// - `isOpen(on:)`: open now and already raised on day `t`: what `due`, `status` and the
///   calendar warning list as still to be resolved on that day.
/// - `isUnclosed`: not closed yet (open, resolved or confirmed): still on a project's list of
///   open items (`project show`, the project report, `visit prepare`).
/// - `isResolved(on:)`: whether a resolution stood on day `t`, from the history: what the KPIs
///   of a past day ask (an issue "open on day t" there is one not resolved on t, see
///   `isOverdue(on:)`).
extension Issue {
    /// Open now and already raised on day `t`.
    public func isOpen(on t: Day) -> Bool { isOpen && raised <= t }

    /// Not closed yet: open, resolved (awaiting the customer's confirmation) or confirmed.
    /// Withdrawn issues are never counted (they are not in `Records.issues`).
    public var isUnclosed: Bool { status != .closed && status != .withdrawn }
}
