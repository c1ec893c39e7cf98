import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One file of a package, opened only when it is a plain file no larger than the limit.
///
/// A package comes from someone else. Its files are opened without following symbolic
/// links (a `services.csv` pointing at `/etc/passwd` is refused, not read) and without
/// blocking (a FIFO is refused, not waited on), and read a chunk at a time.
final class PackageFile {
    /// Why a file of the package is not read.
    enum Refusal: Error, Equatable {
        case missing
        case symbolicLink
        case notRegular
        case tooLarge(size: Int64, limit: Int64)
        case unreadable(String)

        /// The sentence for a problem about `file`.
        func message(_ file: String) -> String {
            switch self {
            case .missing: return "\(file) is missing"
            case .symbolicLink: return "\(file) is a symbolic link; copy the file into the package"
            case .notRegular: return "\(file) is not a regular file (a device, FIFO, socket or folder); a package holds plain files only"
            case .tooLarge(let size, let limit):
                return "\(file) is \(PackageFile.size(size)), more than the limit of \(PackageFile.size(limit)); " +
                    "if the file is genuine, raise the limit with --max-file-size"
            case .unreadable(let reason): return "\(file) cannot be read: \(reason)"
            }
        }
    }

    private let descriptor: Int32
    /// The file's size in bytes.
    let size: Int64

    /// Opens `url` for reading if it is a plain file of at most `maxSize` bytes.
    static func open(_ url: URL, maxSize: Int64) -> Result<PackageFile, Refusal> {
        let fd = url.withUnsafeFileSystemRepresentation { path -> Int32 in
            guard let path else { return -1 }
            return Glibc_open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        }
        if fd < 0 {
            let code = errno
            if code == ENOENT { return .failure(.missing) }
            if code == ELOOP { return .failure(.symbolicLink) }
            // Some systems report a symbolic link under O_NOFOLLOW with another code.
            var link = stat()
            if lstat(url.path, &link) == 0 && (link.st_mode & S_IFMT) == S_IFLNK { return .failure(.symbolicLink) }
            if code == ENXIO || code == EWOULDBLOCK { return .failure(.notRegular) }
            return .failure(.unreadable(String(cString: strerror(code))))
        }
        var status = stat()
        guard fstat(fd, &status) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            return .failure(.unreadable(reason))
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            return .failure(.notRegular)
        }
        let size = Int64(status.st_size)
        guard size <= maxSize else {
            close(fd)
            return .failure(.tooLarge(size: size, limit: maxSize))
        }
        return .success(PackageFile(descriptor: fd, size: size))
    }

    private init(descriptor: Int32, size: Int64) {
        self.descriptor = descriptor
        self.size = size
    }

    deinit { close(descriptor) }

    /// Reads the file a chunk at a time; `body` returns false to stop early.
    func read(chunkSize: Int = 1 << 20, _ body: ([UInt8]) -> Bool) -> Refusal? {
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc_read(descriptor, $0.baseAddress, chunkSize) }
            if count < 0 {
                if errno == EINTR { continue }
                return .unreadable(String(cString: strerror(errno)))
            }
            if count == 0 { return nil }
            if !body(Array(buffer[0..<count])) { return nil }
        }
    }

    /// The whole file, for the small ones (datapackage.json).
    func readAll() -> Result<Data, Refusal> {
        var data = Data()
        data.reserveCapacity(Int(size))
        if let refusal = read({ data.append(contentsOf: $0); return true }) { return .failure(refusal) }
        return .success(data)
    }

    /// `2.3 GiB`, `200 MiB`, `12 KiB`, `512 bytes`.
    static func size(_ bytes: Int64) -> String {
        let units: [(Int64, String)] = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")]
        for (unit, name) in units where bytes >= unit {
            let value = Double(bytes) / Double(unit)
            return value.rounded() == value || value >= 100 ? "\(Int(value.rounded())) \(name)" : String(format: "%.1f \(name)", value)
        }
        return "\(bytes) bytes"
    }

    /// Reads a size such as `2GiB`, `500MiB`, `100M`, `64k` or `1048576`.
    static func parseSize(_ text: String) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let digits = trimmed.prefix { $0.isNumber || $0 == "." }
        let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        guard let number = Double(digits), number >= 0 else { return nil }
        let multiplier: Double
        switch unit {
        case "", "b", "bytes": multiplier = 1
        case "k", "kb", "kib": multiplier = 1024
        case "m", "mb", "mib": multiplier = 1024 * 1024
        case "g", "gb", "gib": multiplier = 1024 * 1024 * 1024
        default: return nil
        }
        let value = number * multiplier
        return value < Double(Int64.max) ? Int64(value) : nil
    }
}

private func Glibc_open(_ path: UnsafePointer<CChar>, _ flags: Int32) -> Int32 { open(path, flags) }
private func Glibc_read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { read(fd, buffer, count) }

extension PackageReader {
    /// Reads a size such as `2GiB`, `500MiB`, `100M`, `64k` or `1048576`; nil if it is not one.
    public static func parseSize(_ text: String) -> Int64? { PackageFile.parseSize(text) }
}
