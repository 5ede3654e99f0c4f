#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The repository's boundary: huifang reads and writes only files inside the repository
/// folder. A symbolic link (to a file or a folder) that leads out of it is refused, when
/// reading (a finding, see `RepositoryLoader`) and when writing (here).
extension Repository {
    /// Where the folder that holds, or will hold, `relative` really lies, when a symbolic link
    /// on the way leads out of the repository (or is broken); nil when it lies inside. Folders
    /// that do not exist yet are judged by the nearest one that does (they are made inside it).
    /// One realpath(3) per call: cheap enough for every write.
    public func outsideFolder(of relative: String) -> String? {
        let rootReal = FileSystem.realPath(root) ?? root
        var dir = path(relative)
        while let slash = dir.lastIndex(of: "/"), slash != dir.startIndex {
            dir = String(dir[..<slash])
            if let real = FileSystem.realPath(dir) {
                return real == rootReal || real.hasPrefix(rootReal + "/") || rootReal == "/" ? nil : real
            }
            var st = stat()
            if lstat(dir, &st) == 0 {
                // It exists but does not resolve: a broken symbolic link, or a loop of them.
                return (st.st_mode & S_IFMT) == S_IFLNK ? (FileSystem.linkTarget(dir) ?? dir) : nil
            }
        }
        return nil
    }

    /// Throws (exit 65, with the path and where it leads) when the folder of `relative` lies
    /// outside the repository.
    public func requireInside(_ relative: String) throws(StoreError) {
        if let outside = outsideFolder(of: relative) {
            throw StoreError.update(.outside(path: relative, to: outside))
        }
    }
}

extension FileSystem {
    /// What a symbolic link points to, as written in it; nil when `path` is not a link.
    public static func linkTarget(_ path: String) -> String? {
        var buf = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(path, &buf, buf.count - 1)
        guard n >= 0 else { return nil }
        return String(decoding: buf[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
