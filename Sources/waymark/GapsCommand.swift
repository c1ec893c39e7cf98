import App
import ArgumentParser
import Directory
import Foundation
import Home
import Routing

/// Shows who is left out: district × service type × sex × age band with no service in reach, and
/// the gaps exploitation eligibility, nationality conditions and night hours make.
struct GapsCommand: HomeCommand {
    static let configuration = CommandConfiguration(
        commandName: "gaps",
        abstract: "Report, for every district, who has no eligible active service within reach: by service type, sex and age band, by exploitation type, by nationality, and at night.",
        discussion: """
            Unmet and conditional cells come first (conditional: only services that require a closed facility, \
            formal identification, or police cooperation where the law allows it — residence permits, compensation, \
            the police), largest population first. A service that makes other assistance conditional on police \
            cooperation counts as covering no one (CoE Art. 12(6)).

            Three more kinds of gap, each listed where it leaves out people whom the same services would take \
            otherwise:
              - by exploitation type: shelter, health care, basic needs, psychosocial support, legal help and \
            livelihood for each sex and exploitation type (a service that states no type takes any);
              - by nationality: the same types for a national, and for a foreign national without legal residence \
            (nationals-only, foreign-nationals-only, requires-legal-residence);
              - at night (22:00-06:00 local time): a hotline, shelter, medical care, safe transport and child \
            protection open throughout every night hour of the week (open-24-7 counts; unknown hours do not).
            --json prints every cell of every kind. A coordinator's evidence for funding.

            Example: waymark gaps --within 90
            """)

    @OptionGroup var home: HomeOptions
    @ParentCommand var root: Waymark

    @Option(help: "The travel limit in minutes.") var within = 120
    @Flag(help: "Print one JSON document with every cell.") var json = false

    func validate() throws {
        if !(1...10_000).contains(within) { throw ValidationError("--within takes minutes from 1 to 10000") }
    }

    func run() throws {
        let home = try openHome()
        let store = try home.openDirectory()
        let report = GapReport(try store.snapshot(), withinMinutes: Double(within))
        if json {
            try Output.json(GapsJSON(report))
            return
        }
        print(GapsText(report, strings: try StringTable.bundled()).lines.joined(separator: "\n"))
    }
}

/// The human text of the gap report: the who table, then each further kind where it makes a gap.
struct GapsText {
    let lines: [String]

    init(_ report: GapReport, strings: StringTable) {
        var lines: [String] = []
        func status(_ s: NeedStatus) -> String { s == .unmet ? "UNMET" : "conditional" }
        func people(_ d: GapReport.District) -> String { d.population.map(String.init) ?? "—" }
        func section(_ title: String, _ header: [String], _ rows: [[String]], widths: [Int]) {
            lines.append("")
            lines.append(title)
            if !rows.isEmpty { lines.append(Output.table(header, rows, widths: widths)) }
        }
        let within = "Within \(Int(report.withinMinutes)) min\(report.travelEstimated ? " (straight-line estimates)" : "")"
        let gaps = report.cells.filter { $0.status != .met }
        let unmet = gaps.filter { $0.status == .unmet }.count
        lines.append("\(within): \(unmet) unmet and \(gaps.count - unmet) conditional of \(report.cells.count) cells.")
        if !gaps.isEmpty {
            let rows = gaps.map { c in
                [status(c.status), c.districtName, c.population.map(String.init) ?? "—", strings.label(c.serviceType),
                 "\(strings.label(c.sex)) \(c.ageBand.rawValue)"]
            }
            lines.append(Output.table(["STATUS", "DISTRICT", "POPULATION", "SERVICE TYPE", "WHO"], rows, widths: [11, 16, 10, 24, 13]))
        }
        let exploitation = report.exploitationCells.filter { $0.status.isWorse(than: $0.baseline) }
        section("By exploitation type: \(exploitation.count) cell\(exploitation.count == 1 ? "" : "s") where no service within reach takes the exploitation type, though one takes the same person otherwise.",
                ["STATUS", "DISTRICT", "POPULATION", "SERVICE TYPE", "SEX", "EXPLOITATION"],
                exploitation.map { c in
                    [status(c.status), c.district.name, people(c.district), strings.label(c.serviceType), strings.label(c.sex),
                     strings.label(c.exploitation)]
                }, widths: [11, 16, 10, 22, 6, 22])
        let nationality = report.nationalityCells.filter { $0.status.isWorse(than: $0.baseline) }
        section("By nationality: \(nationality.count) cell\(nationality.count == 1 ? "" : "s") where nationality or residence conditions leave the person without a service within reach.",
                ["STATUS", "DISTRICT", "POPULATION", "SERVICE TYPE", "WHO"],
                nationality.map { c in
                    [status(c.status), c.district.name, people(c.district), strings.label(c.serviceType),
                     c.nationality == .national ? "a national" : "a foreign national without legal residence"]
                }, widths: [11, 16, 10, 24, 42])
        let night = report.nightCells.filter { $0.status.isWorse(than: $0.baseline) }
        section("At night (22:00-06:00 local time): \(night.count) cell\(night.count == 1 ? "" : "s") where a service exists but none within reach is open every night hour.",
                ["STATUS", "DISTRICT", "POPULATION", "SERVICE TYPE", "WHO", "NIGHT HOURS NOT COVERED"],
                night.map { c in
                    let spans = c.uncovered.spans
                    let hours = c.uncovered.isAll ? "all 56 h"
                        : "\(c.uncovered.count) h: \(spans.first ?? "")\(spans.count > 1 ? " and \(spans.count - 1) more" : "")"
                    return [status(c.status), c.district.name, people(c.district), strings.label(c.serviceType),
                            "\(strings.label(c.sex)) \(c.ageBand.rawValue)", hours]
                }, widths: [11, 16, 10, 18, 13, 40])
        self.lines = lines
    }
}

/// The JSON form of the gap report.
struct GapsJSON: Encodable {
    struct CellJSON: Encodable {
        let district: String, district_name: String, region: String?, population: Int?
        let service_type: String, sex: String, age_band: String, status: String, nearest_minutes: Double?
    }
    struct ExploitationJSON: Encodable {
        let district: String, district_name: String, region: String?, population: Int?
        let service_type: String, sex: String, exploitation: String, status: String, baseline: String, nearest_minutes: Double?
    }
    struct NationalityJSON: Encodable {
        let district: String, district_name: String, region: String?, population: Int?
        let service_type: String, nationality: String, status: String, baseline: String, nearest_minutes: Double?
    }
    struct NightJSON: Encodable {
        let district: String, district_name: String, region: String?, population: Int?
        let service_type: String, sex: String, age_band: String, status: String, baseline: String
        let uncovered_hours: Int, uncovered: [String]
    }
    let within_minutes: Double
    let travel_estimated: Bool
    let cells: [CellJSON]
    let exploitation_types_for: [String]
    let exploitation_cells: [ExploitationJSON]
    let nationality_cells: [NationalityJSON]
    let night_types_for: [String]
    let night_cells: [NightJSON]

    init(_ report: GapReport) {
        within_minutes = report.withinMinutes
        travel_estimated = report.travelEstimated
        cells = report.cells.map {
            CellJSON(district: $0.district, district_name: Sanitized.text($0.districtName), region: $0.region, population: $0.population,
                     service_type: $0.serviceType, sex: $0.sex, age_band: $0.ageBand.rawValue, status: $0.status.rawValue,
                     nearest_minutes: $0.nearestMinutes)
        }
        exploitation_types_for = GapReport.assistanceTypes
        exploitation_cells = report.exploitationCells.map {
            ExploitationJSON(district: $0.district.pcode, district_name: Sanitized.text($0.district.name), region: $0.district.region,
                             population: $0.district.population, service_type: $0.serviceType, sex: $0.sex, exploitation: $0.exploitation,
                             status: $0.status.rawValue, baseline: $0.baseline.rawValue, nearest_minutes: $0.nearestMinutes)
        }
        nationality_cells = report.nationalityCells.map {
            NationalityJSON(district: $0.district.pcode, district_name: Sanitized.text($0.district.name), region: $0.district.region,
                            population: $0.district.population, service_type: $0.serviceType, nationality: $0.nationality.rawValue,
                            status: $0.status.rawValue, baseline: $0.baseline.rawValue, nearest_minutes: $0.nearestMinutes)
        }
        night_types_for = GapReport.nightTypes
        night_cells = report.nightCells.map {
            NightJSON(district: $0.district.pcode, district_name: Sanitized.text($0.district.name), region: $0.district.region,
                      population: $0.district.population, service_type: $0.serviceType, sex: $0.sex, age_band: $0.ageBand.rawValue,
                      status: $0.status.rawValue, baseline: $0.baseline.rawValue, uncovered_hours: $0.uncovered.count,
                      uncovered: $0.uncovered.spans)
        }
    }
}
