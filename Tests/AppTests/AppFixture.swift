import App
import Directory
import Foundation
import Terminal
import TestSupport
import WaymarkData

/// The UI's test setup: the bundled sample (or a fixture) at a fixed clock, driven by messages.
struct AppFixture {
    /// Thursday 2026-01-15 10:00 UTC, the sample's reference date: no date is shifted.
    static let clock = FixedTime(Date(timeIntervalSince1970: 1_768_471_200))

    let runner: AppRunner
    var state: AppState

    /// The UI over the bundled sample directory.
    static func sample(size: Size = Size(width: 80, height: 24)) throws -> AppFixture {
        let store = try DirectoryStore.inMemory()
        _ = try store.importPackage(at: try WaymarkData.samplePackage(), options: ImportOptions(shiftVerificationDates: true), clock: clock)
        return try AppFixture(store: store, size: size)
    }

    /// The UI over a test package.
    static func package(_ fixture: PackageFixture, size: Size = Size(width: 80, height: 24)) throws -> AppFixture {
        let store = try DirectoryStore.inMemory()
        _ = try store.importPackage(at: try fixture.write(), clock: clock)
        return try AppFixture(store: store, size: size)
    }

    init(store: DirectoryStore, size: Size) throws {
        runner = AppRunner(store: store, clock: AppFixture.clock)
        state = try runner.initialState(strings: try StringTable.bundled(), size: size)
    }

    /// Sends keys one by one, performing their effects.
    mutating func press(_ keys: [Key]) {
        for key in keys { runner.send(.key(key), &state) }
    }

    /// Types text as single key presses.
    mutating func type(_ text: String) { press(Key.typing(text)) }

    /// The current screen as plain text lines.
    func screen() -> [String] {
        var grid = Grid(size: state.size)
        render(state, into: &grid)
        return grid.lines()
    }
}
