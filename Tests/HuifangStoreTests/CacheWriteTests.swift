import Foundation
import Testing

@testable import HuifangStore

#if canImport(Glibc)
    import Glibc
#endif

/// Writing `.huifang/cache` without copies: the workers' payloads in blocks (never copied
/// again as they grow), the index written and hashed in pieces, the walk's directory reads
/// with getdents64. The file's bytes are those of the plain layout, joined in one buffer.
@Suite struct CacheWriteTests {
    /// Random records (some larger than a block) written in small blocks and in one buffer:
    /// the blocks joined are the buffer's bytes, every record lies whole in one block at the
    /// offset `count` gave before it was written, and `withRecord` sees exactly its bytes.
    @Test func blocksHoldTheBytesOfOneBufferAndNeverSplitARecord() {
        var rng = FuzzTests.Rng(state: 2121)
        var blocks = BinaryWriter(blockSize: 4096)
        var plain = BinaryWriter(capacity: 0)
        var records: [(start: Int, count: Int, checksum: UInt32)] = []
        for round in 0..<2000 {
            blocks.startRecord()
            let start = blocks.count
            #expect(start == plain.count)
            let size = round % 97 == 0 ? Int.random(in: 4097...9000, using: &rng) : Int.random(in: 0...700, using: &rng)
            var written = 0
            while written < size {
                switch Int.random(in: 0..<4, using: &rng) {
                case 0:
                    let v = UInt64.random(in: 0...UInt64.max, using: &rng) >> UInt64.random(in: 0...63, using: &rng)
                    blocks.uint(v)
                    plain.uint(v)
                case 1:
                    let s = String(repeating: "记", count: Int.random(in: 0...30, using: &rng))
                    blocks.string(s)
                    plain.string(s)
                case 2:
                    let v = UInt32.random(in: 0...UInt32.max, using: &rng)
                    blocks.fixed32(v)
                    plain.fixed32(v)
                default:
                    let run = (0..<Int.random(in: 0...200, using: &rng)).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ round) }
                    blocks.append(run)
                    plain.append(run)
                }
                written = blocks.count - start
            }
            records.append((start, written, blocks.withRecord { RecordCache.checksum($0) }))
        }
        let total = blocks.count
        let taken = blocks.takeBlocks()
        #expect(blocks.count == 0)
        #expect(taken.count == total)
        #expect(taken.parts.count > 50, "\(taken.parts.count) blocks")
        let expected = plain.bytes
        #expect(taken.parts.flatMap { Array($0) } == expected)
        var wrong = 0
        for r in records {
            guard let slice = taken.slice(r.start, r.count) else {
                wrong += 1
                continue
            }
            if Array(slice) != Array(expected[r.start..<(r.start + r.count)]) || RecordCache.checksum(slice) != r.checksum { wrong += 1 }
        }
        #expect(wrong == 0, "\(wrong) of \(records.count) records split or wrong")
        // A range across two blocks is refused, not read from the wrong place.
        let first = taken.parts[0].count
        #expect(taken.slice(first - 1, 2) == nil)
        #expect(taken.slice(total, 1) == nil)
    }

    /// The checksum in pieces (whole stripes, then any rest) is XXH64 of the pieces joined.
    @Test func theChecksumInPiecesIsTheChecksumOfTheWhole() {
        var rng = FuzzTests.Rng(state: 7)
        for n in [0, 1, 31, 32, 33, 63, 64, 65, 100, 127, 128, 129, 1000, 4099] {
            let bytes = (0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) }
            for seed: UInt64 in [0, 7, 24_500_000, .max] {
                let whole = Checksum.xxh64(bytes, seed: seed)
                for cut in Set([0, n / 32 * 32, n / 64 * 32, 32 * Int.random(in: 0...(n / 32), using: &rng)]) {
                    var stream = Checksum.Stream(seed: seed)
                    bytes.withUnsafeBytes { raw in
                        var at = 0
                        while at < cut {
                            let step = min(cut - at, 32 * Int.random(in: 1...4, using: &rng))
                            stream.add(UnsafeRawBufferPointer(rebasing: raw[at..<(at + step)]))
                            at += step
                        }
                        #expect(stream.count == cut)
                        #expect(stream.finish(UnsafeRawBufferPointer(rebasing: raw[cut...])) == whole, "\(n) bytes cut at \(cut), seed \(seed)")
                    }
                }
            }
        }
    }

    /// The index's length is counted before it is written: the count is the bytes written.
    @Test func anIndexEntrysSizeIsWhatItWrites() {
        var rng = FuzzTests.Rng(state: 3)
        func any() -> Int64 { Int64.random(in: Int64.min...Int64.max, using: &rng) >> Int64.random(in: 0...63, using: &rng) }
        for k in 0..<3000 {
            let path = String(repeating: k % 2 == 0 ? "p" : "项", count: Int.random(in: 0...200, using: &rng))
            let stamp = FileSystem.Stamp(size: any(), mtimeSec: any(), mtimeNsec: any(), ctimeSec: any(), ctimeNsec: any(),
                                         inode: UInt64.random(in: 0...UInt64.max, using: &rng) >> UInt64.random(in: 0...63, using: &rng))
            let count = Int.random(in: 0...1 << 40, using: &rng) >> Int.random(in: 0...40, using: &rng)
            let e = RecordCache.Entry(path: path, stamp: stamp, payload: .fresh(chunk: 0, start: 0, count: count, checksum: 1))
            var w = BinaryWriter(capacity: 0)
            RecordCache.writeIndexEntry(&w, e, payloadCount: count, checksum: 0xDEAD_BEEF)
            #expect(w.count == RecordCache.indexEntrySize(e, payloadCount: count), "\(e)")
        }
    }

    /// A cache saved from payloads in several chunks of small blocks, with an index several
    /// pieces long, is byte for byte the layout joined the plain way (header, index, payloads,
    /// trailer over the header and index seeded with the file's length), and is read back.
    @Test func theSavedCacheIsThePlainLayout() throws {
        let (t, repo) = try TempFolder.repository()
        defer { t.remove() }
        var rng = FuzzTests.Rng(state: 11)
        var entries: [RecordCache.Entry] = []
        var payloads: [PayloadBlocks] = []
        var plainPayloads: [UInt8] = []
        for chunk in 0..<3 {
            var w = BinaryWriter(blockSize: 2048)
            for k in 0..<1500 {
                w.startRecord()
                let start = w.count
                let bytes = (0..<Int.random(in: 0...300, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                w.append(bytes)
                plainPayloads += bytes
                let stamp = FileSystem.Stamp(size: Int64(k), mtimeSec: 1_700_000_000 + Int64(k), mtimeNsec: 123_456_789, ctimeSec: 1_700_000_000,
                                             ctimeNsec: Int64(k), inode: UInt64(chunk * 10_000 + k))
                entries.append(RecordCache.Entry(path: "projects/p-\(chunk)/visits/2026-03-01-v-\(String(k, radix: 16)).yaml", stamp: stamp,
                                                 payload: .fresh(chunk: chunk, start: start, count: bytes.count, checksum: w.withRecord { RecordCache.checksum($0) })))
            }
            payloads.append(w.takeBlocks())
        }
        let stamp: UInt64 = 0x1234_5678
        RecordCache().save(repo, stamp: stamp, entries: entries, payloads: payloads)
        let file = try #require(FileManager.default.contents(atPath: t.path + "/" + RecordCache.path)).map { $0 }
        // The time written, as the file says it.
        let written = try file.withUnsafeBufferPointer { buf in
            var r = BinaryReader(buf, at: RecordCache.magic.count)
            _ = try r.string()
            _ = try r.uint()
            return try r.int()
        }
        var head = BinaryWriter(capacity: 0)
        head.append(RecordCache.magic)
        head.string(HuifangStoreVersion.current)
        head.uint(stamp)
        head.int(written)
        head.uint(UInt64(entries.count))
        for e in entries {
            guard case .fresh(_, _, let count, let checksum) = e.payload else { continue }
            RecordCache.writeIndexEntry(&head, e, payloadCount: count, checksum: checksum)
        }
        #expect(head.count > 4 * RecordCache.savePiece, "the index is \(head.count) bytes")
        var expected = head.bytes + plainPayloads
        var trailer = BinaryWriter(capacity: 0)
        trailer.fixed64(UInt64(head.count))
        trailer.fixed64(head.withBytes { Checksum.xxh64($0, seed: UInt64(expected.count + RecordCache.trailerCount)) })
        expected += trailer.bytes
        #expect(file.count == expected.count)
        #expect(file == expected)
        let index = try #require(file.withUnsafeBufferPointer { RecordCache.index(of: $0, stamp: stamp) })
        #expect(index.1.count == entries.count)
        #expect(index.0 == Int64(written))
    }

    /// A folder whose entries take several getdents64 reads (more than its 32 KB buffer) is
    /// listed whole and sorted, as a `DIR` stream lists it.
    @Test func aLargeFolderIsListedWhole() throws {
        let t = TempFolder()
        defer { t.remove() }
        var names: [String] = []
        for k in 0..<1200 {
            let name = "2026-03-01-v-\(String(k * 7919 % 1200, radix: 16))-" + String(repeating: k % 3 == 0 ? "访" : "x", count: 20) + ".yaml"
            names.append(name)
            try t.write(name, "")
        }
        try t.write("sub/inner.yaml", "")
        names.append("sub")
        let listed = try #require(FileSystem.list(t.path, statFiles: true))
        #expect(listed.map(\.name) == names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        #expect(listed.filter(\.isDirectory).map(\.name) == ["sub"])
        #expect(listed.allSatisfy { $0.isDirectory || $0.status != nil })
        let fd = open(t.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { close(fd) }
        var viaStream: [String] = []
        #expect(FileSystem.readEntriesWithDirStream(fd) { name, _ in viaStream.append(String(cString: name)) })
        #expect(Set(viaStream) == Set(names + [".", ".."]))
        #expect(FileSystem.list(t.path + "/sub/inner.yaml") == nil)
    }
}
