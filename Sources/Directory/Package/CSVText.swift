import CSV
import Foundation

/// Rows as CSV text through CSV.swift's writer (RFC 4180 quoting, LF line ends), for standard output.
///
/// Every field is escaped against spreadsheet formulas (`FormulaEscape`): the text is for a
/// coordinator to open in a spreadsheet, and a code or a name from a store is not to run there.
public enum CSVText {
    /// The header and the rows as CSV, ending with a newline.
    public static func text(header: [String], rows: [[String]]) throws -> String {
        let writer = try CSVWriter(stream: OutputStream(toMemory: ()), newline: .lf)
        try writer.write(row: header)
        for row in rows { try writer.write(row: row.map(FormulaEscape.escape)) }
        writer.stream.close()
        let data = (writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
