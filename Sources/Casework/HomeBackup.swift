import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Backs a home up to one encrypted file (`BackupFile`'s format) and restores it into an empty home.
///
/// Neither leaves anything half done: a backup is written to a hidden file beside its name and renamed
/// into place only when complete; a restore opens and checks the whole file into a hidden staging
/// folder in the home, and moves the files into the home only when every chunk and every file verified.
/// Who may do either (the passphrase, the role) is the caller's to check: see `Home.backup`.
public enum HomeBackup {
    /// Writes an encrypted copy of `home` to `file`, which must not exist, mode 0600.
    ///
    /// The copy is taken under the home's lock into a private folder inside the home (see
    /// `HomeSnapshot`), then streamed into a hidden file beside `file`, which is renamed into place.
    /// `passphrase` must meet `PassphraseRule`; `parameters` is the scrypt cost of the file's key.
    public static func create(home: URL, file: URL, passphrase: String, parameters: ScryptParameters, now: Date) throws -> BackupHeader {
        try PassphraseRule.check(passphrase)
        guard !exists(file) else { throw BackupError.fileExists(file.path) }
        let staging = home.appendingPathComponent(".backup-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: staging) }
        let snapshot = try HomeSnapshot.take(of: home, into: staging)
        let partial = file.deletingLastPathComponent().appendingPathComponent(".\(file.lastPathComponent).\(UUID().uuidString).partial")
        let output: FileHandle
        do {
            output = try BackupFile.create(partial, named: file.path)
        } catch BackupError.cannotWrite(_, let reason) {
            throw BackupError.cannotWrite(file.path, reason: reason)
        }
        do {
            let header = try BackupFile.write(snapshot.entries, from: snapshot.folder, to: output, passphrase: passphrase,
                                              parameters: parameters, createdAt: now)
            try output.synchronize()
            try output.close()
            try place(partial, at: file)
            return header
        } catch {
            try? output.close()
            try? FileManager.default.removeItem(at: partial)
            if error is BackupError { throw error }
            throw BackupError.cannotWrite(file.path, reason: String(describing: error))
        }
    }

    /// Restores the backup `file` into `home`, which must be empty (`occupants`); returns its header.
    ///
    /// Every chunk is opened and every file's SHA-256 checked into a hidden staging folder first; a
    /// wrong passphrase, a changed or cut-off file, or a path that would leave the home refuses the
    /// whole restore and leaves the home as it was.
    public static func restore(file: URL, home: URL, passphrase: String) throws -> BackupHeader {
        let found = occupants(of: home)
        guard found.isEmpty else { throw BackupError.homeNotEmpty(found) }
        let input: FileHandle
        do {
            input = try FileHandle(forReadingFrom: file)
        } catch {
            throw BackupError.cannotRead(file.path, reason: "no such file, or not readable")
        }
        defer { try? input.close() }
        let staging = home.appendingPathComponent(".restore-\(UUID().uuidString)")
        guard mkdir(staging.path, 0o700) == 0 else {
            throw BackupError.cannotWrite(staging.path, reason: String(cString: strerror(errno)))
        }
        defer { try? FileManager.default.removeItem(at: staging) }
        let header: BackupHeader
        do {
            header = try BackupFile.extract(from: input, named: file.path, passphrase: passphrase, into: staging)
        } catch let error as BackupError {
            throw error
        } catch {
            throw BackupError.cannotWrite(home.path, reason: "the backup could not be unpacked into the home: \(error)")
        }
        try HomeLock.exclusive(in: home) {
            let found = occupants(of: home, entries: header.entries)
            guard found.isEmpty else { throw BackupError.homeNotEmpty(found) }
            try move(header.entries, from: staging, into: home)
        }
        return header
    }

    /// What keeps `home` from taking a restore: its stores, and any of `entries` already there (a link
    /// included); empty when the home may take it.
    public static func occupants(of home: URL, entries: [BackupEntry] = []) -> [String] {
        let names = ["cases.sqlite", "directory.sqlite"] + entries.map(\.path).filter { !HomeSnapshot.databases.contains($0) }
        return names.filter { exists(home.appendingPathComponent($0)) }
    }

    /// Moves the staged files into the home, the stores last; on a failure, takes back what it moved.
    static func move(_ entries: [BackupEntry], from staging: URL, into home: URL) throws {
        let ordered = entries.filter { !HomeSnapshot.databases.contains($0.path) } + entries.filter { HomeSnapshot.databases.contains($0.path) }
        var moved: [URL] = []
        var madeFolders: [URL] = []
        do {
            for entry in ordered {
                var folder = home
                for part in entry.path.split(separator: "/").dropLast() {
                    folder.appendPathComponent(String(part))
                    var status = stat()
                    if lstat(folder.path, &status) == 0 {
                        guard (status.st_mode & S_IFMT) == S_IFDIR else { throw BackupError.unsafePath(entry.path) }
                    } else {
                        guard mkdir(folder.path, 0o700) == 0 else { throw BackupError.cannotWrite(folder.path, reason: String(cString: strerror(errno))) }
                        madeFolders.append(folder)
                    }
                }
                let target = home.appendingPathComponent(entry.path)
                guard rename(staging.appendingPathComponent(entry.path).path, target.path) == 0 else {
                    throw BackupError.cannotWrite(target.path, reason: String(cString: strerror(errno)))
                }
                moved.append(target)
            }
        } catch {
            for url in moved.reversed() { try? FileManager.default.removeItem(at: url) }
            for url in madeFolders.reversed() { rmdir(url.path) }
            throw error
        }
    }

    /// Puts the finished backup at `file` without replacing anything there: a hard link where the file
    /// system has them (refused atomically when `file` appeared meanwhile), else a rename after a check.
    static func place(_ partial: URL, at file: URL) throws {
        if link(partial.path, file.path) == 0 {
            unlink(partial.path)
            return
        }
        let code = errno
        if code == EEXIST { throw BackupError.fileExists(file.path) }
        guard !exists(file) else { throw BackupError.fileExists(file.path) }
        guard rename(partial.path, file.path) == 0 else {
            throw BackupError.cannotWrite(file.path, reason: String(cString: strerror(errno)))
        }
    }

    /// Whether anything (a file, a folder, a link, even a dangling one) is at `url`.
    static func exists(_ url: URL) -> Bool {
        var status = stat()
        return lstat(url.path, &status) == 0
    }
}
