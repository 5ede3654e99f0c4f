#if canImport(Glibc)
    import Glibc
#endif

/// A records repository on disk: the folder holding `huifang.yaml`, found as git finds
/// `.git`, from the start folder upwards.
public struct Repository: Sendable {
    /// Absolute path of the repository root, without a trailing slash.
    public let root: String

    public init(root: String) { self.root = root }

    public static let configFile = "huifang.yaml"

    public static func discover(from start: String) throws(StoreError) -> Repository {
        let absolute = start.hasPrefix("/") ? start : FileSystem.currentDirectory() + "/" + start
        guard var dir = FileSystem.realPath(absolute) else {
            let e = errno
            if e == EACCES || e == EPERM { throw StoreError.io(FileError(path: start, errno: e, action: "use the folder")) }
            throw StoreError.noFolder(path: start, reason: "no such folder", hint: "check the path given with -C")
        }
        guard FileSystem.isDirectory(dir) else {
            throw StoreError.noFolder(path: start, reason: "not a folder", hint: "-C takes the repository's folder (or one inside it), not a file")
        }
        while true {
            if FileSystem.exists(dir + "/" + configFile) { return Repository(root: dir) }
            guard dir != "/", let slash = dir.lastIndex(of: "/") else { break }
            dir = slash == dir.startIndex ? "/" : String(dir[..<slash])
        }
        throw StoreError.noRepository(start: absolute)
    }

    /// The absolute path of a repository-relative path.
    public func path(_ relative: String) -> String { root + "/" + relative }

    /// The folder of a project, relative to the root: every record path starts here.
    public func projectFolder(_ id: String) -> String { "projects/\(id)" }
}
