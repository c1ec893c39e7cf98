import Terminal
import Testing

@Suite("Scroll keys")
struct ScrollKeysTests {
    @Test("Lines, pages and ends, clamped to the last page; other keys do not scroll")
    func offsets() {
        #expect(ScrollKeys.offset(after: .down, from: 0, rows: 10, total: 25) == 1)
        #expect(ScrollKeys.offset(after: .up, from: 0, rows: 10, total: 25) == 0)
        #expect(ScrollKeys.offset(after: .pageDown, from: 0, rows: 10, total: 25) == 9)
        #expect(ScrollKeys.offset(after: .pageDown, from: 9, rows: 10, total: 25) == 15)
        #expect(ScrollKeys.offset(after: .end, from: 0, rows: 10, total: 25) == 15)
        #expect(ScrollKeys.offset(after: .home, from: 12, rows: 10, total: 25) == 0)
        #expect(ScrollKeys.offset(after: .down, from: 0, rows: 10, total: 5) == 0)
        #expect(ScrollKeys.offset(after: .character("x"), from: 3, rows: 10, total: 25) == nil)
    }
}
