/// How a cell is drawn: colour roles plus attributes that work without colour.
public struct Style: Hashable, Sendable {
    /// The role of the text colour.
    public var foreground: ColorRole
    /// The role of the background colour.
    public var background: ColorRole
    /// Bold (or bright) text.
    public var bold: Bool
    /// Reverse video: foreground and background swapped. Used for selection.
    public var reverse: Bool
    /// Underlined text.
    public var underline: Bool
    /// Dim (faint) text.
    public var dim: Bool

    /// Creates a style; everything off and default colours unless given.
    public init(
        foreground: ColorRole = .default, background: ColorRole = .default,
        bold: Bool = false, reverse: Bool = false, underline: Bool = false, dim: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
    }

    /// The terminal's default look.
    public static let plain = Style()
    /// The selected row or button: reverse video, readable on any terminal.
    public static let selected = Style(reverse: true)
    /// Emphasis: bold.
    public static let emphasis = Style(bold: true)
    /// A heading: bold in the accent colour.
    public static let heading = Style(foreground: .accent, bold: true)
    /// Secondary text: dim.
    public static let muted = Style(dim: true)
    /// A warning: bold in the warning colour.
    public static let warning = Style(foreground: .warning, bold: true)
    /// A danger notice: bold in the danger colour.
    public static let danger = Style(foreground: .danger, bold: true)
    /// The status bar: reverse video across the whole line.
    public static let statusBar = Style(reverse: true)

    /// This style with reverse video switched on or off.
    public func reversed(_ on: Bool = true) -> Style {
        var copy = self
        copy.reverse = on
        return copy
    }

    /// This style with bold switched on or off.
    public func bolded(_ on: Bool = true) -> Style {
        var copy = self
        copy.bold = on
        return copy
    }
}
