/// Makes untrusted text safe to show at a terminal: the one set of rules every output path uses
/// (the UI's cells, the command line's text, the printed referral form).
///
/// Text from the directory or a case is data, not terminal commands. `sanitize` removes
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
public enum UntrustedText {
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
                if let previous = previousKept, let next, isEmojiPart(previous), isEmojiScalar(next) {
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

    /// Each line sanitized, the line ends kept: for multi-line documents such as a printed form.
    public static func sanitizeLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { sanitize(String($0)) }.joined(separator: "\n")
    }

    /// Whether a scalar is one a terminal could act on, or one that hides or reorders text: what
    /// JSON output writes as `\uXXXX` (C1 controls, line and paragraph separators, invisible characters).
    public static func needsEscaping(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (0x80...0x9F).contains(value) || value == 0x2028 || value == 0x2029 || isInvisible(value)
    }

    /// True for a scalar drawn as an emoji (above Latin-1: digits, `#` and `*` are not, alone).
    public static func isEmojiScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x100 && scalar.properties.isEmoji
    }

    /// True when every byte is printable ASCII (nothing to sanitise, one column each).
    public static func isPlainASCII(_ text: String) -> Bool {
        for byte in text.utf8 where byte < 0x20 || byte >= 0x7F { return false }
        return true
    }

    /// Invisible characters removed outright (bidi controls, zero-width spaces and kin).
    public static func isInvisible(_ value: UInt32) -> Bool {
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
        scalar.value == 0xFE0F || isEmojiScalar(scalar)
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
    }}
