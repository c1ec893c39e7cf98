import Directory
import Foundation
import GRDB

/// Where the access log lives: `access.sqlite` beside `cases.sqlite` (so that reading a case
/// changes nothing in the case store itself), and its head in `access-log.head`.
public struct AccessLogStore: Sendable {
    let queue: DatabaseQueue
    let heads: any LogHeadStore

    /// The access log's file in a home.
    public static func file(in home: URL) -> URL { home.appendingPathComponent("access.sqlite") }

    /// The home's access log, made on first use (mode 0600, a rollback journal like the case store).
    static func file(in home: URL) throws -> AccessLogStore {
        let url: URL = file(in: home)
        let queue = try DatabaseQueue(path: url.path, configuration: CaseStore.storeConfiguration())
        WaymarkHome.protect(url)
        try migrator.migrate(queue)
        return AccessLogStore(queue: queue, heads: FileLogHeadStore(home: home, name: HandoffLog.Chain.access.headFile))
    }

    /// An access log in memory, for a case store opened in memory.
    static func inMemory() throws -> AccessLogStore {
        let queue = try DatabaseQueue(configuration: CaseStore.storeConfiguration())
        try migrator.migrate(queue)
        return AccessLogStore(queue: queue, heads: MemoryLogHeadStore())
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-access-log") { db in
            try db.execute(sql: """
                CREATE TABLE access_log (
                    seq INTEGER PRIMARY KEY,
                    version INTEGER NOT NULL,
                    payload TEXT NOT NULL,
                    mac TEXT NOT NULL
                );
                """)
        }
        return migrator
    }
}
