import Foundation
import GRDB
import Routing
import SOP

/// NRM decisions: recording the competent authority's decision, the case's standing, the cases due.
extension CaseStore {
    /// Records a competent authority's decision on a case, logged; returns the case's standing after it.
    ///
    /// The day is not in the future and not before the first contact; a conclusive decision
    /// needs a positive reasonable-grounds decision on or before its day; a review or appeal is
    /// pending only after a negative decision. The reference is sealed under the case key. A
    /// positive conclusive decision makes the person formally identified for eligibility.
    /// Refused input writes nothing.
    @discardableResult
    public func recordDecision(_ code: String, stage: NRMDecision.Stage, outcome: NRMDecision.Outcome, decidedBy: String,
                               authority: NRMDecision.Authority, on day: String, reference: String? = nil,
                               reviewPending: Bool = false) throws -> NRMStanding {
        let who = try requireOperator()
        let now = self.now
        let name = decidedBy.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 120, !name.contains(where: { $0.isNewline || $0.asciiValue.map { $0 < 32 } ?? false }) else {
            throw CaseworkError.invalidInput("--by: give the name of the official who decided, on one line (at most 120 characters).")
        }
        guard let date = DecisionDay.date(day) else {
            throw CaseworkError.invalidInput("--on '\(day.prefix(20))' is not a date like 2026-03-02.")
        }
        if !DecisionDay.hasBegun(date, now: now) {
            throw CaseworkError.invalidInput("--on \(day) is in the future: give the day the authority decided.")
        }
        if reviewPending && outcome == .positive {
            throw CaseworkError.invalidInput("--review-pending is for a negative decision under review or appeal, not a positive one.")
        }
        let reference = reference?.trimmingCharacters(in: .whitespacesAndNewlines)
        return try logged { db -> (NRMStanding, LogHead?) in
            let file = try liveCase(code, db: db)
            try checkAgainstLog(case: file.code, db: db)
            let firstDay = RecoveryPeriodRule.calendar.startOfDay(for: min(file.firstContactAt, file.openedAt))
            if date < firstDay {
                throw CaseworkError.invalidInput("--on \(day) is before the first contact (\(DecisionDay.text(firstDay))): "
                    + "a decision comes after the case was opened.")
            }
            let earlier = try NRMDecision.filter(Column("case_code") == file.code).fetchAll(db)
            if stage == .conclusiveGrounds,
               !earlier.contains(where: { $0.stage == .reasonableGrounds && $0.outcome == .positive && $0.decidedOn <= day }) {
                throw CaseworkError.invalidInput("A conclusive-grounds decision follows a positive reasonable-grounds decision: "
                    + "record that first (waymark case decision \(file.code) reasonable-grounds positive ...).")
            }
            guard let key = try vault.caseKey(file.code, db: db) else { throw CaseworkError.damaged("case \(file.code) has no key") }
            var decision = NRMDecision(id: nil, caseCode: file.code, stage: stage, outcome: outcome, decidedBy: name, authorityType: authority,
                                       decidedOn: day, reviewPending: reviewPending, referenceSealed: nil, recordedBy: who.name,
                                       recordedByOrganization: who.organization, recordedAt: now)
            if let reference, !reference.isEmpty {
                decision.referenceSealed = try vault.seal(reference, key: key, context: "decision:\(file.code)")
            }
            try decision.insert(db)
            // Identification for eligibility (`requires-formal-identification`) follows the latest conclusive decision
            // by the day it was made (not the order of recording), as the form's status does.
            if stage == .conclusiveGrounds {
                let status = try standing(of: file, db: db, now: now).traffickingStatus
                let identified: Knowledge? = status == "ActualVictimOfTrafficking" ? .yes : status == "NotAVictimOfTrafficking" ? .no : nil
                var file = file
                var profile = try vault.profile(of: file, db: db)
                if let identified, profile.formallyIdentified != identified {
                    profile.formallyIdentified = identified
                    try vault.setProfile(profile, on: &file, db: db)
                    try file.update(db)
                }
            }
            var entry = LogEntry(kind: "decision", at: now, caseCode: file.code, operator: who)
            entry.status = "\(stage.rawValue):\(outcome.rawValue)"
            let head = try HandoffLog.append(entry, db: db, keys: keys)
            // Rows written in this transaction are MAC'd at its commit: read them back unchecked here.
            return (try standing(of: try CaseFile.fetchOne(db, key: file.code) ?? file, db: db, now: now), head)
        }
    }

    /// The decisions of a case, oldest first.
    public func decisions(of code: String) throws -> [NRMDecision] {
        try writer.read { db in try standing(of: try caseFile(code, db: db), db: db, now: now).decisions }
    }

    /// The authority's reference of a decision, opened under the case key; nil when none was given or the case was erased.
    public func reference(of decision: NRMDecision) throws -> String? {
        try writer.read { db in
            guard let sealed = decision.referenceSealed, let key = try vault.caseKey(decision.caseCode, db: db) else { return nil }
            return try vault.unseal(String.self, sealed, key: key, context: "decision:\(decision.caseCode)")
        }
    }

    /// Where a case stands in the NRM now.
    public func standing(of code: String) throws -> NRMStanding {
        try writer.read { db in try standing(of: try caseFile(code, db: db), db: db, now: now) }
    }

    func standing(of file: CaseFile, db: Database, now: Date) throws -> NRMStanding {
        let decisions = try NRMDecision.filter(Column("case_code") == file.code).fetchAll(db)
        var standing = NRMStanding(decisions: decisions, screeningResult: file.screeningResult, firstContact: file.firstContactAt,
                                   procedure: procedure, now: now)
        standing.solutions = try DurableSolution.filter(Column("case_code") == file.code).order(Column("reached_on"), Column("id")).fetchAll(db)
        // Once a durable solution is reached, the period's end asks nothing more of the coordinator.
        if !standing.solutions.isEmpty { standing.reminderDue = false }
        return standing
    }

    /// The cases (not erased) whose recovery and reflection period ends within the reminder's days, soonest first.
    public func casesDue() throws -> [(file: CaseFile, standing: NRMStanding)] {
        try writer.read { db in
            try vault.checkAllRows(db: db)
            let now = self.now
            return try CaseFile.filter(Column("erased_at") == nil).fetchAll(db)
                .map { ($0, try standing(of: $0, db: db, now: now)) }
                .filter { $0.1.reminderDue }
                .sorted { ($0.1.recoveryPeriodEnds ?? "", $0.0.code) < ($1.1.recoveryPeriodEnds ?? "", $1.0.code) }
        }
    }
}
