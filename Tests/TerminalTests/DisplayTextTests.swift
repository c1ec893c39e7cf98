import Testing
@testable import Terminal
import TerminalSafety

/// True when a string holds nothing a terminal could act on.
func isInert(_ text: String) -> Bool {
    text.unicodeScalars.allSatisfy { scalar in
        let value = scalar.value
        return !(value < 0x20 || (0x7F...0x9F).contains(value) || UntrustedText.isInvisible(value))
    }
}

@Suite("Sanitising text")
struct SanitizeTests {
    @Test("Escape sequences and controls are removed", arguments: [
        ("\u{1B}[31mRED\u{1B}[0m", "RED"),
        ("\u{1B}[1;38;5;196mbold\u{1B}[m", "bold"),
        ("\u{1B}]0;evil title\u{07}Name", "Name"),                         // OSC ended by BEL
        ("\u{1B}]2;title\u{1B}\\Name", "Name"),                             // OSC ended by ST
        ("\u{1B}]8;;http://x.example\u{1B}\\Link\u{1B}]8;;\u{1B}\\", "Link"), // hyperlink
        ("\u{1B}P1$qm\u{1B}\\ok", "ok"),                                    // DCS
        ("\u{9B}31mC1\u{9B}0m", "C1"),                                      // 8-bit CSI
        ("\u{9D}0;t\u{9C}x", "x"),                                          // 8-bit OSC and ST
        ("a\u{1B}(Bb", "ab"),                                               // charset designation
        ("a\u{1B}cb", "ab"),                                                // reset
        ("\u{1B}[2J\u{1B}[Hclear", "clear"),
        ("bell\u{07}\u{00}\u{7F}\u{08}", "bell"),
        ("\u{1B}", ""),
        ("trailing\u{1B}[", "trailing"),
    ])
    func escapes(input: String, expected: String) {
        #expect(DisplayText.sanitize(input) == expected)
    }

    @Test("Tabs and line breaks become one space each", arguments: [
        ("a\tb", "a b"),
        ("a\rb", "a b"),
        ("a\nb", "a b"),
        ("a\r\nb", "a b"),
        ("a\u{2028}b", "a b"),
        ("a\u{85}b", "a b"),
        ("a\u{0B}\u{0C}b", "a  b"),
    ])
    func breaks(input: String, expected: String) {
        #expect(DisplayText.sanitize(input) == expected)
    }

    @Test("Bidi controls and zero-width characters cannot reorder or hide text", arguments: [
        ("abc\u{202E}def", "abcdef"),            // RIGHT-TO-LEFT OVERRIDE
        ("\u{2066}x\u{2069}\u{2067}y\u{2069}\u{2068}z\u{2069}", "xyz"),
        ("a\u{200E}b\u{200F}c\u{061C}d", "abcd"),
        ("zero\u{200B}width", "zerowidth"),
        ("\u{FEFF}bom", "bom"),
        ("soft\u{00AD}hyphen", "softhyphen"),
        ("a\u{200D}b", "ab"),                    // ZWJ outside emoji
        ("a\u{2060}b", "ab"),
    ])
    func invisibles(input: String, expected: String) {
        #expect(DisplayText.sanitize(input) == expected)
    }

    @Test("Emoji sequences keep their joiners and tags")
    func emojiSequencesSurvive() {
        for emoji in ["👩‍⚕️", "👨‍👩‍👧", "🏳️‍🌈", "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}"] {
            #expect(DisplayText.sanitize(emoji) == emoji)
            #expect(DisplayText.width(emoji) == 2)
        }
    }

    @Test("Right-to-left text stays in logical order")
    func rightToLeftIsUntouched() {
        let arabic = "مأوى النساء"
        #expect(DisplayText.sanitize(arabic) == arabic)
        #expect(DisplayText.sanitize("Shelter \u{202B}مأوى\u{202C} 2") == "Shelter مأوى 2")
    }

    @Test("An unterminated OSC loses only its introducer")
    func unterminatedOSC() {
        #expect(DisplayText.sanitize("\u{1B}]0;Half a title") == "0;Half a title")
    }

    @Test("Plain text and non-Latin scripts pass unchanged")
    func plainTextUnchanged() {
        for text in ["Safe House Network", "中文 庇护所", "สวัสดี", "e\u{301}", "Zoë's place"] {
            #expect(DisplayText.sanitize(text) == text)
        }
    }

    @Test("Whatever goes in, nothing a terminal acts on comes out")
    func sanitizedIsInert() {
        var nasty = ""
        for value in Array(0...0xA0) + [0x200B, 0x200D, 0x202E, 0x2066, 0x2069, 0xFEFF] {
            if let scalar = Unicode.Scalar(value) { nasty.unicodeScalars.append(scalar) }
            nasty += "x"
        }
        let clean = DisplayText.sanitize(nasty)
        #expect(isInert(clean))
        #expect(clean.contains("x"))
    }
}

@Suite("Truncating and wrapping")
struct TruncateWrapTests {
    @Test("A 2,000-character name truncates to the width with an ellipsis")
    func longNameTruncates() {
        let name = String(repeating: "Long Provider Name ", count: 106).prefix(2000)
        #expect(name.count == 2000)
        let cut = DisplayText.truncate(String(name), toWidth: 40)
        #expect(TextWidth.of(cut) == 40)
        #expect(cut.hasSuffix("…"))
        #expect(DisplayText.truncate("short", toWidth: 40) == "short")
    }

    @Test("Truncation never splits a wide character")
    func wideTruncation() {
        #expect(DisplayText.truncate("中文字符串", toWidth: 5) == "中文…")
        #expect(DisplayText.truncate("中文字符串", toWidth: 4) == "中…")
        #expect(DisplayText.truncate("中文字符串", toWidth: 1) == "…")
        #expect(DisplayText.truncate("中文字符串", toWidth: 0) == "")
        #expect(DisplayText.truncate("中文", toWidth: 4) == "中文")
        #expect(DisplayText.clip("中文", toWidth: 3) == "中")
    }

    @Test("Truncation keeps combining marks with their letters")
    func combiningTruncation() {
        let text = "re\u{301}sume\u{301} du client"
        let cut = DisplayText.truncate(text, toWidth: 7)
        #expect(cut == "re\u{301}sume\u{301}…")
        #expect(TextWidth.of(cut) == 7)
    }

    @Test("Fit pads to the exact width, aligned")
    func fitPads() {
        #expect(DisplayText.fit("中", toWidth: 5) == "中   ")
        #expect(DisplayText.fit("中", toWidth: 5, alignment: .trailing) == "   中")
        #expect(DisplayText.fit("ab", toWidth: 6, alignment: .center) == "  ab  ")
        #expect(TextWidth.of(DisplayText.fit("中文字符串", toWidth: 6)) == 6)
    }

    @Test("Wrapping by display width", arguments: [
        ("the quick brown fox", 10, ["the quick", "brown fox"]),
        ("中文字符串测试", 6, ["中文字", "符串测", "试"]),
        ("中文字符串测试", 5, ["中文", "字符", "串测", "试"]),
        ("line one\nline two", 20, ["line one", "line two"]),
        ("para\n\nnext", 20, ["para", "", "next"]),
        ("abcdefghij", 4, ["abcd", "efgh", "ij"]),
        ("a \u{1B}[31mred\u{1B}[0m word", 20, ["a red word"]),
    ])
    func wraps(text: String, width: Int, expected: [String]) {
        let lines = DisplayText.wrap(text, width: width)
        #expect(lines == expected)
        #expect(lines.allSatisfy { TextWidth.of($0) <= width })
    }
}
