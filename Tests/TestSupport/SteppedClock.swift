import Directory
import Foundation

/// A clock the test moves on by hand (a referral growing overdue, the wait after wrong passphrases).
public final class SteppedClock: TimeSource, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    /// A clock at `start`, the tests' epoch unless given.
    public init(_ start: Date = TestTime.epoch) { current = start }

    public func now() -> Date {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    /// Moves the clock on by `interval` seconds.
    public func advance(by interval: TimeInterval) {
        lock.lock()
        defer { lock.unlock() }
        current = current.addingTimeInterval(interval)
    }

    /// Moves the clock on by `hours`.
    public func advance(hours: Double) { advance(by: hours * 3600) }
}
