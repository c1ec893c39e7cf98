/// Where frames are shown and keys come from: the real terminal or an in-memory stand-in.
///
/// A run loop asks for `size`, renders a `Grid` of that size, calls `draw`, then
/// waits in `readKey`. On `.resize` it asks for `size` again and redraws.
public protocol Backend {
    /// The current size of the screen in cells.
    var size: Size { get }

    /// Takes over the screen (for a terminal: raw mode, alternate screen). Throws `TerminalError`.
    mutating func start() throws

    /// Gives the screen back as it was. Safe to call more than once.
    mutating func stop()

    /// Shows a frame. A grid of another size than `size` is drawn clipped.
    mutating func draw(_ grid: Grid)

    /// Waits up to `timeout` (forever if nil) for a key; nil when none came.
    mutating func readKey(timeout: Duration?) -> Key?
}
