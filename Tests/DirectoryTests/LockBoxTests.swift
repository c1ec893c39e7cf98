import Directory
import Foundation
import Testing

@Suite("The lock box")
struct LockBoxTests {
    @Test("Changes made from many threads at once are all kept")
    func concurrentChanges() {
        let box = LockBox<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: 2_000) { index in
            box.withLock { $0.append(index) }
        }
        #expect(box.value.count == 2_000)
        #expect(Set(box.value) == Set(0..<2_000))
    }

    @Test("withLock returns what its body returns; setting the value replaces it")
    func readAndReplace() {
        let box = LockBox(["a": 1])
        let old = box.withLock { values in
            defer { values["a"] = 2 }
            return values["a"]
        }
        #expect(old == 1)
        #expect(box.value == ["a": 2])
        box.value = [:]
        #expect(box.value.isEmpty)
    }
}
