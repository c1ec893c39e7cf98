/// A size in terminal cells: `width` columns by `height` rows.
public struct Size: Hashable, Sendable, CustomStringConvertible {
    /// Number of columns.
    public var width: Int
    /// Number of rows.
    public var height: Int

    /// Creates a size; negative values are treated as zero.
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// The size every screen is designed for: 80 columns by 24 rows.
    public static let standard = Size(width: 80, height: 24)

    /// True when this size is at least `other` in both directions.
    public func covers(_ other: Size) -> Bool {
        width >= other.width && height >= other.height
    }

    /// `80x24`.
    public var description: String { "\(width)x\(height)" }
}
