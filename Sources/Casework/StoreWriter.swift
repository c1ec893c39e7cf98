import Crypto
import Foundation
import GRDB

/// The case store's database: reads pass through; every write MACs the rows it inserted or
/// updated (`RowIntegrity`) inside its own transaction, so no write path can leave one unsigned.
struct StoreWriter: Sendable {
    let queue: DatabaseQueue
    /// The key rows are MAC'd under; nil before the store adopted its integrity key.
    private let rowKeyBytes: Data?

    /// The integrity generation the row key belongs to; a write refuses once the store moved past it.
    private let generation: Int

    init(queue: DatabaseQueue, rowKey: SymmetricKey?, generation: Int) {
        self.queue = queue
        rowKeyBytes = rowKey?.withUnsafeBytes { Data($0) }
        self.generation = generation
    }

    /// A read in one deferred transaction: a shared lock held only while `body` runs.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try queue.read { db in
            try checkGeneration(db)
            return try body(db)
        }
    }

    /// Refuses (`keysReplaced`) once another process removed an account and replaced the keys: this
    /// process's would read rows as tampered and MAC rows nobody can verify.
    private func checkGeneration(_ db: Database) throws {
        guard rowKeyBytes != nil, generation >= 0,
              let current = try Int.fetchOne(db, sql: "SELECT integrity_generation FROM key_state WHERE id = 1"), current != generation else { return }
        throw CaseworkError.keysReplaced
    }

    /// A write in one transaction that begins IMMEDIATE: the write lock is taken (waiting out another
    /// process's, up to the busy timeout) before anything is read, so a transaction that reads and then
    /// writes never has to upgrade its lock — the upgrade SQLite refuses at once, without waiting, when
    /// another process holds the write lock in rollback-journal mode.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try queue.writeWithoutTransaction { db in
            var value: T?
            try db.inTransaction(.immediate) {
                value = try stamped(body, db)
                return .commit
            }
            guard let value else { throw CaseworkError.damaged("a write ended without its result") }
            return value
        }
    }

    /// Runs `body`, then MACs the rows it inserted or updated (when the store has its integrity key).
    private func stamped<T>(_ body: (Database) throws -> T, _ db: Database) throws -> T {
        guard let rowKey = rowKeyBytes.map({ SymmetricKey(data: $0) }) else { return try body(db) }
        try checkGeneration(db)
        let changed = ChangedRows()
        db.add(transactionObserver: changed, extent: .observerLifetime)
        defer { db.remove(transactionObserver: changed) }
        let value = try body(db)
        try RowIntegrity.stamp(changed.rows, db: db, key: rowKey)
        return value
    }
}
