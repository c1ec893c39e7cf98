import Foundation
import GRDB

/// The kinds of key an organization's HSDS `organization_identifier` rows carry for Waymark.
public enum OrganizationKeyKind: String, Sendable, CaseIterable {
    /// The Ed25519 key its bundles are signed with.
    case publisher = "waymark-publisher-key"

    /// What a person calls it.
    public var noun: String { "publisher key" }
}

/// A key recorded for an organization.
public struct OrganizationKey: Sendable, Equatable {
    public var id: String
    public var organizationId: String
    public var kind: OrganizationKeyKind
    /// The key as recorded: base64 of the raw key.
    public var key: String
}

extension DirectoryEditor {
    /// Records an organization's key as an `organization_identifier` row (`identifier_type` the kind, the key as
    /// `identifier`, `identifier_scheme` empty: that field is for org-id.guide codes), a change in the history that
    /// the next bundle carries. The key must be 32 bytes of base64; the same key twice is refused.
    @discardableResult
    public func addOrganizationKey(_ organization: String, kind: OrganizationKeyKind, base64 key: String) throws -> OrganizationKey {
        let now = clock.now()
        let text = key.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let raw = Data(base64Encoded: text), raw.count == 32 else {
            throw DirectoryEditError.invalid(field: kind.noun, problem: "'\(Sanitized.short(text, limit: 60))' is not a key: give the \"public_key\" "
                + "value of the organization's `waymark key show --json` (44 characters of base64)")
        }
        return try store.writer.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM organization WHERE id = ?)", arguments: [organization]) == true else {
                throw DirectoryEditError.notFound(kind: "organization", id: organization)
            }
            if try Bool.fetchOne(db, sql: """
                SELECT EXISTS(SELECT 1 FROM organization_identifier WHERE organization_id = ? AND identifier_type = ? AND identifier = ?)
                """, arguments: [organization, kind.rawValue, text]) == true {
                throw DirectoryEditError.invalid(field: kind.noun, problem: "this organization has that key already")
            }
            var recorder = ChangeRecorder(db: db, author: author.name, now: now)
            let id = Self.newID()
            try recorder.insert("organization_identifier", ["id": id.databaseValue, "organization_id": organization.databaseValue,
                                                            "identifier_scheme": "".databaseValue, "identifier_type": kind.rawValue.databaseValue,
                                                            "identifier": text.databaseValue])
            checkpoint("written")
            return OrganizationKey(id: id, organizationId: organization, kind: kind, key: text)
        }
    }
}

extension DirectoryStore {
    /// The keys recorded for an organization, oldest first.
    public func organizationKeys(_ organization: String) throws -> [OrganizationKey] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, organization_id, identifier_type, identifier FROM organization_identifier
                WHERE organization_id = ? AND identifier_type LIKE 'waymark-%' ORDER BY rowid
                """, arguments: [organization]).compactMap { row in
                guard let kind = OrganizationKeyKind(rawValue: row["identifier_type"]) else { return nil }
                return OrganizationKey(id: row["id"], organizationId: row["organization_id"], kind: kind, key: row["identifier"])
            }
        }
    }
}
