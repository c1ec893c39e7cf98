/// One terminal cell: a grapheme, the columns it takes, and its style.
///
/// A wide character (CJK, most emoji) is stored in its first cell with
/// `width == 2`; the cell to its right is a *continuation* (`width == 0`,
/// empty `character`) that the backend does not draw on its own.
public struct Cell: Hashable, Sendable {
    /// The grapheme shown, already sanitised; empty for a continuation cell.
    public var character: String
    /// Columns the grapheme takes: 1 for most, 2 for wide (rarely more for a cluster of several spacing characters), 0 for a continuation.
    public var width: Int
    /// How the cell is drawn.
    public var style: Style

    /// Creates a cell. Callers normally go through `Grid.put`, which measures.
    public init(character: String, width: Int, style: Style = .plain) {
        self.character = character
        self.width = width
        self.style = style
    }

    /// A space in the default style.
    public static let blank = Cell(character: " ", width: 1, style: .plain)

    /// A space in the given style (used to paint backgrounds and selections).
    public static func blank(_ style: Style) -> Cell {
        Cell(character: " ", width: 1, style: style)
    }

    /// The right half of a wide character.
    public static func continuation(_ style: Style) -> Cell {
        Cell(character: "", width: 0, style: style)
    }

    /// True for the right half of a wide character.
    public var isContinuation: Bool { width == 0 }
}
