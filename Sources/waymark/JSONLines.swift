import Foundation
import TerminalSafety

/// Writes large JSON documents by hand into one byte buffer, fast: `waymark stale --json` over a
/// national directory lists tens of thousands of entries, which a `JSONEncoder` takes seconds to print.
///
/// The text is the same JSON value `Output.json` would print: keys sorted, two-space indents,
/// and every scalar a terminal could act on written as `\uXXXX`.
struct JSONLines {
    private(set) var bytes: [UInt8] = []

    /// A writer with room for about `capacity` bytes.
    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// Appends raw text (punctuation, numbers, `null`).
    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends a number.
    mutating func number(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }

    /// Appends a JSON string literal of `value`, escaped for JSON and for terminals.
    mutating func string(_ value: String) {
        bytes.append(0x22)
        var plain = true
        for byte in value.utf8 where byte < 0x20 || byte >= 0x7F || byte == 0x22 || byte == 0x5C {
            plain = false
            break
        }
        if plain {
            bytes.append(contentsOf: value.utf8)
        } else {
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\"": raw("\\\"")
                case "\\": raw("\\\\")
                case "\n": raw("\\n")
                case "\r": raw("\\r")
                case "\t": raw("\\t")
                default:
                    if scalar.value < 0x20 || UntrustedText.needsEscaping(scalar) {
                        let hex = String(scalar.value, radix: 16)
                        bytes.append(contentsOf: ("\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex).utf8)
                    } else {
                        bytes.append(contentsOf: String(scalar).utf8)
                    }
                }
            }
        }
        bytes.append(0x22)
    }

    /// Appends an optional string, `null` when nil.
    mutating func string(_ value: String?) {
        if let value { string(value) } else { raw("null") }
    }

    /// Appends an array of strings whose items sit at `indent` spaces (an empty one as `Output.json` prints it).
    mutating func strings(_ values: [String], indent: Int) {
        raw("[\n")
        for (index, value) in values.enumerated() {
            if index > 0 { raw(",\n") }
            bytes.append(contentsOf: repeatElement(0x20, count: indent + 2))
            string(value)
        }
        raw("\n")
        bytes.append(contentsOf: repeatElement(0x20, count: indent))
        raw("]")
    }

    /// Writes the buffer to standard output.
    func print() {
        bytes.withUnsafeBufferPointer { FileHandle.standardOutput.write(Data(buffer: $0)) }
    }
}
