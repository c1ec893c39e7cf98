import Directory
import Foundation

/// The moment tests, fixtures and golden screens run at.
public enum TestTime {
    /// Thursday 15 January 2026, 10:00 UTC: the bundled sample's reference date, so no date in it is shifted.
    public static let epoch = Date(timeIntervalSince1970: 1_768_471_200)
    /// A clock stopped at `epoch`.
    public static let clock = FixedTime(epoch)
}
