import Foundation
import GRDB

/// Rebuilds the tables search reads from the resource tables, inside the import's transaction.
///
/// Derived data: the area hierarchy's closure and inherited time zones, each service's
/// facets (service types with their ancestors, sexes, exploitation types, conditions), the
/// location flags, one search entry per service-at-location with its weekly hours, and the
/// two full-text indexes (words with diacritics folded, and trigrams of names for scripts
/// written without spaces). Each rebuild and refresh stamps the tables (`SearchTables`) with the
/// directory's generation.
enum DirectoryIndexer {
    static func rebuild(_ db: Database) throws {
        var timer = PhaseTimer(label: "index")
        try db.execute(sql: """
            DELETE FROM area_ancestor;
            INSERT INTO area_ancestor(pcode, ancestor, depth)
            WITH RECURSIVE up(pcode, ancestor, depth) AS (
                SELECT pcode, pcode, 0 FROM area
                UNION
                SELECT up.pcode, a.parent_pcode, up.depth + 1 FROM up JOIN area a ON a.pcode = up.ancestor
                WHERE a.parent_pcode IS NOT NULL AND up.depth < 32
            )
            SELECT pcode, ancestor, MIN(depth) FROM up GROUP BY pcode, ancestor;

            DELETE FROM area_timezone;
            INSERT INTO area_timezone(pcode, timezone)
            SELECT x.pcode, COALESCE((
                SELECT a.timezone FROM area_ancestor y JOIN area a ON a.pcode = y.ancestor
                WHERE y.pcode = x.pcode AND a.timezone IS NOT NULL AND a.timezone <> ''
                ORDER BY y.depth LIMIT 1), 'UTC')
            FROM area x;

            """)
        timer.lap("before service_facet")
        try derive(db, scoped: false, timer: &timer)
        try SearchTables.stamp(db)
    }

    /// Builds the facets, location flags, search entries and full-text rows: of every service, or
    /// (`scoped`) of the services in `temp.reindex_scope` only.
    private static func derive(_ db: Database, scoped: Bool, timer: inout PhaseTimer) throws {
        let inScope = "IN (SELECT id FROM temp.reindex_scope)"
        /// `clause` when scoped, else nothing.
        func only(_ clause: String) -> String { scoped ? clause : "" }
        let scopeLocations = "IN (SELECT location_id FROM service_at_location WHERE service_id \(inScope))"
        if scoped {
            // The full-text rows are found through the entries, which still name a service since removed.
            try db.execute(sql: """
                DELETE FROM service_fts WHERE rowid IN (SELECT service_rowid FROM search_entry WHERE service_id \(inScope))
                    OR rowid IN (SELECT rowid FROM service WHERE id \(inScope));
                DELETE FROM service_trigram WHERE rowid IN (SELECT service_rowid FROM search_entry WHERE service_id \(inScope))
                    OR rowid IN (SELECT rowid FROM service WHERE id \(inScope));
                """)
        }
        try db.execute(sql: """
            DELETE FROM service_facet \(only("WHERE service_id \(inScope)"));
            INSERT OR IGNORE INTO service_facet(service_id, taxonomy, code, explicit)
            SELECT a.link_id, COALESCE(tx.name, t.taxonomy), t.code, 1
            FROM attribute a
            JOIN taxonomy_term t ON t.id = a.taxonomy_term_id
            LEFT JOIN taxonomy tx ON tx.id = t.taxonomy_id
            WHERE a.link_entity = 'service' AND t.code IS NOT NULL \(only("AND a.link_id \(inScope)"))
              AND COALESCE(tx.name, t.taxonomy) IN ('waymark-service-type', 'waymark-sex', 'waymark-exploitation', 'waymark-condition');

            INSERT OR IGNORE INTO service_facet(service_id, taxonomy, code, explicit)
            WITH RECURSIVE up(service_id, term_id, depth) AS (
                SELECT a.link_id, t.parent_id, 1
                FROM attribute a JOIN taxonomy_term t ON t.id = a.taxonomy_term_id
                LEFT JOIN taxonomy tx ON tx.id = t.taxonomy_id
                WHERE a.link_entity = 'service' AND t.parent_id IS NOT NULL \(only("AND a.link_id \(inScope)"))
                  AND COALESCE(tx.name, t.taxonomy) = 'waymark-service-type'
                UNION
                SELECT up.service_id, t.parent_id, up.depth + 1 FROM up JOIN taxonomy_term t ON t.id = up.term_id
                WHERE t.parent_id IS NOT NULL AND up.depth < 16
            )
            SELECT up.service_id, 'waymark-service-type', t.code, 0
            FROM up JOIN taxonomy_term t ON t.id = up.term_id WHERE t.code IS NOT NULL;

            DELETE FROM location_flag \(only("WHERE location_id \(scopeLocations)"));
            INSERT OR IGNORE INTO location_flag(location_id, code)
            SELECT a.link_id, t.code
            FROM attribute a
            JOIN taxonomy_term t ON t.id = a.taxonomy_term_id
            LEFT JOIN taxonomy tx ON tx.id = t.taxonomy_id
            WHERE a.link_entity = 'location' AND t.code IS NOT NULL \(only("AND a.link_id \(scopeLocations)"))
              AND COALESCE(tx.name, t.taxonomy) = 'waymark-condition';

            -- A confidential address stated on a service hides every location of that service.
            INSERT OR IGNORE INTO location_flag(location_id, code)
            SELECT sal.location_id, 'confidential-address' FROM \(scoped
                ? "service_at_location sal CROSS JOIN service_facet f ON f.service_id = sal.service_id" // from the few locations
                : "service_facet f JOIN service_at_location sal ON sal.service_id = f.service_id")
            WHERE f.taxonomy = 'waymark-condition' AND f.code = 'confidential-address' \(only("AND sal.location_id \(scopeLocations)"));

            """)
        timer.lap("facets")
        // Both sides indexed, so an edit reads its own schedules only.
        try stageHours(db, scope: only("""
            AND (sc.service_id \(inScope) OR sc.service_at_location_id IN (SELECT id FROM service_at_location WHERE service_id \(inScope)))
            """))
        timer.lap("hours")
        try db.execute(sql: """
            DELETE FROM search_entry \(only("WHERE service_id \(inScope)"));
            INSERT INTO search_entry(service_rowid, service_id, service_at_location_id, location_id, organization_id,
                service_name, organization_name, location_name, location_type, pcode, status, minimum_age, maximum_age,
                assured_date, timezone, sex_mask, confidential, hours)
            WITH flags AS (
                SELECT service_id,
                       SUM(CASE WHEN taxonomy = 'waymark-sex' THEN
                               CASE code WHEN 'female' THEN 1 WHEN 'male' THEN 2 WHEN 'other' THEN 4 ELSE 0 END
                           ELSE 0 END) AS sex_mask,
                       MAX(taxonomy = 'waymark-condition' AND code = 'open-24-7') AS all_day
                FROM service_facet WHERE taxonomy IN ('waymark-sex', 'waymark-condition') \(only("AND service_id \(inScope)"))
                GROUP BY service_id
            )
            SELECT s.rowid, s.id, sal.id, l.id, s.organization_id, s.name, COALESCE(o.name, ''), l.name, l.location_type,
                CASE WHEN l.external_identifier_type = 'pcode' THEN l.external_identifier END,
                s.status, s.minimum_age, s.maximum_age, s.assured_date,
                COALESCE(z.timezone, 'UTC'),
                COALESCE(f.sex_mask, 0),
                lf.location_id IS NOT NULL,
                CASE WHEN f.all_day THEN '24/7'
                     ELSE COALESCE(hs.code, hv.code, '') END
            FROM service s
            LEFT JOIN organization o ON o.id = s.organization_id
            LEFT JOIN service_at_location sal ON sal.service_id = s.id
            LEFT JOIN location l ON l.id = sal.location_id
            LEFT JOIN area_timezone z ON z.pcode = CASE WHEN l.external_identifier_type = 'pcode' THEN l.external_identifier END
            LEFT JOIN flags f ON f.service_id = s.id
            LEFT JOIN location_flag lf ON lf.location_id = l.id AND lf.code = 'confidential-address'
            LEFT JOIN temp.entry_hours hs ON hs.key = 'sal:' || sal.id
            LEFT JOIN temp.entry_hours hv ON hv.key = 'svc:' || s.id
            \(only("WHERE s.id \(inScope)"))
            ORDER BY s.rowid, sal.rowid;

            """)
        timer.lap("search entries")
        try db.execute(sql: """
            \(only("--")) DELETE FROM service_fts;
            INSERT INTO service_fts(rowid, name, alternate_name, description, organization_name,
                organization_alternate_name, organization_description)
            SELECT s.rowid, s.name, s.alternate_name, s.description, o.name, o.alternate_name, o.description
            FROM service s LEFT JOIN organization o ON o.id = s.organization_id \(only("WHERE s.id \(inScope)"));

            """)
        timer.lap("word index")
        try db.execute(sql: """
            \(only("--")) DELETE FROM service_trigram;
            INSERT INTO service_trigram(rowid, name, alternate_name, organization_name, organization_alternate_name)
            SELECT s.rowid, s.name, s.alternate_name, o.name, o.alternate_name
            FROM service s LEFT JOIN organization o ON o.id = s.organization_id \(only("WHERE s.id \(inScope)"));
            """)
        timer.lap("trigram index")
    }

    /// Rebuilds the derived rows of the services in `temp.reindex_scope` only: their facets, their
    /// locations' flags, their search entries and full-text rows (what an edit changes), leaving
    /// every other service's rows as they are. A service no longer in `service` loses its rows.
    static func refresh(services ids: Set<String>, _ db: Database) throws {
        try db.execute(sql: """
            CREATE TEMP TABLE IF NOT EXISTS reindex_scope (id TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID;
            DELETE FROM temp.reindex_scope;
            """)
        let insert = try db.makeStatement(sql: "INSERT OR IGNORE INTO temp.reindex_scope(id) VALUES (?)")
        for id in ids { try insert.execute(arguments: [id]) }
        var timer = PhaseTimer(label: "refresh")
        try derive(db, scoped: true, timer: &timer)
        try db.execute(sql: "DELETE FROM temp.reindex_scope")
        try SearchTables.stamp(db)
    }

    /// Stages each service's (and service-at-location's) weekly hours, in `WeeklyHours`' compact
    /// form, in a temporary table the search entries are built from.
    private static func stageHours(_ db: Database, scope: String) throws {
        var byService: [String: WeeklyHours] = [:]
        var bySAL: [String: WeeklyHours] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT COALESCE(sc.service_id, sal.service_id) AS service_id, sc.service_at_location_id, sc.byday,
                   sc.opens_at, sc.closes_at, sc.freq
            FROM schedule sc LEFT JOIN service_at_location sal ON sal.id = sc.service_at_location_id
            WHERE COALESCE(sc.service_id, sal.service_id) IS NOT NULL \(scope)
            """)
        while let row = try rows.next() {
            let freq: String? = row["freq"]
            guard freq == nil || freq == "WEEKLY" else { continue }
            guard let opens = (row["opens_at"] as String?).flatMap(FieldValue.time),
                  let closes = (row["closes_at"] as String?).flatMap(FieldValue.time) else { continue }
            let days = WeeklyHours.days(fromByDay: row["byday"])
            let service: String = row["service_id"]
            if let sal: String = row["service_at_location_id"] {
                // Hours of one location are that location's only.
                var specific = bySAL[sal] ?? WeeklyHours()
                specific.add(days: days, opens: opens.seconds / 60, closes: closes.seconds / 60)
                bySAL[sal] = specific
            } else {
                var hours = byService[service] ?? WeeklyHours()
                hours.add(days: days, opens: opens.seconds / 60, closes: closes.seconds / 60)
                byService[service] = hours
            }
        }
        try db.execute(sql: """
            CREATE TEMP TABLE IF NOT EXISTS entry_hours (key TEXT PRIMARY KEY NOT NULL, code TEXT NOT NULL) WITHOUT ROWID;
            DELETE FROM temp.entry_hours;
            """)
        let insert = try db.makeStatement(sql: "INSERT INTO temp.entry_hours(key, code) VALUES (?, ?)")
        for (service, hours) in byService { try insert.execute(arguments: ["svc:" + service, hours.code]) }
        for (sal, hours) in bySAL { try insert.execute(arguments: ["sal:" + sal, hours.code]) }
    }
}
