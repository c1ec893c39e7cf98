import Foundation

/// Writes one CSV file as it goes: RFC 4180 quoting, LF line ends, UTF-8.
///
/// The bytes are those CSV.swift's writer makes (a field is quoted when it holds a double
/// quote, a comma, a CR or an LF, inner quotes doubled; every row ends with an LF), but rows
/// are encoded here into a buffer that is written out a megabyte at a time, so a file of
/// millions of rows is neither held in memory nor written a byte per system call.
final class CSVOutput {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private static let flushSize = 1 << 20

    /// Starts a file (replacing any) with its header row.
    init(url: URL, header: [String]) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        handle = try FileHandle(forWritingTo: url)
        buffer.reserveCapacity(CSVOutput.flushSize + 4096)
        try write(header)
    }

    /// Adds a row.
    func write(_ fields: [String]) throws {
        for (i, field) in fields.enumerated() {
            if i > 0 { buffer.append(0x2C) }
            var field = field
            field.withUTF8 { bytes in
                guard bytes.contains(where: { $0 == 0x22 || $0 == 0x2C || $0 == 0x0D || $0 == 0x0A }) else {
                    buffer.append(contentsOf: bytes)
                    return
                }
                buffer.append(0x22)
                for byte in bytes {
                    buffer.append(byte)
                    if byte == 0x22 { buffer.append(0x22) }
                }
                buffer.append(0x22)
            }
        }
        buffer.append(0x0A)
        if buffer.count >= CSVOutput.flushSize { try flush() }
    }

    /// Writes what is left and closes the file.
    func close() throws {
        try flush()
        try handle.close()
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
