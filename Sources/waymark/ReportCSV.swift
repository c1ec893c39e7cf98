import Casework
import Directory
import Foundation

/// The report as CSV: one row per figure and cell, for a spreadsheet.
///
/// Columns `figure,category,sex,age_band,value`. `figure` is the JSON key; `category` the code
/// a table counts (a status, a stage, an outcome, a reason, a need), empty for a single number;
/// `sex` and `age_band` are `all` for the whole, else the cell's; `value` is a number, `<5`,
/// `suppressed`, or empty for a median of fewer than 5 people. Written through CSV.swift with
/// formula escaping (`CSVText`).
enum ReportCSV {
    static let header = ["figure", "category", "sex", "age_band", "value"]

    /// The CSV text of a report.
    static func text(_ report: CaseReport) throws -> String {
        try CSVText.text(header: header, rows: rows(report))
    }

    /// The rows: the report's totals first, then the figures by sex and age band, in the JSON's key names.
    static func rows(_ report: CaseReport) -> [[String]] {
        var rows: [[String]] = []
        let all = ["all", "all"]
        func cell(_ cell: ReportCell) -> [String] { [cell.sex, cell.ageBand] }
        func count(_ figure: String, _ value: CaseReport.Count) { rows.append([figure, ""] + all + [value.description]) }
        func table(_ figure: String, _ counts: ReportTable, _ place: [String] = ["all", "all"]) {
            for (code, value) in counts { rows.append([figure, code] + place + [value.description]) }
        }
        func median(_ value: Double?) -> String { value.map { String(($0 * 10).rounded() / 10) } ?? "" }
        func tableFigure(_ name: String, _ figure: ReportFigure<ReportTable>) {
            table(name, figure.total)
            for (place, counts) in figure.bySexAndAgeBand { table(name, counts, cell(place)) }
        }
        func medianFigure(_ name: String, _ figure: ReportFigure<Double?>) {
            rows.append([name, ""] + all + [median(figure.total)])
            for (place, value) in figure.bySexAndAgeBand { rows.append([name, ""] + cell(place) + [median(value)]) }
        }

        count("cases_opened", report.cases)
        count("referrals", report.referrals)
        count("overrides", report.overrides)
        count("anonymous_notifications", report.anonymousNotifications)
        table("by_status", report.byStatus)
        for (key, value) in report.byStatusSexAge {
            let parts = key.components(separatedBy: " / ")
            rows.append(["by_status_sex_age_band", parts.first ?? key] + (parts.count == 3 ? Array(parts[1...]) : all) + [value.description])
        }
        table("by_identification_channel", report.byChannel)
        table("by_referring_organization", report.byReferringOrganization)
        table("by_receiving_organization", report.byReceivingOrganization)
        rows.append(["first_contact_to_handoff_hours", ""] + all + [median(report.medianHoursContactToHandoff)])
        rows.append(["handoff_to_acknowledgement_hours", ""] + all + [median(report.medianHoursHandoffToAcknowledgement)])
        rows.append(["handoff_to_service_start_hours", ""] + all + [median(report.medianHoursHandoffToServiceStart)])

        let nrm = report.nrm
        tableFigure("cases_by_stage", nrm.casesByStage)
        medianFigure("median_days_to_reasonable_grounds", nrm.medianDaysToReasonableGrounds)
        medianFigure("median_days_to_conclusive_grounds", nrm.medianDaysToConclusiveGrounds)
        count("recovery_periods_ended_without_decision", nrm.recoveryPeriodsEndedWithoutDecision.total)
        for (place, value) in nrm.recoveryPeriodsEndedWithoutDecision.bySexAndAgeBand {
            rows.append(["recovery_periods_ended_without_decision", ""] + cell(place) + [value.description])
        }
        tableFigure("referrals_by_outcome", nrm.referralsByOutcome)
        tableFigure("declines_by_reason", nrm.declinesByReason)
        medianFigure("median_hours_decline_to_replacement", nrm.medianHoursDeclineToReplacement)
        tableFigure("unmet_needs", nrm.unmetNeeds)
        tableFigure("conditional_needs", nrm.conditionalNeeds)
        return rows
    }
}
