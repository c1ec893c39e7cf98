import Crypto
import Foundation
import GRDB

/// The last position the hand-off log's chain was verified to, tagged under the current log key, and
/// whether `log verify` found it broken. Appends verify only what came after it, and refuse
/// once the chain was found broken; nobody without the passphrase can move it.
struct LogCheckpoint: Sendable, Equatable {
    var seq: Int64
    var mac: String
    /// The entry `log verify` found broken, if it did; appends refuse until it is repaired.
    var brokenAt: Int64?

    static let start = LogCheckpoint(seq: 0, mac: "", brokenAt: nil)

    func tag(version: Int, key: SymmetricKey) -> String {
        let text = "waymark-log-checkpoint/\(version)\n\(seq)\n\(mac)\n\(brokenAt.map(String.init) ?? "-")"
        return HandoffLog.hex(Data(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key)))
    }

    /// The checkpoint in the store; nil when there is none yet (a store from an earlier version).
    ///
    /// One tagged under the version 1 key stands only for a position before the switch to the
    /// integrity key (it was written then).
    static func read(_ db: Database, keys: UnlockedKeys) throws -> LogCheckpoint? {
        guard let row = try Row.fetchOne(db, sql: "SELECT seq, mac, broken_at, tag FROM log_checkpoint WHERE id = 1") else { return nil }
        let checkpoint = LogCheckpoint(seq: row["seq"], mac: row["mac"], brokenAt: row["broken_at"])
        let stored: String = row["tag"]
        for version in stride(from: keys.logVersion, through: 1, by: -1) {
            guard let key = keys.logKey(version: version), checkpoint.tag(version: version, key: key) == stored else { continue }
            if version < keys.logVersion, let at = try HandoffLog.versionOf(entry: checkpoint.seq, db: db), at > version { break }
            return checkpoint
        }
        throw CaseworkError.logDoesNotVerify("the log's checkpoint was changed outside Waymark")
    }

    func write(_ db: Database, keys: UnlockedKeys) throws {
        try db.execute(sql: """
            INSERT INTO log_checkpoint (id, seq, mac, broken_at, tag) VALUES (1, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, mac = excluded.mac, broken_at = excluded.broken_at, tag = excluded.tag
            """, arguments: [seq, mac, brokenAt, tag(version: keys.logVersion, key: keys.currentLogKey)])
    }
}

extension HandoffLog {
    /// The MAC entry `seq` should carry under its version's key; nil when its version is one this
    /// store cannot have written, or a version 1 entry comes after a version 2 one.
    static func expectedMac(seq: Int64, version: Int, previous: String, payload: String, keys: UnlockedKeys,
                            chain: Chain = .handoff) -> String? {
        guard let key = keys.logKey(version: version) else { return nil }
        return mac(seq: seq, previous: previous, payload: payload, version: version, key: key, chain: chain)
    }

    /// Walks the chain from a verified position to the end; returns the last (seq, mac), or the
    /// first entry that does not chain, as a sentence.
    static func walk(from start: LogCheckpoint, db: Database, keys: UnlockedKeys, chain: Chain = .handoff) throws -> Result<(Int64, String), ChainBreak> {
        var newestVersion = 1
        if start.seq > 0 {
            // The entry at the checkpoint itself is checked again: its MAC, and its payload against it.
            guard let row = try Row.fetchOne(db, sql: "SELECT version, payload, mac FROM \(chain.table) WHERE seq = ?", arguments: [start.seq]),
                  (row["mac"] as String) == start.mac else {
                return .failure(ChainBreak(at: start.seq, reason: "entry \(start.seq) is not the entry last verified"))
            }
            let before = try String.fetchOne(db, sql: "SELECT mac FROM \(chain.table) WHERE seq = ?", arguments: [start.seq - 1]) ?? ""
            newestVersion = row["version"]
            guard expectedMac(seq: start.seq, version: newestVersion, previous: before, payload: row["payload"], keys: keys, chain: chain) == start.mac else {
                return .failure(ChainBreak(at: start.seq, reason: "entry \(start.seq) does not match its MAC"))
            }
        }
        var previous = start.mac
        var expected = start.seq + 1
        let rows = try Row.fetchCursor(db, sql: "SELECT seq, version, payload, mac FROM \(chain.table) WHERE seq > ? ORDER BY seq",
                                       arguments: [start.seq])
        while let row = try rows.next() {
            let seq: Int64 = row[0]
            guard seq == expected else {
                return .failure(seq > expected
                    ? ChainBreak(at: expected, reason: "entry \(expected) is missing (the log jumps from \(expected - 1) to \(seq))")
                    : ChainBreak(at: seq, reason: "entry \(seq) is out of order (expected \(expected))"))
            }
            let version: Int = row[1]
            let payload: String = row[2]
            let mac: String = row[3]
            guard keys.logKey(version: version) != nil else {
                return .failure(ChainBreak(at: seq, reason: "entry \(seq) has an unknown encoding version \(version)"))
            }
            guard version >= newestVersion else {
                return .failure(ChainBreak(at: seq, reason: "entry \(seq) uses the old log key after the switch to the integrity key"))
            }
            guard expectedMac(seq: seq, version: version, previous: previous, payload: payload, keys: keys, chain: chain) == mac else {
                return .failure(ChainBreak(at: seq, reason: "entry \(seq) does not match its MAC: it was changed, or moved from another place"))
            }
            newestVersion = version
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
