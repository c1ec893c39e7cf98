import Casework
import Directory
import Testing

@Suite("The case store's seeded source draws the one seeded generator's sequence")
struct SeededRandomSourceTests {
    @Test("Each draw is SeededRandom's next value reduced to the bound, so case codes in goldens do not move",
          arguments: [7, 42] as [UInt64])
    func sameSequence(seed: UInt64) {
        let source = SeededRandomSource(seed: seed)
        var generator = SeededRandom(seed: seed)
        let bounds = [32, 32, 32, 32, 10, 1_000_000, 7, 2, 32]
        let drawn = bounds.map { source.next(upperBound: $0) }
        let expected = bounds.map { Int(generator.next() % UInt64($0)) }
        #expect(drawn == expected)
    }
}
