import Foundation

/// `waymark search --json` beside the same query as raw SQL through the `sqlite3` command, both whole processes on the same file.
///
/// The SQL is what `DirectorySearch` does for one word and the sex and age facets: the word
/// as an FTS5 prefix query on `service_fts`, active entries of `search_entry` only, the sex
/// mask and the age bounds, ordered by relevance tier (the word in the service's name, then
/// in the organization's name, then anywhere), then name, service id and location id, first
/// 20. The ratio of the two is printed only when both return the same service ids in the same order.
/// The `+` before the status keeps SQLite's planner off the index on status (which serves a count
/// of every active entry), where it would read every active entry: the SQL is given its best plan.
struct SQLiteComparison {
    /// The `waymark` being timed.
    let executable: URL
    /// The home whose `directory.sqlite` both read.
    let home: URL
    /// How many runs of each process.
    let runs: Int

    /// The word searched for: not a service type (which would add a tier of its own) and found
    /// in both service and organization names of a generated directory.
    static let word = "harbour"
    static let sex = "female", sexBit = 1, age = 16, limit = 20

    /// The SQL equivalent of `waymark search --json harbour --sex female --age 16 --limit 20`.
    static var sql: String {
        let words = "(\"\(word)\"*)"
        return """
            WITH words(rowid) AS (SELECT rowid FROM service_fts WHERE service_fts MATCH '\(words)'),
                 in_name(rowid) AS (SELECT rowid FROM service_fts WHERE service_fts MATCH '{name alternate_name} : \(words)'),
                 in_organization(rowid) AS (SELECT rowid FROM service_fts
                                            WHERE service_fts MATCH '{organization_name organization_alternate_name} : \(words)')
            SELECT e.service_id FROM search_entry e
            WHERE e.service_rowid IN words
              AND +e.status = 'active'
              AND (e.sex_mask = 0 OR e.sex_mask & \(sexBit) != 0)
              AND (e.minimum_age IS NULL OR e.minimum_age <= \(age))
              AND (e.maximum_age IS NULL OR e.maximum_age >= \(age))
            ORDER BY CASE WHEN e.service_rowid IN in_name THEN 1 WHEN e.service_rowid IN in_organization THEN 2 ELSE 3 END,
                     e.service_name, e.service_id, e.location_id
            LIMIT \(limit);
            """
    }

    /// The `sqlite3` on the PATH, if there is one.
    static func sqlite3() -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent("sqlite3") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Prints the SQL, whether both agree, percentiles of both and of `waymark --version`, and the ratio when they agree.
    func run() throws {
        let waymarkArguments = ["--home", home.path, "search", "--json", SQLiteComparison.word, "--sex", SQLiteComparison.sex,
                                "--age", String(SQLiteComparison.age), "--limit", String(SQLiteComparison.limit)]
        let shown = "waymark search --json \(SQLiteComparison.word) --sex \(SQLiteComparison.sex) --age \(SQLiteComparison.age) --limit \(SQLiteComparison.limit)"
        guard let sqlite3 = SQLiteComparison.sqlite3() else {
            print("comparison with sqlite3 skipped: no sqlite3 command on the PATH (Debian package sqlite3)")
            return
        }
        let database = home.appendingPathComponent("directory.sqlite")
        let sqliteArguments = ["-readonly", "-noheader", "-list", database.path, SQLiteComparison.sql]
        print("comparison on the same file: `\(shown)` against `sqlite3 -readonly` with this SQL:")
        print(SQLiteComparison.sql.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))

        // One run of each for the answers (and to warm the file cache for both alike).
        let fromWaymark = try BenchProcess.output(executable, waymarkArguments)
        let fromSQLite = try BenchProcess.output(sqlite3, sqliteArguments)
        guard fromWaymark.status == 0, fromSQLite.status == 0 else {
            print("comparison failed: waymark exited \(fromWaymark.status), sqlite3 exited \(fromSQLite.status)")
            return
        }
        let waymarkIDs = try SQLiteComparison.serviceIDs(json: fromWaymark.output)
        let sqliteIDs = String(decoding: fromSQLite.output, as: UTF8.self).split(separator: "\n").map(String.init)

        var searches: [Double] = [], queries: [Double] = [], versions: [Double] = []
        for i in 0..<runs {
            // Interleaved, and alternating which goes first, so that neither has the warmer machine.
            let first = i % 2 == 0
            if first { try searches.append(milliseconds { _ = try BenchProcess.run(executable, waymarkArguments) }) }
            try queries.append(milliseconds { _ = try BenchProcess.run(sqlite3, sqliteArguments) })
            if !first { try searches.append(milliseconds { _ = try BenchProcess.run(executable, waymarkArguments) }) }
            try versions.append(milliseconds { _ = try BenchProcess.run(executable, ["--version"]) })
        }
        let search = Percentiles(searches), query = Percentiles(queries)
        print("process `\(shown)`: \(search.summary)")
        print("process `sqlite3` with the SQL above: \(query.summary)")
        print("process `waymark --version`: \(Percentiles(versions).summary)")
        if waymarkIDs == sqliteIDs && !waymarkIDs.isEmpty {
            print("both return the same \(waymarkIDs.count) service ids in the same order; waymark ÷ sqlite3: "
                  + String(format: "p50 %.1f×, p95 %.1f×", search.value(50) / max(query.value(50), 0.001),
                           search.value(95) / max(query.value(95), 0.001)))
        } else {
            let first = (0..<max(waymarkIDs.count, sqliteIDs.count)).first {
                $0 >= waymarkIDs.count || $0 >= sqliteIDs.count || waymarkIDs[$0] != sqliteIDs[$0]
            } ?? 0
            func at(_ ids: [String]) -> String { first < ids.count ? ids[first] : "(none)" }
            print("the two DISAGREE, so no ratio: waymark returned \(waymarkIDs.count) ids, sqlite3 \(sqliteIDs.count); "
                  + "first difference at result \(first + 1): waymark \(at(waymarkIDs)), sqlite3 \(at(sqliteIDs))")
        }
    }

    /// The `service_id` of each result in `waymark search --json` output, in order.
    static func serviceIDs(json: Data) throws -> [String] {
        struct Page: Decodable {
            struct Result: Decodable { let service_id: String }
            let results: [Result]
        }
        return try JSONDecoder().decode(Page.self, from: json).results.map(\.service_id)
    }
}
