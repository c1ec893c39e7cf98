import Foundation
import Terminal

/// Paints the whole screen for a state. Pure: the same state always gives the same grid.
///
/// The screens are drawn from the last one that covers the screen up to the one showing (a help
/// box or a dialog is drawn over the screen it belongs to).
public func render(_ state: AppState, into grid: inout Grid) {
    grid.clear()
    grid.cursor = nil
    if state.tooSmall {
        TooSmallScreen.render(state, into: &grid)
        return
    }
    let screens = [Screen.directory] + state.stack
    let first = screens.lastIndex { !$0.model.isOverlay } ?? 0
    for screen in screens[first...] { screen.render(state, into: &grid) }
}

/// Shown instead of the UI when the terminal is smaller than 80x24.
enum TooSmallScreen {
    static func render(_ state: AppState, into grid: inout Grid) {
        let s = state.strings
        let lines = [
            s.format(.tooSmall, ["width": "\(AppState.minimumSize.width)", "height": "\(AppState.minimumSize.height)"]),
            s.format(.tooSmallNow, ["width": "\(state.size.width)", "height": "\(state.size.height)"]),
            s[.tooSmallHint],
        ]
        let top = max(0, (grid.height - lines.count) / 2)
        for (offset, line) in lines.enumerated() where top + offset < grid.height {
            _ = grid.put(line, in: Rect(x: 0, y: top + offset, width: grid.width, height: 1),
                         style: offset == 0 ? .emphasis : .plain, alignment: .center)
        }
    }
}

/// The top line of every screen: the application and the directory's name.
enum TitleBar {
    static func render(_ state: AppState, subtitle: String, into grid: inout Grid) {
        let row = Rect(x: 0, y: 0, width: grid.width, height: 1)
        grid.fill(row, style: .heading)
        _ = grid.put(DisplayText.truncate(" Waymark · \(subtitle)", toWidth: grid.width - 1), at: Point(x: 0, y: 0),
                     style: .heading, maxWidth: grid.width - 1)
    }
}
