import TerminalSafety

/// Measures, cuts, pads and wraps untrusted text by display width, once `UntrustedText` has made it safe to show.
///
/// Right-to-left text is kept in logical order: nothing is reordered.
public enum DisplayText {
    /// The text with escape sequences, control and invisible characters removed (`UntrustedText`'s rules).
    public static func sanitize(_ text: String) -> String { UntrustedText.sanitize(text) }

    /// Columns the sanitised text takes.
    public static func width(_ text: String) -> Int {
        TextWidth.of(sanitize(text))
    }

    /// The sanitised text split into graphemes with their widths; zero-width ones are dropped.
    ///
    /// A grapheme can only have zero width when nothing precedes it to attach to
    /// (a combining mark at the very start), so dropping it loses nothing visible.
    public static func graphemes(_ text: String) -> [(grapheme: String, width: Int)] {
        let clean = sanitize(text)
        if UntrustedText.isPlainASCII(clean) {
            return clean.unicodeScalars.map { (String($0), 1) }
        }
        var result: [(grapheme: String, width: Int)] = []
        for character in clean {
            let width = TextWidth.of(character)
            if width > 0 { result.append((String(character), width)) }
        }
        return result
    }

    /// The sanitised text cut to at most `width` columns, ending in `ellipsis` when cut.
    ///
    /// A wide character that would straddle the limit is left out rather than split.
    public static func truncate(_ text: String, toWidth width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        let clean = sanitize(text)
        if TextWidth.of(clean) <= width { return clean }
        let ellipsisWidth = TextWidth.of(ellipsis)
        guard ellipsisWidth <= width else { return clip(clean, toWidth: width) }
        return clip(clean, toWidth: width - ellipsisWidth) + ellipsis
    }

    /// The sanitised text cut to at most `width` columns, with no ellipsis.
    public static func clip(_ text: String, toWidth width: Int) -> String {
        guard width > 0 else { return "" }
        var result = ""
        var used = 0
        for (grapheme, columns) in graphemes(text) {
            if used + columns > width { break }
            result += grapheme
            used += columns
        }
        return result
    }

    /// The sanitised text truncated (with an ellipsis) and padded with spaces to exactly `width` columns.
    public static func fit(_ text: String, toWidth width: Int, alignment: TextAlignment = .leading) -> String {
        guard width > 0 else { return "" }
        let cut = truncate(text, toWidth: width)
        let gap = width - TextWidth.of(cut)
        guard gap > 0 else { return cut }
        switch alignment {
        case .leading:
            return cut + String(repeating: " ", count: gap)
        case .trailing:
            return String(repeating: " ", count: gap) + cut
        case .center:
            let left = gap / 2
            return String(repeating: " ", count: left) + cut + String(repeating: " ", count: gap - left)
        }
    }

    /// The text wrapped into lines of at most `width` columns.
    ///
    /// Line breaks in the text (LF, CR LF, CR, U+2028, U+2029) start new lines and
    /// blank lines are kept; within a line, runs of spaces collapse and lines break
    /// at spaces. A word wider than the line (or text without spaces, as in Chinese
    /// or Thai) is broken between graphemes, never inside a wide character.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in paragraphs(text) {
            let words = sanitize(paragraph).split(separator: " ", omittingEmptySubsequences: true)
            var line = ""
            var lineWidth = 0
            for word in words {
                let wordText = String(word)
                let wordWidth = TextWidth.of(wordText)
                if lineWidth > 0, lineWidth + 1 + wordWidth <= width {
                    line += " " + wordText
                    lineWidth += 1 + wordWidth
                    continue
                }
                if lineWidth > 0 {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                }
                if wordWidth <= width {
                    line = wordText
                    lineWidth = wordWidth
                    continue
                }
                for (grapheme, columns) in graphemes(wordText) {
                    if lineWidth + columns > width {
                        lines.append(line)
                        line = ""
                        lineWidth = 0
                    }
                    line += grapheme
                    lineWidth += columns
                }
            }
            lines.append(line)
        }
        return lines
    }

    // MARK: - Internals

    /// The text split at line breaks, before sanitising turns them into spaces.
    static func paragraphs(_ text: String) -> [String] {
        var result: [String] = []
        var current = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let value = scalars[index].value
            if value == 0x0A || value == 0x0D || value == 0x2028 || value == 0x2029 || value == 0x85 {
                result.append(String(current))
                current = String.UnicodeScalarView()
                if value == 0x0D, index + 1 < scalars.count, scalars[index + 1].value == 0x0A { index += 1 }
            } else {
                current.append(scalars[index])
            }
            index += 1
        }
        result.append(String(current))
        return result
    }
}
