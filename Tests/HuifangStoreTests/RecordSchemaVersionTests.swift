import HuifangCore
import Testing

@testable import HuifangStore

/// Issue 13 part 5: the cache's version comes from the record schema, and the fast decoder
/// knows the keys by the names in `RecordKeys`.
@Suite struct RecordSchemaVersionTests {
    @Test func theVersionChangesWithAnyKeyListAndWithTheCodec() {
        let schema = RecordKeys.schema + RecordCoding.enumCases
        #expect(HuifangStoreVersion.current == HuifangStoreVersion.derived(codec: RecordCoding.version, schema: schema))
        #expect(HuifangStoreVersion.current.hasPrefix("huifang-store-"))
        #expect(HuifangStoreVersion.derived(codec: RecordCoding.version + 1, schema: schema) != HuifangStoreVersion.current)
        for n in schema.indices {
            var added = schema
            added[n].1.append("new_key")
            #expect(HuifangStoreVersion.derived(codec: RecordCoding.version, schema: added) != HuifangStoreVersion.current,
                    "a key added to \(schema[n].0) leaves the version as it was")
            var renamed = schema
            renamed[n].1[0] += "s"
            #expect(HuifangStoreVersion.derived(codec: RecordCoding.version, schema: renamed) != HuifangStoreVersion.current)
        }
        // Moving a key from one list to the next is a change too.
        var moved = schema
        moved[1].1.append(moved[0].1.removeLast())
        #expect(HuifangStoreVersion.derived(codec: RecordCoding.version, schema: moved) != HuifangStoreVersion.current)
        // The cache keeps enums by the index of their case: two cases that change places are a
        // change too.
        for n in schema.indices where schema[n].0.hasPrefix("enum ") {
            var swapped = schema
            swapped[n].1.swapAt(0, 1)
            #expect(HuifangStoreVersion.derived(codec: RecordCoding.version, schema: swapped) != HuifangStoreVersion.current,
                    "\(schema[n].0) with two cases swapped leaves the version as it was")
        }
    }

    /// Every enum the cache keeps by index has its whole case list in the version.
    @Test func theCodedEnumsAreTheirWholeCaseLists() {
        let lists = Dictionary(uniqueKeysWithValues: RecordCoding.enumCases)
        #expect(lists.count == 13)
        #expect(lists["enum VisitKind"] == VisitKind.allCases.map(\.rawValue))
        #expect(lists["enum Severity"] == Severity.allCases.map(\.rawValue))
        #expect(lists["enum IssueStatus"] == IssueStatus.allCases.map(\.rawValue))
        #expect(lists.values.allSatisfy { $0.count >= 2 })
    }

    /// Every key list the decoders and the encoder use is in the schema, once.
    @Test func theSchemaHoldsEveryKeyList() {
        let names = RecordKeys.schema.map(\.0)
        #expect(Set(names).count == names.count)
        let lists = RecordKeys.schema.map(\.1)
        for list in [RecordKeys.project, RecordKeys.visit, RecordKeys.issue, RecordKeys.improvement, RecordKeys.event,
                     RecordKeys.plan, RecordKeys.customer, RecordKeys.contact, RecordKeys.retired, RecordKeys.projectHistory,
                     RecordKeys.resolved, RecordKeys.confirmed, RecordKeys.issueHistory, RecordKeys.verified, RecordKeys.planItem,
                     RecordKeys.config, RecordKeys.calendar, RecordKeys.policy, RecordKeys.department, RecordKeys.satisfaction,
                     RecordKeys.assessmentReview, RecordKeys.assessment, RecordKeys.assessmentIndicator, RecordKeys.risk,
                     RecordKeys.riskHistory] {
            #expect(lists.contains(list), "\(list) is not in RecordKeys.schema")
        }
    }

    /// The binary layout of records, as a digest of fixed records' encoding. When this fails,
    /// the layout changed: raise `RecordCoding.version` (so old caches are ignored) and record
    /// the new digest with it here.
    @Test func theBinaryLayoutIsTheOneOfItsVersion() throws {
        let digests = [3: "a6fc2eb2dd26c30f", 4: "aa1627b099f9ee88", 5: "d79f4f1970330820", 6: "d79f4f1970330820", 7: "d79f4f1970330820"]
        let visit = FastRecordDecoderTests.both(FastRecordDecoderTests.fullVisit, visit: "2026-03-05-v-0000abcd.yaml").tree
        let issue = FastRecordDecoderTests.both(FastRecordDecoderTests.fullIssue, issue: "i-0000aaaa.yaml").tree
        let broken = FastRecordDecoderTests.both("id: [", visit: "2026-03-05-v-0000abcd.yaml").tree
        #expect(visit.record != nil && issue.record != nil && broken.record == nil && !broken.findings.isEmpty)
        let digest = String(RecordCache.stamp([visit, issue, broken].map(RecordCache.encode)), radix: 16)
        let recorded = try #require(digests[RecordCoding.version], "no digest recorded for RecordCoding.version \(RecordCoding.version)")
        #expect(digest == recorded, "the binary layout changed (digest \(digest)): raise RecordCoding.version and record the digest")
    }

    /// The same for risks (issue 19), whose layout came with version 4 (5 changed the outcome encoding around it).
    @Test func theRiskLayoutIsTheOneOfItsVersion() throws {
        let digests = [4: "b8d1682b8b247ba7", 5: "321359fd707d9e3b", 6: "321359fd707d9e3b", 7: "321359fd707d9e3b"]
        let risk = RiskStoreTests.tree(RiskStoreTests.full)
        #expect(risk.record != nil && risk.findings.isEmpty)
        let digest = String(RecordCache.stamp([RecordCache.encode(risk)]), radix: 16)
        let recorded = try #require(digests[RecordCoding.version], "no risk digest recorded for RecordCoding.version \(RecordCoding.version)")
        #expect(digest == recorded, "the risk's binary layout changed (digest \(digest)): raise RecordCoding.version and record the digest")
    }
}

@Suite struct KeyTableTests {
    /// The fast decoder's key tables hold exactly the keys of their `RecordKeys` lists, in order.
    @Test func theTablesAreTheKeyListsOfRecordKeys() {
        #expect(FastRecordDecoder.visitKeys.names == RecordKeys.visit)
        #expect(FastRecordDecoder.issueKeys.names == RecordKeys.issue)
        #expect(FastRecordDecoder.resolvedKeys.names == RecordKeys.resolved)
        #expect(FastRecordDecoder.confirmedKeys.names == RecordKeys.confirmed)
        #expect(FastRecordDecoder.historyKeys.names == RecordKeys.issueHistory)
        #expect(FastRecordDecoder.riskKeys.names == RecordKeys.risk)
        #expect(FastRecordDecoder.riskHistoryKeys.names == RecordKeys.riskHistory)
        // And every case of the fast decoder's fields is a key of its list.
        #expect(FastRecordDecoder.VisitKey.allCases.map(\.rawValue).allSatisfy(RecordKeys.visit.contains))
        #expect(FastRecordDecoder.IssueKey.allCases.map(\.rawValue).allSatisfy(RecordKeys.issue.contains))
        #expect(FastRecordDecoder.HistoryKey.allCases.map(\.rawValue).allSatisfy(RecordKeys.issueHistory.contains))
    }

    static func lookUp<F>(_ table: KeyTable<F>, _ key: String) -> F? {
        Array(key.utf8).withUnsafeBufferPointer { table.field($0)?.0 }
    }

    @Test func keysAreFoundByTheirBytesAndNothingElseIs() {
        for key in RecordKeys.visit {
            #expect(Self.lookUp(FastRecordDecoder.visitKeys, key)?.rawValue == key)
        }
        for key in RecordKeys.issue {
            #expect(Self.lookUp(FastRecordDecoder.issueKeys, key)?.rawValue == key)
        }
        // Same length and first byte, a prefix, a longer key, another case, empty, not UTF-8.
        for other in ["idd", "i", "dato", "dat", "datee", "Date", "ID", "", "nps ", "case_analysis", "\u{FF}", "scoreς"] {
            #expect(Self.lookUp(FastRecordDecoder.visitKeys, other) == nil, "'\(other)' was taken for a visit key")
        }
        #expect(Self.lookUp(FastRecordDecoder.issueKeys, "case_analysis") == .caseAnalysis)
        #expect(Self.lookUp(FastRecordDecoder.issueKeys, "case_analysiz") == nil)
        #expect(Self.lookUp(FastRecordDecoder.resolvedKeys, "on_spot") == .onSpot)
        // A key the decoder has no case for is left out (the file goes to the tree decoder).
        let partial = KeyTable<FastRecordDecoder.ConfirmedKey>(["date", "extra", "satisfied"])
        #expect(partial.names == ["date", "satisfied"])
        #expect(Self.lookUp(partial, "extra") == nil)
        #expect(Self.lookUp(partial, "satisfied") == .satisfied)
    }

    /// Issue 21: the same for the tables of project.yaml's decoder.
    @Test func theProjectTablesAreTheKeyListsOfRecordKeys() {
        #expect(FastRecordDecoder.projectKeys.names == RecordKeys.project)
        #expect(FastRecordDecoder.customerKeys.names == RecordKeys.customer)
        #expect(FastRecordDecoder.contactKeys.names == RecordKeys.contact)
        #expect(FastRecordDecoder.retiredKeys.names == RecordKeys.retired)
        #expect(FastRecordDecoder.projectHistoryKeys.names == RecordKeys.projectHistory)
        #expect(FastRecordDecoder.ProjectKey.allCases.map(\.rawValue).allSatisfy(RecordKeys.project.contains))
    }
}

/// Issue 13 part 4: the loader's options, record kinds and keep-alive.
@Suite(.serialized) struct LoaderOptionsTests {
    /// Only a load that asks keeps what it read until the process exits, and it is the one
    /// place that does (the commands' calendar notice reads it back).
    @Test func onlyALoadThatAsksIsKeptUntilExit() throws {
        let (t, repo) = try TempFolder.repository()
        defer { t.remove() }
        let before = KeptUntilExit.repositories.count
        _ = RepositoryLoader.load(repo, .init(useCache: false))
        #expect(KeptUntilExit.repositories.count == before)
        let kept = RepositoryLoader.load(repo, .init(useCache: false, keepUntilExit: true))
        #expect(KeptUntilExit.repositories.count == before + 1)
        #expect(KeptUntilExit.repositories.last?.repository.root == repo.root)
        #expect(KeptUntilExit.repositories.last?.records.projects.map(\.id) == kept.records.projects.map(\.id))
    }

    @Test func everyJobHasItsKindAndTheCountsFollowThem() {
        let p = ProjectID("acme-erp")!
        let jobs: [RepositoryLoader.Job] = [.project(folder: "acme-erp"), .visit(project: p, file: "a.yaml"),
                                            .visit(project: p, file: "b.yaml"), .issue(project: p, file: "c.yaml"),
                                            .improvement(file: "d.yaml"), .event(file: "e.yaml"), .plan(file: "f.yaml"),
                                            .plan(file: "g.yaml"), .assessment(file: "2026Q3-east.yaml"), .risk(project: p, file: "r-0000abcd.yaml")]
        #expect(jobs.map(\.kind) == [.project, .visit, .visit, .issue, .improvement, .event, .plan, .plan, .assessment, .risk])
        let counts = RecordSlots.Counts(jobs)
        #expect(RepositoryLoader.Kind.allCases.map { counts[$0] } == [1, 2, 1, 1, 1, 2, 1, 1])
    }
}
