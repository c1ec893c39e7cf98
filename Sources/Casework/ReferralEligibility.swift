import Directory
import Foundation
import Routing

/// What the eligibility rules say of one referral now: the rules routing proposes with,
/// applied to the receiving service as it is in the directory and the case's current profile.
public struct ReferralEligibility: Sendable, Equatable {
    /// Reasons no override lifts.
    public var protective: [ExclusionReason]
    /// Reasons a life-at-risk override at emergency priority lifts (warnings when the referral is made).
    public var situational: [ExclusionReason]
    /// Codes routing reports for the service that must be explained to the person and
    /// acknowledged in the referral's risk step: its notes (`check:…`, `hours-unknown`, …) and
    /// the conditions to weigh (`condition:…`).
    public var toAcknowledge: [String]
    /// The service makes assistance depend on police cooperation where the law forbids it
    /// (the person said they will cooperate, so it is not excluded; the coordinator is told).
    public var unlawfulCondition: Bool

    /// Every reason that refuses a hand-off, protective first.
    public var reasons: [ExclusionReason] { protective + situational }
}

/// A referral refused by an eligibility rule (exit 3): each reason by its stable code.
public struct EligibilityRefusal: Sendable, Equatable {
    public var caseCode: String
    public var serviceName: String
    public var need: String
    /// The reasons that refuse it.
    public var reasons: [ExclusionReason]
    /// Codes not acknowledged in the risk step.
    public var unacknowledged: [String]
    /// Why no override lifts it, when one was asked for.
    public var overrideProblem: String?

    /// Whether any reason is protective (no override lifts it).
    public var isProtective: Bool { reasons.contains { ExclusionClass.of($0) == .protective } }

    /// What to do instead, in a sentence.
    public var instead: String {
        if reasons.isEmpty {
            return "Explain each of these to the person and record them in the risk step: "
                + "waymark referral record REF risk --answers FILE with {\"acknowledged\": [...]}."
        }
        return isProtective
            ? "No override lifts this. Find a service that can take the person: waymark route --case \(caseCode)"
            : "Choose another service (waymark route --case \(caseCode)); only a life at risk, at emergency priority, lifts this with --override."
    }
}

/// The directory side of a referral's eligibility: a router over the directory as it is now (the
/// map and the service judged: all its judgement reads), and the time in the person's area.
struct EligibilityCheck {
    let directory: DirectoryStore
    let routers: RouterCache
    let now: Date

    init(directory: DirectoryStore, now: Date, routers: RouterCache) throws {
        self.directory = directory
        self.now = now
        self.routers = routers
    }

    /// The time zone of an area, as routing judges opening hours in it.
    func timeZone(of pcode: String) throws -> TimeZone {
        try directory.areaMap().timeZone(of: pcode)
    }

    /// Judges the service for the need and the person; nil when the directory has no such service.
    func evaluate(profile: ClientProfile, serviceId: String, locationId: String?, need: String, priority: ReferralPriority) throws
        -> ReferralEligibility? {
        // A command checking one referral reads that service, not the whole directory (2.3 s over 100,000 services).
        let router = routers.router(for: try directory.snapshot(of: [serviceId]), staleBefore: directory.staleBefore(now))
        let wanted = Need(need, priority: priority)
        var judged = router.judge(serviceId: serviceId, locationId: locationId, profile: profile, need: wanted, at: now)
        if judged.isEmpty && locationId != nil {
            judged = router.judge(serviceId: serviceId, locationId: nil, profile: profile, need: wanted, at: now)
        }
        // A service at several locations (or one whose confidential location the referral does
        // not name): the location that fits the person best.
        let results = judged.map { judgement -> ReferralEligibility in
            let reasons = judgement.verdict.reasons
            let acknowledge = judgement.candidate?.toAcknowledge
                ?? (judgement.verdict.notes.map(\.code) + Router.weighedConditions.filter(judgement.entry.conditions.contains).map { "condition:\($0)" })
                    .filter { code in !reasons.contains { $0.code == code } }.sorted()
            return ReferralEligibility(protective: reasons.filter { ExclusionClass.of($0) == .protective },
                                       situational: reasons.filter { ExclusionClass.of($0) == .situational },
                                       toAcknowledge: acknowledge, unlawfulCondition: judgement.candidate?.unlawfulCondition ?? false)
        }
        return results.min { ($0.protective.count, $0.situational.count, $0.toAcknowledge.count) < ($1.protective.count, $1.situational.count, $1.toAcknowledge.count) }
    }
}

/// The last router a case store built, kept while the directory snapshot and the day stay the
/// same: a referral is checked when made, before its hand-off and inside it, and each would
/// otherwise build the travel network and the type index again.
struct RouterCache: Sendable {
    private let last = LockBox<(snapshot: DirectorySnapshot, staleBefore: String, router: Router)?>(nil)

    func router(for snapshot: DirectorySnapshot, staleBefore: String) -> Router {
        last.withLock { last in
            // Snapshots the directory store hands out again share their entries, so this compares references.
            if let last, last.staleBefore == staleBefore, last.snapshot == snapshot { return last.router }
            let router = Router(snapshot, staleBefore: staleBefore)
            last = (snapshot, staleBefore, router)
            return router
        }
    }
}
