import Foundation
import GRDB

extension DirectoryStore {
    /// The next bundle number for `publisher`: one above every bundle created or imported here under that identity.
    public func nextBundleSequence(publisher: String) throws -> Int {
        try writer.read { db in
            (try Int.fetchOne(db, sql: "SELECT MAX(sequence) FROM bundle_receipt WHERE publisher = ?", arguments: [publisher]) ?? 0) + 1
        }
    }

    /// Records a bundle this home created (after the caller signed it), read at `changeSequence`.
    public func recordCreatedBundle(_ origin: BundleOrigin, changeSequence: Int64, clock: any TimeSource = SystemTime()) throws {
        try writer.write { db in
            if try BundleReceipt.fetchOne(db, key: origin.bundleID) != nil { throw MergeError.alreadyImported(origin.bundleID) }
            try BundleReceipt(origin, direction: .created, changeSequence: changeSequence, recordedAt: clock.now()).insert(db)
        }
    }

    /// The number of the last bundle imported from `publisher`; nil when none was.
    public func lastImportedSequence(publisher: String) throws -> Int? {
        try writer.read { db in try Self.lastImported(db, publisher: publisher)?.sequence }
    }

    /// A bundle created or imported here.
    public func bundle(id: String) throws -> BundleReceipt? {
        try writer.read { db in try BundleReceipt.fetchOne(db, key: id) }
    }

    /// The last bundle imported from `publisher`.
    static func lastImported(_ db: Database, publisher: String) throws -> BundleReceipt? {
        try BundleReceipt.fetchOne(db, sql: """
            SELECT * FROM bundle_receipt WHERE publisher = ? AND direction = 'imported' ORDER BY sequence DESC LIMIT 1
            """, arguments: [publisher])
    }

    /// The home's change sequence: the last number a change was given.
    static func changeSequence(_ db: Database) throws -> Int64 {
        let kept = try Int64.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM directory_meta WHERE key = 'change_sequence'") ?? 0
        let stored = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(sequence), 0) FROM waymark_change") ?? 0
        return max(kept, stored)
    }
}
