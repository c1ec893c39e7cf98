import Foundation

/// The coordinator's report as one page of plain text, worded to paste into a monthly report.
///
/// At most 80 columns and about 60 lines: the totals in words, then the NRM figures by sex
/// and age band in one table. Every figure of every cell is in `waymark report --format csv`.
public enum ReportSummary {
    /// The widest line the page has.
    public static let width = 80

    /// The page for a report; `needLabel` names a service type in words (`shelter.children` → "Children's shelter").
    public static func text(_ report: CaseReport, needLabel: (String) -> String = { $0 }) -> String {
        var lines: [String] = []
        let nrm = report.nrm
        let period: String
        switch (report.from, report.to) {
        case let (from?, to?): period = "\(DecisionDay.text(from)) to \(DecisionDay.text(to))"
        case let (from?, nil): period = "from \(DecisionDay.text(from))"
        case let (nil, to?): period = "up to \(DecisionDay.text(to))"
        case (nil, nil): period = "all records"
        }
        lines.append("Referrals and the NRM — \(period)")
        lines.append("NRM figures as of \(DecisionDay.text(report.asOf)). Counts under 5 are shown as <5.")

        func row(_ label: String, _ value: String) {
            lines.append("  " + label.padding(toLength: 56, withPad: " ", startingAt: 0) + " " + value)
        }
        func section(_ title: String, _ rows: ReportTable, label: (String) -> String, empty: String = "none") {
            lines.append("")
            lines.append(title)
            if rows.isEmpty { lines.append("  \(empty)") }
            for (code, count) in rows { row(label(code), count.description) }
        }

        lines.append("")
        lines.append("Cases and referrals")
        row("Cases opened", report.cases.description)
        row("Referrals made", report.referrals.description)
        row("Hand-offs made under an override", report.overrides.description)
        row("Anonymous notifications (adults who refused a referral)", report.anonymousNotifications.description)

        // In the NRM's order, not the codes'.
        let stages = nrm.casesByStage.total.sorted { stageOrder($0.0) < stageOrder($1.0) }
        section("Where the cases opened stand in the NRM", stages, label: stageLabel)
        lines.append("")
        row("Recovery periods that ended with no conclusive decision", nrm.recoveryPeriodsEndedWithoutDecision.total.description)

        lines.append("")
        lines.append("Median times (not shown when based on fewer than 5)")
        row("First contact to reasonable-grounds decision", days(nrm.medianDaysToReasonableGrounds.total))
        row("First contact to conclusive-grounds decision", days(nrm.medianDaysToConclusiveGrounds.total))
        row("First contact to hand-off", hours(report.medianHoursContactToHandoff))
        row("Hand-off to acknowledgement", hours(report.medianHoursHandoffToAcknowledgement))
        row("Hand-off to start of service", hours(report.medianHoursHandoffToServiceStart))
        row("Decline to the referral made in its place", hours(nrm.medianHoursDeclineToReplacement.total))

        section("How closed referrals ended", nrm.referralsByOutcome.total, label: outcomeLabel)
        section("Why referrals were declined", nrm.declinesByReason.total, label: declineLabel)
        section("Needs no service could meet (people)", nrm.unmetNeeds.total, label: needLabel)
        section("Needs met only with a condition (people)", nrm.conditionalNeeds.total, label: needLabel)

        lines.append("")
        lines.append("Cases opened, by sex and age band")
        let cells = nrm.casesByStage.bySexAndAgeBand
        if cells.isEmpty {
            lines.append("  none")
        } else {
            lines.append("                     No        Reasonable Conclusive Period ran  Median days to")
            lines.append("  Sex / age band     decision  grounds    grounds    out (1)     RG      CG")
            for (cell, stages) in cells {
                func stage(_ stage: CaseStage) -> String { stages.first { $0.0 == stage.rawValue }?.1.description ?? "0" }
                let key = cell.description
                let ranOut = nrm.recoveryPeriodsEndedWithoutDecision[cell: key]?.description ?? "0"
                let toReasonable = nrm.medianDaysToReasonableGrounds[cell: key].flatMap { $0 }.map(short) ?? "—"
                let toConclusive = nrm.medianDaysToConclusiveGrounds[cell: key].flatMap { $0 }.map(short) ?? "—"
                let columns: [(String, Int)] = [(key, 19), (stage(.firstContact), 10), (stage(.reasonableGrounds), 11),
                                                (stage(.conclusiveGrounds), 11), (ranOut, 12), (toReasonable, 8), (toConclusive, 0)]
                lines.append("  " + columns.map { $0.1 == 0 ? $0.0 : $0.0.padding(toLength: $0.1 - 1, withPad: " ", startingAt: 0) + " " }.joined())
            }
            lines.append("  (1) the recovery and reflection period ended with no conclusive decision.")
            lines.append("  RG, CG: the reasonable-grounds and conclusive-grounds decisions;")
            lines.append("  — fewer than 5 people: not shown.")
        }
        lines.append("")
        lines.append("A count that would let one under 5 be worked out, from a total or another")
        lines.append("group, is shown as \"suppressed\".")
        lines.append("Every figure by sex and age band: waymark report --format csv")
        // A line too long for the page (a long label) is cut with a mark, never silently.
        return lines.map { $0.count > width ? String($0.prefix(width - 1)) + "…" : $0 }.joined(separator: "\n")
    }

    static func stageOrder(_ code: String) -> Int {
        CaseStage(rawValue: code).flatMap { CaseStage.allCases.firstIndex(of: $0) } ?? CaseStage.allCases.count
    }

    /// A stage in words.
    public static func stageLabel(_ code: String) -> String {
        switch CaseStage(rawValue: code) {
        case .firstContact: return "No decision yet"
        case .reasonableGrounds: return "Reasonable-grounds decision made"
        case .conclusiveGrounds: return "Conclusive-grounds decision made"
        case .erased: return "Closed and erased (counts kept)"
        case nil: return code
        }
    }

    /// A referral outcome in words.
    public static func outcomeLabel(_ code: String) -> String {
        switch ReferralOutcome(rawValue: code) {
        case .serviceReceived: return "Service received"
        case .lostContact: return "Contact lost"
        case .transferred: return "Transferred to another service"
        case .withdrawn: return "The person withdrew"
        case nil: return code == NRMFigures.notRecorded ? "Outcome not recorded" : code
        }
    }

    /// A decline reason in words.
    public static func declineLabel(_ code: String) -> String {
        switch DeclineReason(rawValue: code) {
        case .noCapacity: return "No place or capacity"
        case .notEligible: return "The person did not meet the criteria"
        case .personDeclined: return "The person declined the service"
        case .noShow: return "The person did not come"
        case .other: return "Another reason"
        case nil: return code == NRMFigures.notRecorded ? "Reason not recorded" : code
        }
    }

    static func short(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    static func days(_ value: Double?) -> String {
        value.map { short($0) + ($0 == 1 ? " day" : " days") } ?? "not shown"
    }

    static func hours(_ value: Double?) -> String {
        value.map { String(format: "%.1f hours", $0) } ?? "not shown"
    }
}
