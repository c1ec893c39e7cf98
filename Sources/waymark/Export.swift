import ArgumentParser
import Directory
import Foundation
import Home

/// Writes the directory as an HSDS 3.0 data package to share.
struct Export: HomeCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the directory as an HSDS 3.0 tabular data package.",
        discussion: """
            Writes all 21 HSDS resources, Waymark's extra resources and a datapackage.json into a new folder. \
            Confidential shelter addresses, coordinates and directions are left out unless --include-confidential.

            Example: waymark export ./directory-for-partners
            """)

    @OptionGroup var home: HomeOptions
    @ParentCommand var root: Waymark

    @Argument(help: ArgumentHelp("A new (or empty) folder to write.", valueName: "dir"))
    var dir: String

    @Flag(name: .customLong("include-confidential"), help: "Also write confidential addresses (only for a trusted recipient).")
    var includeConfidential = false

    @Flag(help: "Print the report as one JSON document.")
    var json = false

    func run() throws {
        let home = try openHome()
        let store = try home.openDirectory()
        // Confidential addresses leave only with a coordinator's unlock, and the export is in the access log.
        let cases = includeConfidential && home.hasCaseStore ? try home.openCases() : nil
        try cases?.permit(.exportConfidential)
        let report: ExportReport
        do {
            report = try store.export(to: URL(fileURLWithPath: dir), includeConfidential: includeConfidential)
        } catch let error as ExportError {
            Output.error("waymark export: \(error)")
            throw ExitCode(1)
        }
        try cases?.recordAccess(.export, detail: "directory-with-confidential:\(report.destination)")
        if json { return try Output.json(report) }
        let rows = report.counts.values.reduce(0, +)
        print("Exported \(rows) rows in \(report.counts.count) files to \(report.destination).")
        if report.confidentialLocationsWithheld > 0 {
            print("Withheld the address and coordinates of \(report.confidentialLocationsWithheld) confidential location(s).")
        } else if includeConfidential {
            print("Confidential addresses are INCLUDED: share this folder only with a trusted recipient.")
        }
    }
}
