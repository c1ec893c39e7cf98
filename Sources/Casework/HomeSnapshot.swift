import Crypto
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A consistent copy of a home's files in a private folder, taken while the home's lock is held:
/// what a backup carries.
///
/// Under the lock (`cases.lock`, the one every hand-off and unlock takes) nothing appends to the
/// hand-off log, so `cases.sqlite` and the log head files (`*.head`) agree. The two stores are copied
/// with SQLite's online backup API (a reader's consistent view, never a half-written page); every
/// other regular file of the home is copied byte for byte: `operator.json`, `unlock-failures`, the
/// heads, `sop/`. Left out: lock files, SQLite's `-journal`, `-wal` and `-shm` files, hidden and
/// temporary files (`.*`, `*.tmp`, `*~`), and anything that is not a regular file or folder —
/// symbolic links are neither followed nor carried.
public struct HomeSnapshot: Sendable {
    /// The folder holding the copies.
    public let folder: URL
    /// The files copied, sorted by path, each with its size and SHA-256.
    public let entries: [BackupEntry]

    /// The SQLite stores, copied with the online backup API.
    static let databases: Set<String> = ["cases.sqlite", "directory.sqlite"]

    /// Copies the home's files into `folder`, which must not exist yet (it is made 0700).
    public static func take(of home: URL, into folder: URL) throws -> HomeSnapshot {
        guard mkdir(folder.path, 0o700) == 0 else {
            throw BackupError.cannotWrite(folder.path, reason: String(cString: strerror(errno)))
        }
        let entries = try HomeLock.exclusive(in: home) { () -> [BackupEntry] in
            try carriedFiles(in: home).map { path in
                let source = home.appendingPathComponent(path)
                let copy = folder.appendingPathComponent(path)
                try makeFolders(for: path, under: folder)
                if databases.contains(path) {
                    try copyDatabase(source, to: copy, named: path)
                    return try digest(of: copy, path: path, copyingTo: nil)
                }
                return try digest(of: source, path: path, copyingTo: copy)
            }
        }
        return HomeSnapshot(folder: folder, entries: entries)
    }

    /// Whether a file or folder of this name is carried by a backup.
    static func isCarried(_ name: String) -> Bool {
        if name.hasPrefix(".") { return false }
        return ![".lock", "-journal", "-wal", "-shm", ".tmp", "~"].contains { name.hasSuffix($0) }
    }

    /// The regular files a backup carries, relative to `home`, sorted; folders are walked, links skipped.
    static func carriedFiles(in home: URL, under prefix: String = "") throws -> [String] {
        let folder = prefix.isEmpty ? home : home.appendingPathComponent(prefix)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw BackupError.cannotRead(folder.path, reason: "the folder cannot be listed")
        }
        var files: [String] = []
        for name in names.sorted() where isCarried(name) {
            let path = prefix.isEmpty ? name : prefix + "/" + name
            var status = stat()
            guard lstat(home.appendingPathComponent(path).path, &status) == 0 else { continue }
            switch status.st_mode & S_IFMT {
            case S_IFREG: files.append(path)
            case S_IFDIR: files += try carriedFiles(in: home, under: path)
            default: continue
            }
        }
        return files
    }

    /// Copies a SQLite store with the online backup API into a new file.
    static func copyDatabase(_ source: URL, to copy: URL, named name: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        do {
            let from = try DatabaseQueue(path: source.path, configuration: configuration)
            let to = try DatabaseQueue(path: copy.path)
            try from.backup(to: to)
            try to.close()
            try from.close()
        } catch {
            throw BackupError.cannotRead(name, reason: String(describing: error))
        }
        try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: copy.path)
    }

    /// A file's entry: its size and SHA-256, read in blocks; with `copy`, the bytes read are also written there.
    static func digest(of file: URL, path: String, copyingTo copy: URL?) throws -> BackupEntry {
        let input = try BackupFile.openForReading(file, named: path)
        defer { try? input.close() }
        let output = try copy.map { try BackupFile.create($0, named: path) }
        defer { try? output?.close() }
        var hasher = SHA256()
        var size: Int64 = 0
        while let block = try input.read(upToCount: BackupFile.chunkSize), !block.isEmpty {
            hasher.update(data: block)
            try output?.write(contentsOf: block)
            size += Int64(block.count)
        }
        return BackupEntry(path: path, size: size, sha256: HandoffLog.hex(Data(hasher.finalize())))
    }

    /// Makes the folders above `path` under `folder`, readable by the owner only.
    static func makeFolders(for path: String, under folder: URL) throws {
        let parent = folder.appendingPathComponent(path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }
}
