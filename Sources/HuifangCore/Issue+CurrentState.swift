extension Issue {
    /// The resolution in force: none while the issue is open. (A file reopened by an earlier
    /// version of huifang still holds the resolution that was set aside; `check` warns.)
    public var currentResolution: Resolution? { isOpen ? nil : resolved }

    /// The customer's confirmation in force: none while the issue is open.
    public var currentConfirmation: Confirmation? { isOpen ? nil : confirmed }
}
