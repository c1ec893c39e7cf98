import Foundation
import GRDB

/// A durable solution reached for a person, as stored: return, local integration or resettlement,
/// on a day (DOMAIN.md, "The NRM, in stages": after assistance, return and reintegration, or
/// residence, or resettlement).
///
/// A return is recorded with the person's voluntary decision, and a child's only with a
/// best-interests determination in the child's interest (CoE Convention Art. 16).
public struct DurableSolution: Sendable, Equatable, SnakeCaseRecord {
    public static let databaseTableName = "durable_solution"

    /// The kind of durable solution.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Return to the country of origin (assisted, preferably voluntary), and reintegration there.
        case `return`
        /// Residence and social inclusion where the person is.
        case integration
        /// Resettlement in a third country.
        case resettlement
    }

    public var id: Int64?
    public var caseCode: String
    public var kind: Kind
    /// The day it was reached, `YYYY-MM-DD`.
    public var reachedOn: String
    /// For a return: whether it was the person's own, voluntary decision; nil for the other kinds.
    public var voluntary: Bool?
    /// For a child's return: the best-interests outcome it rests on (`in-the-childs-interest`).
    public var bestInterests: String?
    public var recordedBy: String
    public var recordedByOrganization: String
    public var recordedAt: Date

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The solution in a line, as `case show` lists it.
    public var line: String {
        var text = "\(reachedOn) \(kind.rawValue)"
        if let voluntary { text += voluntary ? " (the person's voluntary decision)" : " (not voluntary)" }
        if let bestInterests { text += ", best interests: \(bestInterests)" }
        return text
    }
}
