import Foundation
import GRDB

extension DirectoryStore {
    /// The next bundle number for `publisher`: one above every bundle created or imported here under that identity, and
    /// above the number its keys brought from the home that used them before (`raiseBundleSequence`).
    public func nextBundleSequence(publisher: String) throws -> Int {
        try writer.read { db in
            let recorded = try Int.fetchOne(db, sql: "SELECT MAX(sequence) FROM bundle_receipt WHERE publisher = ?", arguments: [publisher]) ?? 0
            let floor = try Int.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM directory_meta WHERE key = ?",
                                         arguments: [Self.sequenceFloorKey(publisher)]) ?? 0
            return max(recorded, floor) + 1
        }
    }

    /// The number of the last bundle this home created as `publisher`, or its keys brought; nil when none.
    public func lastCreatedSequence(publisher: String) throws -> Int? {
        let next = try nextBundleSequence(publisher: publisher)
        return next > 1 ? next - 1 : nil
    }

    /// Makes the next bundle of `publisher` number above `sequence`: keys moved to a replacement laptop carry the last
    /// number used, so sites do not refuse its bundles as replays.
    public func raiseBundleSequence(publisher: String, above sequence: Int) throws {
        try writer.write { db in
            let key = Self.sequenceFloorKey(publisher)
            let current = try Int.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM directory_meta WHERE key = ?", arguments: [key]) ?? 0
            try db.execute(sql: "INSERT OR REPLACE INTO directory_meta(key, value) VALUES (?, ?)", arguments: [key, String(max(current, sequence))])
        }
    }

    private static func sequenceFloorKey(_ publisher: String) -> String { "bundle_sequence_floor:" + publisher }

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
