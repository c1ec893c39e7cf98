import CNcurses
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real terminal, through wide-character ncurses: the only code that touches ncurses.
///
/// `start` checks that there is a usable terminal before ncurses sees it
/// (`TERM` set, standard input and output both terminals) and opens it with
/// `newterm`, which reports an unknown terminal as an error instead of exiting
/// like `initscr`. The keyboard is read in **raw** mode: Ctrl-C, Ctrl-Z and
/// Ctrl-\ arrive as keys (`.ctrl("c")`...) rather than signals, so the
/// application decides what they do and always leaves through `stop`. Esc is
/// reported after 25 ms, not ncurses' default second.
///
/// Colours are used only when the terminal has them and `NO_COLOR` is unset or
/// empty; styles never depend on colour alone (selection is reverse video).
///
/// The terminal is restored by `stop` (also run on deinit), and — if the process
/// is killed — by SIGINT, SIGTERM, SIGHUP and SIGQUIT handlers that call
/// `endwin` and then let the signal end the process as usual. Those handlers
/// live in `shim.h` and keep no state: ncurses' current screen is all they need.
///
/// Frames are drawn by comparing each row with the previous frame and
/// rewriting only the changed span, which ncurses then turns into the fewest
/// terminal updates. A grapheme the terminal would measure differently from
/// `TextWidth` (a skin-toned or ZWJ emoji) is drawn as its first character and
/// padded, so columns never drift.
public final class NcursesBackend: Backend {
    private let environment: [String: String]
    private var screen: OpaquePointer?
    private var previous: Grid?
    private var needsFullRedraw = true
    private var colorsEnabled = false
    private var unicode = true
    private var cursorVisible: Bool?

    /// Delay, in milliseconds, before a lone Esc is reported.
    public static let escapeDelayMilliseconds: Int32 = 25

    /// Creates a backend; nothing happens to the terminal until `start`.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    deinit {
        stop()
    }

    /// True between a successful `start` and `stop`.
    public var isStarted: Bool { screen != nil }

    /// True when the terminal is drawn in colour (it has colours and `NO_COLOR` is not set).
    public var usesColor: Bool { colorsEnabled }

    /// The terminal's size in cells; zero before `start`.
    public var size: Size {
        guard screen != nil, let window = wm_stdscr() else { return Size(width: 0, height: 0) }
        var rows: Int32 = 0
        var columns: Int32 = 0
        wm_getmaxyx(window, &rows, &columns)
        return Size(width: Int(columns), height: Int(rows))
    }

    /// Checks, without touching the terminal, that the UI can run here; throws the reason if not.
    public static func checkUsable(environment: [String: String], outputIsTerminal: Bool, inputIsTerminal: Bool) throws {
        guard let term = environment["TERM"], !term.isEmpty else { throw TerminalError.termNotSet }
        guard outputIsTerminal else { throw TerminalError.outputNotATerminal }
        guard inputIsTerminal else { throw TerminalError.inputNotATerminal }
    }

    /// Opens the terminal: locale, `newterm`, raw keyboard, no echo, keypad, short Esc delay, colours.
    public func start() throws {
        guard screen == nil else { return }
        try Self.checkUsable(
            environment: environment,
            outputIsTerminal: isatty(STDOUT_FILENO) == 1,
            inputIsTerminal: isatty(STDIN_FILENO) == 1)
        let term = environment["TERM"] ?? ""
        _ = wm_setlocale_from_environment()
        unicode = wm_locale_is_utf8() == 1
        guard let opened = term.withCString({ newterm($0, wm_stdout(), wm_stdin()) }) else {
            throw TerminalError.unknownTerminal(term)
        }
        screen = opened
        _ = set_term(opened)
        guard wm_can_address_cursor() == 1, let window = wm_stdscr() else {
            endwin()
            delscreen(opened)
            screen = nil
            throw TerminalError.terminalTooLimited(term)
        }
        raw()
        noecho()
        nonl()
        keypad(window, true)
        _ = wm_set_escdelay(Self.escapeDelayMilliseconds)
        setUpColors()
        wm_install_restore_handlers()
        previous = nil
        needsFullRedraw = true
        cursorVisible = nil
    }

    /// Restores the terminal (`endwin`), frees the screen and puts the default signal actions back.
    public func stop() {
        guard let opened = screen else { return }
        if cursorVisible == false { curs_set(1) }
        endwin()
        delscreen(opened)
        screen = nil
        wm_remove_restore_handlers()
        fflush(wm_stdout())
    }

    /// Draws a frame, rewriting only the cells that changed since the previous one.
    public func draw(_ grid: Grid) {
        guard screen != nil, let window = wm_stdscr() else { return }
        let terminal = size
        let full = needsFullRedraw || previous?.size != grid.size
        if full {
            werase(window)
            clearok(window, true)
        }
        let rows = min(terminal.height, grid.height)
        let columns = min(terminal.width, grid.width)
        for y in 0..<rows {
            guard let span = changedSpan(row: y, of: grid, full: full, columns: columns) else { continue }
            var x = span.lowerBound
            while x <= span.upperBound {
                let cell = grid[x, y]
                if cell.isContinuation {
                    x += 1
                    continue
                }
                let columnsUsed = max(1, cell.width)
                if x + columnsUsed > columns {
                    for pad in x..<columns { putSpace(y: y, x: pad, style: cell.style) }
                    break
                }
                put(cell, y: y, x: x)
                x += columnsUsed
            }
        }
        placeCursor(grid.cursor, window: window, limit: Size(width: columns, height: rows))
        wrefresh(window)
        previous = grid
        needsFullRedraw = false
    }

    /// Waits for a key (up to `timeout`, forever if nil); nil on timeout or an unmapped key.
    public func readKey(timeout: Duration?) -> Key? {
        guard screen != nil, let window = wm_stdscr() else { return nil }
        wtimeout(window, Self.milliseconds(timeout))
        var value: wint_t = 0
        let result = wget_wch(window, &value)
        if result == wm_key_code_yes() {
            let key = Self.key(forCode: Int32(bitPattern: value))
            if key == .resize { needsFullRedraw = true }
            return key
        }
        guard result == wm_ok(), let scalar = Unicode.Scalar(UInt32(value)) else { return nil }
        return Key(scalar: scalar)
    }

    // MARK: - Keys

    /// The key for an ncurses function-key code (KEY_UP, KEY_RESIZE...); nil for codes Waymark does not use.
    static func key(forCode code: Int32) -> Key? {
        switch code {
        case wm_key_up(), wm_key_sup(): return .up
        case wm_key_down(), wm_key_sdown(): return .down
        case wm_key_left(), wm_key_sleft(): return .left
        case wm_key_right(), wm_key_sright(): return .right
        case wm_key_ppage(), wm_key_a3(): return .pageUp
        case wm_key_npage(), wm_key_c3(): return .pageDown
        case wm_key_home(), wm_key_a1(): return .home
        case wm_key_end(), wm_key_c1(): return .end
        case wm_key_enter(): return .enter
        case wm_key_backspace(): return .backspace
        case wm_key_dc(): return .delete
        case wm_key_ic(): return .insert
        case wm_key_btab(): return .backTab
        case wm_key_resize(): return .resize
        case wm_key_f(1)...wm_key_f(24): return .function(Int(code - wm_key_f(0)))
        default: return nil
        }
    }

    /// A timeout as ncurses wants it: milliseconds, -1 for "wait forever".
    static func milliseconds(_ timeout: Duration?) -> Int32 {
        guard let timeout else { return -1 }
        let (seconds, attoseconds) = timeout.components
        let total = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return Int32(clamping: max(0, total))
    }

    // MARK: - Drawing

    /// The columns of row `y` to rewrite, widened so no wide character is cut; nil if unchanged.
    private func changedSpan(row y: Int, of grid: Grid, full: Bool, columns: Int) -> ClosedRange<Int>? {
        guard columns > 0 else { return nil }
        var first = 0
        var last = columns - 1
        if !full, let previous {
            let old = previous.row(y), new = grid.row(y)
            guard old != new else { return nil }
            let oldCells = Array(old), newCells = Array(new)
            guard let start = (0..<columns).first(where: { oldCells[$0] != newCells[$0] }),
                  let end = (0..<columns).last(where: { oldCells[$0] != newCells[$0] }) else { return nil }
            first = start
            last = end
        }
        while first > 0, grid[first, y].isContinuation { first -= 1 }
        while last + 1 < columns, grid[last + 1, y].isContinuation { last += 1 }
        return first...last
    }

    /// Writes one cell, splitting the grapheme into what ncurses can hold and padding any difference in width.
    private func put(_ cell: Cell, y: Int, x: Int) {
        let (attributes, pair) = rendition(cell.style)
        guard unicode else {
            putASCII(cell, y: y, x: x, attributes: attributes, pair: pair)
            return
        }
        var units: [[wchar_t]] = []
        var widths: [Int] = []
        let maxCombining = Int(wm_ccharw_max()) - 1
        for scalar in cell.character.unicodeScalars {
            let value = scalar.value
            if value == 0x200D { break }
            if value == 0xFE0F || value == 0xFE0E { continue }
            let width = Int(wm_wcwidth(wchar_t(bitPattern: value)))
            if width < 0 { break }
            if width == 0 {
                if !units.isEmpty, units[units.count - 1].count < maxCombining {
                    units[units.count - 1].append(wchar_t(bitPattern: value))
                }
                continue
            }
            units.append([wchar_t(bitPattern: value)])
            widths.append(width)
        }
        let target = max(1, cell.width)
        if !units.isEmpty, widths.reduce(0, +) == target {
            var column = x
            for (unit, width) in zip(units, widths) {
                putWide(unit, y: y, x: column, attributes: attributes, pair: pair)
                column += width
            }
        } else if let first = units.first, let width = widths.first, width <= target {
            putWide(first, y: y, x: x, attributes: attributes, pair: pair)
            for pad in (x + width)..<(x + target) { putSpace(y: y, x: pad, style: cell.style) }
        } else {
            putWide([wchar_t(bitPattern: 0x3F)], y: y, x: x, attributes: attributes, pair: pair)
            for pad in (x + 1)..<(x + target) { putSpace(y: y, x: pad, style: cell.style) }
        }
    }

    /// Writes one ncurses cell from a spacing character and its combining characters.
    private func putWide(_ unit: [wchar_t], y: Int, x: Int, attributes: attr_t, pair: Int16) {
        let terminated = unit + [0]
        _ = terminated.withUnsafeBufferPointer { buffer in
            wm_put_wch(Int32(y), Int32(x), buffer.baseAddress, attributes, pair)
        }
    }

    /// Writes a space in the given style.
    private func putSpace(y: Int, x: Int, style: Style) {
        let (attributes, pair) = rendition(style)
        putWide([0x20], y: y, x: x, attributes: attributes, pair: pair)
    }

    /// Writes a cell when the locale is not UTF-8: ASCII as is, box drawing as ACS, anything else as `?`.
    private func putASCII(_ cell: Cell, y: Int, x: Int, attributes: attr_t, pair: Int16) {
        let scalars = cell.character.unicodeScalars
        let character: chtype
        if scalars.count == 1, let scalar = scalars.first, scalar.value < 0x7F {
            character = chtype(scalar.value)
        } else {
            switch cell.character {
            case "─": character = wm_acs_hline()
            case "│": character = wm_acs_vline()
            case "┌": character = wm_acs_ulcorner()
            case "┐": character = wm_acs_urcorner()
            case "└": character = wm_acs_llcorner()
            case "┘": character = wm_acs_lrcorner()
            case "├": character = wm_acs_ltee()
            case "┤": character = wm_acs_rtee()
            case "┬": character = wm_acs_ttee()
            case "┴": character = wm_acs_btee()
            case "┼": character = wm_acs_plus()
            case "█": character = wm_acs_block()
            default: character = chtype(0x3F)
            }
        }
        _ = wm_put_ch(Int32(y), Int32(x), character, attributes, pair)
        for pad in (x + 1)..<(x + max(1, cell.width)) {
            _ = wm_put_ch(Int32(y), Int32(pad), chtype(0x20), attributes, pair)
        }
    }

    /// Shows the cursor at `point` (when inside the drawn area) or hides it.
    private func placeCursor(_ point: Point?, window: UnsafeMutablePointer<WINDOW>, limit: Size) {
        if let point, point.x >= 0, point.y >= 0, point.x < limit.width, point.y < limit.height {
            if cursorVisible != true {
                curs_set(1)
                cursorVisible = true
            }
            wmove(window, Int32(point.y), Int32(point.x))
        } else if cursorVisible != false {
            curs_set(0)
            cursorVisible = false
        }
    }

    // MARK: - Colours

    /// The curses colours for each role, in `ColorRole.allCases` order (-1: the terminal's default).
    private static let palette: [ColorRole: Int16] = [
        .default: -1, .accent: Int16(COLOR_CYAN), .success: Int16(COLOR_GREEN),
        .warning: Int16(COLOR_YELLOW), .danger: Int16(COLOR_RED), .info: Int16(COLOR_BLUE),
    ]

    /// Starts colour if the terminal has it and `NO_COLOR` is not set, and defines one pair per role combination.
    private func setUpColors() {
        colorsEnabled = false
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return }
        guard has_colors() else { return }
        guard start_color() == wm_ok() else { return }
        let defaults = use_default_colors() == wm_ok()
        let roles = ColorRole.allCases
        guard Int(wm_color_pairs()) > roles.count * roles.count else { return }
        for (fgIndex, fg) in roles.enumerated() {
            for (bgIndex, bg) in roles.enumerated() where fg != .default || bg != .default {
                var foreground = Self.palette[fg] ?? -1
                var background = Self.palette[bg] ?? -1
                if !defaults {
                    if foreground < 0 { foreground = Int16(COLOR_WHITE) }
                    if background < 0 { background = Int16(COLOR_BLACK) }
                }
                init_pair(Self.pairNumber(fgIndex, bgIndex, roles.count), foreground, background)
            }
        }
        colorsEnabled = true
    }

    /// The colour pair for a foreground and background role index (0 for default on default).
    private static func pairNumber(_ fgIndex: Int, _ bgIndex: Int, _ count: Int) -> Int16 {
        fgIndex == 0 && bgIndex == 0 ? 0 : Int16(1 + fgIndex * count + bgIndex)
    }

    /// The ncurses attributes and colour pair for a style.
    private func rendition(_ style: Style) -> (attr_t, Int16) {
        var attributes = wm_a_normal()
        if style.bold { attributes |= wm_a_bold() }
        if style.reverse { attributes |= wm_a_reverse() }
        if style.underline { attributes |= wm_a_underline() }
        if style.dim { attributes |= wm_a_dim() }
        guard colorsEnabled else { return (attributes, 0) }
        let roles = ColorRole.allCases
        let fg = roles.firstIndex(of: style.foreground) ?? 0
        let bg = roles.firstIndex(of: style.background) ?? 0
        return (attributes, Self.pairNumber(fg, bg, roles.count))
    }
}
