/// A rectangle of cells, used to lay out widgets on a `Grid`.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    /// The direction along which `split` cuts a rectangle.
    public enum Axis: Hashable, Sendable {
        /// Pieces side by side, left to right (columns).
        case horizontal
        /// Pieces stacked top to bottom (rows).
        case vertical
    }

    /// Left column.
    public var x: Int
    /// Top row.
    public var y: Int
    /// Number of columns (never negative).
    public var width: Int
    /// Number of rows (never negative).
    public var height: Int

    /// Creates a rectangle; negative sizes are treated as zero.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// The rectangle at the origin covering `size`.
    public init(size: Size) {
        self.init(x: 0, y: 0, width: size.width, height: size.height)
    }

    /// The size of the rectangle.
    public var size: Size { Size(width: width, height: height) }
    /// The top-left corner.
    public var origin: Point { Point(x: x, y: y) }
    /// One past the right-most column.
    public var maxX: Int { x + width }
    /// One past the bottom row.
    public var maxY: Int { y + height }
    /// True when the rectangle has no cells.
    public var isEmpty: Bool { width == 0 || height == 0 }

    /// True when the cell at `point` is inside the rectangle.
    public func contains(_ point: Point) -> Bool {
        point.x >= x && point.x < maxX && point.y >= y && point.y < maxY
    }

    /// The part of this rectangle that is also inside `other` (empty if none).
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x), top = max(y, other.y)
        let right = min(maxX, other.maxX), bottom = min(maxY, other.maxY)
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// The rectangle shrunk by `amount` cells on every side.
    public func inset(by amount: Int) -> Rect {
        inset(top: amount, left: amount, bottom: amount, right: amount)
    }

    /// The rectangle shrunk by the given number of cells on each side.
    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        let newWidth = max(0, width - left - right)
        let newHeight = max(0, height - top - bottom)
        return Rect(x: x + min(left, width), y: y + min(top, height), width: newWidth, height: newHeight)
    }

    /// A rectangle of the given size centred in this one (clipped to fit).
    public func centered(width: Int, height: Int) -> Rect {
        let w = min(max(0, width), self.width)
        let h = min(max(0, height), self.height)
        return Rect(x: x + (self.width - w) / 2, y: y + (self.height - h) / 2, width: w, height: h)
    }

    /// One row of this rectangle (empty if `index` is outside it).
    public func row(_ index: Int) -> Rect {
        let inside = index >= 0 && index < height
        return Rect(x: x, y: y + max(0, min(index, height)), width: width, height: inside ? 1 : 0)
    }

    /// Cuts the rectangle into pieces along `axis`, one per length, in order.
    ///
    /// Fixed lengths are served first, then fractions of the whole, then `.fill`
    /// pieces share what is left equally (the first ones get any remainder).
    /// When there is not enough room, later pieces shrink, down to zero.
    public func split(_ axis: Axis, _ lengths: [Length]) -> [Rect] {
        let total = axis == .horizontal ? width : height
        var sizes = [Int](repeating: 0, count: lengths.count)
        var remaining = total
        for (index, length) in lengths.enumerated() {
            switch length {
            case .fixed(let n):
                sizes[index] = min(max(0, n), remaining)
                remaining -= sizes[index]
            case .fraction, .fill:
                continue
            }
        }
        for (index, length) in lengths.enumerated() {
            if case .fraction(let f) = length {
                let wanted = f.isFinite ? Int((Double(total) * max(0, f) + 1e-9).rounded(.down)) : 0
                sizes[index] = min(wanted, remaining)
                remaining -= sizes[index]
            }
        }
        let fills = lengths.indices.filter { lengths[$0] == .fill }
        if !fills.isEmpty {
            let share = remaining / fills.count
            var extra = remaining % fills.count
            for index in fills {
                sizes[index] = share + (extra > 0 ? 1 : 0)
                if extra > 0 { extra -= 1 }
            }
        }
        var result: [Rect] = []
        var offset = 0
        for size in sizes {
            switch axis {
            case .horizontal: result.append(Rect(x: x + offset, y: y, width: size, height: height))
            case .vertical: result.append(Rect(x: x, y: y + offset, width: width, height: size))
            }
            offset += size
        }
        return result
    }

    /// Side-by-side pieces: `split(.horizontal, lengths)`.
    public func columns(_ lengths: [Length]) -> [Rect] { split(.horizontal, lengths) }

    /// Stacked pieces: `split(.vertical, lengths)`.
    public func rows(_ lengths: [Length]) -> [Rect] { split(.vertical, lengths) }

    /// `x,y widthxheight`, for test messages.
    public var description: String { "\(x),\(y) \(width)x\(height)" }
}
