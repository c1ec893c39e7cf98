import Foundation
import GRDB
import SOP

/// One case in `waymark cases`: its stage, its open referrals (and why any is overdue), and its deadlines.
public struct CaseListing: Sendable {
    public var file: CaseFile
    public var standing: NRMStanding
    public var stage: CaseStage
    /// The referrals not yet ended (not declined, closed or withdrawn), oldest first.
    public var openReferrals: [Referral]
    /// The open referrals that are overdue, with why.
    public var overdue: [(referral: Referral, reason: ReferralOverdue)]
    /// The case's last activity: its opening, a step, a decision, or a referral's latest move.
    public var lastActivity: Date
    /// The day from which the SOP's `retention_days` lists the case for erasure; nil when the SOP sets none or it was erased.
    public var retentionEnds: Date?
    /// Whether the case is past its retention and no referral is open: the coordinator may erase it.
    public var expired: Bool
}

extension CaseStore {
    /// The home's cases (erased ones too, marked so), newest first, with stage, open referrals and deadlines.
    ///
    /// Retention counts from the case's last activity; a case with an open referral is never
    /// listed as expired. Nothing is erased here: the coordinator erases with `case erase`.
    public func caseListings() throws -> [CaseListing] {
        try writer.read { db in
            try vault.checkAllRows(db: db)
            let now = self.now
            let files = try CaseFile.order(Column("opened_at").desc, Column("code")).fetchAll(db)
            return try files.map { file in
                let standing = try standing(of: file, db: db, now: now)
                let referrals = try Referral.filter(Column("case_code") == file.code).order(Column("created_at"), Column("id")).fetchAll(db)
                let open = referrals.filter { !$0.status.isFinal }
                let late = open.compactMap { referral in self.overdue(referral).map { (referral: referral, reason: $0) } }
                let steps = try Date.fetchOne(db, sql: "SELECT MAX(recorded_at) FROM step_record WHERE case_code = ?", arguments: [file.code])
                let dates = [file.openedAt, steps].compactMap { $0 } + standing.decisions.map(\.recordedAt)
                    + referrals.flatMap { referral in ReferralStatus.allCases.compactMap(referral.date(of:)) }
                let last = dates.max() ?? file.openedAt
                let ends = file.erasedAt == nil ? procedure.retentionDays.map { last.addingTimeInterval(TimeInterval($0) * 24 * 3600) } : nil
                return CaseListing(file: file, standing: standing, stage: CaseStage(standing, erased: file.erasedAt != nil),
                                   openReferrals: open, overdue: late, lastActivity: last, retentionEnds: ends,
                                   expired: ends.map { now >= $0 } == true && open.isEmpty)
            }
        }
    }
}

extension CaseListing: Equatable {
    public static func == (a: CaseListing, b: CaseListing) -> Bool {
        a.file == b.file && a.standing == b.standing && a.stage == b.stage && a.openReferrals == b.openReferrals
            && a.overdue.map(\.referral) == b.overdue.map(\.referral) && a.overdue.map(\.reason) == b.overdue.map(\.reason)
            && a.lastActivity == b.lastActivity && a.retentionEnds == b.retentionEnds && a.expired == b.expired
    }
}
