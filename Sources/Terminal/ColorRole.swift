/// What a colour means, not which colour it is; the backend picks the colour.
///
/// Meaning must never rest on colour alone: with `NO_COLOR` or on a monochrome
/// terminal every role is drawn in the terminal's default colour, so screens
/// pair a role with text, bold, underline or reverse video.
public enum ColorRole: Hashable, Sendable, CaseIterable {
    /// The terminal's own foreground or background.
    case `default`
    /// Headings, focused borders, key names.
    case accent
    /// Good news: open now, capacity available.
    case success
    /// Needs attention: stale data, conditions to read out.
    case warning
    /// Stop and read: closed facility, refusals.
    case danger
    /// Secondary information.
    case info
}
