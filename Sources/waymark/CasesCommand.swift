import ArgumentParser
import Casework
import Foundation
import Home

/// Lists the home's cases that need attention.
struct CasesCommand: HomeCommand {
    static let configuration = CommandConfiguration(
        commandName: "cases",
        abstract: "List cases: with --due, those whose recovery and reflection period ends within 7 days.",
        discussion: "Example: waymark cases --due --json")

    @OptionGroup var home: HomeOptions
    @ParentCommand var root: Waymark
    @Flag(help: "Only the cases whose recovery and reflection period ends within 7 days.") var due = false
    @Flag(help: "Print one JSON document.") var json = false

    struct CaseDueJSON: Encodable {
        let case_code: String
        let recovery_period_ends_on: String?
        let trafficking_status: String?
    }

    func run() throws {
        let home = try openHome()
        let store = try home.openCases()
        let rows: [(code: String, ends: String?, status: String?)]
        if due {
            rows = try store.casesDue().map { ($0.file.code, $0.standing.recoveryPeriodEnds, $0.standing.traffickingStatus) }
        } else {
            rows = try store.cases().filter { $0.erasedAt == nil }.map { file in
                let standing = try store.standing(of: file.code)
                return (file.code, standing.recoveryPeriodEnds, standing.traffickingStatus)
            }
        }
        if json {
            try Output.json(["cases": rows.map { CaseDueJSON(case_code: $0.code, recovery_period_ends_on: $0.ends, trafficking_status: $0.status) }])
            return
        }
        guard !rows.isEmpty else {
            print(due ? "No recovery and reflection period ends within 7 days." : "No cases yet.")
            return
        }
        print(Output.table(["CASE", "PERIOD ENDS", "STATUS"], rows.map { [$0.code, $0.ends ?? "—", $0.status ?? "—"] }, widths: [12, 12, 30]))
    }
}
