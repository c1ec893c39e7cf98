import Directory
import Foundation
import GRDB
import Routing

/// An open referral that the eligibility rules refuse for the person as they are now known:
/// what a profile update, or a date of birth, tells the coordinator to act on.
///
/// A draft's hand-off is refused by the gate (the same rules); a referral already handed off is
/// not changed by Waymark, but the receiving organization may no longer be able to take the person.
public struct RefusedReferral: Sendable, Equatable {
    public var referral: Referral
    /// Every reason that refuses it, protective first.
    public var reasons: [ExclusionReason]
    /// Whether no override lifts it.
    public var isProtective: Bool
    /// Whether the change just made is what the rules now refuse it for (it was not refused before).
    public var sinceThisChange = false

    /// One sentence for the coordinator: which referral, why, and what to do.
    public var sentence: String {
        let why = reasons.map(\.code).joined(separator: ", ")
        let service = "\(referral.id) to \(Sanitized.text(referral.serviceName)) (\(referral.status.spoken))"
        if referral.status == .draft {
            return "\(service) is now refused: \(why). Its hand-off will be refused; "
                + (isProtective ? "find another service (waymark route --case \(referral.caseCode))." : "choose another service, or withdraw it.")
        }
        if isProtective {
            // A rule that protects the person (a child at an adults' shelter): not theirs to weigh.
            return "\(service) no longer fits the person: \(why), which no override lifts. Call the receiving organization, withdraw it "
                + "(waymark referral update \(referral.id) withdrawn --reason -) and refer elsewhere (waymark route --case \(referral.caseCode))"
                + (reasons.contains(.adultOnly) ? "; a child is referred to child protection at once." : ".")
        }
        return "\(service) no longer fits the person: \(why). Call the receiving organization; withdraw it "
            + "(waymark referral update \(referral.id) withdrawn --reason -) and refer elsewhere if they cannot take the person."
    }
}

extension CaseStore {
    /// Updates a case's profile (`updateProfile`) and re-runs the eligibility of its open referrals:
    /// every open referral the rules refuse now, those this change refused marked `sinceThisChange`.
    public func updateProfile(_ code: String, region: String? = nil, directory: DirectoryStore,
                              _ change: (inout ClientProfile) throws -> Void) throws -> (profile: ClientProfile, refused: [RefusedReferral]) {
        let before = Set(try refusedOpenReferrals(code, directory: directory).map(\.referral.id))
        let profile = try updateProfile(code, region: region, change)
        return (profile, try refusedOpenReferrals(code, directory: directory, before: before))
    }

    /// Records identifying data (`identify`) and re-runs the eligibility of the open referrals (a date of
    /// birth may show a child): every open referral the rules refuse now, those this refused marked.
    public func identify(_ code: String, identity: Identity, directory: DirectoryStore) throws -> [RefusedReferral] {
        let before = Set(try refusedOpenReferrals(code, directory: directory).map(\.referral.id))
        try identify(code, identity: identity)
        return try refusedOpenReferrals(code, directory: directory, before: before)
    }

    /// The open referrals refused now, marking those not in `before`, first.
    func refusedOpenReferrals(_ code: String, directory: DirectoryStore, before: Set<String>) throws -> [RefusedReferral] {
        let now = try refusedOpenReferrals(code, directory: directory).map { item -> RefusedReferral in
            var item = item
            item.sinceThisChange = !before.contains(item.referral.id)
            return item
        }
        return now.filter(\.sinceThisChange) + now.filter { !$0.sinceThisChange }
    }

    /// The case's open referrals (not declined, withdrawn or closed) that the eligibility rules
    /// refuse now, for the case's current profile and the services as they are in the directory.
    ///
    /// Run after anything that changes what eligibility depends on (`updateProfile`, a date of birth
    /// in `identify`), so the coordinator is told which referrals the change affects.
    public func refusedOpenReferrals(_ code: String, directory: DirectoryStore) throws -> [RefusedReferral] {
        let check = try EligibilityCheck(directory: directory, now: now, routers: routers)
        return try writer.read { db in
            let file = try liveCase(code, db: db)
            try vault.checkRows(case: file.code, db: db)
            let profile = try vault.profile(of: file, db: db)
            let open = try Referral.filter(Column("case_code") == file.code).order(Column("created_at"), Column("id")).fetchAll(db)
                .filter { !$0.status.isFinal }
            return try open.compactMap { referral -> RefusedReferral? in
                guard let judged = try check.evaluate(profile: profile, serviceId: referral.serviceId, locationId: referral.locationId,
                                                      need: referral.need.rawValue, priority: referral.priority),
                      !judged.reasons.isEmpty else { return nil }
                return RefusedReferral(referral: try revealed(referral, db: db), reasons: judged.reasons, isProtective: !judged.protective.isEmpty)
            }
        }
    }
}
