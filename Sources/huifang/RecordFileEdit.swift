import HuifangCore
import HuifangStore

/// `--edit` on an existing record (`project edit`, `visit edit`): the file's own text opens in
/// the editor, so comments, key order and unknown keys are the person's to keep; the saved text
/// must decode to a clean record (as `visit log --edit` checks it) before it is written, under
/// the lock, and only if nobody changed the file while the editor was open.
struct RecordFileEdit {
    let ctx: CommandContext
    /// The record's path relative to the repository root.
    let path: String
    let original: [UInt8]

    init(_ ctx: CommandContext, path: String) throws {
        self.ctx = ctx
        self.path = path
        do { original = try FileSystem.read(ctx.repository.path(path)) } catch { throw CommandFailure(StoreError.io(error)) }
    }

    /// Runs the editor until `accept` takes the saved text; returns the text and its record.
    func run<T>(name: String, _ accept: (String) -> Result<T, EditProblems>) throws -> (text: String, record: T) {
        var savedText = ""
        let record = try EditorSession(template: String(decoding: original, as: UTF8.self), name: name).run { text in
            savedText = text
            return accept(text)
        }
        return (savedText, record)
    }

    /// Refuses when the file is no longer what the editor was given (call under the lock).
    func requireUnchanged() throws {
        let now: [UInt8]
        do { now = try FileSystem.read(ctx.repository.path(path)) } catch { throw CommandFailure(StoreError.io(error)) }
        if now != original {
            throw CommandFailure(Message("error.editor.changed", ["path": path]), hint: Message("hint.run-again"), code: 75)
        }
    }
}
