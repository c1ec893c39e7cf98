import Foundation

/// Where case codes and ids get their randomness: the system's, or a seeded one for tests and goldens.
public protocol RandomSource: Sendable {
    func next(upperBound: Int) -> Int
}

/// The system's cryptographically secure generator.
public struct SystemRandomSource: RandomSource {
    public init() {}
    public func next(upperBound: Int) -> Int {
        var generator = SystemRandomNumberGenerator()
        return Int(generator.next(upperBound: UInt64(upperBound)))
    }
}

/// A repeatable generator (SplitMix64) for tests and golden screens.
public final class SeededRandomSource: RandomSource, @unchecked Sendable {
    private let lock = NSLock()
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public func next(upperBound: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        z ^= z >> 31
        return Int(z % UInt64(upperBound))
    }
}

extension RandomSource {
    /// `count` letters from the case-code alphabet.
    func letters(_ count: Int) -> String {
        String((0..<count).map { _ in CaseCode.alphabet[next(upperBound: CaseCode.alphabet.count)] })
    }

    /// A new case code.
    func caseCode() -> CaseCode {
        CaseCode("WM-\(letters(4))-\(letters(4))") ?? CaseCode.fallback
    }
}
