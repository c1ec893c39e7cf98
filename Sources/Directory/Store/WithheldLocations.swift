import GRDB

/// The facts of confidential locations a package withheld (address rows, the location's own
/// phones and accessibility notes, coordinates and directions), saved before an import writes
/// and put back after it, so that re-importing an export made without `--include-confidential`
/// loses none of them.
struct WithheldLocations {
    /// The saved rows by table, with their columns.
    private var rows: [(table: String, row: Row)] = []
    /// The saved coordinates and directions, by location id.
    private var places: [String: Row] = [:]

    /// Dependent tables whose rows say where a location is.
    static let dependents = ["address", "phone", "accessibility"]

    /// Saves what the store has of the withheld locations.
    static func save(_ ids: [String], db: Database) throws -> WithheldLocations {
        var saved = WithheldLocations()
        guard !ids.isEmpty else { return saved }
        for table in dependents {
            for id in ids {
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier) WHERE location_id = ?", arguments: [id]) {
                    saved.rows.append((table, row))
                }
            }
        }
        for id in ids {
            if let row = try Row.fetchOne(db, sql: "SELECT latitude, longitude, transportation FROM location WHERE id = ?", arguments: [id]) {
                saved.places[id] = row
            }
        }
        return saved
    }

    /// Puts the saved facts back where the package left them empty; returns how many locations kept something.
    func restore(db: Database) throws -> Int {
        var kept: Set<String> = []
        for (table, row) in rows {
            guard let location: String = row["location_id"],
                  try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM location WHERE id = ?)", arguments: [location]) == true else { continue }
            let columns = row.columnNames.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
            let placeholders = Array(repeating: "?", count: row.count).joined(separator: ", ")
            try db.execute(sql: "INSERT OR REPLACE INTO \(table.quotedDatabaseIdentifier) (\(columns)) VALUES (\(placeholders))",
                           arguments: StatementArguments(row.databaseValues))
            kept.insert(location)
        }
        for (id, place) in places {
            try db.execute(sql: """
                UPDATE location SET latitude = COALESCE(latitude, ?), longitude = COALESCE(longitude, ?),
                    transportation = COALESCE(transportation, ?) WHERE id = ?
                """, arguments: [place["latitude"], place["longitude"], place["transportation"], id])
            if db.changesCount > 0, (place["latitude"] as DatabaseValue?)?.isNull == false { kept.insert(id) }
        }
        return kept.count
    }
}
