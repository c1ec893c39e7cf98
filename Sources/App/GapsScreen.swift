import Foundation
import Routing
import Terminal

/// Who is left out: every district, service type, sex and age band that no eligible service reaches in time.
public struct GapsScreen: Sendable, Equatable {
    public var report: GapReport
    /// The cells not met (unmet or only conditionally met), as listed.
    public var gaps: [GapReport.Cell]
    public var list: ListView

    public init(report: GapReport) {
        self.report = report
        gaps = report.cells.filter { $0.status != .met }
        list = ListView(itemCount: gaps.count, selection: 0)
    }

    /// Where the table goes on a terminal of `size`: its header, then the gaps.
    static func tableRect(_ size: Size) -> Rect { Rect(x: 1, y: 2, width: size.width - 1, height: size.height - 3) }

    /// The table's columns over the screen's selection.
    func table(_ s: StringTable) -> Table {
        var table = Table.fixed([s[.gapsStatus], s[.columnDistrict], s[.gapsPopulation], s[.columnTypes], s[.columnEligible]],
                                widths: [11, 18, 10, 24, 12], list: list)
        table.headerStyle = .muted.bolded()
        return table
    }
}

extension GapsScreen: ScreenModel {
    /// What the screen's keys ask of it.
    enum Action: Sendable {
        case move, back
    }

    var screen: Screen { .gaps(self) }

    func keyMap(_ state: AppState) -> KeyMap<Action> {
        let s = state.strings
        return KeyMap([
            KeyBinding([.up, .down, .pageUp, .pageDown, .home, .end, .character("k"), .character("j"), .character("g"), .character("G")], .move,
                       hint: KeyHint("↑↓", s[.hintScroll]), help: KeyHint("↑↓ PgUp PgDn", s[.helpMove])),
            KeyBinding([.escape, .character("q")], .back, hint: KeyHint("Esc", s[.hintBack]), help: KeyHint("Esc q", s[.helpBack])),
            KeyBinding([.character("?")], command: .help),
        ])
    }

    mutating func perform(_ action: Action, key: Key, _ state: inout AppState) -> Reply {
        switch action {
        case .back:
            return .pop()
        case .move:
            var table = table(state.strings)
            table.handle(key, in: Self.tableRect(state.size))
            list = table.list
            return Reply()
        }
    }

    func render(_ state: AppState, into grid: inout Grid) {
        let s = state.strings
        TitleBar.render(state, subtitle: s[.gapsTitle], into: &grid)
        let unmet = gaps.filter { $0.status == .unmet }.count
        _ = grid.put(" " + s.format(.gapsSummary, ["minutes": "\(Int(report.withinMinutes))", "unmet": "\(unmet)",
                                                    "conditional": "\(gaps.count - unmet)", "cells": "\(report.cells.count)"]),
                     at: Point(x: 0, y: 1), style: .emphasis, maxWidth: grid.width)
        table(s).render(into: &grid, in: Self.tableRect(grid.size), rowStyle: { gaps[$0].status == .unmet ? .danger : .warning }) { row, column in
            let c = gaps[row]
            switch column {
            case 0: return c.status == .unmet ? s[.gapsUnmet] : s[.gapsConditional]
            case 1: return c.districtName
            case 2: return c.population.map(String.init) ?? "—"
            case 3: return s.label(c.serviceType)
            default: return "\(s.label(c.sex)) \(s.label("band." + c.ageBand.rawValue))"
            }
        }
        statusBar(s[.gapsStatusBar], state, into: &grid)
    }
}
