import ArgumentParser
import Directory
import Foundation

/// Checks a package without importing it.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check an HSDS data package against Waymark's profile without importing it.",
        discussion: """
            Lists everything import would refuse or warn about, plus unknown taxonomy codes, hierarchy
            mistakes, impossible ages, unknown P-codes and travel links to nowhere. Warns, naming each service,
            where a service makes assistance conditional on police cooperation, which the law forbids for all but
            residence permits, compensation and the police themselves. Exit 0 when there are no errors
            (warnings allowed), 1 otherwise.

            Example: waymark validate ./national-directory-2026-03
            """)

    @OptionGroup var home: HomeOptions

    @Argument(help: ArgumentHelp("The package folder.", valueName: "path"))
    var path: String

    @Flag(help: "Print the problems as one JSON document.")
    var json = false

    func run() throws {
        let report = PackageValidator().validate(URL(fileURLWithPath: path))
        if json {
            try Output.json(report)
        } else {
            let errors = report.problems.filter { $0.severity == .error }.count
            let warnings = report.problems.count - errors
            print(errors == 0 ? "Valid: no errors, \(warnings) warning\(warnings == 1 ? "" : "s")." :
                    "Not valid: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s").")
            print(ProblemReport.problemLines(report.problems).joined(separator: "\n"))
            if !report.notes.isEmpty {
                print("\nWhat this package lacks:")
                report.notes.forEach { print("  - \($0)") }
            }
        }
        if report.problems.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }
}
