import Casework
import Directory
import Foundation
import SOP

/// `case show --json`: the case without its identifying data.
struct CaseJSON: Encodable {
    struct Step: Encodable {
        let step: String
        let referral_id: String?
        let summary: String
        let recorded_by: String
        let recorded_at: String
        /// The referrals handed off with earlier answers of this step, which this record changed; absent when none.
        let changed_after_handoff: [String]?
    }

    struct Owed: Encodable {
        let step: String
        let instruction: String
    }

    let case_code: String
    let opened_at: String
    let first_contact_at: String
    let channel: String?
    let sex: String?
    let age_band: String
    let child: Bool
    let screening_result: String?
    /// Where the screening stands: `not-yet`, `declined` (nothing answered but "declined"), or `answered`.
    let screening: String
    let identified: Bool
    let erased: Bool
    let steps: [Step]
    let steps_owed: [Owed]
    let referrals: [ReferralJSON]
    /// The procedure in force: name, version, source and hash.
    let procedure: String
    /// Decisions, trafficking status and the recovery and reflection period.
    let nrm: NRMStandingJSON

    init(_ summary: CaseSummary, owedByReferral: [String: [MissingStep]], procedure: String) {
        self.procedure = procedure
        nrm = NRMStandingJSON(summary.standing)
        let iso = ISO8601DateFormatter()
        let file = summary.file
        case_code = file.code
        opened_at = iso.string(from: file.openedAt)
        first_contact_at = iso.string(from: file.firstContactAt)
        channel = file.channel
        sex = file.sex?.rawValue
        age_band = file.ageBand
        child = file.isChild
        screening_result = file.screeningResult
        screening = CaseText.screeningState(file.screeningResult)
        identified = summary.identified
        erased = file.erasedAt != nil
        steps = summary.steps.map {
            Step(step: $0.stepId.rawValue, referral_id: $0.referralId, summary: $0.summary, recorded_by: $0.recordedBy, recorded_at: iso.string(from: $0.recordedAt),
                 changed_after_handoff: $0.changedAfterHandoff.isEmpty ? nil : $0.changedAfterHandoff)
        }
        steps_owed = summary.owed.map { Owed(step: $0.stepId.rawValue, instruction: $0.instruction) }
        referrals = summary.referrals.map { referral in
            ReferralJSON(referral, now: nil, owed: owedByReferral[referral.id])
        }
    }
}

/// One referral as JSON, in `case show` and `referrals`.
struct ReferralJSON: Encodable {
    let referral_id: String
    let case_code: String
    let service_id: String
    let service: String
    let organization: String
    let need: String
    let priority: String
    let status: String
    let created_at: String
    let sent_at: String?
    let overdue: Bool?
    /// Why it is overdue, one sentence (`referrals` only); nil when it is not.
    let overdue_reason: String?
    /// Which waiting state ran past its window: draft-not-handed-off, not-acknowledged or service-not-started.
    let overdue_kind: String?
    /// Why it was declined (a code), how it ended when closed, and the declined referral it replaces.
    let decline_reason: String?
    let outcome: String?
    let replaces: String?
    let steps_owed: [CaseJSON.Owed]?

    /// `now` and `late` are given by `referrals`, which says what is overdue; `case show` gives neither.
    init(_ referral: Referral, now: Date?, late: ReferralOverdue? = nil, owed: [MissingStep]?) {
        let iso = ISO8601DateFormatter()
        referral_id = referral.id
        case_code = referral.caseCode
        service_id = referral.serviceId
        service = referral.serviceName
        organization = referral.organizationName
        need = referral.need.rawValue
        priority = referral.priority.rawValue
        status = referral.status.rawValue
        created_at = iso.string(from: referral.createdAt)
        sent_at = referral.sentAt.map(iso.string(from:))
        overdue = now.map { _ in late != nil }
        overdue_reason = now.flatMap { now in late?.sentence(at: now) }
        overdue_kind = late?.kind.rawValue
        decline_reason = referral.declineReason?.rawValue
        outcome = referral.outcome?.rawValue
        replaces = referral.replaces
        steps_owed = owed.map { $0.map { CaseJSON.Owed(step: $0.stepId.rawValue, instruction: $0.instruction) } }
    }
}

/// `case show` for people.
enum CaseText {
    /// Where the screening stands, from the case's result: `not-yet`, `declined` or `answered`.
    static func screeningState(_ result: String?) -> String {
        guard let result else { return "not-yet" }
        switch ScreeningResult(rawValue: result) {
        case .declined?: return "declined"
        case .presumedVictim?, .unclear?, .noIndicators?, nil: return "answered"
        }
    }

    /// A step's summary in words where its code reads badly (`in danger now: no` → `not in danger`).
    static func words(_ summary: String) -> String {
        if summary == "in danger now: no" { return "not in danger" }
        if summary.hasPrefix("in danger now: yes") { return "IN DANGER NOW" + summary.dropFirst("in danger now: yes".count) }
        return summary
    }

    static func render(_ summary: CaseSummary, owedByReferral: [(String, [MissingStep])], procedure: String) -> String {
        let file = summary.file
        let day = ISO8601DateFormatter()
        var lines = ["Case \(file.code)" + (file.erasedAt != nil ? " — ERASED" : ""),
                     "  \(file.sex?.rawValue ?? "sex not said"), age \(file.ageBand)\(file.isChild ? " (child pathway)" : ""), "
                        + "channel \(file.channel ?? "not said"), first contact \(day.string(from: file.firstContactAt))",
                     "  Screening: \(file.screeningResult.map { $0 == ScreeningResult.declined.rawValue ? "declined (nothing answered)" : $0 } ?? "not yet")   Identifying data: \(summary.identified ? "recorded (encrypted)" : "none")",
                     "  Procedure in force: \(procedure)"]
        lines.append("")
        lines.append(contentsOf: NRMStandingJSON.lines(summary.standing))
        lines.append("")
        lines.append("Steps done")
        if summary.steps.isEmpty { lines.append("  none yet") }
        for step in summary.steps {
            lines.append("  ✓ \(step.stepId)\(step.referralId.map { " [\($0)]" } ?? ""): \(Sanitized.text(Self.words(step.summary))) — "
                + "\(Sanitized.text(step.recordedBy)), \(day.string(from: step.recordedAt))"
                + (step.changedAfterHandoff.isEmpty ? "" : " — changed after hand-off of \(step.changedAfterHandoff.joined(separator: ", "))"))
        }
        if !summary.owed.isEmpty {
            lines.append("")
            lines.append("Case steps owed")
            for step in summary.owed { lines.append("  • \(step.stepId): \(step.instruction)") }
        }
        lines.append("")
        lines.append("Referrals")
        if summary.referrals.isEmpty { lines.append("  none") }
        let owed = Dictionary(owedByReferral, uniquingKeysWith: { a, _ in a })
        for referral in summary.referrals {
            lines.append("  \(referral.id)  \(referral.status.spoken)  \(referral.need) → \(Sanitized.text(referral.serviceName)) (\(Sanitized.text(referral.organizationName)))")
            if let missing = owed[referral.id] {
                if missing.isEmpty {
                    lines.append("      ready to hand off: waymark referral handoff \(referral.id)")
                } else {
                    for step in missing { lines.append("      owed \(step.stepId): \(step.instruction)") }
                }
            }
        }
        return lines.joined(separator: "\n")
    }
}
