import CSV
import Foundation

/// Writes one CSV file through CSV.swift's writer: RFC 4180 quoting, LF line ends, UTF-8.
///
/// Rows are collected in memory and the file written once, because the writer hands its
/// stream one byte at a time and a file stream would make a system call for each.
final class CSVOutput {
    private let writer: CSVWriter
    private let url: URL

    /// Starts a file with its header row.
    init(url: URL, header: [String]) throws {
        self.url = url
        writer = try CSVWriter(stream: OutputStream(toMemory: ()), newline: .lf)
        try writer.write(row: header)
    }

    /// Adds a row.
    func write(_ fields: [String]) throws {
        try writer.write(row: fields)
    }

    /// Writes the file, ending it with a newline.
    func close() throws {
        writer.stream.close()
        var data = (writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data) ?? Data()
        data.append(0x0A)
        try data.write(to: url)
    }
}
