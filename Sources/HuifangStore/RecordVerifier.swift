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
            throw StoreError.update(.notParsing(path: path, reason: "\(error)"))
        }
        let outcome = RepositoryLoader.decode(node, path, job, config: config)
        if outcome.record == nil || outcome.findings.contains(where: { $0.severity == .error }) {
            throw StoreError.update(.notValid(path: path, first: outcome.findings.first))
        }
    }
}
