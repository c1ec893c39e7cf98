import Foundation
import GRDB

/// Where the current time comes from; injected wherever output depends on it.
public protocol TimeSource: Sendable {
    /// The current instant.
    func now() -> Date
}

/// The machine's clock.
public struct SystemTime: TimeSource {
    /// Creates the system clock.
    public init() {}
    /// The current instant.
    public func now() -> Date { Date() }
}

/// A clock stopped at one instant, for tests and golden screens.
public struct FixedTime: TimeSource {
    /// The instant it always answers.
    public let instant: Date
    /// A clock stopped at `instant`.
    public init(_ instant: Date) { self.instant = instant }
    /// A clock stopped at an ISO 8601 instant such as `2026-01-15T10:00:00Z`; nil if unparsable.
    public init?(iso8601 text: String) {
        guard let date = ISO8601DateFormatter().date(from: text) else { return nil }
        instant = date
    }
    /// The fixed instant.
    public func now() -> Date { instant }
}

/// The provider directory: `directory.sqlite`, opened through GRDB.
///
/// Every write is one transaction; a refused or interrupted import leaves the file as it was.
public final class DirectoryStore: Sendable {
    /// The database connection.
    let writer: any DatabaseWriter
    /// The search index of the latest import, once built.
    let indexCache = LockBox<SearchIndex?>(nil)
    /// The words of the full-text index, once read; used only at the version they were read at.
    let textCache = LockBox<TextIndex?>(nil)
    /// Whether the words are being read again in the background, after an edit.
    let textBuilding = LockBox<Bool>(false)
    /// The version at which the words could not be read (too large, out of order, an error): SQLite
    /// matches text at that version, and the words are not read again until it moves.
    let textUnreadable = LockBox<Int64?>(nil)
    /// The routing snapshot of the latest import, once read.
    let snapshotCache = LockBox<(importID: Int64, snapshot: DirectorySnapshot)?>(nil)
    /// How many days a verification holds (`staleAfterDays`).
    let staleDays = LockBox<Int>(DirectoryStore.defaultStaleAfterDays)
    /// How many searches `.automatic` has answered, for a store with no file of its own (the first from
    /// the stored tables, the rest from the index).
    let searchesAnswered = LockBox<Int>(0)
    /// Whether the in-memory index is being built in the background for `.automatic` searches.
    let indexBuilding = LockBox<Bool>(false)
    /// How many times the index was thrown away (`forgetIndex`): a background build begun before the
    /// last time is not installed, since it may hold what was thrown away.
    let indexDiscards = LockBox<Int>(0)

    /// Throws away the in-memory index, when what changed cannot be patched into it.
    func forgetIndex() {
        indexDiscards.withLock { $0 += 1 }
        indexCache.value = nil
        textCache.value = nil
    }
    /// Where notices go (a rebuild of stale search tables); standard error when nil.
    public let noticeHandler = LockBox<(@Sendable (String) -> Void)?>(nil)

    private init(writer: any DatabaseWriter) throws {
        self.writer = writer
        // Checked in a read first: migrating takes the write lock, which a search or a route opened
        // beside a long import would otherwise wait for, and which costs every short process a transaction.
        let migrator = DirectoryMigrations.migrator
        if try !writer.read({ try migrator.hasCompletedMigrations($0) }) {
            try migrator.migrate(writer)
        }
    }

    /// Opens (creating if needed) the directory at `path`.
    public static func open(at path: String) throws -> DirectoryStore {
        try DirectoryStore(writer: DatabaseQueue(path: path, configuration: configuration()))
    }

    /// How long a connection waits for another process's lock on `directory.sqlite` before it fails, in
    /// seconds: generous, since a full import holds the write lock for its whole transaction.
    static let busyTimeout: TimeInterval = 60

    /// How `directory.sqlite` is opened.
    ///
    /// Several processes may use one home at once (a UI and the CLI, or several workers). Every write
    /// (`writer.write`, GRDB's migrations) is a transaction that begins IMMEDIATE — GRDB 7's default for a
    /// writable connection, which `ConcurrentWriteTests` holds it to — so no transaction reads and then
    /// upgrades its lock, the case where SQLite answers SQLITE_BUSY at once instead of waiting; every other
    /// wait for a lock is bounded by the busy timeout. Reads are deferred transactions that hold a shared
    /// lock only while their closure runs.
    static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.prepareDatabase { db in
            // A rollback journal: a first import writes its pages once (a WAL writes them twice,
            // into the log and back), and every transaction stays atomic across a crash. The
            // journal is truncated, not deleted, after each commit: deleting a file costs more than
            // a small edit (about 24 ms on an overlay file system), and an empty journal holds nothing.
            try db.execute(sql: "PRAGMA journal_mode = TRUNCATE")
            // Room for the pages an edit touches (its rows, their indexes, the full-text segments), so
            // that a running UI's next edit finds them in memory.
            try db.execute(sql: "PRAGMA cache_size = -\(DirectoryStore.defaultCacheKiB)")
        }
        return configuration
    }

    /// An empty directory in memory, for tests.
    public static func inMemory() throws -> DirectoryStore {
        try DirectoryStore(writer: DatabaseQueue())
    }

    /// The version of the directory's contents: the latest import and the latest change made
    /// since; what the in-memory index and the routing snapshot are kept for.
    static func dataVersion(_ db: Database) throws -> Int64 {
        let importID = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM import_log") ?? 0
        let sequence = try Int64.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM directory_meta WHERE key = 'change_sequence'") ?? 0
        return importID << 40 | sequence
    }

    /// The directory's generation: a number that changes with every import, merge, edit and undo —
    /// made in this process or in another on the same file. A UI reads it on its clock tick and reads
    /// its results again when it moved (one small read, no lock held afterwards).
    public func generation() throws -> Int64 {
        try writer.read { db in try Self.dataVersion(db) }
    }

    /// Whether nothing has ever been imported.
    public func isEmpty() throws -> Bool {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM import_log") ?? 0 } == 0
    }

    /// The directory's name for people: the title of the package last imported in full.
    public func title() throws -> String? {
        try writer.read { db in try String.fetchOne(db, sql: "SELECT value FROM directory_meta WHERE key = 'title'") }
    }

    /// Row counts of every resource table, by resource name.
    public func counts() throws -> [String: Int] {
        try writer.read { db in
            var result: [String: Int] = [:]
            for resource in HSDSSchema.all {
                result[resource.name] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(resource.name.quotedDatabaseIdentifier)") ?? 0
            }
            return result
        }
    }

    /// The import log, newest first.
    public func importLog() throws -> [ImportLogEntry] {
        try writer.read { db in try ImportLogEntry.order(Column("id").desc).fetchAll(db) }
    }

    /// Services that a later import removed, newest first.
    public func tombstones() throws -> [ServiceTombstone] {
        try writer.read { db in try ServiceTombstone.order(Column("removed_at").desc, Column("service_id")).fetchAll(db) }
    }

    /// The keys present in the store, by resource name (used to check a merge).
    func existingKeys() throws -> [String: Set<String>] {
        try writer.read { db in
            var result: [String: Set<String>] = [:]
            for resource in HSDSSchema.all {
                guard let key = resource.key else { continue }
                let values = try String.fetchAll(db, sql: "SELECT \(key.quotedDatabaseIdentifier) FROM \(resource.name.quotedDatabaseIdentifier)")
                result[resource.name] = Set(values)
            }
            return result
        }
    }
}

/// One line of the import log: when, from what, what it counted.
public struct ImportLogEntry: Codable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "import_log"
    /// The log entry's number.
    public var id: Int64?
    /// When the import ran (ISO 8601).
    public var importedAt: String
    /// The folder imported from.
    public var source: String
    /// `replace` or `merge`.
    public var mode: String
    /// The package's name.
    public var packageName: String?
    /// The package's title.
    public var packageTitle: String?
    /// The package's version.
    public var packageVersion: String?
    /// The date the package's verification dates were relative to, when shifted.
    public var referenceDate: String?
    /// How many days verification dates were moved forward.
    public var shiftDays: Int
    /// Row counts per table, as JSON.
    public var counts: String
    /// How many warnings the import reported.
    public var warnings: Int
    /// How many services became tombstones.
    public var tombstoned: Int

    enum CodingKeys: String, CodingKey {
        case id, source, mode, counts, warnings, tombstoned
        case importedAt = "imported_at", packageName = "package_name", packageTitle = "package_title"
        case packageVersion = "package_version", referenceDate = "reference_date", shiftDays = "shift_days"
    }
}

/// A service a later import removed: kept so that old referrals still resolve.
public struct ServiceTombstone: Codable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "service_tombstone"
    /// The removed service's id.
    public var serviceId: String
    /// Its name when removed.
    public var name: String
    /// Its organization's id.
    public var organizationId: String?
    /// Its organization's name when removed.
    public var organizationName: String?
    /// When it was removed (ISO 8601).
    public var removedAt: String
    /// The import that removed it.
    public var importId: Int64

    enum CodingKeys: String, CodingKey {
        case name
        case serviceId = "service_id", organizationId = "organization_id", organizationName = "organization_name"
        case removedAt = "removed_at", importId = "import_id"
    }
}
