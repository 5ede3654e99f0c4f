import HuifangCore
import HuifangYAML

extension Repository {
    /// `assessments/QUARTER-DEPT.yaml`: where the reviewed score of a department for a quarter lives.
    public func assessmentFile(period: String, department: String) -> String {
        AssessmentReview.file(period: period, department: department)
    }
}

extension RecordUpdate {
    /// The new bytes of `review`'s file with its score, note, date and reviewer set in place;
    /// comments, key order and unknown keys stay. Nothing is written here.
    public static func assessmentReview(_ review: AssessmentReview, becomes new: AssessmentReview, in repo: Repository,
                                        config: Config) throws(StoreError) -> [UInt8] {
        let path = review.location.path
        let file = path.split(separator: "/").last.map(String.init) ?? path
        return try edit(repo, path, as: .assessment(file: file), config: config) { (e: inout YAMLEditor) throws(YAMLError) in
            try e.set("score", to: .int(new.score), order: RecordKeys.assessmentReview)
            try e.set("note", to: .string(new.note), order: RecordKeys.assessmentReview)
            try e.set("date", to: .plain(new.date.description), order: RecordKeys.assessmentReview)
            if let by = new.by { try e.set("by", to: .string(by), order: RecordKeys.assessmentReview) }
        }
    }
}
