import HuifangCore
import HuifangYAML

/// Reads back what a command is about to write, with the same decoder as every read.
/// Text that does not decode to a clean record is a bug in huifang: nothing is written.
public enum RecordVerifier {
    public static func verify(_ text: String, as job: RepositoryLoader.Job, path: String, config: Config) throws(StoreError) {
        try verify(Array(text.utf8), as: job, path: path, config: config)
    }

    public static func verify(_ bytes: [UInt8], as job: RepositoryLoader.Job, path: String, config: Config) throws(StoreError) {
        let node: YAMLNode?
        do {
            node = try YAMLParser.parse(bytes)
        } catch {
            throw StoreError.invalid("internal error: the new \(path) does not parse (\(error)); nothing was written",
                                     hint: "please report this with the command you ran")
        }
        let outcome = RepositoryLoader.decode(node, path, job, config: config)
        if outcome.record == nil || outcome.findings.contains(where: { $0.severity == .error }) {
            let first = outcome.findings.first.map { "\($0.line):\($0.column): \($0.message)" } ?? "no record"
            throw StoreError.invalid("the new \(path) would not be a valid record (\(first)); nothing was written",
                                     hint: "check the values given on the command line")
        }
    }
}
