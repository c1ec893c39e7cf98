import Directory
import Foundation

/// The person working this home's cases: named on every step, consent, form and log entry.
public struct Operator: Sendable, Equatable, Codable {
    public var name: String
    public var organization: String
    /// How the receiving organization reaches the referring worker: every form carries it.
    public var phone: String?
    public var email: String?
    /// The operator's organization's id in the directory, when set: the publisher its bundles name.
    public var organizationId: String?

    /// An operator; both names must be plain text of 1–120 characters, and so must the contact given.
    public init(name: String, organization: String, phone: String? = nil, email: String? = nil) throws(CaseworkError) {
        self.name = try Self.checked(name, what: "name")
        self.organization = try Self.checked(organization, what: "organization")
        self.phone = try phone.map { value throws(CaseworkError) in try Self.checked(value, what: "phone") }
        self.email = try email.map { value throws(CaseworkError) in try Self.checked(value, what: "e-mail") }
        if let email = self.email, !email.contains("@") { throw .invalidInput("The operator's e-mail '\(email.prefix(40))' has no @.") }
    }

    /// The worker's contact as the form prints it; nil when none was set.
    public var contact: String? {
        let parts = [phone, email].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    static func checked(_ value: String, what: String) throws(CaseworkError) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .invalidInput("The operator's \(what) is empty: give the \(what) responders will see on forms.") }
        guard trimmed.count <= 120 else { throw .invalidInput("The operator's \(what) is longer than 120 characters.") }
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalidInput("The operator's \(what) contains control characters; type it as plain text.")
        }
        return trimmed
    }

    /// The file in the home that holds the operator.
    static func file(in home: URL) -> URL { home.appendingPathComponent("operator.json") }

    /// The operator set for a home, or nil.
    public static func load(home: URL) throws(CaseworkError) -> Operator? {
        let url = file(in: home)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        guard let data = try? Data(contentsOf: url), let saved = try? JSONDecoder().decode(Saved.self, from: data) else {
            throw .invalidInput("operator.json in the home cannot be read; set the operator again: waymark operator set --name NAME --organization ORG")
        }
        var loaded = try Operator(name: saved.name, organization: saved.organization, phone: saved.phone, email: saved.email)
        loaded.organizationId = try saved.organizationId.map { value throws(CaseworkError) in try Self.checked(value, what: "organization id") }
        return loaded
    }

    /// Removes a home's `operator.json` (accounts say who works there now); nothing when there is none.
    static func remove(home: URL) {
        try? FileManager.default.removeItem(at: file(in: home))
    }

    /// Sets the operator for a home.
    public func save(home: URL) throws {
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(Saved(name: name, organization: organization, phone: phone, email: email,
                                     organizationId: organizationId))
            .write(to: Self.file(in: home), options: .atomic)
        WaymarkHome.protect(Self.file(in: home))
    }

    private struct Saved: Codable {
        var name: String
        var organization: String
        var phone: String?
        var email: String?
        var organizationId: String?

        enum CodingKeys: String, CodingKey {
            case name, organization, phone, email
            case organizationId = "organization_id"
        }
    }
}
