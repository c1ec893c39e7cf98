import App
import ArgumentParser
import Casework
import Directory
import Foundation
import Home

/// The coordinator's indicators: referrals by status, sex, age band, channel and organization; the NRM figures.
struct ReportCommand: HomeCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Indicators for coordinators: referrals by status, sex, age band, channel and organization; NRM stages; median times; unmet needs.",
        discussion: """
            Counts under 5 are shown as <5, so that nobody can be picked out of a small group; \
            medians of fewer than 5 people are not shown. The NRM figures (cases by stage, days \
            to each decision, recovery periods that ran out, referral outcomes, declines and \
            their replacements, unmet needs) are given by sex and age band too.

            --format summary prints one page to paste into a monthly report; --format csv one \
            row per figure and cell (figure,category,sex,age_band,value).

            Example: waymark report --from 2026-01-01 --to 2026-01-31 --format summary
            """)

    @OptionGroup var home: HomeOptions
    @ParentCommand var root: Waymark
    @Option(help: ArgumentHelp("From this date (inclusive).", valueName: "YYYY-MM-DD")) var from: String?
    @Option(help: ArgumentHelp("To this date (inclusive).", valueName: "YYYY-MM-DD")) var to: String?
    @Option(help: "text, json, csv (one row per figure and cell) or summary (one page for a monthly report).")
    var format: ReportFormat?
    @Flag(help: "Print one JSON document (the same as --format json).") var json = false

    /// The format asked for: `--format`, or json for `--json`, or text.
    var chosenFormat: ReportFormat { format ?? (json ? .json : .text) }

    func validate() throws {
        if json, let format, format != .json {
            throw ValidationError("--json and --format \(format.rawValue) ask for two formats: give one.")
        }
        for (name, value) in [("--from", from), ("--to", to)] {
            if let value, DateArgument.parse(value) == nil { throw ValidationError("\(name) '\(Sanitized.short(value))' is not a date like 2026-03-31") }
        }
    }

    func run() throws {
        let home = try openHome()
        let store = try home.openCases()
        let start = from.flatMap(DateArgument.parse)
        // --to names a day: include all of it.
        let end = to.flatMap(DateArgument.parse).map { to?.count == 10 ? $0.addingTimeInterval(86_399) : $0 }
        let report = try store.report(from: start, to: end)
        switch chosenFormat {
        case .json: print(Output.escapingTerminalControls(String(decoding: try ReportJSON.data(report), as: UTF8.self)))
        case .text: print(ReportJSON.text(report))
        case .csv: print(Sanitized.multiline(try ReportCSV.text(report)), terminator: "")
        case .summary:
            let strings = try StringTable.bundled()
            print(Sanitized.multiline(ReportSummary.text(report, needLabel: strings.label)))
        }
    }
}

/// The report as JSON and as text.
enum ReportJSON {
    static func data(_ report: CaseReport) throws -> Data {
        func table(_ rows: [(String, CaseReport.Count)]) -> [String: Any] {
            Dictionary(rows.map { ($0.0, $0.1.json) }, uniquingKeysWith: { a, _ in a })
        }
        let iso = ISO8601DateFormatter()
        var document: [String: Any] = [
            "cases_opened": report.cases.json, "referrals": report.referrals.json,
            "by_status": table(report.byStatus), "by_status_sex_age_band": table(report.byStatusSexAge), "by_sex": table(report.bySex), "by_age_band": table(report.byAgeBand),
            "by_identification_channel": table(report.byChannel), "by_referring_organization": table(report.byReferringOrganization),
            "by_receiving_organization": table(report.byReceivingOrganization),
            "unmet_needs": table(report.unmetNeeds), "conditional_needs": table(report.conditionalNeeds),
            "overrides": report.overrides.json, "anonymous_notifications": report.anonymousNotifications.json,
            "suppressed_below": CaseReport.Count.threshold,
        ]
        var medians: [String: Any] = [:]
        medians["first_contact_to_handoff_hours"] = report.medianHoursContactToHandoff.map { ($0 * 10).rounded() / 10 } ?? NSNull()
        medians["handoff_to_acknowledgement_hours"] = report.medianHoursHandoffToAcknowledgement.map { ($0 * 10).rounded() / 10 } ?? NSNull()
        medians["handoff_to_service_start_hours"] = report.medianHoursHandoffToServiceStart.map { ($0 * 10).rounded() / 10 } ?? NSNull()
        document["medians"] = medians
        // The NRM figures: a table keeps its counts by code, as `unmet_needs` always has, and adds
        // `by_sex_and_age_band`; a single number is `total` beside `by_sex_and_age_band`.
        let nrm = report.nrm
        func tableFigure(_ figure: ReportFigure<ReportTable>) -> [String: Any] {
            var object = table(figure.total)
            object["by_sex_and_age_band"] = Dictionary(figure.bySexAndAgeBand.map { ($0.cell.description, table($0.value)) },
                                                       uniquingKeysWith: { a, _ in a })
            return object
        }
        func countFigure(_ figure: ReportFigure<CaseReport.Count>) -> [String: Any] {
            ["total": figure.total.json,
             "by_sex_and_age_band": Dictionary(figure.bySexAndAgeBand.map { ($0.cell.description, $0.value.json) }, uniquingKeysWith: { a, _ in a })]
        }
        func medianFigure(_ figure: ReportFigure<Double?>) -> [String: Any] {
            func value(_ median: Double?) -> Any { median.map { ($0 * 10).rounded() / 10 } ?? NSNull() }
            return ["total": value(figure.total),
                    "by_sex_and_age_band": Dictionary(figure.bySexAndAgeBand.map { ($0.cell.description, value($0.value)) }, uniquingKeysWith: { a, _ in a })]
        }
        document["cases_by_stage"] = tableFigure(nrm.casesByStage)
        document["median_days_to_reasonable_grounds"] = medianFigure(nrm.medianDaysToReasonableGrounds)
        document["median_days_to_conclusive_grounds"] = medianFigure(nrm.medianDaysToConclusiveGrounds)
        document["recovery_periods_ended_without_decision"] = countFigure(nrm.recoveryPeriodsEndedWithoutDecision)
        document["referrals_by_outcome"] = tableFigure(nrm.referralsByOutcome)
        document["declines_by_reason"] = tableFigure(nrm.declinesByReason)
        document["median_hours_decline_to_replacement"] = medianFigure(nrm.medianHoursDeclineToReplacement)
        document["unmet_needs"] = tableFigure(nrm.unmetNeeds)
        document["conditional_needs"] = tableFigure(nrm.conditionalNeeds)
        document["as_of"] = iso.string(from: report.asOf)
        if let from = report.from { document["from"] = iso.string(from: from) }
        if let to = report.to { document["to"] = iso.string(from: to) }
        return try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    static func text(_ report: CaseReport) -> String {
        var lines = ["Cases opened: \(report.cases)   Referrals: \(report.referrals)   Overrides: \(report.overrides)   "
                        + "Anonymous notifications: \(report.anonymousNotifications)"]
        func section(_ title: String, _ rows: [(String, CaseReport.Count)]) {
            lines.append("")
            lines.append(title)
            if rows.isEmpty { lines.append("  none") }
            for (name, count) in rows { lines.append("  " + DisplayTextPad.pad(Sanitized.text(name), 40) + "  \(count)") }
        }
        section("By status", report.byStatus)
        section("People referred, by status, sex and age band", report.byStatusSexAge)
        section("People referred, by sex", report.bySex)
        section("People referred, by age band", report.byAgeBand)
        section("People referred, by identification channel", report.byChannel)
        section("By referring organization", report.byReferringOrganization)
        section("By receiving organization", report.byReceivingOrganization)
        section("Needs nobody could meet (recorded by route --case)", report.unmetNeeds)
        section("Needs met only with a condition", report.conditionalNeeds)
        let nrm = report.nrm
        func figure(_ title: String, _ figure: ReportFigure<ReportTable>, total: Bool = true) {
            section(title, total ? figure.total : [])
            if !total, !figure.bySexAndAgeBand.isEmpty { lines.removeLast() }
            for (cell, rows) in figure.bySexAndAgeBand {
                for (name, count) in rows { lines.append("  " + DisplayTextPad.pad(Sanitized.text("\(cell) / \(name)"), 40) + "  \(count)") }
            }
        }
        figure("Cases opened, by NRM stage (then by sex / age band / stage)", nrm.casesByStage)
        section("Recovery periods that ended with no conclusive decision (total, then by sex / age band)",
                [("all", nrm.recoveryPeriodsEndedWithoutDecision.total)] + nrm.recoveryPeriodsEndedWithoutDecision.bySexAndAgeBand.map { ($0.cell.description, $0.value) })
        figure("Closed referrals, by outcome (then by sex / age band / outcome)", nrm.referralsByOutcome)
        figure("Declined referrals, by reason (then by sex / age band / reason)", nrm.declinesByReason)
        figure("Needs nobody could meet, by sex / age band / need", nrm.unmetNeeds, total: false)
        figure("Needs met only with a condition, by sex / age band / need", nrm.conditionalNeeds, total: false)
        func hours(_ value: Double?) -> String { value.map { String(format: "%.1f h", $0) } ?? "fewer than 5, not shown" }
        lines.append("")
        lines.append("Median time, first contact → hand-off: \(hours(report.medianHoursContactToHandoff))")
        lines.append("Median time, hand-off → acknowledgement: \(hours(report.medianHoursHandoffToAcknowledgement))")
        lines.append("Median time, hand-off → service start: \(hours(report.medianHoursHandoffToServiceStart))")
        lines.append("Median time, a decline → the referral made in its place: \(hours(nrm.medianHoursDeclineToReplacement.total))")
        func days(_ value: Double?) -> String { value.map { String(format: "%.1f days", $0) } ?? "fewer than 5, not shown" }
        for (title, figure) in [("first contact → reasonable grounds", nrm.medianDaysToReasonableGrounds),
                                ("first contact → conclusive grounds", nrm.medianDaysToConclusiveGrounds)] {
            lines.append("Median time, \(title): \(days(figure.total))")
            for (cell, value) in figure.bySexAndAgeBand { lines.append("  \(cell): \(days(value))") }
        }
        lines.append("")
        lines.append("Counts under 5 are shown as <5; a count that would let one of them be worked out, from a total or another")
        lines.append("group, is shown as \"suppressed\". Medians of fewer than 5 are not shown.")
        return lines.joined(separator: "\n")
    }
}

/// Pads text to a display width.
enum DisplayTextPad {
    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? String(text.prefix(width)) : text + String(repeating: " ", count: width - text.count)
    }
}
