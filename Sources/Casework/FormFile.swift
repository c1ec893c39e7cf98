import Directory
import Foundation

/// A referral form written to a file the responder names: exactly what `waymark referral form` prints.
///
/// The file holds personal data of the person (within the consented scope), so it is created
/// readable and writable by its owner only (0600), an existing file is replaced only when asked,
/// and a folder that does not exist is refused, not made.
public enum FormFile {
    /// How the form is written: text for people, JSON (HTCDS field names) for systems.
    public enum Format: String, Sendable, Equatable, CaseIterable {
        case text, json
    }

    /// Why a form file was not written.
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        /// A file is there already: replace it only when the responder says so.
        case exists(String)
        case noFolder(String)
        case isFolder(String)
        case noPath
        case cannotWrite(String, reason: String)

        public var description: String {
            switch self {
            case .exists(let path): return "\(path) exists already. Replace it, or give another name."
            case .noFolder(let folder): return "The folder \(folder) does not exist: give a path in a folder that does (it is not made for you)."
            case .isFolder(let path): return "\(path) is a folder: give a file name in it, e.g. \(path)/referral.txt."
            case .noPath: return "Type where to write the form, e.g. ~/referral.txt."
            case .cannotWrite(let path, let reason): return "\(path) could not be written: \(reason)."
            }
        }
    }

    /// The form's document as `waymark referral form --format text|json` prints it, byte for byte:
    /// the text with each line sanitized, or the JSON with terminal controls escaped and a line end.
    public static func document(_ form: ReferralForm, format: Format, labels: FormLabels) throws -> String {
        switch format {
        case .text: return Sanitized.multiline(form.text(labels: labels))
        case .json: return Sanitized.json(String(decoding: try form.json(), as: UTF8.self)) + "\n"
        }
    }

    /// The path typed, with `~` expanded and a relative path taken from the current folder.
    public static func url(_ typed: String) throws(Problem) -> URL {
        let trimmed = typed.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw .noPath }
        return URL(fileURLWithPath: NSString(string: trimmed).expandingTildeInPath).standardizedFileURL
    }

    /// Writes the form's document to `url`, mode 0600. Refuses a missing folder, a folder given as
    /// the file, and (unless `replace`) a file already there. A replaced file is replaced whole or not
    /// at all: the document goes to a new file beside it (0600), synced, then renamed over it.
    /// Only `CaseStore.writeForm` calls it, for a referral handed off.
    static func write(_ form: ReferralForm, format: Format, labels: FormLabels, to url: URL, replace: Bool) throws {
        let path = url.path
        let folder = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Problem.noFolder(folder)
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { throw Problem.isFolder(path) }
            if !replace { throw Problem.exists(path) }
        }
        let bytes = Array(try document(form, format: format, labels: labels).utf8)
        // New: O_EXCL, so a file that appeared since the question is not replaced unasked. Replacing: a
        // temporary file of our own, renamed over the old one once complete.
        let target = replace ? folder + "/." + url.lastPathComponent + ".waymark-\(UInt32.random(in: 0...UInt32.max))" : path
        let fd = open(target, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST, !replace { throw Problem.exists(path) }
            throw Problem.cannotWrite(path, reason: String(cString: strerror(errno)))
        }
        var done = false
        defer {
            close(fd)
            if !done { unlink(target) }
        }
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { throw Problem.cannotWrite(path, reason: String(cString: strerror(errno))) }
            written += count
        }
        guard fsync(fd) == 0 else { throw Problem.cannotWrite(path, reason: String(cString: strerror(errno))) }
        if replace, rename(target, path) != 0 { throw Problem.cannotWrite(path, reason: String(cString: strerror(errno))) }
        done = true
    }
}
