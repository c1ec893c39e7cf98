import Foundation
import SOP

/// The figures of the NRM and of how referrals end, each disaggregated by sex and age band
/// (issue 15 §6): the report's `cases_by_stage` through `conditional_needs`.
///
/// Computed from plain rows, as of one moment (`until`: the report's `to`, or now), so that a
/// decision or an erasure after it is not counted:
/// - **cases by stage**: the cases opened in the report's period, by `CaseStage` from their
///   decisions dated on or before `until`;
/// - **median days to reasonable / conclusive grounds**: for those cases, the days from the
///   day of first contact (the case's opening, unless the responder gave an earlier first
///   contact) to the day of the *first* decision of that stage, positive or negative;
/// - **recovery periods ended without a decision**: those cases, not erased, whose recovery
///   and reflection period (as the SOP in force sets it: its length and when it starts)
///   ended before `until` with no conclusive decision dated within it;
/// - **referrals by outcome**: the closed referrals created in the period, by outcome code;
/// - **declines by reason**: the declined referrals created in the period, by reason code;
/// - **median hours from a decline to its replacement**: for each referral created in the
///   period that replaces a declined one (`--replaces`), the hours from the decline to its
///   creation;
/// - **unmet and conditional needs**: the needs recorded in the period, each counted once per person.
///
/// A referral or a need is counted in the cell of its case's person. Codes not recorded (a
/// referral closed or declined before codes were asked) count as `not recorded`.
public struct NRMFigures: Sendable {
    public var casesByStage: ReportFigure<ReportTable>
    public var medianDaysToReasonableGrounds: ReportFigure<Double?>
    public var medianDaysToConclusiveGrounds: ReportFigure<Double?>
    public var recoveryPeriodsEndedWithoutDecision: ReportFigure<CaseReport.Count>
    public var referralsByOutcome: ReportFigure<ReportTable>
    public var declinesByReason: ReportFigure<ReportTable>
    public var medianHoursDeclineToReplacement: ReportFigure<Double?>
    public var unmetNeeds: ReportFigure<ReportTable>
    public var conditionalNeeds: ReportFigure<ReportTable>

    /// The code counted where a referral ended before its outcome or reason was recorded as a code.
    public static let notRecorded = "not recorded"

    /// The figures for the cases opened in the period (`cases`), the referrals created in it
    /// (`referrals`) and the needs recorded in it (`needs`), as of `until`.
    ///
    /// `allCases` and `allReferrals` are every row, for the person behind a referral and the
    /// declined referral a replacement follows; `decisions` may be every decision.
    init(cases: [CaseFile], allCases: [CaseFile], referrals: [Referral], allReferrals: [Referral], decisions: [NRMDecision],
         needs: [RecordedNeed], procedure: Procedure, until: Date) {
        let lastDay = DecisionDay.text(until)
        let known = decisions.filter { $0.decidedOn <= lastDay }
        let decisionsByCase = Dictionary(grouping: known, by: \.caseCode)
        let people = Dictionary(allCases.map { ($0.code, ReportCell(sex: $0.sex, ageBand: $0.ageBand)) }, uniquingKeysWith: { a, _ in a })
        let calendar = RecoveryPeriodRule.calendar

        var stages: [(cell: ReportCell, code: String)] = []
        var toReasonable: [(cell: ReportCell, value: Double)] = []
        var toConclusive: [(cell: ReportCell, value: Double)] = []
        var endedWithoutDecision: [ReportCell] = []
        for file in cases {
            let cell = ReportCell(sex: file.sex, ageBand: file.ageBand)
            let standing = NRMStanding(decisions: decisionsByCase[file.code] ?? [], screeningResult: file.screeningResult,
                                       firstContact: file.firstContactAt, procedure: procedure, now: until)
            let erased = file.erasedAt.map { $0 <= until } ?? false
            stages.append((cell, CaseStage(standing, erased: erased).rawValue))
            let firstDay = calendar.startOfDay(for: file.firstContactAt)
            func days(to stage: NRMDecision.Stage) -> Double? {
                // `standing.decisions` is oldest first, by day and then by the order of recording.
                guard let first = standing.decisions.first(where: { $0.stage == stage }), let day = DecisionDay.date(first.decidedOn) else { return nil }
                return Double(calendar.dateComponents([.day], from: firstDay, to: day).day ?? 0)
            }
            if let days = days(to: .reasonableGrounds) { toReasonable.append((cell, days)) }
            if let days = days(to: .conclusiveGrounds) { toConclusive.append((cell, days)) }
            if !erased, let period = standing.recoveryPeriod, period.end <= until,
               !standing.decisions.contains(where: { $0.stage == .conclusiveGrounds && DecisionDay.date($0.decidedOn).map { $0 < period.end } ?? false }) {
                endedWithoutDecision.append(cell)
            }
        }

        let unknown = ReportCell(sex: nil, ageBand: "unknown")
        func cell(_ referral: Referral) -> ReportCell { people[referral.caseCode] ?? unknown }
        let declinedAt = Dictionary(allReferrals.compactMap { referral in referral.declinedAt.map { (referral.id, $0) } },
                                    uniquingKeysWith: { a, _ in a })
        var replacementHours: [(cell: ReportCell, value: Double)] = []
        for referral in referrals {
            guard let replaced = referral.replaces, let declined = declinedAt[replaced], referral.createdAt <= until else { continue }
            replacementHours.append((cell(referral), referral.createdAt.timeIntervalSince(declined) / 3600))
        }
        func perPerson(_ kind: String) -> [(cell: ReportCell, code: String)] {
            var seen: Set<String> = []
            return needs.filter { $0.kind == kind && seen.insert($0.caseCode + "\u{1F}" + $0.need.rawValue).inserted }
                .map { (ReportCell(sex: $0.sex, ageBand: $0.ageBand), $0.need.rawValue) }
        }

        casesByStage = .table(stages)
        medianDaysToReasonableGrounds = .median(toReasonable)
        medianDaysToConclusiveGrounds = .median(toConclusive)
        recoveryPeriodsEndedWithoutDecision = .count(endedWithoutDecision)
        // As of the report's moment: a referral closed or declined after it is not counted as such.
        referralsByOutcome = .table(referrals.filter { $0.status == .closed && ($0.closedAt.map { $0 <= until } ?? false) }
            .map { (cell($0), $0.outcome?.rawValue ?? Self.notRecorded) })
        declinesByReason = .table(referrals.filter { $0.status == .declined && ($0.declinedAt.map { $0 <= until } ?? false) }
            .map { (cell($0), $0.declineReason?.rawValue ?? Self.notRecorded) })
        medianHoursDeclineToReplacement = .median(replacementHours)
        unmetNeeds = .table(perPerson("unmet"))
        conditionalNeeds = .table(perPerson("conditional"))
    }
}
