import ArgumentParser
import Casework
import Directory
import Foundation
import Home

/// The coordinator's indicators: referrals by status, sex, age band, channel and organization.
struct ReportCommand: HomeCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Indicators for coordinators: referrals by status, sex, age band, channel and organization; median times; unmet needs.",
        discussion: """
            Counts under 5 are shown as <5, so that nobody can be picked out of a small group.

            Example: waymark report --from 2026-01-01 --to 2026-03-31 --json
            """)

    @OptionGroup var home: HomeOptions
    @ParentCommand var root: Waymark
    @Option(help: ArgumentHelp("From this date (inclusive).", valueName: "YYYY-MM-DD")) var from: String?
    @Option(help: ArgumentHelp("To this date (inclusive).", valueName: "YYYY-MM-DD")) var to: String?
    @Flag(help: "Print one JSON document.") var json = false

    func validate() throws {
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
        if json {
            print(Output.escapingTerminalControls(String(decoding: try ReportJSON.data(report), as: UTF8.self)))
        } else {
            print(ReportJSON.text(report))
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
        func hours(_ value: Double?) -> String { value.map { String(format: "%.1f h", $0) } ?? "fewer than 5, not shown" }
        lines.append("")
        lines.append("Median time, first contact → hand-off: \(hours(report.medianHoursContactToHandoff))")
        lines.append("Median time, hand-off → acknowledgement: \(hours(report.medianHoursHandoffToAcknowledgement))")
        lines.append("Median time, hand-off → service start: \(hours(report.medianHoursHandoffToServiceStart))")
        lines.append("")
        lines.append("Counts under 5 are shown as <5; where a table has only one, the next smallest is shown as \"suppressed\",")
        lines.append("so that it cannot be worked out from the total. Medians of fewer than 5 are not shown.")
        return lines.joined(separator: "\n")
    }
}

/// Pads text to a display width.
enum DisplayTextPad {
    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? String(text.prefix(width)) : text + String(repeating: " ", count: width - text.count)
    }
}
