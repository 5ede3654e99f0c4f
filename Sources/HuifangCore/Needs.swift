/// Customer needs as leads (issue 19; policy §五.2, §六.3): each need a visit recorded
/// (`visit log --need`) gets a stable id, the visit's id and four hex digits of the need's text
/// (`v-2feb6e95-3f1a`), and a status. The id does not follow the need's place in the visit, so a
/// need inserted, removed or moved by `visit amend --need` leaves the others' ids (and states)
/// as they were; a need whose text is changed is another need (its old state is then named as
/// no longer matching, see `NeedLeads.orphans`). A need never updated is `new`; an update is
/// kept in a small file of its own (`needs/NID.yaml`).
public enum NeedStatus: String, Sendable, CaseIterable {
    case new
    case passedToSales = "passed_to_sales"
    case won, dropped
}

/// What an update said of a need: `needs/NID.yaml`.
public struct NeedState: Sendable, Equatable {
    public var status: NeedStatus
    public var owner: String?
    public var note: String?
    public var updated: Day?
    /// The need's text when the file was written (`text:`): a state is the need's only while the
    /// visit still has that text at that place.
    public var text: String?

    public init(status: NeedStatus, owner: String? = nil, note: String? = nil, updated: Day? = nil, text: String? = nil) {
        self.status = status
        self.owner = owner
        self.note = note
        self.updated = updated
        self.text = text
    }
}

/// One need of one visit, with its state.
public struct NeedLead: Sendable {
    public var id: String
    public var visit: VisitID
    public var project: ProjectID
    public var date: Day
    public var text: String
    public var state: NeedState
}

public enum NeedLeads {
    /// The ids of a visit's needs, in their order: the visit's id and four hex digits of the
    /// need's text (FNV-1a over its UTF-8 bytes, folded to 16 bits); a text the visit already
    /// gave that id to (the same need twice, or two texts with the same digits) adds `-2`, `-3`.
    public static func ids(visit: VisitID, needs: [String]) -> [String] {
        var out: [String] = []
        for text in needs {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            let digits = String((h ^ (h >> 16) ^ (h >> 32) ^ (h >> 48)) & 0xFFFF, radix: 16)
            let base = "\(visit.rawValue)-" + String(repeating: "0", count: 4 - digits.count) + digits
            var id = base
            var n = 1
            while out.contains(id) {
                n += 1
                id = "\(base)-\(n)"
            }
            out.append(id)
        }
        return out
    }

    /// Every need of every visit (in the period, when given), newest visit first, with the
    /// state its file gives (else `new`). A file written for another text (a need written above
    /// it since moved the needs down) is not this need's: `new`, and listed in `stale`.
    public static func all(_ r: Records, states: [String: NeedState], period: Period? = nil) -> [NeedLead] {
        leads(r, states: states, period: period).leads
    }

    /// A need's file whose text is not the need's now at its place.
    public struct Stale: Sendable, Equatable {
        public var id: String
        public var written: String
        public var now: String
    }

    /// `all`, with the files written for another text.
    public static func leads(_ r: Records, states: [String: NeedState], period: Period? = nil) -> (leads: [NeedLead], stale: [Stale]) {
        var out: [NeedLead] = []
        var stale: [Stale] = []
        for v in r.visits where !v.needs.isEmpty && (period?.contains(v.date) ?? true) {
            for (id, text) in zip(ids(visit: v.id, needs: v.needs), v.needs) {
                var state = states[id] ?? NeedState(status: .new)
                if let written = state.text, written != text {
                    stale.append(Stale(id: id, written: written, now: text))
                    state = NeedState(status: .new)
                }
                out.append(NeedLead(id: id, visit: v.id, project: v.project, date: v.date, text: text, state: state))
            }
        }
        return (out.sorted { ($0.date, $1.id) > ($1.date, $0.id) }, stale.sorted { $0.id < $1.id })
    }

    /// The states written for a need no visit has any more (its text was changed, the need or
    /// its visit removed, or the file names an id of another form), by id: they count nowhere,
    /// and the commands say so rather than drop them unseen.
    public static func orphans(_ r: Records, states: [String: NeedState]) -> [String] {
        guard !states.isEmpty else { return [] }
        var known = Set<String>()
        for v in r.visits where !v.needs.isEmpty { known.formUnion(ids(visit: v.id, needs: v.needs)) }
        return states.keys.filter { !known.contains($0) }.sorted()
    }
}

/// Competitor notes rolled up by competitor. A note names its competitor before a colon
/// (`用友：报价低 15%`, `SAP: ...`); a note without one is counted under no name (nil).
public enum CompetitorNotes {
    public struct Note: Sendable {
        public var competitor: String?
        public var said: String
        public var project: ProjectID
        public var visit: VisitID
        public var date: Day
    }

    public struct Group: Sendable {
        public var competitor: String?
        public var notes: [Note]
        public var projects: [ProjectID]
        public var mentions: Int { notes.count }
    }

    /// The competitor a note names and what was said (`用友：报价低` → (用友, 报价低)).
    public static func split(_ text: String) -> (String?, String) {
        guard let colon = text.firstIndex(where: { $0 == ":" || $0 == "：" }) else { return (nil, text) }
        let name = String(text[..<colon]).trimmedWhitespace
        let said = String(text[text.index(after: colon)...]).trimmedWhitespace
        guard !name.isEmpty, name.count <= 40, !said.isEmpty else { return (nil, text) }
        return (name, said)
    }

    /// The groups, the most mentioned first (then by name; the unnamed last), each note newest first.
    public static func groups(_ r: Records, period: Period) -> [Group] {
        var by: [String?: [Note]] = [:]
        for v in r.visits where period.contains(v.date) {
            for t in v.competitors {
                let (name, said) = split(t)
                by[name, default: []].append(Note(competitor: name, said: said, project: v.project, visit: v.id, date: v.date))
            }
        }
        return by.map { name, notes in
            let sorted = notes.sorted { ($0.date, $1.visit.rawValue) > ($1.date, $0.visit.rawValue) }
            var projects: [ProjectID] = []
            for n in sorted where !projects.contains(n.project) { projects.append(n.project) }
            return Group(competitor: name, notes: sorted, projects: projects.sorted { $0.rawValue < $1.rawValue })
        }.sorted { a, b in
            if (a.competitor == nil) != (b.competitor == nil) { return b.competitor == nil }
            if a.mentions != b.mentions { return a.mentions > b.mentions }
            return (a.competitor ?? "") < (b.competitor ?? "")
        }
    }
}

extension String {
    /// Without white space at either end (a full-width space included).
    fileprivate var trimmedWhitespace: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
