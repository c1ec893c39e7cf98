import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The backup file format (`waymark-backup-v1`): a home's files sealed under a passphrase, streamed
/// in chunks so that no file is ever held whole in memory.
///
/// The file is, in order:
/// 1. the line `waymark-backup-v1`;
/// 2. one line of JSON, the `BackupHeader`: `kdf` `"scrypt"`, `salt`, `log2_n`, `block_size`,
///    `parallelism`, `key_check`, `chunk_size` (1 MiB), `created_at` and `entries` (each file's
///    `path` relative to the home, `size` and `sha256`);
/// 3. the payload: every entry's bytes one after the other, in the header's order, cut into chunks
///    of `chunk_size` plaintext bytes (the last may be shorter; an empty payload is one empty chunk),
///    each sealed with AES-GCM as nonce (12 bytes) + ciphertext + tag (16 bytes), nothing between them.
///
/// The key: scrypt of the passphrase with the header's salt and cost gives 32 bytes; HKDF-SHA256 of
/// those with the info `waymark-backup-v1 payload` is the AES key, and with `waymark-backup-v1 key
/// check` the header's 16-byte `key_check`. Each chunk's associated data is the SHA-256 of the header
/// line (as written, without its newline), the chunk's index (8 bytes, big-endian, from 0) and a byte
/// 1 for the last chunk, else 0. So a changed header, chunks reordered, dropped or cut off, and bytes
/// appended all fail to open; the sizes in the header fix every chunk's length, and each file's
/// SHA-256 is checked as it is written out.
public enum BackupFile {
    /// The first line.
    public static let magic = "waymark-backup-v1"
    /// Plaintext bytes per chunk.
    public static let chunkSize = 1 << 20
    /// What AES-GCM adds to each chunk: the nonce and the tag.
    static let sealOverhead = 12 + 16
    /// The longest header line read (about 20,000 entries).
    static let maximumHeaderBytes = 4 << 20

    /// The payload key and the key check, from a passphrase.
    struct Keys {
        let payload: SymmetricKey
        let check: Data

        init(passphrase: String, salt: Data, parameters: ScryptParameters) throws {
            let derived = try Keyring.derive(passphrase: passphrase, salt: salt, parameters: parameters)
            payload = HKDF<SHA256>.deriveKey(inputKeyMaterial: derived, info: Data("waymark-backup-v1 payload".utf8), outputByteCount: 32)
            check = HKDF<SHA256>.deriveKey(inputKeyMaterial: derived, info: Data("waymark-backup-v1 key check".utf8), outputByteCount: 16)
                .withUnsafeBytes { Data($0) }
        }
    }

    /// The associated data of chunk `index`: the header's SHA-256, the index, whether it is the last.
    static func associatedData(header digest: Data, index: Int64, final: Bool) -> Data {
        var data = digest
        withUnsafeBytes(of: UInt64(index).bigEndian) { data.append(contentsOf: $0) }
        data.append(final ? 1 : 0)
        return data
    }

    /// Writes a backup of `entries` (whose bytes are the files of the same paths under `folder`) to
    /// `output`, sealed under `passphrase`. Each file is read in blocks and must still have the size and
    /// SHA-256 its entry names. Returns the header written.
    static func write(_ entries: [BackupEntry], from folder: URL, to output: FileHandle, passphrase: String,
                      parameters: ScryptParameters, createdAt: Date) throws -> BackupHeader {
        let salt = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        let keys = try Keys(passphrase: passphrase, salt: salt, parameters: parameters)
        let header = BackupHeader(kdf: "scrypt", salt: salt, log2N: parameters.log2N, blockSize: parameters.blockSize,
                                  parallelism: parameters.parallelism, keyCheck: keys.check, chunkSize: chunkSize,
                                  createdAt: createdAt, entries: entries)
        guard let chunkCount = header.chunkCount else { throw BackupError.damaged("the files' sizes do not add up") }
        let line = try header.line()
        let digest = Data(SHA256.hash(data: line))
        try output.write(contentsOf: Data((magic + "\n").utf8) + line + Data("\n".utf8))

        var index: Int64 = 0
        var buffer = Data()
        buffer.reserveCapacity(chunkSize)
        func seal(final: Bool) throws {
            let box = try AES.GCM.seal(buffer, using: keys.payload, authenticating: associatedData(header: digest, index: index, final: final))
            guard let combined = box.combined else { throw BackupError.damaged("a chunk could not be sealed") }
            try output.write(contentsOf: combined)
            index += 1
            buffer.removeAll(keepingCapacity: true)
        }
        for entry in entries {
            let url = folder.appendingPathComponent(entry.path)
            let input = try openForReading(url, named: entry.path)
            defer { try? input.close() }
            var hasher = SHA256()
            var read: Int64 = 0
            while true {
                guard let block = try input.read(upToCount: chunkSize - buffer.count), !block.isEmpty else { break }
                hasher.update(data: block)
                read += Int64(block.count)
                buffer.append(block)
                if buffer.count == chunkSize { try seal(final: index == chunkCount - 1) }
            }
            guard read == entry.size, HandoffLog.hex(Data(hasher.finalize())) == entry.sha256 else {
                throw BackupError.cannotRead(entry.path, reason: "it changed while the backup was being written")
            }
        }
        if index < chunkCount { try seal(final: true) }
        guard index == chunkCount else { throw BackupError.damaged("the payload did not fill its chunks") }
        return header
    }

    /// Reads a backup from `input`, opening and checking every chunk and every file's size and SHA-256,
    /// and writes its files under `folder` (an empty folder made by the caller). Throws at the first
    /// thing that does not verify; the caller then discards `folder`, in which files may be half written.
    static func extract(from input: FileHandle, named name: String, passphrase: String, into folder: URL) throws -> BackupHeader {
        var reader = ChunkReader(input)
        guard let first = try reader.line(limit: 64), first == Data(magic.utf8) else { throw BackupError.notABackup(name) }
        guard let line = try reader.line(limit: maximumHeaderBytes) else { throw BackupError.damaged("the header line is cut off") }
        guard let header = BackupHeader.read(line) else { throw BackupError.damaged("the header is not readable") }
        guard header.kdf == "scrypt" else { throw BackupError.unsupported("key derivation '\(header.kdf)'") }
        guard header.parameters.isPlausible else { throw BackupError.unsupported("scrypt cost \(header.parameters.summary)") }
        guard header.chunkSize == chunkSize else { throw BackupError.unsupported("chunk size \(header.chunkSize)") }
        var seen = Set<String>()
        for entry in header.entries {
            guard entry.hasSafePath else { throw BackupError.unsafePath(entry.path) }
            guard seen.insert(entry.path).inserted, !seen.contains(where: { entry.path.hasPrefix($0 + "/") || $0.hasPrefix(entry.path + "/") }) else {
                throw BackupError.damaged("the header names \(entry.path) twice")
            }
            guard entry.hasWellFormedDigest else { throw BackupError.damaged("the header's SHA-256 of \(entry.path) is not one") }
        }
        guard let total = header.payloadSize, let chunkCount = header.chunkCount else {
            throw BackupError.damaged("the header's file sizes are not valid")
        }
        let keys = try Keys(passphrase: passphrase, salt: header.salt, parameters: header.parameters)
        guard keys.check == header.keyCheck else { throw BackupError.wrongPassphrase }
        let digest = Data(SHA256.hash(data: line))

        var writer = EntryWriter(entries: header.entries, folder: folder)
        try writer.advance()
        var remaining = total
        for index in 0..<chunkCount {
            let plain = min(Int64(chunkSize), remaining)
            guard let sealed = try reader.read(count: Int(plain) + sealOverhead) else {
                throw BackupError.damaged("the file ends early: chunk \(index + 1) of \(chunkCount) is missing or cut off")
            }
            let opened: Data
            do {
                let box = try AES.GCM.SealedBox(combined: sealed)
                opened = try AES.GCM.open(box, using: keys.payload,
                                          authenticating: associatedData(header: digest, index: index, final: index == chunkCount - 1))
            } catch {
                throw BackupError.damaged("chunk \(index + 1) of \(chunkCount) does not open (its bytes or the header were changed, or chunks moved)")
            }
            guard opened.count == plain else { throw BackupError.damaged("chunk \(index + 1) of \(chunkCount) has the wrong length") }
            try writer.write(opened)
            remaining -= plain
        }
        guard try reader.read(count: 1) == nil else { throw BackupError.damaged("there are bytes after the last chunk") }
        try writer.finish()
        return header
    }

    /// Opens a file for reading without following a symbolic link.
    static func openForReading(_ url: URL, named name: String) throws -> FileHandle {
        let fd = open(url.path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw BackupError.cannotRead(name, reason: String(cString: strerror(errno))) }
        return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    /// Makes a new file (mode 0600, never over another, never through a link) and opens it for writing.
    static func create(_ url: URL, named name: String) throws -> FileHandle {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { throw BackupError.fileExists(name) }
            throw BackupError.cannotWrite(name, reason: String(cString: strerror(errno)))
        }
        _ = fchmod(fd, 0o600)
        return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }
}

/// Reads a backup file in blocks: its two lines, then chunks of known lengths.
private struct ChunkReader {
    let handle: FileHandle
    var buffer = Data()
    var atEnd = false

    init(_ handle: FileHandle) { self.handle = handle }

    /// Reads more into the buffer; false at the end of the file.
    mutating func fill() throws -> Bool {
        guard !atEnd else { return false }
        guard let block = try handle.read(upToCount: BackupFile.chunkSize), !block.isEmpty else {
            atEnd = true
            return false
        }
        buffer.append(block)
        return true
    }

    /// The next line without its newline; nil when the file ends or `limit` bytes pass first.
    mutating func line(limit: Int) throws -> Data? {
        var searched = 0
        while true {
            if let newline = buffer[(buffer.startIndex + searched)...].firstIndex(of: 0x0a) {
                let line = Data(buffer[buffer.startIndex..<newline])
                buffer = Data(buffer[(newline + 1)...])
                return line.count <= limit ? line : nil
            }
            searched = buffer.count
            guard searched <= limit, try fill() else { return nil }
        }
    }

    /// Exactly `count` bytes; nil when the file ends first.
    mutating func read(count: Int) throws -> Data? {
        while buffer.count < count {
            guard try fill() else { return nil }
        }
        let bytes = Data(buffer.prefix(count))
        buffer = Data(buffer.dropFirst(count))
        return bytes
    }
}

/// Writes the payload's bytes out to the entries' files in turn, checking each file's size and SHA-256.
private struct EntryWriter {
    let entries: [BackupEntry]
    let folder: URL
    var next = 0
    var current: (entry: BackupEntry, handle: FileHandle, hasher: SHA256, left: Int64)?

    init(entries: [BackupEntry], folder: URL) {
        self.entries = entries
        self.folder = folder
    }

    /// Closes and checks the file being written once it is complete, then opens the next (empty ones at once).
    mutating func advance() throws {
        while current == nil || current?.left == 0 {
            if let done = current {
                try done.handle.close()
                guard HandoffLog.hex(Data(done.hasher.finalize())) == done.entry.sha256 else {
                    throw BackupError.damaged("\(done.entry.path) does not match its SHA-256")
                }
                current = nil
            }
            guard next < entries.count else { return }
            let entry = entries[next]
            next += 1
            let url = folder.appendingPathComponent(entry.path)
            try makeFolders(for: entry.path)
            current = (entry, try BackupFile.create(url, named: entry.path), SHA256(), entry.size)
        }
    }

    /// Makes the folders above `path` under `folder` (0700), refusing a link on the way.
    func makeFolders(for path: String) throws {
        var url = folder
        for part in path.split(separator: "/").dropLast() {
            url.appendPathComponent(String(part))
            var status = stat()
            if lstat(url.path, &status) == 0 {
                guard (status.st_mode & S_IFMT) == S_IFDIR else { throw BackupError.unsafePath(path) }
            } else if mkdir(url.path, 0o700) != 0 {
                throw BackupError.cannotWrite(path, reason: String(cString: strerror(errno)))
            }
        }
    }

    /// Writes the next bytes of the payload.
    mutating func write(_ data: Data) throws {
        var rest = data[...]
        while !rest.isEmpty {
            guard var file = current else { throw BackupError.damaged("the payload is longer than its files") }
            let part = rest.prefix(Int(min(Int64(rest.count), file.left)))
            try file.handle.write(contentsOf: part)
            file.hasher.update(data: part)
            file.left -= Int64(part.count)
            current = file
            rest = rest.dropFirst(part.count)
            try advance()
        }
    }

    /// Checks that every file was written whole.
    mutating func finish() throws {
        try advance()
        guard current == nil, next == entries.count else { throw BackupError.damaged("the payload is shorter than its files") }
    }
}
