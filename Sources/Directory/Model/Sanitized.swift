import TerminalSafety

/// Makes directory text safe to print, under the one set of rules every output uses (`UntrustedText`).
///
/// Text in a directory is data, never terminal commands. Every command that prints a value
/// from a package or the store passes it through here first.
public enum Sanitized {
    /// The text with escape sequences, control and invisible characters removed; tabs and line
    /// ends become a space each.
    public static func text(_ text: String) -> String { UntrustedText.sanitize(text) }

    /// Each line sanitized, the line ends kept: for multi-line documents such as a printed form.
    public static func multiline(_ text: String) -> String { UntrustedText.sanitizeLines(text) }

    /// A JSON document with every scalar a terminal could act on (C1 controls, line and paragraph
    /// separators, invisible characters) written as `\uXXXX`: the same JSON value, safe to print.
    public static func json(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: UntrustedText.needsEscaping) else { return json }
        var out = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            if UntrustedText.needsEscaping(scalar) {
                // JSON's \u takes four hex digits: a scalar above U+FFFF is written as its UTF-16 surrogate pair.
                for unit in String(scalar).utf16 {
                    let hex = String(unit, radix: 16)
                    out.append(contentsOf: ("\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex).unicodeScalars)
                }
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// The sanitized text cut to `limit` characters with an ellipsis, for error messages.
    public static func short(_ text: String, limit: Int = 40) -> String {
        let clean = Sanitized.text(text)
        return clean.count > limit ? String(clean.prefix(limit)) + "…" : clean
    }
}
