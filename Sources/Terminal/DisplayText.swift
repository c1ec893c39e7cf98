/// Makes untrusted text safe to show, and measures, cuts, pads and wraps it by display width.
///
/// Text from the directory is data, not terminal commands. `sanitize` removes
/// everything a terminal could act on or that could disguise what is shown:
///
/// - escape sequences: CSI (`ESC [ … final`, or C1 `0x9B`), OSC, DCS, SOS, PM and
///   APC strings (up to BEL or ST; an unterminated one loses only its opening
///   bytes, so the rest stays readable as plain text), and other `ESC x` pairs;
/// - C0 controls, DEL and C1 controls; tab, CR, LF, VT, FF, NEL and the Unicode
///   line and paragraph separators become one space each (CR LF is one space);
/// - invisible characters that could hide or reorder text: bidirectional controls
///   (U+200E/F, U+202A–U+202E, U+2066–U+2069, U+061C), zero-width space and
///   non-joiner, word joiner, BOM, soft hyphen and similar; the zero-width joiner
///   and tag characters are kept only inside emoji sequences.
///
/// Right-to-left text is kept in logical order: nothing is reordered.
public enum DisplayText {
    /// The text with escape sequences, control and invisible characters removed (see the type's notes).
    public static func sanitize(_ text: String) -> String {
        if isPlainASCII(text) { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        var previousKept: Unicode.Scalar?
        func keep(_ scalar: Unicode.Scalar) {
            out.append(scalar)
            previousKept = scalar
        }
        while index < scalars.count {
            let scalar = scalars[index]
            let value = scalar.value
            switch value {
            case 0x1B:
                index = endOfEscape(scalars, at: index)
                continue
            case 0x9B:
                index = endOfControlSequence(scalars, from: index + 1)
                continue
            case 0x90, 0x98, 0x9D, 0x9E, 0x9F:
                index = endOfControlString(scalars, from: index + 1) ?? index + 1
                continue
            case 0x0D:
                keep(" ")
                if index + 1 < scalars.count, scalars[index + 1].value == 0x0A { index += 1 }
            case 0x09, 0x0A, 0x0B, 0x0C, 0x85, 0x2028, 0x2029:
                keep(" ")
            case 0x00...0x1F, 0x7F...0x9F:
                break
            case 0x200D:
                let next = index + 1 < scalars.count ? scalars[index + 1] : nil
                if let previous = previousKept, let next, isEmojiPart(previous), TextWidth.isEmojiScalar(next) {
                    keep(scalar)
                }
            case 0xE0020...0xE007F:
                if let previous = previousKept, previous.value == 0x1F3F4 || (0xE0020...0xE007F).contains(previous.value) {
                    keep(scalar)
                }
            default:
                if !isInvisible(value) { keep(scalar) }
            }
            index += 1
        }
        return String(out)
    }

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
        if isPlainASCII(clean) {
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

    /// True when every byte is printable ASCII (nothing to sanitise, one column each).
    static func isPlainASCII(_ text: String) -> Bool {
        for byte in text.utf8 where byte < 0x20 || byte >= 0x7F { return false }
        return true
    }

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

    /// Invisible characters removed outright (bidi controls, zero-width spaces and kin).
    static func isInvisible(_ value: UInt32) -> Bool {
        switch value {
        case 0x00AD, 0x061C, 0x180E, 0x200B, 0x200C, 0x200E, 0x200F,
             0x202A...0x202E, 0x2060...0x2064, 0x2066...0x206F,
             0xFEFF, 0xFFF9...0xFFFB, 0xE0001, 0x1D173...0x1D17A:
            return true
        default:
            return false
        }
    }

    /// True for what may come right before a zero-width joiner in an emoji sequence.
    static func isEmojiPart(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0xFE0F || TextWidth.isEmojiScalar(scalar)
    }

    /// Index just past the escape sequence starting with the ESC at `index`.
    static func endOfEscape(_ scalars: [Unicode.Scalar], at index: Int) -> Int {
        let next = index + 1
        guard next < scalars.count else { return scalars.count }
        switch scalars[next].value {
        case 0x5B: // [
            return endOfControlSequence(scalars, from: next + 1)
        case 0x5D, 0x50, 0x58, 0x5E, 0x5F: // ] P X ^ _
            return endOfControlString(scalars, from: next + 1) ?? next + 1
        case 0x20...0x2F:
            var end = next
            while end < scalars.count, (0x20...0x2F).contains(scalars[end].value) { end += 1 }
            if end < scalars.count, (0x30...0x7E).contains(scalars[end].value) { end += 1 }
            return end
        case 0x30...0x7E:
            return next + 1
        default:
            return next
        }
    }

    /// Index just past a CSI sequence whose parameters start at `start`.
    ///
    /// A byte that cannot belong to the sequence ends it there and is then
    /// handled as ordinary text (or as the next control).
    static func endOfControlSequence(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        var index = start
        while index < scalars.count {
            let value = scalars[index].value
            if (0x20...0x3F).contains(value) {
                index += 1
            } else if (0x40...0x7E).contains(value) {
                return index + 1
            } else {
                return index
            }
        }
        return index
    }

    /// Index just past the terminator of an OSC/DCS/SOS/PM/APC string, or nil if unterminated.
    static func endOfControlString(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var index = start
        while index < scalars.count {
            switch scalars[index].value {
            case 0x07, 0x9C, 0x18, 0x1A:
                return index + 1
            case 0x1B:
                if index + 1 < scalars.count, scalars[index + 1].value == 0x5C { return index + 2 }
                return index
            default:
                index += 1
            }
        }
        return nil
    }
}
