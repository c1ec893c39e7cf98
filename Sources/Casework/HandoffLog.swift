import Crypto
import Directory
import Foundation
import GRDB

/// One entry of the hand-off log, with no identifying data: codes, ids, the operator, the
/// steps that cleared it, the form's hash.
public struct LogEntry: Sendable, Equatable, Codable {
    /// `handoff`, `status`, `consent-withdrawn`, `notification`, `erasure`, `migration` or `decision` (its status `STAGE:OUTCOME`);
    /// for the exchange, `incoming` (a referral received), `response` (the receiver's answer), `withdrawal` (a withdrawal
    /// notice applied) and `feedback` (the receiver's answer applied by the sender).
    public var kind: String
    public var at: Date
    public var caseCode: String
    public var referralId: String?
    public var serviceId: String?
    public var organizationId: String?
    public var status: String?
    public var operatorName: String
    public var operatorOrganization: String
    public var steps: [String]?
    public var overridden: [String]?
    /// Eligibility reasons and unacknowledged codes a life-at-risk override lifted.
    public var lifted: [String]?
    /// The override's reason in clear: only in entries written before reasons were sealed.
    public var overrideReason: String?
    /// The override's reason, sealed under the case's key (base64 of AES-GCM); the mark that an override was used.
    public var overrideReasonSealed: String?
    /// On what basis the hand-off shares data: `consent`, `child-assent` or `legal-duty` (child protection).
    public var basis: String?
    public var consentId: String?
    public var procedureHash: String?
    public var formHash: String?
    /// The exchange envelope the entry applies (`incoming`, `withdrawal`, `feedback`).
    public var envelopeId: String?
    /// What a `withdrawal` entry did with the case (`WithdrawalOutcome`).
    public var withdrawalOutcome: String?

    enum CodingKeys: String, CodingKey {
        case kind, at, status, steps, overridden, lifted, basis
        case caseCode = "case_code", referralId = "referral_id", serviceId = "service_id"
        case organizationId = "organization_id", operatorName = "operator_name"
        case operatorOrganization = "operator_organization", overrideReason = "override_reason"
        case overrideReasonSealed = "override_reason_sealed"
        case consentId = "consent_id", procedureHash = "procedure_hash", formHash = "form_hash"
        case envelopeId = "envelope_id", withdrawalOutcome = "withdrawal_outcome"
    }

    /// Whether the entry records an override (life at risk), whether its reason is sealed or, in old entries, clear.
    public var wasOverridden: Bool { overrideReason != nil || overrideReasonSealed != nil }

    init(kind: String, at: Date, caseCode: String, operator: Operator, referralId: String? = nil) {
        self.kind = kind
        self.at = at
        self.caseCode = caseCode
        self.referralId = referralId
        operatorName = `operator`.name
        operatorOrganization = `operator`.organization
    }
}

/// The hand-off log's chain: canonical encoding, MACs, the head file, and verification.
///
/// The payload is the entry as JSON with sorted keys and ISO 8601 seconds; the MAC of entry
/// *n* is HMAC-SHA256 over `"waymark-log/" + version + "\n" + n + "\n" + mac(n-1) + "\n" +
/// payload`, with mac(0) empty, under the key of the entry's version: 1 derives from the data
/// key, 2 from the integrity key. A store that adopts its integrity key writes the switch as
/// its first version 2 entry; no version 1 entry may follow a version 2 one. The head file
/// beside `cases.sqlite` holds the count and the last MAC, itself MAC'd, so a log cut short is
/// caught.
enum HandoffLog {
    /// Which of the two chained logs: the hand-off log, or the access log (who opened what).
    enum Chain: Sendable {
        case handoff, access

        var table: String { self == .handoff ? "handoff_log" : "access_log" }
        /// The MAC's domain, so an entry cannot move from one log to the other.
        var domain: String { self == .handoff ? "waymark-log" : "waymark-access" }
        var headFile: String { self == .handoff ? "handoff-log.head" : "access-log.head" }
        var name: String { self == .handoff ? "the hand-off log" : "the access log" }
    }

    /// The newest encoding version; `UnlockedKeys.logVersion` is the one a store writes.
    static let version = 2

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static func payload(_ entry: LogEntry) throws -> String {
        String(decoding: try encoder.encode(entry), as: UTF8.self)
    }

    static func mac(seq: Int64, previous: String, payload: String, version: Int, key: SymmetricKey, chain: Chain = .handoff) -> String {
        var hmac = HMAC<SHA256>(key: key)
        hmac.update(data: Data("\(chain.domain)/\(version)\n\(seq)\n\(previous)\n".utf8))
        hmac.update(data: Data(payload.utf8))
        return hex(Data(hmac.finalize()))
    }

    static func hex(_ data: Data) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(data.count * 2)
        for byte in data {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends an entry inside the caller's transaction, in the store's log version; returns the new head.
    static func append(_ entry: LogEntry, db: Database, keys: UnlockedKeys, chain: Chain = .handoff) throws -> LogHead {
        let last = try Row.fetchOne(db, sql: "SELECT seq, mac FROM \(chain.table) ORDER BY seq DESC LIMIT 1")
        let seq: Int64 = (last?["seq"] ?? 0) + 1
        let previous: String = last?["mac"] ?? ""
        let text = try payload(entry)
        let version = keys.logVersion
        let mac = mac(seq: seq, previous: previous, payload: text, version: version, key: keys.currentLogKey, chain: chain)
        try db.execute(sql: "INSERT INTO \(chain.table) (seq, version, payload, mac) VALUES (?, ?, ?, ?)",
                       arguments: [seq, version, text, mac])
        return LogHead(count: seq, lastMac: mac, version: version)
    }

    /// The encoding version of entry `seq`; nil when there is none (0 for the empty log's head).
    static func versionOf(entry seq: Int64, db: Database, chain: Chain = .handoff) throws -> Int? {
        seq == 0 ? 0 : try Int.fetchOne(db, sql: "SELECT version FROM \(chain.table) WHERE seq = ?", arguments: [seq])
    }
}

/// The log's head: how many entries and the last MAC, kept in a file outside `cases.sqlite`,
/// signed under the key of the log version it was written in.
struct LogHead: Sendable, Equatable, Codable {
    var count: Int64
    var lastMac: String
    /// The log version whose key signed it (the version of the entry it points at).
    var version: Int = 1

    static let empty = LogHead(count: 0, lastMac: "")

    private struct Signed: Codable {
        var version: Int
        var count: Int64
        var lastMac: String
        var mac: String

        enum CodingKeys: String, CodingKey {
            case version, count, mac
            case lastMac = "last_mac"
        }
    }

    static func file(in home: URL) -> URL { home.appendingPathComponent("handoff-log.head") }

    private static func signature(count: Int64, lastMac: String, version: Int, key: SymmetricKey, chain: HandoffLog.Chain) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(chain.domain)-head/\(version)\n\(count)\n\(lastMac)".utf8), using: key)
        return HandoffLog.hex(Data(mac))
    }

    /// Writes the head, in the store's log version, to where heads are kept.
    func write(to heads: any LogHeadStore, keys: UnlockedKeys, chain: HandoffLog.Chain = .handoff) throws {
        let version = keys.logVersion
        let signed = Signed(version: version, count: count, lastMac: lastMac,
                            mac: Self.signature(count: count, lastMac: lastMac, version: version, key: keys.currentLogKey, chain: chain))
        try heads.save(try HandoffLog.encoder.encode(signed))
    }

    /// The stored head; nil when there is none; an error when it was altered.
    static func read(from heads: any LogHeadStore, keys: UnlockedKeys, chain: HandoffLog.Chain = .handoff) throws(CaseworkError) -> LogHead? {
        guard let data = heads.load() else { return nil }
        guard let signed = try? JSONDecoder().decode(Signed.self, from: data) else {
            throw .logDoesNotVerify("the head file \(chain.headFile) cannot be read")
        }
        guard let key = keys.logKey(version: signed.version),
              signature(count: signed.count, lastMac: signed.lastMac, version: signed.version, key: key, chain: chain) == signed.mac else {
            throw .logDoesNotVerify("the head file \(chain.headFile) was changed outside Waymark")
        }
        // After a rotation every head is written under the new key: one signed under a retired
        // generation was put back by someone holding the old key (a removed account's copy).
        if signed.version >= 2, signed.version < keys.logVersion {
            throw .logDoesNotVerify("the head file \(chain.headFile) was signed under a key replaced since (an account's removal)")
        }
        return LogHead(count: signed.count, lastMac: signed.lastMac, version: signed.version)
    }

    /// Why this head cannot stand for the log in `db`: a head signed in an older version than the
    /// entry it points at was put back from before the switch to the integrity key. Nil when it can.
    func versionProblem(_ db: Database) throws -> String? {
        guard let entryVersion = try HandoffLog.versionOf(entry: count, db: db), entryVersion > version else { return nil }
        return "the head file handoff-log.head is older than the log's switch to the integrity key"
    }
}

/// What `log verify` found.
public struct LogVerification: Sendable, Equatable {
    /// How many entries were checked.
    public var entries: Int
    /// The first problem, naming the entry; nil when the log verifies.
    public var problem: String?
    /// The entry number the problem is at.
    public var failedAt: Int64?

    public var verifies: Bool { problem == nil }
}
