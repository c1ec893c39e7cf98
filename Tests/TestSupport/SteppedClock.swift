import Directory
import Foundation

/// A clock the test moves on by hand (a referral growing overdue, the wait after wrong passphrases).
public final class SteppedClock: TimeSource, Sendable {
    private let current: LockBox<Date>

    /// A clock at `start`, the tests' epoch unless given.
    public init(_ start: Date = TestTime.epoch) { current = LockBox(start) }

    public func now() -> Date { current.value }

    /// Moves the clock on by `interval` seconds.
    public func advance(by interval: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(interval) }
    }

    /// Moves the clock on by `hours`.
    public func advance(hours: Double) { advance(by: hours * 3600) }
}
