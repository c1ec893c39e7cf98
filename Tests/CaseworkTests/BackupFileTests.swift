@testable import Casework
import Foundation
import Testing
import TestSupport

/// Backups of a small home-like folder: a file of several chunks, an empty file, a file in `sop/`.
@Suite("The backup file: every file back as it was; a wrong passphrase, a changed, cut or reordered file, an escaping path refused")
struct BackupFileTests {
    let root = TemporaryHome.url("waymark-backup")
    let passphrase = "a long backup passphrase"

    /// A folder with three files, the first 2.5 chunks long; returns its entries.
    func source() throws -> (URL, [BackupEntry]) {
        let folder = root.appendingPathComponent("source")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sop"), withIntermediateDirectories: true)
        var big = Data(count: BackupFile.chunkSize * 5 / 2)
        for index in big.indices { big[index] = UInt8(truncatingIfNeeded: index &* 31 &+ index >> 9) }
        try big.write(to: folder.appendingPathComponent("cases.sqlite"))
        try Data().write(to: folder.appendingPathComponent("empty.head"))
        try Data("stale_after_days: 30\n".utf8).write(to: folder.appendingPathComponent("sop/default.yaml"))
        let entries = try ["cases.sqlite", "empty.head", "sop/default.yaml"].map {
            try HomeSnapshot.digest(of: folder.appendingPathComponent($0), path: $0, copyingTo: nil)
        }
        return (folder, entries)
    }

    /// Writes a backup of `entries` under `folder` to a new file.
    func backup(_ entries: [BackupEntry], from folder: URL) throws -> URL {
        let file = root.appendingPathComponent("home-\(UUID().uuidString).backup")
        let output = try BackupFile.create(file, named: file.path)
        _ = try BackupFile.write(entries, from: folder, to: output, passphrase: passphrase, parameters: .cheapForTests,
                                 createdAt: Date(timeIntervalSince1970: 1_780_000_000))
        try output.close()
        return file
    }

    /// Restores `file` into a new folder; returns the folder.
    @discardableResult
    func extract(_ file: URL, passphrase: String? = nil) throws -> URL {
        let folder = root.appendingPathComponent("restored-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let input = try FileHandle(forReadingFrom: file)
        defer { try? input.close() }
        _ = try BackupFile.extract(from: input, named: file.path, passphrase: passphrase ?? self.passphrase, into: folder)
        return folder
    }

    /// The file's bytes after `change`.
    func changed(_ file: URL, _ change: (inout Data) -> Void) throws -> URL {
        var bytes = try Data(contentsOf: file)
        change(&bytes)
        let copy = root.appendingPathComponent("changed-\(UUID().uuidString).backup")
        try bytes.write(to: copy)
        return copy
    }

    /// Where the payload starts: after the two lines.
    func payloadStart(_ bytes: Data) -> Int {
        let first = bytes.firstIndex(of: 0x0a) ?? 0
        return (bytes[(first + 1)...].firstIndex(of: 0x0a) ?? 0) + 1
    }

    @Test("Round trip: every file comes back byte for byte; the file starts with the magic line and a JSON header")
    func roundTrip() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let (folder, entries) = try source()
        let file = try backup(entries, from: folder)
        let restored = try extract(file)
        for entry in entries {
            #expect(try Data(contentsOf: restored.appendingPathComponent(entry.path)) == Data(contentsOf: folder.appendingPathComponent(entry.path)))
        }
        let bytes = try Data(contentsOf: file)
        let lines = bytes.split(separator: 0x0a, maxSplits: 2, omittingEmptySubsequences: false)
        #expect(String(decoding: lines[0], as: UTF8.self) == "waymark-backup-v1")
        let header = try #require(BackupHeader.read(Data(lines[1])))
        #expect(header.kdf == "scrypt" && header.log2N == 4 && header.chunkSize == 1 << 20)
        #expect(header.entries == entries)
        #expect(!bytes.contains(Data("stale_after_days".utf8)), "the payload is encrypted")
        let total = entries.reduce(0) { $0 + Int($1.size) }
        #expect(bytes.count == payloadStart(bytes) + total + 3 * BackupFile.sealOverhead, "three chunks, nothing else")
    }

    @Test("An empty backup is one empty final chunk, and restores to nothing")
    func empty() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("nothing")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = try backup([], from: folder)
        let restored = try extract(file)
        #expect(try FileManager.default.contentsOfDirectory(atPath: restored.path).isEmpty)
        let cut = try changed(file) { $0.removeLast(BackupFile.sealOverhead) }
        #expect(throws: BackupError.self) { try extract(cut) }
    }

    @Test("A wrong passphrase is told apart from damage and opens nothing")
    func wrongPassphrase() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let (folder, entries) = try source()
        let file = try backup(entries, from: folder)
        #expect(throws: BackupError.wrongPassphrase) { try extract(file, passphrase: "not the passphrase") }
    }

    @Test("A flipped byte in any chunk is refused, naming the chunk")
    func flippedByte() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let (folder, entries) = try source()
        let file = try backup(entries, from: folder)
        let start = payloadStart(try Data(contentsOf: file))
        for (offset, chunk) in [(100, 1), (BackupFile.chunkSize + 28 + 5_000, 2), (2 * (BackupFile.chunkSize + 28) + 40, 3)] {
            let flipped = try changed(file) { $0[start + offset] ^= 0x01 }
            #expect(throws: BackupError.damaged("chunk \(chunk) of 3 does not open (its bytes or the header were changed, or chunks moved)")) {
                try extract(flipped)
            }
        }
    }

    @Test("Cut off by a chunk, or cut inside one, or with bytes appended: refused")
    func truncated() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let (folder, entries) = try source()
        let file = try backup(entries, from: folder)
        let size = try Data(contentsOf: file).count
        let lastChunk = BackupFile.chunkSize / 2 + BackupFile.sealOverhead
        let lessOneChunk = try changed(file) { $0.removeLast(lastChunk) }
        #expect(throws: BackupError.damaged("the file ends early: chunk 3 of 3 is missing or cut off")) { try extract(lessOneChunk) }
        let lessOneByte = try changed(file) { $0.removeLast() }
        #expect(throws: BackupError.damaged("the file ends early: chunk 3 of 3 is missing or cut off")) { try extract(lessOneByte) }
        let longer = try changed(file) { $0.append(0) }
        #expect(throws: BackupError.damaged("there are bytes after the last chunk")) { try extract(longer) }
        #expect(size > lastChunk)
    }

    @Test("Two chunks swapped are refused: each chunk's index is bound in")
    func reordered() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let (folder, entries) = try source()
        let file = try backup(entries, from: folder)
        let swapped = try changed(file) { bytes in
            let start = payloadStart(bytes), length = BackupFile.chunkSize + BackupFile.sealOverhead
            let first = bytes[start..<(start + length)], second = bytes[(start + length)..<(start + 2 * length)]
            bytes.replaceSubrange(start..<(start + 2 * length), with: Data(second) + Data(first))
        }
        #expect(throws: BackupError.damaged("chunk 1 of 3 does not open (its bytes or the header were changed, or chunks moved)")) {
            try extract(swapped)
        }
    }

    @Test("An edited header (a date, a file's hash) opens no chunk; a file that is not a backup is named as such")
    func editedHeader() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let (folder, entries) = try source()
        let file = try backup(entries, from: folder)
        let redated = try changed(file) { bytes in
            let text = String(decoding: bytes.prefix(payloadStart(bytes)), as: UTF8.self)
            let edited = text.replacingOccurrences(of: "\"created_at\":\"2026", with: "\"created_at\":\"2025")
            #expect(edited != text)
            bytes.replaceSubrange(0..<payloadStart(bytes), with: Data(edited.utf8))
        }
        #expect(throws: BackupError.damaged("chunk 1 of 3 does not open (its bytes or the header were changed, or chunks moved)")) {
            try extract(redated)
        }
        let notOne = try changed(file) { $0[0] = UInt8(ascii: "W") }
        #expect(throws: BackupError.notABackup(notOne.path)) { try extract(notOne) }
    }

    @Test("A path with `..`, an absolute one or one through a link is refused, and nothing is written outside the folder")
    func escapingPath() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let (folder, _) = try source()
        try Data("outside".utf8).write(to: root.appendingPathComponent("escape"))
        let outside = try HomeSnapshot.digest(of: root.appendingPathComponent("escape"), path: "../escape", copyingTo: nil)
        let file = try backup([outside], from: folder)
        try FileManager.default.removeItem(at: root.appendingPathComponent("escape"))
        #expect(throws: BackupError.unsafePath("../escape")) { try extract(file) }
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("escape").path))
        for path in ["/etc/passwd", "sop/../../x", "./x", "a//b", ""] {
            #expect(!BackupEntry(path: path, size: 0, sha256: "").hasSafePath, "\(path)")
        }
        #expect(BackupEntry(path: "sop/default.yaml", size: 0, sha256: "").hasSafePath)
        // A folder in the backup's way that is a link: refused, nothing written through it.
        let target = root.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        let restored = root.appendingPathComponent("restored-link")
        try FileManager.default.createDirectory(at: restored, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: restored.appendingPathComponent("sop"), withDestinationURL: target)
        let good = try backup(try source().1, from: folder)
        let input = try FileHandle(forReadingFrom: good)
        defer { try? input.close() }
        #expect(throws: BackupError.unsafePath("sop/default.yaml")) {
            try BackupFile.extract(from: input, named: good.path, passphrase: passphrase, into: restored)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path).isEmpty)
    }
}
