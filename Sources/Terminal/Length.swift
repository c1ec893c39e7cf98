/// How much of a row or column a piece of a split layout takes.
public enum Length: Hashable, Sendable {
    /// Exactly this many cells (fewer if there is not enough room).
    case fixed(Int)
    /// This share of the whole (0.25 is a quarter), rounded down.
    case fraction(Double)
    /// An equal share of whatever the fixed and fractional pieces leave.
    case fill
}
