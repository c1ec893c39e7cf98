import Directory
import Testing

@Suite("CSV text for standard output")
struct CSVTextTests {
    @Test("Quotes what needs quoting and escapes what a spreadsheet would run as a formula; the header is written as given")
    func quotingAndFormulas() throws {
        let text = try CSVText.text(header: ["figure", "value"],
                                    rows: [["by_receiving_organization", "<5"], ["=HYPERLINK(\"x\")", "a, b"], ["median", "-3"], ["name", "12.5"]])
        #expect(text == "figure,value\nby_receiving_organization,<5\n\"'=HYPERLINK(\"\"x\"\")\",\"a, b\"\nmedian,-3\nname,12.5\n", "\(text)")
    }
}
