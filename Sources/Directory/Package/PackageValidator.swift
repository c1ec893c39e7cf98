import Foundation

/// The outcome of checking a package without importing it.
public struct ValidationReport: Sendable, Codable {
    /// Whether the package has no errors.
    public var valid: Bool
    /// Every problem found.
    public var problems: [PackageProblem]
    /// What the package lacks.
    public var notes: [String]
    /// Rows per table.
    public var counts: [String: Int]
}

/// Checks a package as `waymark validate` does: everything import checks, the profile's
/// rules as errors, and HSDS's UUID identifiers as warnings.
public struct PackageValidator: Sendable {
    /// Creates a validator.
    public init() {}

    /// Validates the package at `folder`.
    public func validate(_ folder: URL) -> ValidationReport {
        var problems = ProblemList()
        var contents = PackageReader().read(folder, problems: &problems)
        let notes = PackageChecker(purpose: .validating).check(&contents, problems: &problems)
        return ValidationReport(valid: !problems.hasErrors, problems: problems.all, notes: notes,
                                counts: contents.counts.filter { $0.value > 0 })
    }
}
