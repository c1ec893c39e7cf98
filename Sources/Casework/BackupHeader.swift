import Foundation

/// The second line of a backup file: how its key is derived and which files it carries, in order.
///
/// Written as one line of JSON with the keys `kdf` (`"scrypt"`), `salt` (base64), `log2_n`,
/// `block_size`, `parallelism`, `key_check` (base64, 16 bytes that tell a wrong passphrase from a
/// damaged file), `chunk_size` (1048576), `created_at` (ISO 8601) and `entries` (`path`, `size`,
/// `sha256`). Its SHA-256 is bound into every chunk, so a header changed by one byte opens no chunk.
public struct BackupHeader: Codable, Sendable, Equatable {
    /// The key derivation: always `scrypt`.
    public var kdf: String
    /// The scrypt salt (32 random bytes).
    public var salt: Data
    public var log2N: Int
    public var blockSize: Int
    public var parallelism: Int
    /// HKDF of the scrypt key with the info `waymark-backup-v1 key check`: not secret, it only says whether a passphrase is the one.
    public var keyCheck: Data
    /// The plaintext bytes per chunk (the last chunk may hold fewer).
    public var chunkSize: Int
    /// When the backup was taken.
    public var createdAt: Date
    /// The files, in the order their bytes follow one another in the payload.
    public var entries: [BackupEntry]

    enum CodingKeys: String, CodingKey {
        case kdf, salt, parallelism, entries
        case log2N = "log2_n", blockSize = "block_size", keyCheck = "key_check", chunkSize = "chunk_size", createdAt = "created_at"
    }

    /// The scrypt cost the header names.
    public var parameters: ScryptParameters { ScryptParameters(log2N: log2N, blockSize: blockSize, parallelism: parallelism) }

    /// The payload's size: every file's bytes; nil when the sizes are negative or overflow.
    var payloadSize: Int64? {
        var total: Int64 = 0
        for entry in entries {
            guard entry.size >= 0 else { return nil }
            let (sum, overflow) = total.addingReportingOverflow(entry.size)
            guard !overflow else { return nil }
            total = sum
        }
        return total
    }

    /// How many chunks the payload is sealed in: at least one, so even an empty payload has a final chunk.
    var chunkCount: Int64? {
        guard let total = payloadSize, chunkSize > 0 else { return nil }
        return max(1, (total + Int64(chunkSize) - 1) / Int64(chunkSize))
    }

    /// The header as its line in the file (without the newline).
    func line() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    /// Reads a header line; nil when it is not one.
    static func read(_ line: Data) -> BackupHeader? {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(BackupHeader.self, from: line)
    }
}
