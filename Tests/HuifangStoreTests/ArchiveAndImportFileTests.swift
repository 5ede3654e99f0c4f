import HuifangCore
import Testing

@testable import HuifangStore

/// The files the commands no longer parse themselves (issue 13): a closed period's archive
/// (`close.yaml`, `kpis.json`) and an import's origin and column map.
@Suite struct PeriodArchiveFileTests {
    @Test func theHistoryReadsBackWhatWasWritten() throws {
        let (t, repo) = try TempFolder.repository()
        defer { t.remove() }
        #expect(try PeriodArchiveFile.history(repo, "2026Q3").isEmpty)  // never closed
        let history = [
            PeriodArchiveFile.Entry(action: .closed, at: Day("2026-10-05")!, by: "王经理", reason: nil, digest: "00ff"),
            PeriodArchiveFile.Entry(action: .reopened, at: Day("2026-10-09")!, by: nil, reason: "补录: 9月15日回访", digest: nil),
        ]
        try t.write("archive/2026Q3/close.yaml", PeriodArchiveFile.closeText("2026Q3", history))
        #expect(try PeriodArchiveFile.history(repo, "2026Q3") == history)
        // Reopened last: not closed, and kpis.json is not even read.
        #expect(try PeriodArchiveFile.frozen(repo, "2026Q3") == nil)
        #expect(PeriodArchiveFile.archivedQuarters(repo).map(\.label) == ["2026Q3"])
    }

    @Test func theFrozenFiguresOfTheCloseInForce() throws {
        let (t, repo) = try TempFolder.repository()
        defer { t.remove() }
        try t.write("archive/2026Q3/close.yaml", PeriodArchiveFile.closeText("2026Q3", [
            .init(action: .closed, at: Day("2026-10-05")!, by: "li", reason: nil, digest: "abc"),
        ]))
        try t.write("archive/2026Q3/kpis.json", #"{"digest": "abc", "figures": [{"key": "total.completion", "value": 0.5}, {"key": "total.nps", "value": null}]}"#)
        let f = try #require(try PeriodArchiveFile.frozen(repo, "2026Q3"))
        #expect(f.closedOn == Day("2026-10-05")! && f.by == "li" && f.digest == "abc")
        #expect(f.figures.map(\.key) == ["total.completion", "total.nps"])
        #expect(f.figures.map(\.value) == [0.5, nil])
    }

    @Test func aDamagedFileIsNamedNeverReadAsNotClosed() throws {
        let (t, repo) = try TempFolder.repository()
        defer { t.remove() }
        try t.write("archive/2026Q3/close.yaml", "period: 2026Q3\nhistory:\n  - {action: frozen, at: 2026-10-05}\n")
        #expect(throws: PeriodArchiveFile.Damaged(file: "archive/2026Q3/close.yaml", unreadable: false)) {
            try PeriodArchiveFile.history(repo, "2026Q3")
        }
        try t.write("archive/2026Q3/close.yaml", "period: 2026Q3\nhistory:\n  - {action: closed, at: 2026-10-05}\n")
        try t.write("archive/2026Q3/kpis.json", #"{"figures": []}"#)  // no digest
        #expect(throws: PeriodArchiveFile.Damaged(file: "archive/2026Q3/kpis.json", unreadable: false)) {
            try PeriodArchiveFile.frozen(repo, "2026Q3")
        }
        try t.write("archive/2026Q3/records.txt", "not a record list\n")
        #expect(PeriodArchiveFile.hasRecordList(repo, "2026Q3"))
        #expect(throws: PeriodArchiveFile.Damaged.self) { try PeriodArchiveFile.recordList(repo, "2026Q3") }
    }
}

@Suite struct ImportFileTests {
    @Test func anOriginReadsBackFromTheRecord() {
        let text = "id: v-1\nsummary: ok\n" + ImportOrigin.text(file: "台账 2026.xlsx", sheet: "2026", row: 12, digest: "0123456789abcdef")
        let found = ImportOrigin.read(Array(text.utf8))
        #expect(found == ImportOrigin.Found(file: "台账 2026.xlsx", sheet: "2026", row: 12, digest: "0123456789abcdef", id: "v-1"))
        let noSheet = ImportOrigin.read(Array(("id: v-2\n" + ImportOrigin.text(file: "a.csv", sheet: nil, row: 3, digest: "ff")).utf8))
        #expect(noSheet?.sheet == nil && noSheet?.row == 3)
    }

    @Test func aRecordWithoutAnOriginOrWithABrokenOneHasNone() {
        #expect(ImportOrigin.read(Array("id: v-1\nsummary: imported: no\n".utf8)) == nil)
        #expect(ImportOrigin.read(Array("id: v-1\nimported: {file: a.csv, row: x, digest: ff}\n".utf8)) == nil)
        #expect(ImportOrigin.read(Array("id: v-1\nimported: {file: a.csv, row: 2}\n".utf8)) == nil)
    }

    @Test func aMapGivesItsKeysInOrderWithTheirPlaces() throws {
        let items = try ImportMapFile.parse(Array("""
            columns:
              回访日期: date
              客户: [x]
            header_row: 3
            values:
              method:
                电话: phone
              kind: 7
            colums: {}
            """.utf8))
        #expect(items.count == 4)
        guard case .columns(let columns) = items[0], case .headerRow(let row, let rowAt) = items[1],
            case .values(let values) = items[2], case .unknown(let key, let keyAt) = items[3]
        else { Issue.record("unexpected items \(items)"); return }
        #expect(columns.map(\.key) == ["回访日期", "客户"])
        #expect(columns.map(\.value) == ["date", nil])  // a list is no field name
        #expect(columns[1].valueAt == ImportMapFile.Place(line: 3, column: 7))
        #expect(row == "3" && rowAt == ImportMapFile.Place(line: 4, column: 13))
        #expect(values.map(\.field) == ["method", "kind"])
        #expect(values[0].words.map(\.key) == ["电话"] && values[0].words.map(\.value) == ["phone"])
        #expect(values[1].words.isEmpty)
        #expect(key == "colums" && keyAt == ImportMapFile.Place(line: 9, column: 1))
    }

    @Test func anEmptyMapIsNoMapAndAListIsRefusedWithItsPlace() throws {
        #expect(try ImportMapFile.parse([]).isEmpty)
        #expect(try ImportMapFile.parse(Array("# only a comment\n".utf8)).isEmpty)
        #expect { try ImportMapFile.parse(Array("- a\n- b\n".utf8)) } throws: { error in
            guard case .notMapping(let at) = error as? ImportMapFile.Problem else { return false }
            return at == ImportMapFile.Place(line: 1, column: 1)
        }
        #expect { try ImportMapFile.parse(Array("a: [\n".utf8)) } throws: { error in
            guard case .yaml(let message) = error as? ImportMapFile.Problem else { return false }
            return !message.isEmpty
        }
    }
}

@Suite struct WorkspaceFileTests {
    @Test func theListedRepositoriesWithTheirPlaces() {
        let (listed, problems) = WorkspaceFile.parse(Array("""
            repositories:
              - path: south
                name: 南区
              - ../north
            """.utf8))
        #expect(problems.isEmpty)
        #expect(listed == [WorkspaceFile.Listed(name: "南区", path: "south", at: .init(line: 2, column: 5)),
                           WorkspaceFile.Listed(name: nil, path: "../north", at: .init(line: 4, column: 5))])
    }

    @Test func everyProblemOfTheShapeIsGivenNotJustTheFirst() {
        let (listed, problems) = WorkspaceFile.parse(Array("""
            repositries: x
            repositories:
              - path: a
                nmae: A
              - [b]
              - name: c/d
                path: c
              - e
            """.utf8))
        #expect(listed.map(\.path) == ["e"])  // an item with a problem is not listed
        #expect(problems.map(\.kind) == [.key("repositries"), .key("nmae"), .item, .name])
        #expect(problems.map(\.at.line) == [1, 4, 5, 6])
    }

    @Test func notAWorkspaceAtAll() {
        #expect(WorkspaceFile.parse(Array("- a\n".utf8)).problems.map(\.kind) == [.shape])
        #expect(WorkspaceFile.parse(Array("repositories: []\n".utf8)).problems.map(\.kind) == [.shape])
        #expect(WorkspaceFile.parse([]).problems.map(\.kind) == [.shape])
        guard case .yaml = WorkspaceFile.parse(Array("repositories: [\n".utf8)).problems.first?.kind else {
            Issue.record("a YAML error is not said as one"); return
        }
    }
}
