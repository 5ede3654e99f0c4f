import HuifangCore
import HuifangYAML

/// Decoding of record text that is not (yet) a file: what a person wrote in an editor.
/// The file name rules are taken as met (the name is derived from the record).
public enum RecordText {
    public static func visit(_ text: String, project: ProjectID, config: Config) -> (Visit?, [Finding]) {
        decode(text, config: config) { node in
            let name = "\(node?["date"]?.scalar ?? "")-\(node?["id"]?.scalar ?? "").yaml"
            return .visit(project: project, file: name)
        }.map { ($0.0.flatMap { if case .visit(let v) = $0 { return v } else { return nil } }, $0.1) } ?? (nil, [])
    }

    /// An issue as written: its file is named by its id.
    public static func issue(_ text: String, project: ProjectID, config: Config) -> (Issue?, [Finding]) {
        decode(text, config: config) { node in .issue(project: project, file: "\(node?["id"]?.scalar ?? "").yaml") }
            .map { ($0.0.flatMap { if case .issue(let i) = $0 { return i } else { return nil } }, $0.1) } ?? (nil, [])
    }

    /// A project as edited: its id must name the folder it is in.
    public static func project(_ text: String, folder: String, config: Config) -> (Project?, [Finding]) {
        decode(text, config: config) { _ in .project(folder: folder) }
            .map { ($0.0.flatMap { if case .project(let p) = $0 { return p } else { return nil } }, $0.1) } ?? (nil, [])
    }

    static func decode(_ text: String, config: Config, job: (YAMLNode?) -> RepositoryLoader.Job) -> (RepositoryLoader.Decoded?, [Finding])? {
        let node: YAMLNode?
        do {
            node = try YAMLParser.parse(text)
        } catch {
            return (nil, [Finding(path: "", line: error.mark.line, column: error.mark.column, message: error.message, hint: error.hint,
                                  code: error.code.flatMap(Finding.Code.init(rawValue:)), values: error.values)])
        }
        let outcome = RepositoryLoader.decode(node, "", job(node), config: config)
        return (outcome.record, outcome.findings)
    }
}
