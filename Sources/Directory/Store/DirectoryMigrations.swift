import Foundation
import GRDB

/// The schema of `directory.sqlite`, built only through migrations.
///
/// Migration `v1` creates one table per HSDS 3.0 resource with its official columns (the
/// standard is frozen, so the column lists cannot drift), the profile's extra tables, the
/// import log and tombstones, and the derived tables search reads. A later change adds a
/// new migration; a released migration is never edited.
enum DirectoryMigrations {
    /// The migrator with every migration registered.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try createResourceTables(db)
            try createBookkeeping(db)
            try createDerived(db)
        }
        migrator.registerMigration("v2-history") { db in
            // The full time, sequence and origin of each `metadata` row (HSDS keeps only a date).
            for resource in HSDSSchema.all where HSDSSchema.addedAfterV1.contains(resource.name) {
                try createTable(resource, db)
            }
            try db.execute(sql: """
                CREATE INDEX waymark_change_sequence ON waymark_change(sequence);
                CREATE INDEX metadata_resource ON metadata(resource_id, field_name);
                -- The stale queue reads this index alone, already in its order.
                CREATE INDEX service_stale ON service(assured_date, name, id, organization_id, status);
                -- An edit re-stages the hours of one service's locations.
                CREATE INDEX schedule_service_at_location_id ON schedule(service_at_location_id);
                """)
        }
        migrator.registerMigration("v3-confidential-ever") { db in
            // Every location that has ever been confidential: its history stays withheld after the flag is lifted
            // or the location deleted (`HistoryEntry.saysWhereConfidentialIs`). Kept by a trigger, so no writer forgets.
            try db.execute(sql: """
                CREATE TABLE confidential_location_ever (location_id TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID;
                INSERT OR IGNORE INTO confidential_location_ever(location_id)
                    SELECT location_id FROM location_flag WHERE code = 'confidential-address';
                CREATE TRIGGER location_flag_confidential_ever AFTER INSERT ON location_flag WHEN NEW.code = 'confidential-address'
                BEGIN INSERT OR IGNORE INTO confidential_location_ever(location_id) VALUES (NEW.location_id); END;
                -- The rows once linked to a location, found by the value of their location_id field.
                CREATE INDEX metadata_field_value ON metadata(field_name, replacement_value);
                """)
        }
        migrator.registerMigration("v4-bundles") { db in
            try createBundleTables(db)
        }
        migrator.registerMigration("v5-organization-key-origin") { db in
            // Where each organization key row came from: added here by a coordinator, or in a bundle from a trusted
            // publisher. A key is relied on only while its row still holds the organization, kind and value recorded here.
            try db.execute(sql: """
                CREATE TABLE organization_key_origin (
                    identifier_id TEXT PRIMARY KEY NOT NULL,
                    organization_id TEXT NOT NULL,
                    identifier_type TEXT NOT NULL,
                    key TEXT NOT NULL,
                    origin TEXT NOT NULL CHECK (origin IN ('local', 'bundle')),
                    publisher TEXT,
                    recorded_at TEXT NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v6-search-tables-stamp") { db in
            // Directories made before the stamp kept their search tables in the same transactions as their
            // data, in the first format: stamp them as they are, rather than rebuild them on the first search.
            if try DirectoryStore.dataVersion(db) != 0 { try SearchTables.stamp(db, format: 1) }
        }
        migrator.registerMigration("v7-routing-indexes") { db in
            // A route reads the services of a type near a place, and every virtual one, from indexes alone;
            // a new UI's first frame counts the active entries, and lists the languages spoken, from indexes
            // (a pass over each table took 0.5 s of its start over 1,000,000 services).
            try db.execute(sql: """
                DROP INDEX IF EXISTS search_entry_pcode;
                CREATE INDEX search_entry_area ON search_entry(pcode, service_id);
                CREATE INDEX search_entry_virtual ON search_entry(service_id) WHERE location_type = 'virtual';
                CREATE INDEX search_entry_status ON search_entry(status);
                CREATE INDEX language_facet ON language(lower(code), name) WHERE code IS NOT NULL AND code <> '';
                """)
        }
        migrator.registerMigration("v8-text-words") { db in
            // FTS5's own list of the words it holds, service by service and column by column: what the in-memory
            // search index reads its words from (`TextIndex`). A view of `service_fts`; it stores nothing.
            try db.execute(sql: "CREATE VIRTUAL TABLE service_fts_words USING fts5vocab(service_fts, instance)")
        }
        migrator.registerMigration("v9-result-detail-indexes") { db in
            // A page of results reads each service's facets and languages, and each location's languages, from
            // these indexes alone: through the table, each of a page's 20 services cost eight random reads over
            // 1,000,000 services (3 ms a page, of a search's 10).
            try db.execute(sql: """
                DROP INDEX IF EXISTS service_facet_service;
                CREATE INDEX service_facet_service ON service_facet(service_id, explicit);
                DROP INDEX IF EXISTS language_service_id;
                CREATE INDEX language_service_id ON language(service_id, code);
                DROP INDEX IF EXISTS language_location_id;
                CREATE INDEX language_location_id ON language(location_id, code);
                """)
        }
        return migrator
    }

    /// The bookkeeping of bundles passed between sites: every bundle created or imported here, the
    /// publishers' values where they differ from this home's (`MergeBase`), conflicts a merge left
    /// open, and the possible duplicates already reported.
    private static func createBundleTables(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE bundle_receipt (
                bundle_id TEXT PRIMARY KEY NOT NULL,
                publisher TEXT NOT NULL,
                publisher_name TEXT NOT NULL,
                organization_id TEXT,
                sequence INTEGER NOT NULL,
                base_bundle_id TEXT,
                created_at TEXT NOT NULL,
                direction TEXT NOT NULL CHECK (direction IN ('created', 'imported')),
                change_sequence INTEGER NOT NULL,
                recorded_at TEXT NOT NULL
            );
            CREATE INDEX bundle_receipt_publisher ON bundle_receipt(publisher, direction, sequence);
            CREATE TABLE merge_base (
                publisher TEXT NOT NULL,
                resource TEXT NOT NULL,
                id TEXT NOT NULL,
                row TEXT,
                PRIMARY KEY (publisher, resource, id)
            ) WITHOUT ROWID;
            CREATE TABLE merge_conflict (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                resource TEXT NOT NULL,
                entity_id TEXT NOT NULL,
                field TEXT NOT NULL,
                base TEXT NOT NULL,
                local TEXT NOT NULL,
                incoming TEXT NOT NULL,
                local_by TEXT,
                local_at TEXT,
                incoming_by TEXT,
                incoming_at TEXT,
                bundle_id TEXT NOT NULL,
                publisher TEXT NOT NULL,
                status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
                resolution TEXT,
                resolved_by TEXT,
                resolved_at TEXT
            );
            CREATE INDEX merge_conflict_field ON merge_conflict(resource, entity_id, field, status);
            CREATE TABLE merge_duplicate (
                incoming_id TEXT NOT NULL,
                local_id TEXT NOT NULL,
                bundle_id TEXT NOT NULL,
                PRIMARY KEY (incoming_id, local_id)
            ) WITHOUT ROWID;
            """)
    }

    /// SQLite column type for a package field type.
    static func sqlType(_ type: FieldType) -> String {
        switch type {
        case .number: return "REAL"
        case .integer, .boolean: return "INTEGER"
        case .string, .date, .time, .datetime: return "TEXT"
        }
    }

    /// The reference columns that searches, details and merges look rows up by.
    static let indexedReferences: [(table: String, column: String)] = [
        ("service", "organization_id"), ("service_at_location", "service_id"), ("service_at_location", "location_id"),
        ("location", "organization_id"), ("phone", "service_id"), ("phone", "location_id"), ("phone", "organization_id"),
        ("schedule", "service_id"), ("language", "service_id"), ("language", "location_id"), ("address", "location_id"),
        ("service_area", "service_id"), ("service_capacity", "service_id"), ("taxonomy_term", "parent_id"),
        ("phone", "service_at_location_id"),
    ]

    private static func createResourceTables(_ db: Database) throws {
        for resource in HSDSSchema.all where !HSDSSchema.addedAfterV1.contains(resource.name) {
            try createTable(resource, db)
        }
        // Indexes only where a lookup needs one: every index slows a bulk import.
        for (table, column) in indexedReferences {
            try db.execute(sql: """
                CREATE INDEX \("\(table)_\(column)".quotedDatabaseIdentifier)
                ON \(table.quotedDatabaseIdentifier)(\(column.quotedDatabaseIdentifier))
                """)
        }
        try db.execute(sql: """
            CREATE INDEX attribute_link ON attribute(link_entity, link_id);
            CREATE INDEX service_area_extent ON service_area(extent_type, extent);
            """)
    }

    /// Creates a resource's table with its declared columns.
    private static func createTable(_ resource: HSDSResource, _ db: Database) throws {
        var columns: [String] = []
        for field in resource.fields {
            var column = "\(field.name.quotedDatabaseIdentifier) \(sqlType(field.type))"
            if field.name == resource.key { column += " NOT NULL UNIQUE" }
            columns.append(column)
        }
        try db.execute(sql: "CREATE TABLE \(resource.name.quotedDatabaseIdentifier) (\(columns.joined(separator: ", ")))")
    }

    private static func createBookkeeping(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE directory_meta (key TEXT PRIMARY KEY NOT NULL, value TEXT);
            CREATE TABLE import_log (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                imported_at TEXT NOT NULL,
                source TEXT NOT NULL,
                mode TEXT NOT NULL,
                package_name TEXT,
                package_title TEXT,
                package_version TEXT,
                reference_date TEXT,
                shift_days INTEGER NOT NULL DEFAULT 0,
                counts TEXT NOT NULL,
                warnings INTEGER NOT NULL,
                tombstoned INTEGER NOT NULL
            );
            CREATE TABLE service_tombstone (
                service_id TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL,
                organization_id TEXT,
                organization_name TEXT,
                removed_at TEXT NOT NULL,
                import_id INTEGER NOT NULL REFERENCES import_log(id)
            );
            """)
    }

    private static func createDerived(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE area_ancestor (
                pcode TEXT NOT NULL, ancestor TEXT NOT NULL, depth INTEGER NOT NULL,
                PRIMARY KEY (ancestor, pcode)) WITHOUT ROWID;
            CREATE INDEX area_ancestor_pcode ON area_ancestor(pcode, depth);
            CREATE TABLE area_timezone (pcode TEXT PRIMARY KEY NOT NULL, timezone TEXT NOT NULL) WITHOUT ROWID;
            CREATE TABLE service_facet (
                service_id TEXT NOT NULL, taxonomy TEXT NOT NULL, code TEXT NOT NULL, explicit INTEGER NOT NULL,
                PRIMARY KEY (taxonomy, code, service_id)) WITHOUT ROWID;
            CREATE INDEX service_facet_service ON service_facet(service_id);
            CREATE TABLE location_flag (
                location_id TEXT NOT NULL, code TEXT NOT NULL,
                PRIMARY KEY (location_id, code)) WITHOUT ROWID;
            CREATE TABLE search_entry (
                id INTEGER PRIMARY KEY,
                service_rowid INTEGER NOT NULL,
                service_id TEXT NOT NULL,
                service_at_location_id TEXT,
                location_id TEXT,
                organization_id TEXT NOT NULL,
                service_name TEXT NOT NULL,
                organization_name TEXT NOT NULL,
                location_name TEXT,
                location_type TEXT,
                pcode TEXT,
                status TEXT NOT NULL,
                minimum_age REAL,
                maximum_age REAL,
                assured_date TEXT,
                timezone TEXT NOT NULL,
                sex_mask INTEGER NOT NULL,
                confidential INTEGER NOT NULL,
                hours TEXT NOT NULL
            );
            CREATE INDEX search_entry_service ON search_entry(service_rowid);
            CREATE INDEX search_entry_service_id ON search_entry(service_id, location_id);
            CREATE INDEX search_entry_pcode ON search_entry(pcode);
            CREATE INDEX search_entry_order ON search_entry(service_name, service_id, location_id);
            CREATE VIRTUAL TABLE service_fts USING fts5(
                name, alternate_name, description, organization_name, organization_alternate_name, organization_description,
                tokenize = "unicode61 remove_diacritics 2", prefix = "1 2");
            CREATE VIRTUAL TABLE service_trigram USING fts5(
                name, alternate_name, organization_name, organization_alternate_name,
                tokenize = "trigram");
            """)
    }
}
