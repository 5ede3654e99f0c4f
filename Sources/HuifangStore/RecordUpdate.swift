import Dispatch
import HuifangCore
import HuifangYAML

#if canImport(Glibc)
    import Glibc
#endif

/// Changes an existing record in place (comments, key order, unknown keys, BOM and line
/// ends kept), then reads the result back as a record before anything is written.
public enum RecordUpdate {
    /// The new bytes of `relative` after `edit`; nothing is written here. What was read is
    /// remembered: `write` refuses to replace the file if it no longer holds exactly that.
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
            throw StoreError.update(.unreadable(path: relative, line: error.mark.line, column: error.mark.column, reason: error.message))
        }
        do {
            try edit(&editor)
        } catch {
            throw StoreError.update(.notEditable(path: relative, line: error.mark.line, reason: error.message, hint: error.hint))
        }
        try RecordVerifier.verify(editor.bytes, as: job, path: relative, config: config)
        ReadBeforeUpdate.shared.remember(bytes, of: repo.path(relative))
        return editor.bytes
    }

    /// Where record writes put their temporary files: inside `.huifang/` (git-ignored, on the
    /// repository's file system), never in a record folder. Only a holder of the repository
    /// lock writes here, so whatever the next holder finds here is left by a writer that died.
    public static let temporaryFolder = ".huifang/tmp"

    /// Writes planned changes: every file is first written and synced under a temporary name in
    /// `temporaryFolder`; then each file that `edit` read is compared with what it read, and if
    /// one changed meanwhile nothing is renamed and the command fails (exit 75); else the files
    /// are renamed into place. Each file is complete or absent; several files are not renamed
    /// as one (a crash between two renames leaves the first), so a change that must not be
    /// half made belongs in one file. Call with the repository lock held.
    /// None is written when one would leave the repository (a folder on its way is a link out).
    public static func write(_ changes: [(String, [UInt8])], in repo: Repository) throws(StoreError) {
        for (relative, _) in changes { try repo.requireInside(relative) }
        var staged: [(temporary: String, target: String, bytes: [UInt8])] = []
        var done = false
        defer {
            if !done { for s in staged { FileSystem.remove(s.temporary) } }
        }
        for (relative, bytes) in changes {
            let name = relative.split(separator: "/").last.map(String.init) ?? relative
            let temporary = repo.path("\(temporaryFolder)/\(getpid())-\(Self.counter.next())-\(name)")
            do { try FileSystem.writeAtomically(bytes, to: temporary) } catch { throw StoreError.io(error) }
            staged.append((temporary, repo.path(relative), bytes))
        }
        beforeRename?(staged.map(\.temporary))
        for (n, s) in staged.enumerated() {
            guard let read = ReadBeforeUpdate.shared.take(s.target) else { continue }
            let now = try? FileSystem.read(s.target)
            if now != read { throw StoreError.changed(path: changes[n].0) }
        }
        var folders: [String] = []
        for s in staged {
            let folder = s.target.lastIndex(of: "/").map { String(s.target[..<$0]) } ?? "."
            do throws(FileError) {
                try FileSystem.makeDirectories(folder)
                if rename(s.temporary, s.target) != 0 {
                    // `.huifang` on another file system: write beside the target instead.
                    let code = errno
                    guard code == EXDEV else { throw FileError(path: s.target, errno: code, action: "write") }
                    try FileSystem.writeAtomically(s.bytes, to: s.target)
                    FileSystem.remove(s.temporary)
                }
            } catch {
                throw StoreError.io(error)
            }
            if !folders.contains(folder) { folders.append(folder) }
        }
        done = true
        for folder in folders {
            FileSystem.syncDirectory(folder)
            removeOldTemporaries(in: folder)
        }
    }

    /// For tests only: called once every file of a `write` is staged, before the comparison and
    /// the renames (the `huifang` command sets it from `HUIFANG_TEST_HOLD_WRITES`).
    nonisolated(unsafe) public static var beforeRename: (([String]) -> Void)?

    /// Removes what writers that died left in `temporaryFolder`. Call with the lock held.
    public static func removeStaleTemporaries(in repo: Repository) {
        let folder = repo.path(temporaryFolder)
        for e in FileSystem.list(folder) ?? [] where !e.isDirectory {
            FileSystem.remove(folder + "/" + e.name)
        }
    }

    /// Removes `.NAME.tmp-XXXXXX` files that earlier versions (which wrote temporaries beside
    /// the record) left in `folder` when killed. Call with the lock held.
    static func removeOldTemporaries(in folder: String) {
        for e in FileSystem.list(folder) ?? [] where !e.isDirectory && isOldTemporary(e.name) {
            FileSystem.remove(folder + "/" + e.name)
        }
    }

    /// `.NAME.tmp-XXXXXX`: mkstemp's six characters after `.tmp-`.
    static func isOldTemporary(_ name: String) -> Bool {
        let u = Array(name.utf8)
        guard u.count > 12, u[0] == UInt8(ascii: "."), Array(u[(u.count - 11)..<(u.count - 6)]) == Array(".tmp-".utf8) else { return false }
        return u[(u.count - 6)...].allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) }
    }

    static let counter = Counter()
}

/// What `RecordUpdate.edit` read of each file, until `RecordUpdate.write` compares it.
final class ReadBeforeUpdate: @unchecked Sendable {
    static let shared = ReadBeforeUpdate()
    private let queue = DispatchQueue(label: "huifang.read-before-update")
    private var bytes: [String: [UInt8]] = [:]

    func remember(_ read: [UInt8], of path: String) { queue.sync { bytes[path] = read } }

    func take(_ path: String) -> [UInt8]? { queue.sync { bytes.removeValue(forKey: path) } }
}

/// Numbers temporary files of one process.
final class Counter: @unchecked Sendable {
    private let queue = DispatchQueue(label: "huifang.counter")
    private var n = 0

    func next() -> Int { queue.sync { n += 1; return n } }
}

extension FileSystem {
    /// fsync of a folder, so that the entries just renamed into it survive a crash.
    static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
    }
}
