import Foundation
import SOP

/// Where a case stands in the NRM: its decisions, the trafficking status they give, and the
/// recovery and reflection period.
///
/// The status follows the decisions, never a responder's tick: a positive reasonable-grounds
/// decision gives a possible (presumed) victim, a positive conclusive one an actual victim, a
/// negative conclusive one "not a victim" only when no review or appeal is pending; otherwise
/// what screening supports (a possible victim at most; `no-indicators` never "not a victim").
public struct NRMStanding: Sendable, Equatable {
    /// The decisions, oldest first.
    public var decisions: [NRMDecision]
    /// HTCDS `vic_TraffickingStatus`; nil when nothing supports one.
    public var traffickingStatus: String?
    /// The status in words for the printed form, with the decision's date and who decided; nil when from screening.
    public var statusText: String?
    /// The decision the status rests on, when one does.
    public var statusDecision: NRMDecision?
    /// The recovery and reflection period (its first day and the day it ends); nil before it starts.
    public var recoveryPeriod: DateInterval?
    /// Whether the period ends within `RecoveryPeriodRule.reminderDays` days from today (and has not ended).
    public var reminderDue: Bool
    /// Whether today is within the period.
    public var inRecoveryPeriod: Bool
    /// What the SOP says follows the latest decision when it is negative; empty otherwise.
    public var afterNegativeDecision: [String]
    /// Whether a negative decision is where the case stands (not lifted by a later positive conclusive one):
    /// what the cases list marks, with `afterNegativeDecision` saying what follows.
    public var standsOnNegativeDecision: Bool { !afterNegativeDecision.isEmpty && traffickingStatus != "ActualVictimOfTrafficking" }
    /// The durable solutions recorded (return, integration, resettlement), oldest first.
    public var solutions: [DurableSolution] = []

    /// The standing of a case from its decisions, its screening result, its first contact and the SOP.
    public init(decisions: [NRMDecision], screeningResult: String?, firstContact: Date, procedure: Procedure, now: Date) {
        let ordered = decisions.sorted { ($0.decidedOn, $0.id ?? 0) < ($1.decidedOn, $1.id ?? 0) }
        self.decisions = ordered
        let conclusive = ordered.last { $0.stage == .conclusiveGrounds }
        let reasonable = ordered.last { $0.stage == .reasonableGrounds }
        if let conclusive, conclusive.outcome == .positive {
            traffickingStatus = "ActualVictimOfTrafficking"
            statusText = "Formally identified victim — conclusive grounds, \(conclusive.decidedOn)"
            statusDecision = conclusive
        } else if let conclusive, conclusive.outcome == .negative, !conclusive.reviewPending {
            traffickingStatus = "NotAVictimOfTrafficking"
            statusText = "Not a victim of trafficking — negative conclusive decision, \(conclusive.decidedOn)"
            statusDecision = conclusive
        } else if let reasonable, reasonable.outcome == .positive {
            traffickingStatus = "PossibleVictimOfTrafficking"
            statusText = "Presumed victim — reasonable grounds, \(reasonable.decidedOn)"
            statusDecision = reasonable
        } else {
            traffickingStatus = Self.fromScreening(screeningResult)
            statusText = nil
            statusDecision = nil
        }
        if let decision = statusDecision {
            statusText = (statusText ?? "") + "; decided by \(decision.decidedBy) (\(decision.authorityType.words))"
        }
        let rule = procedure.recoveryPeriod
        let start: Date?
        switch rule.starts {
        case .firstContact:
            start = firstContact
        case .reasonableGrounds:
            start = ordered.first { $0.stage == .reasonableGrounds && $0.outcome == .positive }.flatMap { DecisionDay.date($0.decidedOn) }
        }
        recoveryPeriod = start.map(rule.period(startingOn:))
        let today = RecoveryPeriodRule.calendar.startOfDay(for: now)
        if let period = recoveryPeriod {
            inRecoveryPeriod = today >= period.start && today < period.end
            let remind = RecoveryPeriodRule.calendar.date(byAdding: .day, value: -RecoveryPeriodRule.reminderDays, to: period.end) ?? period.end
            reminderDue = inRecoveryPeriod && today >= remind
        } else {
            inRecoveryPeriod = false
            reminderDue = false
        }
        afterNegativeDecision = ordered.last?.outcome == .negative ? procedure.afterNegativeDecision : []
    }

    /// The period's last day, `YYYY-MM-DD` (the interval's end is the first day after it); nil before it starts.
    public var recoveryPeriodEnds: String? { recoveryPeriod.map { DecisionDay.text($0.end.addingTimeInterval(-86_400)) } }

    /// HTCDS `vic_TraffickingStatusDecisionMakingOrg`, when the status rests on a decision.
    public var decisionMakingOrg: String? { statusDecision?.authorityType.htcds }

    /// What a screening result supports: a possible victim at most; `no-indicators` and a declined screening say nothing.
    static func fromScreening(_ result: String?) -> String? {
        guard let result = result.flatMap(ScreeningResult.init(rawValue:)) else { return nil }
        switch result {
        case .presumedVictim, .unclear: return "PossibleVictimOfTrafficking"
        case .noIndicators, .declined: return nil
        }
    }
}

/// Decision days as written (`YYYY-MM-DD`, UTC).
public enum DecisionDay {
    /// The day a text names; nil when it is not a real `YYYY-MM-DD` date.
    public static func date(_ text: String) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 10, parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        let calendar = RecoveryPeriodRule.calendar
        guard let date = calendar.date(from: DateComponents(year: year, month: month, day: day)),
              calendar.component(.month, from: date) == month, calendar.component(.day, from: date) == day else { return nil }
        return date
    }

    /// Whether a day has begun anywhere yet: days are written in UTC, and a responder east of it (up to UTC+14)
    /// is already in tomorrow's date, which is not the future for them.
    public static func hasBegun(_ day: Date, now: Date) -> Bool {
        day <= now.addingTimeInterval(14 * 3600)
    }

    /// A day as `YYYY-MM-DD`.
    public static func text(_ date: Date) -> String {
        let parts = RecoveryPeriodRule.calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
