import Directory
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

/// A repeatable source for tests and golden screens: the one seeded generator (`SeededRandom`), shared.
public struct SeededRandomSource: RandomSource {
    private let generator: LockBox<SeededRandom>

    public init(seed: UInt64) { generator = LockBox(SeededRandom(seed: seed)) }

    public func next(upperBound: Int) -> Int {
        Int(generator.withLock { $0.next() } % UInt64(upperBound))
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
