import ArgumentParser
import Directory
import Exchange
import Foundation
import Home
import Terminal

/// Imports an HSDS 3.0 data package into the home's directory.
struct Import: HomeCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import an HSDS 3.0 tabular data package (a folder with datapackage.json and CSV files).",
        discussion: """
            A signed bundle (a folder with waymark-bundle.json) is verified first: every file against the signed manifest, \
            the key against the trust list (--trust-new trusts an unknown key after you compared its fingerprint by phone), \
            and its sequence above the last one imported from the publisher; then it is merged field by field against \
            the publisher's previous bundle, and fields both sides changed become conflicts (`waymark conflicts`). \
            A plain package imports with the warning "unsigned", or is refused when `waymark trust require on`.

            The whole package is checked first; any error refuses it and the directory stays exactly as it was. \
            By default the package replaces the directory (services it no longer lists are kept as tombstones, \
            so old referrals still resolve); --merge replaces only the entities it contains. A replacing import into a home \
            with edits or verifications made since the last import refuses and lists them: keep them with --merge, or \
            drop them with --discard-local-changes. Files are streamed and \
            at most 100 problems of one kind are listed per file; a file larger than --max-file-size (2 GiB by \
            default), a symbolic link, a FIFO or a device inside the package refuses it.

            Example: waymark import ./national-directory-2026-03
            """)

    @OptionGroup var home: HomeOptions
    @ParentCommand var root: Waymark

    @Argument(help: ArgumentHelp("The package folder.", valueName: "path"))
    var path: String

    @Flag(name: .customLong("dry-run"), help: "Check and report without writing anything.")
    var dryRun = false

    @Flag(help: "Replace each incoming entity (with its dependent rows) instead of the whole directory.")
    var merge = false

    @Flag(name: .customLong("discard-local-changes"),
          help: "Let a replacing import drop the edits and verifications made here since the last import.")
    var discardLocalChanges = false

    @Flag(help: "Print the report as one JSON document.")
    var json = false

    @Flag(name: .customLong("trust-new"),
          help: "Trust a bundle's unknown signing key (compare its fingerprint with the publisher by phone first).")
    var trustNew = false

    @OptionGroup var limits: PackageLimits

    func run() throws {
        let home = try openHome()
        if BundleVerifier.isBundle(URL(fileURLWithPath: path)) { return try importBundle(home) }
        if trustNew { throw ValidationError("--trust-new is for signed bundles; \(path) has no waymark-bundle.json") }
        try checkUnsigned(home)
        // Importing into a new home imports just this package: no sample is seeded first.
        let store = try home.openDirectory(seeded: false)
        var options = ImportOptions(mode: merge ? .merge : .replace, dryRun: dryRun, maxFileSize: limits.maxFileSize)
        options.discardLocalChanges = discardLocalChanges
        options.author = try EditorAccess.coordinator(home, for: .importDirectory).map(EditorAccess.author)
        let report = try store.importPackage(at: URL(fileURLWithPath: path), options: options)
        if json {
            try Output.json(report)
        } else {
            print(ProblemReport.importText(report))
        }
        if !report.errors.isEmpty { throw ExitCode(1) }
    }
}

/// Human text for import and validation reports.
enum ProblemReport {
    static func importText(_ report: ImportReport) -> String {
        var lines: [String] = []
        let refused = !report.errors.isEmpty
        if refused {
            lines.append("Refused: \(report.errorCount) error\(report.errorCount == 1 ? "" : "s"); the directory was not changed.")
        } else if report.dryRun {
            lines.append("Dry run: the package would import (\(report.mode.rawValue)); nothing was written.")
        } else {
            lines.append("Imported (\(report.mode.rawValue)) from \(report.source).")
        }
        if !refused {
            lines.append("")
            lines.append("Rows per table:")
            for (table, count) in report.counts.sorted(by: { $0.key < $1.key }) {
                lines.append("  \(DisplayText.fit(table, toWidth: 26))\(count)")
            }
            if report.tombstoned > 0 { lines.append("  services removed (kept as tombstones): \(report.tombstoned)") }
        }
        lines.append(contentsOf: problemLines(report.problems))
        if !report.notes.isEmpty {
            lines.append("")
            lines.append("What this package lacks:")
            lines.append(contentsOf: report.notes.map { "  - \($0)" })
        }
        return lines.joined(separator: "\n")
    }

    static func problemLines(_ problems: [PackageProblem]) -> [String] {
        var lines: [String] = []
        let errors = problems.filter { $0.severity == .error }
        let warnings = problems.filter { $0.severity == .warning }
        if !errors.isEmpty {
            lines.append("")
            lines.append("Errors:")
            lines.append(contentsOf: errors.map { "  \(Sanitized.text($0.description))" })
        }
        if !warnings.isEmpty {
            lines.append("")
            lines.append("Warnings:")
            lines.append(contentsOf: warnings.map { "  \(Sanitized.text($0.description))" })
        }
        return lines
    }
}
