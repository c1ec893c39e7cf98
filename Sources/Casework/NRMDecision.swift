import Foundation
import GRDB

/// A competent authority's decision on whether a person is a victim of trafficking, as stored.
///
/// The stage (reasonable grounds, then conclusive grounds), the outcome, who decided (an
/// official's name and the kind of authority) and on which day. The authority's own reference
/// may identify the person: it is sealed under the case key. A negative decision never closes
/// assistance by itself.
public struct NRMDecision: Sendable, Equatable, SnakeCaseRecord {
    public static let databaseTableName = "nrm_decision"

    /// The NRM stage a decision belongs to.
    public enum Stage: String, Sendable, Codable, CaseIterable {
        /// A low threshold: the person is a presumed victim from then on.
        case reasonableGrounds = "reasonable-grounds"
        /// Formal identification by the competent authority.
        case conclusiveGrounds = "conclusive-grounds"
    }

    /// The decision's outcome.
    public enum Outcome: String, Sendable, Codable, CaseIterable {
        case positive, negative
    }

    /// The kind of authority that decided (HTCDS `vic_TraffickingStatusDecisionMakingOrg`).
    public enum Authority: String, Sendable, Codable, CaseIterable {
        case police, ngo
        case courtOrProsecution = "court-or-prosecution"
        case nonPoliceGovernment = "non-police-government"
        case other

        /// The HTCDS picklist value.
        public var htcds: String {
            switch self {
            case .police: return "Police"
            case .ngo: return "NGO"
            case .courtOrProsecution: return "CourtOrProsecution"
            case .nonPoliceGovernment: return "NonPoliceGovernmentalOrganization"
            case .other: return "Other"
            }
        }

        /// In words, for the printed form.
        public var words: String {
            switch self {
            case .police: return "police"
            case .ngo: return "NGO"
            case .courtOrProsecution: return "court or prosecution"
            case .nonPoliceGovernment: return "non-police government body"
            case .other: return "other authority"
            }
        }
    }

    public var id: Int64?
    public var caseCode: String
    public var stage: Stage
    public var outcome: Outcome
    /// The official who decided (a name, not the person's).
    public var decidedBy: String
    public var authorityType: Authority
    /// The day of the decision, `YYYY-MM-DD`.
    public var decidedOn: String
    /// For a negative decision: a review or an appeal is pending, so it does not yet say "not a victim".
    public var reviewPending: Bool
    /// The authority's reference, sealed under the case key; nil when none was given or the case was erased.
    var referenceSealed: Data?
    public var recordedBy: String
    public var recordedByOrganization: String
    public var recordedAt: Date

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The decision in a line, as `case show` lists it.
    public var line: String {
        "\(decidedOn) \(stage.rawValue) \(outcome.rawValue) — \(decidedBy) (\(authorityType.words))" + (reviewPending ? ", review or appeal pending" : "")
    }
}
