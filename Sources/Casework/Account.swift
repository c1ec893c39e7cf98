import Foundation

/// A worker's account in a home: who they are on every form and log entry, and their role.
///
/// The account's keys (`AccountKeys`) live in its row of `account`; this is what people see.
public struct Account: Sendable, Equatable, Codable {
    /// The stable id the account's keys are bound to (a rename keeps it).
    public var id: String
    /// The name the worker signs in with (`--account`, `$WAYMARK_ACCOUNT`) and forms carry.
    public var name: String
    public var role: Role
    /// The worker's organization as forms print it; nil until set (`waymark account edit`).
    public var organization: String?
    public var organizationId: String?
    public var phone: String?
    public var email: String?
    /// `worker`, or `recovery` for the printed recovery key's slot.
    public var kind: String
    public var createdAt: Date
    public var createdBy: String

    /// The recovery key's account name.
    public static let recoveryName = "recovery"

    /// Whether this is the recovery key's slot rather than a person.
    public var isRecovery: Bool { kind == "recovery" }

    /// The worker as every step, consent, form and log entry names them; refuses until an organization is set.
    public func asOperator() throws(CaseworkError) -> Operator {
        guard let organization else { throw .noOperator }
        var worker = try Operator(name: name, organization: organization, phone: phone, email: email)
        worker.organizationId = organizationId
        return worker
    }

    enum CodingKeys: String, CodingKey {
        case id, name, role, organization, phone, email, kind
        case organizationId = "organization_id", createdAt = "created_at", createdBy = "created_by"
    }

    /// An account name: 1–60 characters of plain text, no spaces at either end, not `recovery`.
    static func checkedName(_ name: String) throws(CaseworkError) -> String {
        let trimmed = try Operator.checked(name, what: "name")
        guard trimmed.count <= 60 else { throw .invalidInput("An account name is at most 60 characters.") }
        guard trimmed.lowercased() != recoveryName else { throw .invalidInput("'recovery' is the recovery key's slot; choose another account name.") }
        return trimmed
    }
}
