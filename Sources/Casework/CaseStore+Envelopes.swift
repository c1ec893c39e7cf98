import Foundation
import GRDB

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
    }
}
