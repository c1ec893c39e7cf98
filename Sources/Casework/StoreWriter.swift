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

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try queue.read(body)
    }

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try queue.write { db in
            guard let rowKey = rowKeyBytes.map({ SymmetricKey(data: $0) }) else { return try body(db) }
            // Another process removed an account and replaced the keys: this one's would MAC rows nobody can verify.
            if generation >= 0, let current = try Int.fetchOne(db, sql: "SELECT integrity_generation FROM key_state WHERE id = 1"),
               current != generation {
                throw CaseworkError.keysReplaced
            }
            let changed = ChangedRows()
            db.add(transactionObserver: changed, extent: .observerLifetime)
            defer { db.remove(transactionObserver: changed) }
            let value = try body(db)
            try RowIntegrity.stamp(changed.rows, db: db, key: rowKey)
            return value
        }
    }
}
