import Foundation
import GRDB

/// The kinds of key an organization's HSDS `organization_identifier` rows carry for Waymark.
public enum OrganizationKeyKind: String, Sendable, CaseIterable {
    /// The Ed25519 key its bundles and envelopes are signed with.
    case publisher = "waymark-publisher-key"
    /// The X25519 key referral envelopes are sealed to.
    case referral = "waymark-referral-key"

    /// What a person calls it.
    public var noun: String { self == .publisher ? "publisher key" : "referral key" }
}

/// Where an organization key in the directory came from.
public enum OrganizationKeyOrigin: Sendable, Equatable {
    /// Added in this home (`waymark organization key add`), after a fingerprint check.
    case local
    /// Arrived in a bundle from this publisher (a trust-list root), which this home trusted when it imported it.
    case bundle(publisher: String)
    /// Neither: it came in a plain package, or its value was changed since it was recorded. Not relied on.
    case unverified
}

/// A key recorded for an organization.
public struct OrganizationKey: Sendable, Equatable {
    public var id: String
    public var organizationId: String
    public var kind: OrganizationKeyKind
    /// The key as recorded: base64 of the raw key.
    public var key: String
    /// Where it came from.
    public var origin: OrganizationKeyOrigin = .local
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
            try DirectoryStore.recordKeyOrigin(db, identifier: id, organization: organization, type: kind.rawValue, key: text, publisher: nil, at: now)
            checkpoint("written")
            return OrganizationKey(id: id, organizationId: organization, kind: kind, key: text)
        }
    }
}

extension DirectoryStore {
    /// The keys recorded for an organization, oldest first, each with where it came from.
    public func organizationKeys(_ organization: String) throws -> [OrganizationKey] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT i.id, i.organization_id, i.identifier_type, i.identifier, o.origin, o.publisher, o.key AS recorded
                FROM organization_identifier i LEFT JOIN organization_key_origin o
                    ON o.identifier_id = i.id AND o.organization_id = i.organization_id AND o.identifier_type = i.identifier_type
                WHERE i.organization_id = ? AND i.identifier_type LIKE 'waymark-%' ORDER BY i.rowid
                """, arguments: [organization]).compactMap { row in
                guard let kind = OrganizationKeyKind(rawValue: row["identifier_type"]) else { return nil }
                let key: String = row["identifier"]
                var origin = OrganizationKeyOrigin.unverified
                if row["recorded"] as String? == key {
                    switch row["origin"] as String? {
                    case "local": origin = .local
                    case "bundle": origin = (row["publisher"] as String?).map { .bundle(publisher: $0) } ?? .unverified
                    default: break
                    }
                }
                return OrganizationKey(id: row["id"], organizationId: row["organization_id"], kind: kind, key: key, origin: origin)
            }
        }
    }

    /// Records where an organization key row came from, with its organization, kind and value as they are now.
    static func recordKeyOrigin(_ db: Database, identifier: String, organization: String, type: String, key: String, publisher: String?,
                                at date: Date) throws {
        try db.execute(sql: """
            INSERT OR REPLACE INTO organization_key_origin(identifier_id, organization_id, identifier_type, key, origin, publisher, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [identifier, organization, type, key, publisher == nil ? "local" : "bundle", publisher, ChangeRecorder.timestamp(date)])
    }

    /// Records the organization keys a bundle from `publisher` brought (`incoming`: identifier id → organization, kind and key;
    /// every key row when nil) that the directory now holds as the bundle has them.
    static func recordBundleKeys(_ db: Database, incoming: [String: [String]]?, publisher: String, at date: Date) throws {
        let rows = try Row.fetchAll(db, sql: """
            SELECT id, organization_id, identifier_type, identifier FROM organization_identifier WHERE identifier_type LIKE 'waymark-%'
            """)
        for row in rows {
            let id: String = row["id"], organization: String = row["organization_id"], type: String = row["identifier_type"]
            let key: String = row["identifier"]
            if let incoming, incoming[id] != [organization, type, key] { continue }
            try recordKeyOrigin(db, identifier: id, organization: organization, type: type, key: key, publisher: publisher, at: date)
        }
    }
}
