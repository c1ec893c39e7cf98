import App
import ArgumentParser
import Directory
import Foundation
import Routing

/// Shows who is left out: district × service type × sex × age band with no service in reach.
struct GapsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gaps",
        abstract: "Report, for every district, service type, sex and age band, whether an eligible active service is within reach.",
        discussion: """
            Unmet and conditional cells come first (conditional: only services that require police cooperation,
            a closed facility or formal identification), largest population first. A coordinator's evidence for funding.

            Example: waymark gaps --within 90
            """)

    @OptionGroup var home: HomeOptions

    @Option(help: "The travel limit in minutes.") var within = 120
    @Flag(help: "Print one JSON document with every cell.") var json = false

    func validate() throws {
        if !(1...10_000).contains(within) { throw ValidationError("--within takes minutes from 1 to 10000") }
    }

    func run() throws {
        let store = try home.openDirectory()
        let report = GapReport(try store.snapshot(), withinMinutes: Double(within))
        if json {
            try Output.json(GapsJSON(report))
            return
        }
        let strings = try StringTable.bundled()
        let gaps = report.cells.filter { $0.status != .met }
        let unmet = gaps.filter { $0.status == .unmet }.count
        print("Within \(within) min\(report.travelEstimated ? " (straight-line estimates)" : ""): \(unmet) unmet and \(gaps.count - unmet) conditional of \(report.cells.count) cells.")
        guard !gaps.isEmpty else { return }
        let rows = gaps.map { c in
            [c.status == .unmet ? "UNMET" : "conditional", c.districtName, c.population.map(String.init) ?? "—",
             strings.label(c.serviceType), "\(strings.label(c.sex)) \(c.ageBand.rawValue)"]
        }
        print(Output.table(["STATUS", "DISTRICT", "POPULATION", "SERVICE TYPE", "WHO"], rows, widths: [11, 16, 10, 24, 13]))
    }
}

/// The JSON form of the gap report.
struct GapsJSON: Encodable {
    struct CellJSON: Encodable {
        let district: String, district_name: String, region: String?, population: Int?
        let service_type: String, sex: String, age_band: String, status: String, nearest_minutes: Double?
    }
    let within_minutes: Double
    let travel_estimated: Bool
    let cells: [CellJSON]

    init(_ report: GapReport) {
        within_minutes = report.withinMinutes
        travel_estimated = report.travelEstimated
        cells = report.cells.map {
            CellJSON(district: $0.district, district_name: Sanitized.text($0.districtName), region: $0.region, population: $0.population,
                     service_type: $0.serviceType, sex: $0.sex, age_band: $0.ageBand.rawValue, status: $0.status.rawValue,
                     nearest_minutes: $0.nearestMinutes)
        }
    }
}
