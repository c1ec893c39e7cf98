import Foundation

/// The outcome of checking a package without importing it.
public struct ValidationReport: Sendable, Codable {
    /// Whether the package has no errors.
    public var valid: Bool
    /// The problems found, at most `ProblemList.defaultLimit` of a kind per file; a line
    /// with `omitted` set stands for the rest.
    public var problems: [PackageProblem]
    /// What the package lacks.
    public var notes: [String]
    /// Rows per table.
    public var counts: [String: Int]

    /// How many errors were found, those not listed included.
    public var errorCount: Int { problems.filter { $0.severity == .error }.reduce(0) { $0 + $1.weight } }
    /// How many warnings were found, those not listed included.
    public var warningCount: Int { problems.filter { $0.severity == .warning }.reduce(0) { $0 + $1.weight } }
}

/// Checks a package as `waymark validate` does: everything import checks, the profile's
/// rules as errors, and HSDS's UUID identifiers as warnings.
public struct PackageValidator: Sendable {
    /// The largest file read, in bytes.
    public let maxFileSize: Int64
    /// How many problems of one kind are kept per file.
    public let problemLimit: Int

    /// Creates a validator.
    public init(maxFileSize: Int64 = PackageReader.defaultMaxFileSize, problemLimit: Int = ProblemList.defaultLimit) {
        self.maxFileSize = maxFileSize
        self.problemLimit = problemLimit
    }

    /// Validates the package at `folder`.
    public func validate(_ folder: URL) -> ValidationReport {
        var problems = ProblemList(limit: problemLimit)
        var contents = PackageReader(maxFileSize: maxFileSize).read(folder, problems: &problems)
        guard contents.isFolder else { return ValidationReport(valid: false, problems: problems.all, notes: [], counts: [:]) }
        let notes = PackageChecker(purpose: .validating).check(&contents, problems: &problems)
        return ValidationReport(valid: !problems.hasErrors, problems: problems.all, notes: notes,
                                counts: contents.counts.filter { $0.value > 0 })
    }
}
