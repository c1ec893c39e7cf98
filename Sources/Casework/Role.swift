import Foundation

/// What a worker's account may do: the keys its slot holds follow from it, so a role holds
/// outside Waymark too (a supervisor's slot has no data key to open identifying data with).
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    /// Searches, routes and works cases (identifying data included).
    case responder
    /// A responder who also keeps the directory, bundles, trust, keys and accounts.
    case coordinator
    /// Reads reports and verifies the logs; opens no identifying data.
    case supervisor

    /// Whether the role's slot holds the data key (identifying data).
    public var holdsDataKey: Bool { self != .supervisor }
    /// Whether the role's slot holds the coordinator key (the publisher and referral private keys).
    public var holdsCoordinatorKey: Bool { self == .coordinator }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The role a command-line word names; nil for any other word.
    public init?(word: String) { self.init(rawValue: word.lowercased()) }
}

/// An action the domain checks the signed-in account's role for, with the roles that may do it.
///
/// The table the README prints is this enum: one place says who may do what, and every refusal
/// (CLI and UI alike) names the role it needs.
public enum WorkerAction: String, Sendable, CaseIterable {
    case workCases = "work cases"
    case readIdentifyingData = "open a person's identifying data"
    case emergencyOverride = "use the emergency override"
    case sendEnvelope = "send or receive a referral envelope"
    case editDirectory = "edit the directory"
    case importDirectory = "import a directory"
    case exportConfidential = "export confidential addresses"
    case bundles = "make or import a bundle"
    case trust = "change the trust list"
    case keys = "manage the organization's keys"
    case accounts = "manage accounts"
    case eraseCase = "erase a case"
    case acceptSOP = "accept the home's SOP files"
    case backup = "back up or restore the home"
    case readReports = "read reports"
    case verifyLogs = "verify the logs"
    case repairLogs = "repair the logs"
    case readAccessLog = "read the access log"

    /// The roles allowed to take this action.
    public var roles: [Role] {
        switch self {
        case .workCases, .readIdentifyingData, .emergencyOverride:
            return [.responder, .coordinator]
        case .sendEnvelope, .editDirectory, .importDirectory, .exportConfidential, .bundles, .trust, .keys, .accounts, .eraseCase,
             .acceptSOP, .backup, .repairLogs:
            return [.coordinator]
        case .readReports, .verifyLogs:
            return [.responder, .coordinator, .supervisor]
        case .readAccessLog:
            return [.coordinator, .supervisor]
        }
    }

    /// Whether `role` may take this action.
    public func allows(_ role: Role) -> Bool { roles.contains(role) }

    /// "a coordinator", "a responder or a coordinator".
    public var rolesText: String {
        roles.map { "a \($0.rawValue)" }.joined(separator: " or ")
    }
}
