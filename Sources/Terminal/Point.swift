/// A cell position on the screen: column `x`, row `y`, both counted from zero.
public struct Point: Hashable, Sendable, CustomStringConvertible {
    /// The column, counted from the left edge.
    public var x: Int
    /// The row, counted from the top edge.
    public var y: Int

    /// Creates a position from a column and a row.
    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }

    /// The top-left corner.
    public static let zero = Point(x: 0, y: 0)

    /// `(x,y)`, for test messages.
    public var description: String { "(\(x),\(y))" }
}
