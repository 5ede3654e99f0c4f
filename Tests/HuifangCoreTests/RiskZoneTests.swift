import Testing

@testable import HuifangCore

/// The zones of the risk matrix (docs/RULES.md): high from risk_high_at, medium from a third of
/// it rounded up, low below.
@Suite struct RiskZoneTests {
    @Test func theDefaultPolicyGivesLowToFourMediumToFourteenHighFromFifteen() {
        let policy = Policy()
        #expect(RiskZone.mediumAt(policy) == 5)
        let zones = (1...25).map { RiskZone(score: $0, policy) }
        #expect(zones[0..<4].allSatisfy { $0 == .low } && zones[4..<14].allSatisfy { $0 == .medium } && zones[14...].allSatisfy { $0 == .high })
        // A 3 × 5 is high, a 4 × 3 medium, a 2 × 2 low.
        #expect(RiskZone(score: 3 * 5, policy) == .high && RiskZone(score: 4 * 3, policy) == .medium && RiskZone(score: 2 * 2, policy) == .low)
    }

    @Test func theThresholdsFollowThePolicy() {
        var policy = Policy()
        for (at, medium) in [(1, 1), (2, 1), (3, 1), (4, 2), (10, 4), (25, 9)] {
            policy.riskHighAt = at
            #expect(RiskZone.mediumAt(policy) == medium, "\(at)")
            #expect(RiskZone(score: at, policy) == .high && (at == 1 || RiskZone(score: at - 1, policy) != .high), "\(at)")
            #expect(RiskZone(score: 1, policy) == (at == 1 ? .high : medium == 1 ? .medium : .low), "\(at)")
        }
    }
}
