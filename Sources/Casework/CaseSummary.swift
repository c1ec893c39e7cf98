import Foundation
import GRDB
import Routing
import SOP

/// A case as `case show` tells it: the profile, the steps done and owed, and its referrals.
public struct CaseSummary: Sendable {
    public var file: CaseFile
    public var profile: ClientProfile
    /// Steps recorded, oldest first.
    public var steps: [RecordedStep]
    /// Case steps still owed by this person (the referral's own steps are on each referral).
    public var owed: [MissingStep]
    public var referrals: [Referral]
    /// Whether identifying data was recorded (never the data itself).
    public var identified: Bool
    /// Where the case stands in the NRM: decisions, trafficking status, the recovery and reflection period.
    public var standing: NRMStanding

    /// A step as recorded: what, a non-identifying summary, who and when.
    public struct RecordedStep: Sendable, Equatable {
        public var stepId: StepID
        public var referralId: String?
        public var summary: String
        public var recordedBy: String
        public var recordedAt: Date
        /// The organization that recorded it (a step the sender of an incoming referral recorded names the sender).
        public var organization: String = ""
        /// The referrals handed off with earlier answers of this step, which this record replaced (`StepRevision`).
        public var changedAfterHandoff: [String] = []
    }
}

extension CaseStore {
    /// The summary of a case.
    public func summary(_ code: String) throws -> CaseSummary {
        try writer.read { db in
            let file = try caseFile(code, db: db)
            try checkAgainstLog(case: file.code, db: db)
            let profile = try vault.profile(of: file, db: db)
            let rows = try StepRow.filter(Column("case_code") == file.code).order(Column("id")).fetchAll(db)
            let referrals = try Referral.filter(Column("case_code") == file.code).order(Column("created_at"), Column("id")).fetchAll(db)
                .map { try revealed($0, db: db) }
            let steps = rows.map {
                CaseSummary.RecordedStep(stepId: $0.stepId, referralId: $0.referralId, summary: $0.summary,
                                         recordedBy: "\($0.recordedBy) (\($0.recordedByOrganization))", recordedAt: $0.recordedAt,
                                         organization: $0.recordedByOrganization,
                                         changedAfterHandoff: StepRevision.changedAfterHandoff($0, records: rows, referrals: referrals))
            }
            let owed = try caseStepsOwed(file, steps: rows, referrals: referrals, db: db)
            let identified = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM case_identity WHERE case_code = ?", arguments: [file.code]) ?? 0 > 0
            return CaseSummary(file: file, profile: profile, steps: steps, owed: file.erasedAt == nil ? owed : [], referrals: referrals,
                               identified: identified, standing: try standing(of: file, db: db, now: now))
        }
    }

    /// The case steps still owed, as the gate judges them: those it asks before any of the case's
    /// draft referrals can be handed off (a child's referral to child protection waits for no
    /// guardian, so none is owed for it). With no draft, those the procedure asks of this person
    /// for a referral, not yet recorded.
    func caseStepsOwed(_ file: CaseFile, steps rows: [StepRow], referrals: [Referral], db: Database) throws -> [MissingStep] {
        let drafts = referrals.filter { $0.status == .draft }
        guard drafts.isEmpty else {
            var owed: [StepID: MissingStep] = [:]
            for referral in drafts {
                let (person, facts) = try facts(referral, db: db)
                guard case .refused(let missing) = Gate.evaluate(procedure, case: person, referral: facts, override: nil) else { continue }
                for step in missing where procedure.steps.first(where: { $0.id == step.stepId })?.scope == .perCase {
                    owed[step.stepId] = owed[step.stepId] ?? step
                }
            }
            return procedure.steps.compactMap { owed[$0.id] }
        }
        let done = Set(rows.filter { $0.referralId == nil }.map(\.stepId))
        return procedure.steps.filter { step in
            guard step.scope == .perCase, !done.contains(step.id) else { return false }
            switch step.appliesTo {
            case .any: return true
            case .adult: return !file.isChild
            case .child: return file.isChild
            }
        }.map { MissingStep(stepId: $0.id, instruction: $0.instruction) }
    }

    /// The case's screening records, one per questionnaire set answered (the latest answers to each), oldest set first.
    public func screenings(of code: String) throws -> [ScreeningRecord] {
        try writer.read { db in
            _ = try caseFile(code, db: db)
            return try screeningRecords(code, db: db)
        }
    }

    /// Every case, newest first.
    public func cases() throws -> [CaseFile] {
        try writer.read { db in
            try vault.checkAllRows(db: db)
            return try CaseFile.order(Column("opened_at").desc, Column("code")).fetchAll(db)
        }
    }
}
