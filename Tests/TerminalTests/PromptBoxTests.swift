import Testing
@testable import Terminal

@Suite("Prompt box, laid-out text")
struct PromptBoxTests {
    @Test("A prompt box draws its sentence, a masked field as dots, a labelled field with the cursor, the problem and the keys")
    func promptBox() {
        var grid = Grid(width: 80, height: 24)
        let secret = TextInput(text: "lantern")
        let name = TextInput(text: "Ana")
        PromptBox(title: "Ask", message: "Type it twice.", fields: [PromptBox.Field(secret, masked: true, focused: false),
                                                                     PromptBox.Field(label: "Name", name)],
                  problem: "The two typings differ.", keys: "Enter ok · Esc cancel").render(into: &grid)
        let text = grid.lines().joined(separator: "\n")
        #expect(!text.contains("lantern"), "a masked field never shows its text")
        #expect(text.contains("•••••••"))
        #expect(text.contains("Name  Ana"))
        #expect(text.contains("The two typings differ."))
        #expect(text.contains("Enter ok · Esc cancel"))
        #expect(grid.lines().first { $0.contains("Ask") }?.contains("┌") == true)
        let row = grid.lines().firstIndex { $0.contains("Name  Ana") }
        #expect(grid.cursor?.y == row, "the cursor is in the focused field")
    }

    @Test("Laid-out text keeps a line that fits as it is, spaces and all, and wraps only a wider one")
    func laidOut() {
        let view = TextView(text: "Age          25-39\n\nForm one two three four", layout: .laidOut)
        #expect(view.lines(width: 18) == ["Age          25-39", "", "Form one two three", "four"])
        #expect(TextView(text: "Age          25-39").lines(width: 18) == ["Age 25-39"], "wrapped text is reflowed")
        var scrolled = view
        scrolled.handle(.end, size: Size(width: 19, height: 2))
        #expect(scrolled.visibleStart(rows: 2, width: 18) == 2)
    }
}
