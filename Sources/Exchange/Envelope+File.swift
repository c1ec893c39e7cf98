import Foundation
import Glibc

/// Envelope files on disk: written once, owner-only, never over another file.
extension Envelope {
    /// The file an envelope is to be written to at `path`, refused when something (a file, a link) is there already.
    public static func destination(_ path: String) throws(EnvelopeError) -> URL {
        let trimmed = path.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw EnvelopeError.noFile }
        let url = URL(fileURLWithPath: (trimmed as NSString).expandingTildeInPath)
        if FileManager.default.fileExists(atPath: url.path) || (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) != nil {
            throw EnvelopeError.fileExists(path: trimmed)
        }
        return url
    }

    /// Writes the file's bytes to a new file at `url`, mode 0600; refused, writing nothing, when something is there already.
    public func write(to url: URL) throws(EnvelopeError) {
        // O_EXCL: the file is made here or not at all, so nothing already there is ever replaced.
        let descriptor = Glibc.open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw errno == EEXIST ? EnvelopeError.fileExists(path: url.path) : EnvelopeError.cannotWrite(path: url.path)
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            _ = fchmod(descriptor, 0o600)
            try handle.write(contentsOf: fileBytes)
            try handle.close()
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: url)
            throw EnvelopeError.cannotWrite(path: url.path)
        }
    }
}
