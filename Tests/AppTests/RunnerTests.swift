import App
import Directory
import Foundation
import Terminal
import TestSupport
import Testing
import WaymarkData

/// A headless terminal whose scripted timeouts move a clock on first: the wait a tick stands for.
struct WaitingBackend: Backend {
    var terminal: HeadlessBackend
    let clock: SteppedClock
    let wait: TimeInterval

    var size: Size { terminal.size }
    mutating func start() throws { try terminal.start() }
    mutating func stop() { terminal.stop() }
    mutating func draw(_ grid: Grid) { terminal.draw(grid) }

    mutating func readKey(timeout: Duration?) -> Key? {
        let key = terminal.readKey(timeout: timeout)
        if key == nil { clock.advance(by: wait) }
        return key
    }
}

@Suite("The run loop, driven headless")
struct RunnerTests {
    static func runner(_ clock: SteppedClock) throws -> AppRunner {
        let store = try DirectoryStore.inMemory()
        _ = try store.importPackage(at: try WaymarkData.samplePackage(), options: ImportOptions(shiftVerificationDates: true),
                                    clock: AppFixture.clock)
        return AppRunner(store: store, clock: clock)
    }

    @Test("Frames follow the terminal's size, too small included; q quits and the terminal is given back once")
    func resize() throws {
        let clock = SteppedClock(AppFixture.clock.now())
        var backend = HeadlessBackend(size: Size(width: 80, height: 24), script: [
            .resize(Size(width: 120, height: 30)), .resize(Size(width: 60, height: 20)), .resize(Size(width: 80, height: 24)),
            .key(.down), .key(.character("q")),
        ])
        try Self.runner(clock).run(&backend, strings: try StringTable.bundled())
        #expect(backend.frames.map(\.size) == [Size(width: 80, height: 24), Size(width: 120, height: 30), Size(width: 60, height: 20),
                                               Size(width: 80, height: 24), Size(width: 80, height: 24)])
        #expect(backend.frames[2].lines().contains { $0.contains("Terminal too small") })
        #expect(backend.frames[3].lines().last?.contains("q quit") == false, "at start the search line has the keys: q is text")
        #expect(backend.frames[4].lines().last?.contains("q quit") == true)
        #expect(backend.pending.isEmpty && !backend.isStarted && backend.stopCount == 1 && !backend.ranOut)
    }

    @Test("A wait without a key is a tick: with Open now set, the results are those open at the new time")
    func ticks() throws {
        let clock = SteppedClock(AppFixture.clock.now())          // Thursday 10:00 UTC
        let openNow: [HeadlessBackend.Input] = [.key(.down), .key(.character("f"))] + Array(repeating: .key(.right), count: 5) + [.key(.enter)]
        var backend = WaitingBackend(terminal: HeadlessBackend(script: openNow + [.timeout, .key(.escape), .key(.character("q"))]),
                                     clock: clock, wait: 12 * 3600)
        try Self.runner(clock).run(&backend, strings: try StringTable.bundled())
        let frames = backend.terminal.frames
        #expect(frames.count == openNow.count + 3, "the first frame, one per key, one after the tick, one after Esc")
        #expect(!backend.terminal.ranOut, "q quit, from the results")
        let day = try #require(frames[openNow.count].lines().last)
        let night = try #require(frames[openNow.count + 1].lines().last)
        #expect(frames[openNow.count].lines()[2].contains("Open now: Yes"))
        #expect(day != night, "the tick at 22:00 asked again: \(day) / \(night)")
    }
}
