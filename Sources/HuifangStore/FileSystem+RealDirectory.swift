#if canImport(Glibc)
    import Glibc
#endif

extension FileSystem {
    /// True for a directory that is not a symbolic link (a link may lead out of the repository).
    public static func isRealDirectory(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }
}
