import Foundation
import GRDB
import SOP

/// Durable solutions: return, integration or resettlement, recorded with what each needs.
extension CaseStore {
    /// Records a durable solution reached for a case, logged; returns the case's standing after it.
    ///
    /// The day is not in the future and not before the first contact. A return needs the
    /// person's decision said (`voluntary`); on a day within the recovery and reflection period
    /// only the person's own request, recorded (`return-request`), may end in a return; a child's return needs the
    /// latest best-interests determination of the case to be `in-the-childs-interest`. Refused
    /// input writes nothing.
    @discardableResult
    public func recordSolution(_ code: String, kind: DurableSolution.Kind, on day: String, voluntary: Bool? = nil) throws -> NRMStanding {
        let who = try requireOperator()
        let now = self.now
        guard let date = DecisionDay.date(day) else {
            throw CaseworkError.invalidInput("--on '\(day.prefix(20))' is not a date like 2026-03-02.")
        }
        if !DecisionDay.hasBegun(date, now: now) {
            throw CaseworkError.invalidInput("--on \(day) is in the future: give the day it was reached (today or earlier).")
        }
        if kind == .return && voluntary == nil {
            throw CaseworkError.invalidInput("A return is recorded with the person's decision: --voluntary yes when it was their own, "
                + "voluntary decision, --voluntary no when it was not.")
        }
        if kind != .return && voluntary != nil {
            throw CaseworkError.invalidInput("--voluntary is for a return only.")
        }
        return try logged { db -> (NRMStanding, LogHead?) in
            let file = try liveCase(code, db: db)
            try checkAgainstLog(case: file.code, db: db)
            try vault.checkRows(case: file.code, db: db)
            let firstDay = RecoveryPeriodRule.calendar.startOfDay(for: min(file.firstContactAt, file.openedAt))
            if date < firstDay {
                throw CaseworkError.invalidInput("--on \(day) is before the first contact (\(DecisionDay.text(firstDay))).")
            }
            let standing = try standing(of: file, db: db, now: now)
            var solution = DurableSolution(id: nil, caseCode: file.code, kind: kind, reachedOn: day, voluntary: voluntary, bestInterests: nil,
                                           recordedBy: who.name, recordedByOrganization: who.organization, recordedAt: now)
            if kind == .return {
                // No expulsion during the recovery and reflection period (CoE Art. 13(3)): on a day within it, only the
                // person's own request, recorded as such. Judged on the return's day, however late it is recorded.
                if let period = standing.recoveryPeriod, date >= period.start, date < period.end {
                    if voluntary != true {
                        throw CaseworkError.invalidInput("\(day) is within the recovery and reflection period of \(file.code) (until "
                            + "\(standing.recoveryPeriodEnds ?? "its end")): a return then is only the person's own, voluntary request (--voluntary yes).")
                    }
                    let requested = try StepRow.filter(Column("case_code") == file.code
                                                       && Column("step_id") == RecoveryPeriodRule.returnRequestStep.rawValue).fetchCount(db) > 0
                    if !requested {
                        throw CaseworkError.invalidInput("\(day) is within the recovery and reflection period of \(file.code): a return then needs "
                            + "the person's request recorded first (waymark referral record REF return-request, on the return referral). "
                            + "No override lifts this.")
                    }
                }
                if file.isChild {
                    let latest = try bestInterests(of: file.code, db: db)
                    guard let latest, latest.outcome == "in-the-childs-interest", latest.procedure == "determination" else {
                        throw CaseworkError.invalidInput("\(file.code) is a child: a return needs a best-interests determination in the child's "
                            + "interest (the best-interests step of the return referral); the latest is "
                            + (latest.map { "\($0.outcome) (\($0.procedure))" } ?? "none") + ". No override lifts this.")
                    }
                    solution.bestInterests = "\(latest.outcome) (\(latest.procedure), \(latest.decidedOn))"
                }
            }
            try solution.insert(db)
            var entry = LogEntry(kind: "solution", at: now, caseCode: file.code, operator: who)
            entry.status = kind.rawValue + (voluntary.map { $0 ? ":voluntary" : ":not-voluntary" } ?? "")
            let head = try HandoffLog.append(entry, db: db, keys: keys)
            return (try self.standing(of: file, db: db, now: now), head)
        }
    }

    /// The latest best-interests outcome recorded on any referral of the case; nil when none.
    func bestInterests(of code: String, db: Database) throws -> BestInterestsRecord? {
        guard let key = try vault.caseKey(code, db: db) else { return nil }
        let rows = try StepRow.filter(Column("case_code") == code && Column("step_id") == "best-interests").order(Column("id").desc).fetchAll(db)
        for row in rows {
            guard let sealed = row.sealedDetails,
                  let record = try vault.unseal(StepDetails.self, sealed, key: key, context: "step:\(code)").bestInterests else { continue }
            return record
        }
        return nil
    }
}
