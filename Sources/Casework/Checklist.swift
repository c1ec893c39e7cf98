import Directory
import Foundation
import GRDB
import Routing
import SOP

/// The SOP checklist of one referral: each step of the procedure done or owed, and the gate's answer.
///
/// One read of the case store. Which steps are owed, with which sentence, is the gate's
/// (`Gate.evaluate` on the store's facts); what was done, by whom and when, the step records'.
/// The UI's checklist and `case show` both take "owed" from the gate, so they cannot disagree.
public struct Checklist: Sendable, Equatable {
    public var caseCode: String
    /// A child: stated under 18, or a disputed age.
    public var isChild: Bool
    public var profile: ClientProfile
    public var referral: Referral
    /// The procedure's steps for this person, in the procedure's order.
    public var rows: [ChecklistRow]
    /// The gate's answer, asked without an override.
    public var decision: GateDecision
    /// The screening sets to ask this person (child or adult; labour or sexual).
    public var screeningSets: [QuestionnaireSet]
    /// The consent the form would use now (nil when none is usable).
    public var consent: ReferralForm.FormConsent?
    /// The codes of the receiving service to explain to the person and acknowledge in the risk
    /// step (its notes and conditions); empty once sent.
    public var toAcknowledge: [String] = []
    /// The procedure in force: name, version, where it was read from, and its hash.
    public var procedure: String = ""
    /// The screenings recorded for the case, one per set (the latest answers of each): a screening
    /// opened again starts from them, so a slip cannot replace recorded answers with blanks.
    public var screenings: [ScreeningRecord] = []
    /// The time zone of the person's area, which the checklist's times are shown in.
    public var timeZone: TimeZone = TimeZone(identifier: "UTC") ?? .current
    /// Who gives consent for this referral as things stand: the person (an adult, or a child's own assent to
    /// shelter or health care before a guardian is recorded) or the child's guardian.
    public var consentGiver: ConsentGiver = .person
    /// The day the person's recovery and reflection period ends (`YYYY-MM-DD`); nil before it starts.
    public var recoveryPeriodEnds: String? = nil
    /// Whether the period ends within seven days: the reminder to show.
    public var recoveryPeriodReminder: Bool = false

    /// The steps still owed (empty when the gate clears the referral).
    public var owed: [MissingStep] {
        if case .refused(let missing) = decision { return missing }
        return []
    }
}

/// One step of the checklist: the procedure's step, and where the referral stands on it.
public struct ChecklistRow: Sendable, Equatable {
    /// Where a referral stands on a step.
    public enum State: Sendable, Equatable {
        /// Recorded: by whom (name and organization), when, and a non-identifying summary.
        case done(by: String, at: Date, summary: String)
        /// Still owed, with the procedure's sentence saying what to do.
        case owed(String)
        /// Not asked of this referral, and why (e.g. a child's referral to child protection never waits for a guardian).
        case notNeeded(NotOwed?)
    }

    public var step: ProcedureStep
    public var state: State
    /// The answers last recorded at the step (nil when none, or the case was erased): a step's form
    /// opened again starts from them, so saving it again cannot replace them with blanks.
    public var details: StepDetails? = nil
    /// The referrals of the case handed off with earlier answers of this step, which were changed
    /// since (`StepRevision`): the receiving organizations hold the earlier answers.
    public var changedAfterHandoff: [String] = []

    /// Whether the step is still owed.
    public var isOwed: Bool {
        if case .owed = state { return true }
        return false
    }
}

extension CaseStore {
    /// The checklist of a referral, read in one transaction: the gate's answer, each step done or
    /// owed, the consent the form would use, and (for a draft) what must be explained to the person.
    public func checklist(_ referralId: String, questionnaire: Questionnaire, directory: DirectoryStore) throws -> Checklist {
        let who = try requireOperator()
        let check = try EligibilityCheck(directory: directory, now: now, routers: routers)
        return try writer.read { db in
            let referral = try referral(referralId, db: db)
            let file = try caseFile(referral.caseCode, db: db)
            let profile = try vault.profile(of: file, db: db)
            try checkAgainstLog(case: file.code, db: db)
            let (person, facts) = try facts(referral, db: db)
            let decision = Gate.evaluate(procedure, case: person, referral: facts, override: nil)
            let form = try form(of: referral, file: file, directory: directory, operator: who, db: db)
            let records = try StepRow.filter(Column("case_code") == file.code).order(Column("id")).fetchAll(db)
            let handedOff = try Referral.filter(Column("case_code") == file.code && Column("sent_at") != nil).fetchAll(db)
            let answers = (try stepDetails(file.code, db: db)).merging(try stepDetails(file.code, referral: referral.id, db: db)) { _, own in own }
            // Only a draft is handed off: what must be explained is asked of the directory as it is now.
            let toAcknowledge = referral.status == .draft
                ? (try check.evaluate(profile: profile, serviceId: referral.serviceId, locationId: referral.locationId, need: referral.need.rawValue,
                                      priority: referral.priority)?.toAcknowledge ?? [])
                : []
            let nrm = try standing(of: file, db: db, now: now)
            var checklist = Checklist(caseCode: file.code, isChild: file.isChild, profile: profile, referral: try revealed(referral, db: db),
                             rows: Self.rows(procedure: procedure, decision: decision, records: records, referral: referral,
                                             consent: form.consent, isChild: file.isChild, person: person, facts: facts,
                                             handedOff: handedOff, answers: answers),
                             decision: decision, screeningSets: questionnaire.sets(child: file.isChild, exploitationTypes: profile.exploitation.map(\.rawValue)),
                             consent: form.consent, toAcknowledge: toAcknowledge, procedure: procedureInForce,
                             screenings: try screeningRecords(file.code, db: db), timeZone: try check.timeZone(of: profile.area),
                             consentGiver: file.isChild && !ChildLaw.onChildsOwnAssent(person: person, referral: facts) ? .guardian : .person)
            // Shown while the period runs: once it has ended, the checklist no longer speaks of it.
            checklist.recoveryPeriodEnds = nrm.inRecoveryPeriod ? nrm.recoveryPeriodEnds : nil
            checklist.recoveryPeriodReminder = nrm.reminderDue
            return checklist
        }
    }

    /// Each step of the procedure for this person: owed (the gate's sentence), done (the latest
    /// record, with its answers and the hand-offs that carried earlier ones), or not needed
    /// (neither: the gate does not ask it of this referral).
    static func rows(procedure: Procedure, decision: GateDecision, records: [StepRow], referral: Referral,
                     consent: ReferralForm.FormConsent?, isChild: Bool, person: CaseFacts, facts: ReferralFacts,
                     handedOff: [Referral] = [], answers: [StepID: StepDetails] = [:]) -> [ChecklistRow] {
        let missing: [MissingStep]
        if case .refused(let owed) = decision { missing = owed } else { missing = [] }
        func by(_ record: StepRow) -> String { "\(record.recordedBy) (\(record.recordedByOrganization))" }
        func done(_ step: ProcedureStep, _ record: StepRow, summary: String) -> ChecklistRow {
            ChecklistRow(step: step, state: .done(by: by(record), at: record.recordedAt, summary: summary), details: answers[step.id],
                         changedAfterHandoff: StepRevision.changedAfterHandoff(record, records: records, referrals: handedOff))
        }
        var rows: [ChecklistRow] = []
        for step in procedure.steps {
            if let owed = missing.first(where: { $0.stepId == step.id }) {
                rows.append(ChecklistRow(step: step, state: .owed(owed.instruction)))
                continue
            }
            if step.id == "consent", let consent {
                rows.append(ChecklistRow(step: step, state: .done(by: consent.obtainedBy, at: consent.date,
                                                                   summary: "\(consent.givenBy): \(consent.scopes.joined(separator: ", "))")))
                continue
            }
            // Several screening sets may be recorded (mixed exploitation): the row names each set's latest result.
            if step.id == "screening" {
                let screenings = records.filter { $0.stepId == step.id && $0.referralId == nil }
                if let last = screenings.last {
                    var bySet: [(set: String, summary: String)] = []
                    for record in screenings {
                        let set = record.summary.split(separator: ":").first.map(String.init) ?? record.summary
                        if let index = bySet.firstIndex(where: { $0.set == set }) { bySet[index].summary = record.summary } else {
                            bySet.append((set, record.summary))
                        }
                    }
                    rows.append(done(step, last, summary: bySet.map(\.summary).joined(separator: "; ")))
                    continue
                }
            }
            let recorded = records.last { record in
                record.stepId == step.id && (step.scope == .perCase ? record.referralId == nil : record.referralId == referral.id)
            }
            if let recorded {
                rows.append(done(step, recorded, summary: recorded.summary))
                continue
            }
            // Steps for the other kind of person (a child's steps for an adult) are left out altogether.
            switch step.appliesTo {
            case .child where !isChild, .adult where isChild: continue
            default: rows.append(ChecklistRow(step: step, state: .notNeeded(Gate.whyNotOwed(step, person: person, referral: facts))))
            }
        }
        return rows
    }
}
