import TerminalSafety

/// Display widths in terminal columns, from Waymark's own Unicode tables.
///
/// Widths follow East Asian Width (Wide and Fullwidth take two columns; the
/// table is derived from Unicode 14 EastAsianWidth.txt, with unassigned code
/// points inside wide blocks kept wide so that newer CJK and emoji stay two
/// columns) and agree with glibc's `wcwidth` in a UTF-8 locale, so what the
/// grid measures is what the terminal draws. The result does not depend on the
/// locale of the machine running the tests.
///
/// A grapheme cluster (a Swift `Character`) is measured as the sum of its
/// scalars, except for emoji sequences, which take two columns whatever they
/// contain: a ZWJ sequence (👩‍⚕️), a skin-tone modifier (👍🏽), or a text-default
/// symbol made an emoji by U+FE0F (❤️). Combining marks, format characters and
/// conjoining Hangul vowels and finals take none.
public enum TextWidth {
    /// Columns one Unicode scalar takes on its own: 0, 1 or 2.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x7F { return value >= 0x20 ? 1 : 0 }
        if value < 0xA0 { return 0 }
        if value < 0x300 { return value == 0xAD ? 0 : 1 }
        if isWide(value) { return 2 }
        if (0x1160...0x11FF).contains(value) || (0xD7B0...0xD7FF).contains(value) { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark:
            return 0
        case .format:
            return prependedConcatenationMarks.contains(value) ? 1 : 0
        case .control, .lineSeparator, .paragraphSeparator, .surrogate:
            return 0
        default:
            return 1
        }
    }

    /// Columns one grapheme cluster takes (see the type's notes on emoji).
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if first.value < 0x7F, character.utf8.count == 1 { return first.value >= 0x20 ? 1 : 0 }
        let firstIsEmoji = UntrustedText.isEmojiScalar(first) || (first.value < 0x100 && first.properties.isEmoji)
        var total = 0
        var afterJoiner = false
        var hasPresentationSelector = false
        var joined = false
        for scalar in scalars {
            switch scalar.value {
            case 0xFE0F:
                hasPresentationSelector = true
            case 0x200D:
                afterJoiner = true
            case 0x1F3FB...0x1F3FF where firstIsEmoji && total > 0:
                continue
            default:
                if afterJoiner && firstIsEmoji && total > 0 {
                    joined = true
                } else {
                    total += of(scalar)
                }
                afterJoiner = false
            }
        }
        if firstIsEmoji && (hasPresentationSelector || joined) { return 2 }
        return total
    }

    /// Columns a whole string takes, measured grapheme by grapheme.
    ///
    /// The text is measured as it is; pass it through `DisplayText.sanitize`
    /// first when it may hold control characters or escape sequences.
    public static func of(_ text: String) -> Int {
        var ascii = true
        for byte in text.utf8 where byte < 0x20 || byte >= 0x7F {
            ascii = false
            break
        }
        if ascii { return text.utf8.count }
        var total = 0
        for character in text { total += of(character) }
        return total
    }

    /// True when the code point is East Asian Wide or Fullwidth.
    static func isWide(_ value: UInt32) -> Bool {
        if value < wideRanges[0].lower { return false }
        var low = 0
        var high = wideRanges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let range = wideRanges[mid]
            if value < range.lower {
                high = mid - 1
            } else if value > range.upper {
                low = mid + 1
            } else {
                return true
            }
        }
        return false
    }

    /// Format characters that are visible and take a column (Arabic number signs and kin).
    private static let prependedConcatenationMarks: Set<UInt32> = [
        0x0600, 0x0601, 0x0602, 0x0603, 0x0604, 0x0605, 0x06DD, 0x070F, 0x0890, 0x0891, 0x08E2,
        0x110BD, 0x110CD,
    ]

    /// Sorted, non-overlapping ranges of East Asian Wide and Fullwidth code points.
    private static let wideRanges: [(lower: UInt32, upper: UInt32)] = [
        (0x1100, 0x115F), (0x231A, 0x231B), (0x2329, 0x232A), (0x23E9, 0x23EC), (0x23F0, 0x23F0),
        (0x23F3, 0x23F3), (0x25FD, 0x25FE), (0x2614, 0x2615), (0x2648, 0x2653), (0x267F, 0x267F),
        (0x2693, 0x2693), (0x26A1, 0x26A1), (0x26AA, 0x26AB), (0x26BD, 0x26BE), (0x26C4, 0x26C5),
        (0x26CE, 0x26CE), (0x26D4, 0x26D4), (0x26EA, 0x26EA), (0x26F2, 0x26F3), (0x26F5, 0x26F5),
        (0x26FA, 0x26FA), (0x26FD, 0x26FD), (0x2705, 0x2705), (0x270A, 0x270B), (0x2728, 0x2728),
        (0x274C, 0x274C), (0x274E, 0x274E), (0x2753, 0x2755), (0x2757, 0x2757), (0x2795, 0x2797),
        (0x27B0, 0x27B0), (0x27BF, 0x27BF), (0x2B1B, 0x2B1C), (0x2B50, 0x2B50), (0x2B55, 0x2B55),
        (0x2E80, 0x303E), (0x3041, 0xA4C6), (0xA960, 0xA97C), (0xAC00, 0xD7A3), (0xF900, 0xFAFF),
        (0xFE10, 0xFE19), (0xFE30, 0xFE6B), (0xFF01, 0xFF60), (0xFFE0, 0xFFE6), (0x16FE0, 0x1B2FB),
        (0x1F004, 0x1F004), (0x1F0CF, 0x1F0CF), (0x1F18E, 0x1F18E), (0x1F191, 0x1F19A),
        (0x1F200, 0x1F320), (0x1F32D, 0x1F335), (0x1F337, 0x1F37C), (0x1F37E, 0x1F393),
        (0x1F3A0, 0x1F3CA), (0x1F3CF, 0x1F3D3), (0x1F3E0, 0x1F3F0), (0x1F3F4, 0x1F3F4),
        (0x1F3F8, 0x1F43E), (0x1F440, 0x1F440), (0x1F442, 0x1F4FC), (0x1F4FF, 0x1F53D),
        (0x1F54B, 0x1F54E), (0x1F550, 0x1F567), (0x1F57A, 0x1F57A), (0x1F595, 0x1F596),
        (0x1F5A4, 0x1F5A4), (0x1F5FB, 0x1F64F), (0x1F680, 0x1F6C5), (0x1F6CC, 0x1F6CC),
        (0x1F6D0, 0x1F6D2), (0x1F6D5, 0x1F6DF), (0x1F6EB, 0x1F6EC), (0x1F6F4, 0x1F6FC),
        (0x1F7E0, 0x1F7F0), (0x1F90C, 0x1F93A), (0x1F93C, 0x1F945), (0x1F947, 0x1F9FF),
        (0x1FA70, 0x1FAFF), (0x20000, 0x3FFFD)
    ]
}
