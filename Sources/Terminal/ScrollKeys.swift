/// The keys that scroll a block of lines, shared by every scrolling view.
public enum ScrollKeys {
    /// The keys `offset(after:from:rows:total:)` answers.
    public static let keys: [Key] = [.up, .character("k"), .down, .character("j"), .pageUp, .pageDown, .character(" "),
                                     .home, .character("g"), .end, .character("G")]

    /// The first visible line after `key`, for `total` lines shown `rows` at a time; nil when the key does not scroll.
    ///
    /// Up/Down (`k`/`j`) move one line, PgUp/PgDn (and Space) a page, Home/End (`g`/`G`) to the ends.
    public static func offset(after key: Key, from offset: Int, rows: Int, total: Int) -> Int? {
        let rows = max(1, rows)
        let last = max(0, total - rows)
        var next = offset
        switch key {
        case .up, .character("k"): next -= 1
        case .down, .character("j"): next += 1
        case .pageUp: next -= max(1, rows - 1)
        case .pageDown, .character(" "): next += max(1, rows - 1)
        case .home, .character("g"): next = 0
        case .end, .character("G"): next = last
        default: return nil
        }
        return min(max(0, next), last)
    }
}
