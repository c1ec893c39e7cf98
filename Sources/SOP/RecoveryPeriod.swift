import Foundation

/// When the recovery and reflection period starts, as the SOP file sets it (`recovery_period_starts`).
public enum RecoveryPeriodStart: String, Sendable, Codable, CaseIterable {
    /// On the first positive reasonable-grounds decision.
    case reasonableGrounds = "reasonable-grounds"
    /// At the person's first contact.
    case firstContact = "first-contact"
}

/// The recovery and reflection period as the national SOP sets it, within the law.
///
/// At least 30 days (Council of Europe Convention Art. 13): the SOP may lengthen it, never
/// shorten it. During it the person recovers and decides freely whether to cooperate with the
/// authorities; nobody asks them to decide, and a `return` goes only at their own recorded request.
public struct RecoveryPeriodRule: Sendable, Equatable, Codable {
    /// The least the law allows, in days (CoE Convention Art. 13(1)).
    public static let minimumDays = 30
    /// How many days before the end a reminder shows.
    public static let reminderDays = 7
    /// The step that records the person's own request to return.
    public static let returnRequestStep: StepID = "return-request"
    /// The sentence the CLI and the UI both show when a return referral waits for the request.
    public static let returnRequestInstruction = "During the recovery and reflection period (CoE Art. 13) a return referral goes only at "
        + "the person's own request: record it first (waymark referral record REF return-request). No override lifts this."

    public var days: Int
    public var starts: RecoveryPeriodStart

    public init(days: Int = RecoveryPeriodRule.minimumDays, starts: RecoveryPeriodStart = .reasonableGrounds) {
        self.days = days
        self.starts = starts
    }

    /// The period's first and last day (UTC days), from the day it starts.
    public func period(startingOn start: Date) -> DateInterval {
        let end = Self.calendar.date(byAdding: .day, value: days, to: Self.calendar.startOfDay(for: start)) ?? start
        return DateInterval(start: Self.calendar.startOfDay(for: start), end: end)
    }

    /// Why a return referral waits for the person's request; nil when it does not.
    public static func returnProblem(person: CaseFacts, referral: ReferralFacts) -> String? {
        guard person.inRecoveryPeriod, referral.serviceTypes.contains("return"),
              !referral.steps.contains(where: { $0.stepId == returnRequestStep }) else { return nil }
        return returnRequestInstruction
    }

    /// Days are counted in UTC, as decision dates are written.
    public static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar
    }
}
