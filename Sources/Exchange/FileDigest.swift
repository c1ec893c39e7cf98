import Crypto
import Foundation

/// A file's size and SHA-256, read in blocks so a large package is never held in memory.
enum FileDigest {
    /// The size and lowercase hex SHA-256 of the file at `url`.
    static func of(_ url: URL) throws -> (size: Int64, sha256: String) {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = SHA256()
        var size: Int64 = 0
        while let block = try handle.read(upToCount: 1 << 20), !block.isEmpty {
            hasher.update(data: block)
            size += Int64(block.count)
        }
        return (size, hasher.finalize().map { String(format: "%02x", $0) }.joined())
    }
}
