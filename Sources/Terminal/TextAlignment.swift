/// Where text sits inside a wider space.
public enum TextAlignment: Hashable, Sendable {
    /// Against the left edge (the start, in logical order).
    case leading
    /// In the middle, any odd column going to the right.
    case center
    /// Against the right edge.
    case trailing
}
