import Foundation
import GRDB
import SOP

/// What leaves the home in an envelope is logged, like every hand-off.
extension CaseStore {
    /// Appends an `envelope` entry (`envelope-withdrawal` for a withdrawal notice) for a referral written to a file for its
    /// receiving organization. It carries no status: sending moves nothing in the referral's lifecycle.
    public func recordEnvelopeSent(_ referralID: String, envelopeID: String, withdrawal: Bool) throws {
        let who = try requireOperator()
        let now = self.now
        try logged { db -> (Void, LogHead?) in
            let referral = try referral(referralID, db: db)
            var entry = LogEntry(kind: withdrawal ? "envelope-withdrawal" : "envelope", at: now, caseCode: referral.caseCode, operator: who, referralId: referral.id)
            entry.organizationId = referral.organizationId
            entry.envelopeId = envelopeID
            return ((), try HandoffLog.append(entry, db: db, keys: keys))
        }
        let code = try referral(referralID).caseCode
        try recordAccess(.formSent, case: code, detail: "\(referralID):\(envelopeID)")
    }
}

extension CaseStore {
    /// Refuses, with the reason, a referral whose form may not leave in an envelope now: not handed off, ended
    /// (declined, closed, withdrawn), or whose consent was withdrawn since the hand-off — unless it was shared by the
    /// legal duty to child protection, which no consent gave and no withdrawal takes back.
    public func checkSendable(_ id: String) throws {
        let referral = try self.referral(id)
        switch referral.status {
        case .draft:
            throw CaseworkError.invalidInput("Referral \(referral.id) is not handed off: an envelope carries the form only once the SOP "
                + "has allowed the hand-off (`waymark referral handoff \(referral.id)`).")
        case .declined, .closed, .withdrawn:
            throw CaseworkError.invalidInput("Referral \(referral.id) is \(referral.status.rawValue): it has ended, and nothing of it is sent "
                + "any more.")
        case .sent, .acknowledged, .accepted, .serviceStarted:
            break
        }
        let basis = try form(referral.id).legalBasis
        guard basis != LegalBasis.childProtectionDuty.rawValue else { return }
        let consent = try writer.read { db in try currentConsent(referral.id, db: db) }
        guard let consent, consent.withdrawnAt == nil else {
            throw CaseworkError.invalidInput("The person's consent for \(referral.id) was withdrawn: nothing of it is sent. If the receiver "
                + "has it already, send the withdrawal notice instead (`waymark referral send \(referral.id) --withdrawal`).")
        }
    }
}
