extension Finding {
    /// What a finding is, as `check --format json` writes it and the message catalogue keys
    /// its text (`finding.CODE` and `finding.CODE.hint`, with the finding's `values`).
    public enum Code: String, Sendable, Hashable, CaseIterable {
        // YAML and the values of one file
        case yamlSyntax = "yaml-syntax"
        case yamlTab = "yaml-tab"
        case yamlEncoding = "yaml-encoding"
        case duplicateKey = "duplicate-key"
        case mergeConflict = "merge-conflict"
        case fileTooLarge = "file-too-large"
        case wideEncoding = "wide-encoding"
        case moreThanOneDocument = "more-than-one-document"
        case alias
        case anchor
        case tag
        case tooDeep = "too-deep"
        case missingKey = "missing-key"
        case notMapping = "not-mapping"
        case notSingleValue = "not-single-value"
        case notWholeNumber = "not-whole-number"
        case quotedNumber = "quoted-number"
        case numberForm = "number-form"
        case outOfRange = "out-of-range"
        case notBoolean = "not-boolean"
        case unknownValue = "unknown-value"
        case badValue = "bad-value"
        case notList = "not-list"
        case unknownKey = "unknown-key"
        case unknownKeyNear = "unknown-key-near"
        case emptyFile = "empty-file"
        case visitFileName = "visit-file-name"
        case issueFileName = "issue-file-name"
        case improvementFileName = "improvement-file-name"
        case planFileName = "plan-file-name"
        case riskFileName = "risk-file-name"
        case riskState = "risk-state"
        case riskHistoryDate = "risk-history-date"
        case unknownDimension = "unknown-dimension"
        // files and folders
        case projectFileOutsideFolder = "project-file-outside-folder"
        case badProjectFolder = "bad-project-folder"
        case wrongPlace = "wrong-place"
        case ymlExtension = "yml-extension"
        case calendarOutside = "calendar-outside"
        case calendarMissing = "calendar-missing"
        case calendarBadDate = "calendar-bad-date"
        // between records
        case unknownDepartment = "unknown-department"
        case duplicateID = "duplicate-id"
        case unreadableReference = "unreadable-reference"
        case unknownEvent = "unknown-event"
        case visitBeforeEvent = "visit-before-event"
        case unknownIssue = "unknown-issue"
        case issueOfOtherProject = "issue-of-other-project"
        case issueRaisedElsewhere = "issue-raised-elsewhere"
        case visitBeforeAcceptance = "visit-before-acceptance"
        case visitOfOtherProject = "visit-of-other-project"
        case visitPrefix = "visit-prefix"
        case unknownVisit = "unknown-visit"
        case unknownAddressedIssue = "unknown-addressed-issue"
        case verifiedMissing = "verified-missing"
        case duplicateVisit = "duplicate-visit"
        case duplicateIssueTitle = "duplicate-issue-title"
        case resolvedMissing = "resolved-missing"
        case confirmedMissing = "confirmed-missing"
        case openWithResolution = "open-with-resolution"
        case majorWithoutCaseAnalysis = "major-without-case-analysis"
        case caseIncomplete = "case-incomplete"
        case resolvedBeforeRaised = "resolved-before-raised"
        case confirmedBeforeResolved = "confirmed-before-resolved"
        case dueBeforeRaised = "due-before-raised"
        case unknownProject = "unknown-project"
        case planUnknownProject = "plan-unknown-project"
        case planUnknownDepartment = "plan-unknown-department"
        case planDueOutsideYear = "plan-due-outside-year"
        case planOtherDepartment = "plan-other-department"
        // the calendar
        case calendarUncovered = "calendar-uncovered"
        // huifang.yaml's assessment: section
        case assessmentWeightsSum = "assessment-weights-sum"
        case assessmentWeightsSumDept = "assessment-weights-sum-dept"
        case assessmentBadWeight = "assessment-bad-weight"
        case assessmentBadWeightDept = "assessment-bad-weight-dept"
        case assessmentBadValue = "assessment-bad-value"
        case assessmentBadValueDept = "assessment-bad-value-dept"
        case assessmentFloorTarget = "assessment-floor-target"
        case assessmentFloorTargetDept = "assessment-floor-target-dept"
        case assessmentFloorTargetLower = "assessment-floor-target-lower"
        case assessmentFloorTargetLowerDept = "assessment-floor-target-lower-dept"
        case assessmentUnknownIndicator = "assessment-unknown-indicator"
        case assessmentUnknownIndicatorNear = "assessment-unknown-indicator-near"
        case assessmentIndicatorTwice = "assessment-indicator-twice"
        case assessmentNoWeight = "assessment-no-weight"
        case assessmentUnknownDepartment = "assessment-unknown-department"
        case assessmentIndicatorUnused = "assessment-indicator-unused"
        // attack: found by trying to break huifang from the outside
        case misspeltKey = "misspelt-key"
        case unknownPolicyKey = "unknown-policy-key"
        case folderNamedLikeRecord = "folder-named-like-record"
        case eventUnknownTag = "event-unknown-tag"
        // silent: wrong answers no longer silent
        case datedAfterToday = "dated-after-today"
    }
}

extension Finding.Code {
    /// The order of codes that can be found at one place (a record, or one of its keys), as
    /// `check` lists them: the order of their English messages ("'issues:' lists ..." before
    /// "a major issue ...", "confirmed on ..." before "due ...", "status is ... 'confirmed:'" before
    /// "... 'resolved:'", "unknown ..." last). Codes of one group are listed together by their
    /// values ("issue 'i-1' belongs to ..." and "issue 'i-2' exists but ..." by the issue), then in
    /// the group's order. Codes not named here follow, by name.
    static let listingOrder: [[Finding.Code]] = [
        [.issueRaisedElsewhere], [.majorWithoutCaseAnalysis], [.confirmedBeforeResolved], [.dueBeforeRaised], [.duplicateID],
        [.visitBeforeAcceptance], [.riskHistoryDate], [.issueOfOtherProject, .unreadableReference], [.duplicateIssueTitle],
        [.planUnknownProject], [.resolvedBeforeRaised], [.riskState], [.confirmedMissing], [.openWithResolution], [.resolvedMissing],
        [.planOtherDepartment], [.duplicateVisit], [.unknownAddressedIssue], [.unknownDepartment], [.unknownEvent], [.unknownIssue],
        [.unknownProject], [.unknownVisit],
    ]

    /// The code's group in `listingOrder` (after all of them when it is not there) and its
    /// place in the group.
    public var listingRank: (group: Int, place: Int) { Self.ranks[self] ?? (Self.listingOrder.count, 0) }

    private static let ranks: [Finding.Code: (group: Int, place: Int)] = {
        var ranks: [Finding.Code: (group: Int, place: Int)] = [:]
        for (g, codes) in listingOrder.enumerated() { for (n, c) in codes.enumerated() { ranks[c] = (g, n) } }
        return ranks
    }()

    /// The keys of the values a message names, in its order, where that is not the keys' own
    /// order: findings of one group at one place are listed by these values.
    static let messageOrder: [Finding.Code: [String]] = [
        .planOtherDepartment: ["department", "project", "owner"],
        .issueOfOtherProject: ["issue", "project", "own"],
        .unreadableReference: ["id", "noun", "path"],
    ]
}
