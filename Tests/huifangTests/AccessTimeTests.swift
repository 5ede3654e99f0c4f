import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Reading a repository writes nothing to it, not even the records' access times (the read
/// opens them with O_NOATIME, as git opens its objects), and records of another user, which
/// the kernel will not open that way, are read all the same.
@Suite struct AccessTimeTests {
    static let old = timespec(tv_sec: 1_577_836_800, tv_nsec: 0)  // 2020-01-01

    /// Sets the access time of `path` to 2020, before its modification time: on a file system
    /// mounted with `relatime` (the default) the next ordinary read sets it to now.
    static func ageAccess(_ path: String) {
        var times = [old, timespec(tv_sec: 0, tv_nsec: (1 << 30) - 2)]  // UTIME_OMIT: the modification time stays
        _ = utimensat(AT_FDCWD, path, &times, 0)
    }

    static func accessTime(_ path: String) -> Int {
        var st = stat()
        return stat(path, &st) == 0 ? st.st_atim.tv_sec : -1
    }

    /// The record files of the fixture, relative to the repository.
    static func records(_ r: HuifangRunner) -> [String] {
        let e = FileManager.default.enumerator(atPath: r.dir)
        var out: [String] = []
        while let rel = e?.nextObject() as? String {
            if rel.hasSuffix(".yaml") && !rel.hasPrefix(".huifang") { out.append(rel) }
        }
        return out.sorted()
    }

    @Test func aColdReadLeavesTheRecordsAccessTimesAlone() throws {
        let r = HuifangRunner()
        defer { r.cleanup() }
        try r.copyFixture("broken")
        let files = Self.records(r)
        try #require(files.count > 10)
        // A control file read the ordinary way shows whether this file system keeps access
        // times at all (one mounted with noatime has nothing to prove here).
        let control = r.path("control.txt")
        try r.write("control.txt", "x")
        Self.ageAccess(control)
        _ = FileManager.default.contents(atPath: control)
        guard Self.accessTime(control) != Int(Self.old.tv_sec) else { return }

        for f in files { Self.ageAccess(r.path(f)) }
        for args in [["check"], ["report", "summary", "--period", "2026Q1"], ["status"]] {
            _ = r.run(["--no-cache"] + args)
            _ = r.run(args)
        }
        let touched = files.filter { Self.accessTime(r.path($0)) != Int(Self.old.tv_sec) }
        #expect(touched.isEmpty, "records whose access time a read changed: \(touched.prefix(5))")
    }

    @Test func recordsOfAnotherUserAreReadAllTheSame() throws {
        // Needs root (to run huifang as another user) and util-linux's setpriv.
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return }
        let r = HuifangRunner()
        defer { r.cleanup() }
        try r.copyFixture("broken")
        let mine = r.run(["--no-cache", "check", "--format", "json"])
        try #require(mine.code == 1 && mine.stdout.contains("\"findings\""))

        // The same repository read by `nobody`: every record belongs to root, so the kernel
        // refuses O_NOATIME on each of them, and the read must fall back to a plain open.
        let theirs = r.run(["--no-cache", "check", "--format", "json"],
                           through: ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"])
        #expect(theirs.code == mine.code)
        #expect(theirs.stdout == mine.stdout)
    }
}
