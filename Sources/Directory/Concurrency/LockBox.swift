import Foundation

/// A value shared between threads, read and changed only under its own lock.
///
/// The one lock box: a cache, a clock or a slot filled from several threads keeps its state in
/// one, rather than being a hand-written `@unchecked Sendable` class around an `NSLock`.
public final class LockBox<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    /// A box holding `value`.
    public init(_ value: Value) { stored = value }

    /// Runs `body` on the value under the lock (it may change it) and returns what `body` returns.
    public func withLock<Answer>(_ body: (inout Value) throws -> Answer) rethrows -> Answer {
        lock.lock()
        defer { lock.unlock() }
        return try body(&stored)
    }

    /// The value now; setting it replaces it. A change that reads the value first belongs in `withLock`.
    public var value: Value {
        get { withLock { $0 } }
        set { withLock { $0 = newValue } }
    }
}
