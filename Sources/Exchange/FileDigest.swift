import Crypto
import Foundation

/// A file's size and SHA-256, read in blocks so a large package is never held in memory.
enum FileDigest {
    /// The size and lowercase hex SHA-256 of the file at `url`; with `copy`, the bytes hashed are also written there
    /// (a new file, owner-only), so what was checked is exactly what is read afterwards.
    static func of(_ url: URL, copyingTo copy: URL? = nil) throws -> (size: Int64, sha256: String) {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var output: FileHandle?
        if let copy {
            guard FileManager.default.createFile(atPath: copy.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: copy.path])
            }
            output = try FileHandle(forWritingTo: copy)
        }
        defer { try? output?.close() }
        var hasher = SHA256()
        var size: Int64 = 0
        while let block = try handle.read(upToCount: 1 << 20), !block.isEmpty {
            hasher.update(data: block)
            try output?.write(contentsOf: block)
            size += Int64(block.count)
        }
        return (size, hasher.finalize().map { String(format: "%02x", $0) }.joined())
    }
}
