import Foundation

/// One file a backup carries: its path inside the home, its size and its SHA-256.
public struct BackupEntry: Codable, Sendable, Equatable {
    /// The path relative to the home, `/`-separated (`cases.sqlite`, `sop/default.yaml`).
    public var path: String
    /// The file's size in bytes.
    public var size: Int64
    /// The lowercase hex SHA-256 of the file's bytes.
    public var sha256: String

    public init(path: String, size: Int64, sha256: String) {
        self.path = path
        self.size = size
        self.sha256 = sha256
    }

    /// Whether the path stays inside the folder it is restored into: relative, no empty, `.` or `..`
    /// part, no backslash or control character, at most 8 parts of at most 255 bytes each.
    public var hasSafePath: Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), path.utf8.count <= 1024 else { return false }
        guard !path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f || $0 == "\\" }) else { return false }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 8 else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." && $0.utf8.count <= 255 }
    }

    /// Whether `sha256` is 64 lowercase hex digits.
    var hasWellFormedDigest: Bool {
        sha256.utf8.count == 64 && sha256.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
