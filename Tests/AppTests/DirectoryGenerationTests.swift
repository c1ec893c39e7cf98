import App
import Directory
import Foundation
import Terminal
import Testing
import TestSupport
import WaymarkData

/// Another process changes the directory while this UI runs: the clock tick reads the directory's
/// generation and, when it moved, reads the results and the detail showing again.
@Suite("The UI follows changes made by another process")
struct DirectoryGenerationTests {
    /// The UI over the bundled sample, and the same store for "another process" to edit.
    static func app() throws -> (AppFixture, DirectoryStore) {
        let store = try DirectoryStore.inMemory()
        _ = try store.importPackage(at: try WaymarkData.samplePackage(), options: ImportOptions(shiftVerificationDates: true),
                                    clock: AppFixture.clock)
        return (try AppFixture(store: store, size: Size(width: 80, height: 24)), store)
    }

    /// An edit made elsewhere: renames a service.
    static func rename(_ store: DirectoryStore, _ id: String, to name: String) throws {
        var edit = ServiceEdit()
        edit.name = name
        _ = try DirectoryEditor(store: store, author: ChangeAuthor(name: "Ion (another terminal)"), clock: AppFixture.clock).edit(service: id, edit)
    }

    @Test("A tick reads the generation at most once a second; an unchanged generation asks for nothing more")
    func tickReadsGeneration() throws {
        var (app, _) = try Self.app()
        let start = app.state.now
        #expect(update(&app.state, .tick(start.addingTimeInterval(1))) == [.directory(.readGeneration)])
        #expect(update(&app.state, .tick(start.addingTimeInterval(1.5))) == [], "half a second later: not again")
        #expect(update(&app.state, .tick(start.addingTimeInterval(2))) == [.directory(.readGeneration)])
        let known = try #require(app.state.directory.dataGeneration)
        #expect(update(&app.state, .directory(.generationRead(known))) == [])
        #expect(update(&app.state, .directory(.generationRead(nil))) == [], "an unreadable generation changes nothing")
        #expect(app.state.directory.dataGeneration == known)
    }

    @Test("A moved generation asks for the results again, and for the detail showing")
    func movedGenerationReloads() throws {
        var (app, _) = try Self.app()
        let known = try #require(app.state.directory.dataGeneration)
        let onResults = update(&app.state, .directory(.generationRead(known + 1)))
        #expect(onResults.count == 1)
        guard case .directory(.search) = onResults.first else { Issue.record("no search: \(onResults)"); return }
        app.press([.enter])
        guard case .detail(let screen) = app.state.screen else { Issue.record("no detail open"); return }
        let onDetail = update(&app.state, .directory(.generationRead(known + 2)))
        #expect(onDetail.contains(.directory(.reloadDetail(serviceId: screen.detail.serviceId, locationId: screen.detail.locationId))))
        #expect(app.state.directory.dataGeneration == known + 2)
    }

    @Test("A service renamed by another process shows, in the results and in its open detail, after the next tick")
    func renamedElsewhereShows() throws {
        var (app, store) = try Self.app()
        let selected = try #require(app.state.results.results.first)
        app.press([.enter])
        guard case .detail(let before) = app.state.screen else { Issue.record("no detail open"); return }
        app.press([.down])
        guard case .detail(let scrolled) = app.state.screen else { Issue.record("the detail closed"); return }
        try Self.rename(store, selected.serviceId, to: "Aaa Renamed Elsewhere")
        #expect(!app.screen().joined().contains("Aaa Renamed Elsewhere"), "nothing read before the tick")

        app.runner.send(.tick(app.state.now.addingTimeInterval(1)), &app.state)
        guard case .detail(let after) = app.state.screen else { Issue.record("the detail closed"); return }
        #expect(after.detail.name == "Aaa Renamed Elsewhere")
        #expect(after.detail.serviceId == before.detail.serviceId)
        #expect(after.scroll == scrolled.scroll, "the detail keeps its place")
        #expect(app.screen().joined().contains("Aaa Renamed Elsewhere"))
        app.press([.escape])
        #expect(app.state.results.results.contains { $0.serviceId == selected.serviceId && $0.serviceName == "Aaa Renamed Elsewhere" })
        #expect(app.state.directory.list.selection.map { app.state.results.results[$0].serviceId } == selected.serviceId,
                "the selection stays on the service")
    }

    @Test("The run loop ticks after a second without a key: a change made meanwhile shows in the next frame")
    func runLoopTicks() throws {
        let (app, store) = try Self.app()
        let clock = SteppedClock(AppFixture.clock.now())
        let first = try #require(app.state.results.results.first)
        var backend = EditingBackend(terminal: HeadlessBackend(script: [.timeout, .key(.down), .key(.character("q"))]), clock: clock) {
            try? Self.rename(store, first.serviceId, to: "Aaa Renamed While Waiting")
        }
        try AppRunner(store: store, clock: clock).run(&backend, strings: try StringTable.bundled())
        let frames = backend.terminal.frames.map { $0.lines().joined(separator: "\n") }
        #expect(frames.count == 3, "the first frame, one after the tick, one after the key")
        #expect(!frames[0].contains("Aaa Renamed While Waiting"))
        #expect(frames[1].contains("Aaa Renamed While Waiting"), "\(frames[1])")
    }
}

/// A headless terminal on which another process edits the directory while no key comes (a scripted timeout, one second).
struct EditingBackend: Backend {
    var terminal: HeadlessBackend
    let clock: SteppedClock
    let meanwhile: () -> Void

    var size: Size { terminal.size }
    mutating func start() throws { try terminal.start() }
    mutating func stop() { terminal.stop() }
    mutating func draw(_ grid: Grid) { terminal.draw(grid) }

    mutating func readKey(timeout: Duration?) -> Key? {
        let key = terminal.readKey(timeout: timeout)
        if key == nil {
            meanwhile()
            clock.advance(by: 1)
        }
        return key
    }
}
