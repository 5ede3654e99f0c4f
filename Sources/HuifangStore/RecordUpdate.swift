import HuifangCore
import HuifangYAML

/// Changes an existing record in place (comments, key order, unknown keys, BOM and line
/// ends kept), then reads the result back as a record before anything is written.
public enum RecordUpdate {
    /// The new bytes of `relative` after `edit`; nothing is written here.
    public static func edit(
        _ repo: Repository, _ relative: String, as job: RepositoryLoader.Job, config: Config,
        _ edit: (inout YAMLEditor) throws(YAMLError) -> Void
    ) throws(StoreError) -> [UInt8] {
        let bytes: [UInt8]
        do { bytes = try FileSystem.read(repo.path(relative)) } catch { throw StoreError.io(error) }
        var editor: YAMLEditor
        do {
            editor = try YAMLEditor(bytes: bytes)
        } catch {
            throw StoreError.invalid("\(relative):\(error.mark.line):\(error.mark.column): \(error.message)",
                                     hint: "fix the file first (see 'huifang check')")
        }
        do {
            try edit(&editor)
        } catch {
            throw StoreError.invalid("cannot update \(relative): \(error.message) (line \(error.mark.line))",
                                     hint: error.hint ?? "the file has a shape huifang cannot edit in place; edit it by hand")
        }
        try RecordVerifier.verify(editor.bytes, as: job, path: relative, config: config)
        return editor.bytes
    }

    /// Writes planned changes, each atomically; none when one would leave the repository.
    public static func write(_ changes: [(String, [UInt8])], in repo: Repository) throws(StoreError) {
        for (relative, _) in changes { try repo.requireInside(relative) }
        for (relative, bytes) in changes { try repo.writeRecord(bytes, to: relative) }
    }
}
