import Crypto
import Foundation
import GRDB

/// The last position the hand-off log's chain was verified to, tagged under the log key, and
/// whether `log verify` found it broken. Appends verify only what came after it, and refuse
/// once the chain was found broken; nobody without the passphrase can move it.
struct LogCheckpoint: Sendable, Equatable {
    var seq: Int64
    var mac: String
    /// The entry `log verify` found broken, if it did; appends refuse until it is repaired.
    var brokenAt: Int64?

    static let start = LogCheckpoint(seq: 0, mac: "", brokenAt: nil)

    func tag(key: SymmetricKey) -> String {
        let text = "waymark-log-checkpoint/1\n\(seq)\n\(mac)\n\(brokenAt.map(String.init) ?? "-")"
        return HandoffLog.hex(Data(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key)))
    }

    /// The checkpoint in the store; nil when there is none yet (a store from an earlier version).
    static func read(_ db: Database, key: SymmetricKey) throws -> LogCheckpoint? {
        guard let row = try Row.fetchOne(db, sql: "SELECT seq, mac, broken_at, tag FROM log_checkpoint WHERE id = 1") else { return nil }
        let checkpoint = LogCheckpoint(seq: row["seq"], mac: row["mac"], brokenAt: row["broken_at"])
        guard checkpoint.tag(key: key) == (row["tag"] as String) else {
            throw CaseworkError.logDoesNotVerify("the log's checkpoint was changed outside Waymark")
        }
        return checkpoint
    }

    func write(_ db: Database, key: SymmetricKey) throws {
        try db.execute(sql: """
            INSERT INTO log_checkpoint (id, seq, mac, broken_at, tag) VALUES (1, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, mac = excluded.mac, broken_at = excluded.broken_at, tag = excluded.tag
            """, arguments: [seq, mac, brokenAt, tag(key: key)])
    }
}

extension HandoffLog {
    /// Walks the chain from a verified position to the end; returns the last (seq, mac), or the
    /// first entry that does not chain, as a sentence.
    static func walk(from start: LogCheckpoint, db: Database, key: SymmetricKey) throws -> Result<(Int64, String), ChainBreak> {
        if start.seq > 0 {
            // The entry at the checkpoint itself is checked again: its MAC, and its payload against it.
            guard let row = try Row.fetchOne(db, sql: "SELECT payload, mac FROM handoff_log WHERE seq = ?", arguments: [start.seq]),
                  (row["mac"] as String) == start.mac else {
                return .failure(ChainBreak(at: start.seq, reason: "entry \(start.seq) is not the entry last verified"))
            }
            let before = try String.fetchOne(db, sql: "SELECT mac FROM handoff_log WHERE seq = ?", arguments: [start.seq - 1]) ?? ""
            guard HandoffLog.mac(seq: start.seq, previous: before, payload: row["payload"], key: key) == start.mac else {
                return .failure(ChainBreak(at: start.seq, reason: "entry \(start.seq) does not match its MAC"))
            }
        }
        var previous = start.mac
        var expected = start.seq + 1
        let rows = try Row.fetchCursor(db, sql: "SELECT seq, version, payload, mac FROM handoff_log WHERE seq > ? ORDER BY seq",
                                       arguments: [start.seq])
        while let row = try rows.next() {
            let seq: Int64 = row[0]
            guard seq == expected else {
                return .failure(ChainBreak(at: expected, reason: "entry \(expected) is missing or out of order"))
            }
            let version: Int = row[1]
            let payload: String = row[2]
            let mac: String = row[3]
            guard version == HandoffLog.version, HandoffLog.mac(seq: seq, previous: previous, payload: payload, key: key) == mac else {
                return .failure(ChainBreak(at: seq, reason: "entry \(seq) does not match its MAC"))
            }
            previous = mac
            expected += 1
        }
        return .success((expected - 1, previous))
    }
}

/// Where the log's chain breaks, and how.
struct ChainBreak: Error, Sendable, Equatable {
    var at: Int64
    var reason: String
}
