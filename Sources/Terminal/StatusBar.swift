/// The bottom line: status text on the left, key hints on the right, in reverse video.
///
/// When space is short the left text is truncated with an ellipsis first
/// (down to 20 columns), then hints are dropped from the end.
public struct StatusBar: Hashable, Sendable {
    /// What is going on: the directory's name, the match count.
    public var text: String
    /// The keys of the current screen.
    public var hints: [KeyHint]

    /// Creates a status bar.
    public init(text: String, hints: [KeyHint] = []) {
        self.text = text
        self.hints = hints
    }

    /// Draws the bar on the first row of `rect`.
    public func render(into grid: inout Grid, in rect: Rect) {
        guard rect.width > 0, rect.height > 0 else { return }
        let line = rect.row(0)
        let base = Style.statusBar
        grid.fill(line, style: base)
        let minimumText = min(20, TextWidth.of(DisplayText.sanitize(text)))
        var shown = hints
        func hintsWidth(_ hints: [KeyHint]) -> Int {
            hints.isEmpty ? 0 : hints.reduce(1) { $0 + 2 + DisplayText.width($1.key) + 1 + DisplayText.width($1.label) }
        }
        while !shown.isEmpty, hintsWidth(shown) + 1 + minimumText > line.width { shown.removeLast() }
        let right = hintsWidth(shown)
        grid.put(" " + text, in: Rect(x: line.x, y: line.y, width: line.width - right, height: 1), style: base)
        var x = line.maxX - right
        for hint in shown {
            x += 2
            x += grid.put(hint.key, at: Point(x: x, y: line.y), style: base.bolded())
            x += 1
            x += grid.put(hint.label, at: Point(x: x, y: line.y), style: base)
        }
    }
}
