import HuifangCore

#if canImport(Glibc)
    import Glibc
#endif

/// Per record file, the checksum the cache keeps of it (XXH64, cut to 32 bits, of the file's
/// parsed record and findings in the cache's binary form, `RecordCoding`), for the digest of a
/// closed period (docs/CLOSING.md). A file whose bytes change is parsed again (its stat data
/// change), so its checksum changes with any change to what it says; a comment or the order
/// of its keys do not count. Taken from what the last load kept (`KeptUntilExit`): no record
/// is encoded again, except when the load used no cache (`--no-cache`): the files asked for
/// are then parsed and encoded here, as a cold load would cache them.
public enum RecordChecksums {
    /// What the checksums are computed by: they compare only under the same store version.
    public static var version: String { HuifangStoreVersion.current }

    /// The checksum of each record file `loaded` read whose path and kind `include` accepts,
    /// in the order of the repository walk (by name within each folder, as git sorts); nil when
    /// `loaded` was not kept by its load.
    public static func of(_ loaded: LoadedRepository, include: (String, RepositoryLoader.Kind) -> Bool) -> [(path: String, checksum: UInt32)]? {
        let repositories = KeptUntilExit.repositories, held = KeptUntilExit.held
        guard let i = repositories.lastIndex(where: { $0.repository.root == loaded.repository.root }), i < held.count,
            let kept = held[i] as? RepositoryLoader.Byproducts
        else { return nil }
        var out: [(path: String, checksum: UInt32)] = []
        out.reserveCapacity(kept.jobs.count)
        var base: Int32 = -1
        defer { if base >= 0 { close(base) } }
        for (k, job) in kept.jobs.enumerated() where include(job.0, job.1.kind) {
            switch kept.results[k].payload {
            case .fresh(_, _, _, let checksum)?: out.append((job.0, checksum))
            case .old(let e)?: out.append((job.0, kept.cache.index[e].checksum))
            case nil:
                if base < 0 { base = FileSystem.openDirectory(loaded.repository.root) }
                var st = stat()
                let root = RepositoryLoader.Root(repo: loaded.repository, fd: base)
                let outcome = RepositoryLoader.decode(job.0, job.1, root: root, config: loaded.records.config, stat: &st)
                out.append((job.0, RecordCache.encode(outcome).withUnsafeBufferPointer { RecordCache.checksum($0) }))
            }
        }
        return out
    }
}
