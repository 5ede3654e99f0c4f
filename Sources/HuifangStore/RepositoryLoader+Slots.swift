import HuifangCore

/// Typed storage that the worker threads decode records into: one slot per job of each kind,
/// known from the walk, so that no record is copied into an array one by one afterwards.
final class RecordSlots: @unchecked Sendable {
    /// Slots of one kind; a slot stays empty when its file did not give a record.
    struct Slots<T> {
        let base: UnsafeMutablePointer<T>
        let filled: UnsafeMutablePointer<Bool>
        let capacity: Int
        /// False when `base` is the storage of an array being made (see `inPlace`).
        let owned: Bool

        init(_ capacity: Int) {
            self.init(base: .allocate(capacity: max(1, capacity)), capacity: capacity, owned: true)
        }

        private init(base: UnsafeMutablePointer<T>, capacity: Int, owned: Bool) {
            self.base = base
            self.capacity = capacity
            self.owned = owned
            filled = .allocate(capacity: max(1, capacity))
            filled.initialize(repeating: false, count: max(1, capacity))
        }

        func put(_ value: consuming T, at i: Int) {
            (base + i).initialize(to: value)
            filled[i] = true
        }

        /// The filled slots in order, moved (not copied) into an array; frees the slots.
        func take() -> [T] {
            var n = 0
            for i in 0..<capacity where filled[i] { n += 1 }
            let out = [T](unsafeUninitializedCapacity: n) { buffer, count in
                count = 0
                for i in 0..<capacity where filled[i] {
                    (buffer.baseAddress! + count).moveInitialize(from: base + i, count: 1)
                    count += 1
                }
            }
            base.deallocate()
            filled.deallocate()
            return out
        }

        /// Moves the filled slots down over the empty ones; returns how many there are.
        func compact() -> Int {
            var n = 0
            for i in 0..<capacity where filled[i] {
                if i != n { (base + n).moveInitialize(from: base + i, count: 1) }
                n += 1
            }
            filled.deallocate()
            if owned { base.deallocate() }
            return n
        }

        /// Arrays of `a` and `b` elements whose storage `body` fills through slots: the
        /// records land where they stay, and are never moved into an array afterwards.
        static func inPlace<B, R>(_ a: Int, _ b: Int, _ body: (Slots<T>, Slots<B>) -> R) -> ([T], [B], R) {
            var result: R?
            var second: [B] = []
            let first = [T](unsafeUninitializedCapacity: a) { aBuffer, aCount in
                let aSlots = Slots<T>(storage: aBuffer)
                second = [B](unsafeUninitializedCapacity: b) { bBuffer, bCount in
                    let bSlots = Slots<B>(storage: bBuffer)
                    result = body(aSlots, bSlots)
                    bCount = bSlots.compact()
                }
                aCount = aSlots.compact()
            }
            return (first, second, result!)
        }

        init(storage: UnsafeMutableBufferPointer<T>) {
            if let base = storage.baseAddress {
                self.init(base: base, capacity: storage.count, owned: false)
            } else {
                self.init(0)
            }
        }
    }

    /// For each job, its slot among the jobs of its kind.
    let slot: [Int]
    let projects: Slots<Project>
    let visits: Slots<Visit>
    let issues: Slots<Issue>
    let improvements: Slots<Improvement>
    let events: Slots<Event>
    let plans: Slots<Plan>
    let assessments: Slots<AssessmentReview>
    let risks: Slots<Risk>

    /// How many jobs there are of each kind.
    struct Counts {
        private var counts = [Int](repeating: 0, count: RepositoryLoader.Kind.allCases.count)

        init() {}

        init(_ jobs: some Sequence<RepositoryLoader.Job>) {
            for job in jobs { self[job.kind] += 1 }
        }

        /// The jobs' kinds read in place (through a buffer pointer): a key-path map over the
        /// tuples, or the array's subscript, would copy each tuple and retain its strings.
        init(_ jobs: [(String, RepositoryLoader.Job, RecordCache.Stamp?)]) {
            jobs.withUnsafeBufferPointer { jobs in
                for i in jobs.indices { self[jobs[i].1.kind] += 1 }
            }
        }

        subscript(kind: RepositoryLoader.Kind) -> Int {
            get { counts[kind.rawValue] }
            set { counts[kind.rawValue] = newValue }
        }
    }

    /// Slots for `jobs`; visits and issues go to the given slots (see `Slots.inPlace`).
    init(_ jobs: [(String, RepositoryLoader.Job, RecordCache.Stamp?)], visits: Slots<Visit>, issues: Slots<Issue>) {
        var counts = Counts()
        var slot: [Int] = []
        slot.reserveCapacity(jobs.count)
        jobs.withUnsafeBufferPointer { jobs in
            for i in jobs.indices {
                let kind = jobs[i].1.kind
                slot.append(counts[kind])
                counts[kind] += 1
            }
        }
        self.slot = slot
        projects = Slots(counts[.project])
        self.visits = visits
        self.issues = issues
        improvements = Slots(counts[.improvement])
        events = Slots(counts[.event])
        plans = Slots(counts[.plan])
        assessments = Slots(counts[.assessment])
        risks = Slots(counts[.risk])
    }

    /// Called by the worker that decoded job `i` (each job by one worker only). The record is
    /// moved into its slot, not copied (a copy retains every string and array in it).
    func put(_ record: consuming RepositoryLoader.Decoded?, job i: Int) {
        switch consume record {
        case .project(let p)?: projects.put(p, at: slot[i])
        case .visit(let v)?: visits.put(v, at: slot[i])
        case .issue(let x)?: issues.put(x, at: slot[i])
        case .improvement(let m)?: improvements.put(m, at: slot[i])
        case .event(let e)?: events.put(e, at: slot[i])
        case .plan(let p)?: plans.put(p, at: slot[i])
        case .assessment(let a)?: assessments.put(a, at: slot[i])
        case .risk(let k)?: risks.put(k, at: slot[i])
        case nil: break
        }
    }

    /// Moves the records of the kinds other than visits and issues (which are in place) into
    /// `records`, in job (path) order; call once, after the workers.
    func take(into records: inout Records) {
        records.projects = projects.take()
        records.improvements = improvements.take()
        records.events = events.take()
        records.plans = plans.take()
        records.assessments = assessments.take()
        records.risks = risks.take()
    }
}

extension Array where Element == Visit {
    var isSortedByProjectDateAndID: Bool {
        guard count > 1 else { return true }
        for i in 1..<count {
            let a = self[i - 1]
            let b = self[i]
            if a.project != b.project {
                if !(a.project < b.project) { return false }
            } else if a.date != b.date {
                if a.date > b.date { return false }
            } else if !(a.id < b.id) {
                return false
            }
        }
        return true
    }
}
