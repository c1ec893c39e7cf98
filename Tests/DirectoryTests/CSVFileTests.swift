import Foundation
import Testing
@testable import Directory

@Suite("Reading CSV strictly")
struct CSVFileTests {
    @Test("A BOM is skipped and CRLF line ends are read")
    func bomAndCRLF() throws {
        let csv = try CSVFile(data: Data("\u{FEFF}id,name\r\n1,Ana\r\n2,\"B, c\"\r\n".utf8))
        #expect(csv.header == ["id", "name"])
        #expect(csv.records.map(\.fields) == [["1", "Ana"], ["2", "B, c"]])
        #expect(csv.records.map(\.line) == [2, 3])
    }

    @Test("A quoted field spanning lines keeps later rows on their true line numbers")
    func multilineField() throws {
        let csv = try CSVFile(data: Data("id,text\n1,\"two\nlines\"\n2,x\n".utf8))
        #expect(csv.records.map(\.line) == [2, 4])
        #expect(csv.records[0].fields[1] == "two\nlines")
    }

    @Test("An unterminated quote is refused, naming the line it opened on")
    func unterminatedQuote() {
        #expect(throws: CSVFile.ParseError(line: 3, problem: "a quoted field opened on line 3 is never closed (missing \")")) {
            try CSVFile(data: Data("id,name\n1,ok\n2,\"never closed\n3,x\n".utf8))
        }
    }

    @Test("Invalid UTF-8 is refused with its line")
    func invalidUTF8() throws {
        var data = Data("id,name\n1,ok\n2,".utf8)
        data.append(contentsOf: [0xC3, 0x28])
        data.append(Data("\n".utf8))
        do {
            _ = try CSVFile(data: data)
            Issue.record("invalid UTF-8 was accepted")
        } catch {
            #expect(error.line == 3)
            #expect(error.problem.contains("invalid UTF-8"))
        }
    }

    @Test("An empty file is refused")
    func emptyFile() {
        #expect(throws: CSVFile.ParseError.self) { try CSVFile(data: Data()) }
    }

    @Test("Text after a closing quote is refused")
    func textAfterQuote() {
        #expect(throws: CSVFile.ParseError.self) { try CSVFile(data: Data("a,b\n\"x\"y,z\n".utf8)) }
    }

    @Test("Doubled quotes are one quote, blank lines are skipped, a last line without newline is read")
    func quotingDetails() throws {
        let csv = try CSVFile(data: Data("a,b\n\n\"say \"\"hi\"\"\",\n3,4".utf8))
        #expect(csv.records.map(\.fields) == [["say \"hi\"", ""], ["3", "4"]])
    }
}

@Suite("Sanitizing directory text")
struct SanitizedTests {
    @Test("Escape sequences, control and invisible characters never survive: the UI's rules, for every output", arguments: [
        ("\u{1B}[31mRed\u{1B}[0m", "Red"),
        ("Title\u{1B}]0;pwned\u{07}", "Title"),
        ("a\tb\rc", "a b c"),
        ("evil\u{202E}txt", "eviltxt"),
        ("zero\u{200B}width\u{200E}marks", "zerowidthmarks"),
        ("plain", "plain"),
    ])
    func strips(input: String, expected: String) {
        #expect(Sanitized.text(input) == expected)
    }
}
