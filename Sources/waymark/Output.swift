import Directory
import Foundation

/// Prints command results: aligned text for people, one JSON document for programs.
///
/// Nothing here ever writes an escape sequence: text from the directory is sanitized, and
/// the layout uses plain spaces, so output is the same on a terminal and in a pipe.
enum Output {
    /// Prints an `Encodable` value as one pretty, key-sorted JSON document.
    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        print(String(decoding: data, as: UTF8.self))
    }

    /// Writes a line to standard error.
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Lays out rows as columns of fixed display widths, separated by two spaces.
    static func table(_ header: [String], _ rows: [[String]], widths: [Int]) -> String {
        var lines: [String] = []
        for row in [header] + rows {
            let cells = zip(row, widths).enumerated().map { index, pair in
                let text = TextColumns.fit(Sanitized.text(pair.0), width: pair.1)
                return index == widths.count - 1 ? text : TextColumns.pad(text, to: pair.1)
            }
            lines.append(cells.joined(separator: "  ").trimmingTrailingSpaces())
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    /// The string without trailing spaces.
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
