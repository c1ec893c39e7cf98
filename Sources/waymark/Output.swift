import Directory
import Foundation
import Terminal
import TerminalSafety

/// Prints command results: aligned text for people, one JSON document for programs.
///
/// Nothing here ever writes an escape sequence: text from the directory is sanitized, and
/// the layout uses plain spaces, so output is the same on a terminal and in a pipe.
enum Output {
    /// Prints an `Encodable` value as one pretty, key-sorted JSON document.
    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data = try encoder.encode(value)
        print(escapingTerminalControls(String(decoding: data, as: UTF8.self)))
    }

    /// JSON text with what a terminal could act on, or what hides or reorders text, written as
    /// `\uXXXX` (`UntrustedText.needsEscaping`).
    ///
    /// JSON requires escaping only C0 controls, but a terminal may act on C1 controls (such
    /// as U+009B, a one-character CSI) and bidi overrides reorder what a reader sees; the
    /// escaped form is the same JSON value and cannot reach the terminal raw.
    static func escapingTerminalControls(_ json: String) -> String { Sanitized.json(json) }

    /// Writes a line to standard error.
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Lays out rows as columns of fixed display widths, separated by two spaces.
    static func table(_ header: [String], _ rows: [[String]], widths: [Int]) -> String {
        var lines: [String] = []
        for row in [header] + rows {
            let cells = zip(row, widths).enumerated().map { index, pair in
                index == widths.count - 1 ? DisplayText.truncate(pair.0, toWidth: pair.1) : DisplayText.fit(pair.0, toWidth: pair.1)
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
