import Foundation

/// What a bundle merge did, or why it refused the bundle's contents.
public struct MergeReport: Sendable, Codable {
    /// The bundle merged.
    public var bundleID: String
    /// Whether this was the first bundle from its publisher (taken in as a replacing import).
    public var firstFromPublisher: Bool
    /// How many field values the merge applied to existing rows.
    public var fieldsApplied: Int
    /// How many rows it created.
    public var rowsCreated: Int
    /// How many rows it removed.
    public var rowsDeleted: Int
    /// Conflicts this merge opened or updated; the local values stay in force.
    public var conflicts: [MergeConflict]
    /// Incoming services that look like ones added here (at most 20, strongest first; each pair once).
    public var duplicates: [PossibleDuplicate]
    /// Errors (any refuses the bundle; nothing is written) and warnings.
    public var problems: [PackageProblem]
    /// Whether the bundle was written.
    public var imported: Bool

    /// The errors.
    public var errors: [PackageProblem] { problems.filter { $0.severity == .error } }

    enum CodingKeys: String, CodingKey {
        case conflicts, duplicates, problems, imported
        case bundleID = "bundle_id", firstFromPublisher = "first_from_publisher", fieldsApplied = "fields_applied"
        case rowsCreated = "rows_created", rowsDeleted = "rows_deleted"
    }
}
