import Directory
import Foundation
import Terminal

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
        print(escapingTerminalControls(String(decoding: data, as: UTF8.self)))
    }

    /// JSON text with C1 controls and bidi overrides written as `\uXXXX`.
    ///
    /// JSON requires escaping only C0 controls, but a terminal may act on C1 controls (such
    /// as U+009B, a one-character CSI) and bidi overrides reorder what a reader sees; the
    /// escaped form is the same JSON value and cannot reach the terminal raw.
    static func escapingTerminalControls(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: { (0x80...0x9F).contains($0.value) || (0x2028...0x202E).contains($0.value)
            || (0x2066...0x2069).contains($0.value) }) else { return json }
        var out = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            let v = scalar.value
            if (0x80...0x9F).contains(v) || (0x2028...0x202E).contains(v) || (0x2066...0x2069).contains(v) {
                out.append(contentsOf: String(format: "\\u%04x", v).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
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
                let text = Sanitized.text(pair.0)
                return index == widths.count - 1 ? DisplayText.truncate(text, toWidth: pair.1) : DisplayText.fit(text, toWidth: pair.1)
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
