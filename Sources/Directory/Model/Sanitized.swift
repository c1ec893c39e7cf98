import Foundation

/// Makes directory text safe to print: escape sequences and control characters removed.
///
/// Text in a directory is data, never terminal commands. Every command that prints a value
/// from a package or the store passes it through here first.
public enum Sanitized {
    /// The text with ANSI/VT escape sequences removed and other control characters
    /// (tabs, line ends included) replaced by a space.
    public static func text(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            if scalar == "\u{1B}" || scalar == "\u{9B}" {
                skipEscape(introducer: scalar, &scalars)
                continue
            }
            if isControl(scalar) {
                if out.last != " " { out.append(" ") }
                continue
            }
            out.append(scalar)
        }
        return String(out)
    }

    /// Each line sanitized, the line ends kept: for multi-line documents such as a printed form.
    public static func multiline(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { Sanitized.text(String($0)) }.joined(separator: "\n")
    }

    /// The sanitized text cut to `limit` characters with an ellipsis, for error messages.
    public static func short(_ text: String, limit: Int = 40) -> String {
        let clean = Sanitized.text(text)
        return clean.count > limit ? String(clean.prefix(limit)) + "…" : clean
    }

    /// Whether a scalar is a C0/C1 control, DEL, or a bidirectional override/isolate.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// Drops the rest of an escape sequence (CSI, OSC, DCS, or a two-character escape).
    private static func skipEscape(introducer: Unicode.Scalar, _ scalars: inout ArraySlice<Unicode.Scalar>) {
        var kind = introducer == "\u{9B}" ? Unicode.Scalar("[") : scalars.popFirst()
        if kind == nil { return }
        switch kind {
        case "[":
            // CSI: parameters and intermediates up to a final byte 0x40–0x7E.
            while let next = scalars.popFirst() {
                if (0x40...0x7E).contains(next.value) { break }
            }
        case "]", "P", "X", "^", "_":
            // String sequences: end at BEL or ESC \.
            while let next = scalars.popFirst() {
                if next == "\u{07}" || next == "\u{9C}" { break }
                if next == "\u{1B}" { if scalars.first == "\\" { scalars.removeFirst() }; break }
            }
        default:
            kind = nil
        }
    }
}
