import Testing
@testable import Terminal

@Suite("Display width")
struct TextWidthTests {
    @Test("Widths of scripts and emoji", arguments: [
        ("hello", 5),
        ("", 0),
        ("e\u{301}", 1),                    // e + combining acute
        ("cafe\u{301}", 4),
        ("café", 4),                        // precomposed
        ("中文", 4),
        ("日本語のテキスト", 16),
        ("한국어", 6),
        ("\u{1100}\u{1161}\u{11A8}", 2),    // conjoining jamo: one syllable
        ("ＡＢＣ", 6),                       // fullwidth forms
        ("ｶﾀｶﾅ", 4),                        // halfwidth katakana
        ("สวัสดี", 4),                      // Thai: vowel and tone marks take no column
        ("น้ำ", 2),                          // Thai sara am is a spacing vowel
        ("مرحبا", 5),                       // Arabic
        ("مَرْحَبًا", 5),                   // Arabic with harakat
        ("שלום", 4),                        // Hebrew
        ("👍", 2),
        ("👍🏽", 2),                         // skin-tone modifier
        ("👩‍⚕️", 2),                          // ZWJ sequence
        ("👨‍👩‍👧‍👦", 2),
        ("❤", 1),                           // text-default symbol
        ("❤️", 2),                          // with emoji presentation selector
        ("🇫🇷", 2),                          // flag: regional indicator pair
        ("1️⃣", 2),                          // keycap
        ("Ωmega", 5),
        ("─│┌┐", 4),                        // box drawing is narrow
    ])
    func widths(text: String, expected: Int) {
        #expect(TextWidth.of(text) == expected, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }

    @Test("Scalar widths: controls 0, combining 0, wide 2")
    func scalarWidths() {
        #expect(TextWidth.of(Unicode.Scalar(0x07)!) == 0)
        #expect(TextWidth.of(Unicode.Scalar(0x9B)!) == 0)
        #expect(TextWidth.of(Unicode.Scalar(0x301)!) == 0)
        #expect(TextWidth.of(Unicode.Scalar(0x200B)!) == 0)
        #expect(TextWidth.of(Unicode.Scalar(0x4E2D)!) == 2)
        #expect(TextWidth.of(Unicode.Scalar(0x20000)!) == 2)   // CJK extension B
        #expect(TextWidth.of(Unicode.Scalar(0x1FAE8)!) == 2)   // newer emoji stay wide
        #expect(TextWidth.of(Unicode.Scalar(0x41)!) == 1)
        #expect(TextWidth.of(Unicode.Scalar(0x0600)!) == 1)    // Arabic number sign is visible
    }

    @Test("The wide table is sorted and does not overlap")
    func wideTableIsSorted() {
        var previous: UInt32 = 0
        for value: UInt32 in [0x1100, 0x115F, 0x2E80, 0x303E, 0x3041, 0xA4C6, 0xAC00, 0xD7A3, 0xFF01, 0xFF60, 0x1F300, 0x1F64F] {
            #expect(TextWidth.isWide(value), "U+\(String(value, radix: 16)) should be wide")
            #expect(value >= previous)
            previous = value
        }
        for value: UInt32 in [0x10FF, 0x1160, 0x303F, 0xA4D0, 0xD7A4, 0xFF61, 0x1F321, 0x10FFFF] {
            #expect(!TextWidth.isWide(value), "U+\(String(value, radix: 16)) should not be wide")
        }
    }
}
