import ArgumentParser
import Directory
import Foundation
import Home

/// Checks a package without importing it.
struct Validate: HomeCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check an HSDS data package against Waymark's profile without importing it.",
        discussion: """
            Lists everything import would refuse or warn about, plus unknown taxonomy codes, hierarchy \
            mistakes, impossible ages, unknown P-codes and travel links to nowhere. Warns, naming each service, \
            where a service makes assistance conditional on police cooperation, which the law forbids for all but \
            residence permits, compensation and the police themselves. At most 100 problems of one kind are \
            listed per file, then a line counting the rest. Files are streamed; a file larger than --max-file-size \
            (2 GiB by default), a symbolic link, a FIFO or a device inside the package is refused by name. \
            Exit 0 when there are no errors (warnings allowed), 1 otherwise.

            Example: waymark validate ./national-directory-2026-03
            """)

    @OptionGroup var home: HomeOptions
    @ParentCommand var root: Waymark

    @Argument(help: ArgumentHelp("The package folder.", valueName: "path"))
    var path: String

    @Flag(help: "Print the problems as one JSON document.")
    var json = false

    @OptionGroup var limits: PackageLimits

    func run() throws {
        let report = PackageValidator(maxFileSize: limits.maxFileSize).validate(URL(fileURLWithPath: path))
        if json {
            try Output.json(report)
        } else {
            let errors = report.errorCount
            let warnings = report.warningCount
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

/// The limits on what a package may hold, shared by validate and import.
struct PackageLimits: ParsableArguments {
    @Option(name: .customLong("max-file-size"),
            help: ArgumentHelp("Refuse a package file larger than this (e.g. 500MiB, 4GiB).", valueName: "size"),
            transform: { text in
                guard let size = PackageLimits.size(text) else {
                    throw ValidationError("'\(text)' is not a size: write a number of bytes, or e.g. 500MiB or 4GiB")
                }
                return size
            })
    var maxFileSize: Int64 = PackageReader.defaultMaxFileSize

    static func size(_ text: String) -> Int64? { PackageReader.parseSize(text) }
}
