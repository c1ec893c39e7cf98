import Testing
@testable import Terminal

@Suite("Backends")
struct BackendTests {
    @Test("The headless backend plays scripted keys in order, then Ctrl-C, and says it ran out")
    func scriptedKeys() throws {
        var backend = HeadlessBackend(size: Size(width: 20, height: 5), keys: [.down, .character("q")])
        try backend.start()
        #expect(backend.isStarted)
        #expect(backend.readKey(timeout: .milliseconds(10)) == .down)
        #expect(backend.readKey(timeout: nil) == .character("q"))
        #expect(!backend.ranOut)
        #expect(backend.readKey(timeout: nil) == .interrupt, "a loop the script forgot to end is ended")
        #expect(backend.ranOut)
        backend.enqueue(Key.typing("ab"))
        #expect(backend.readKey(timeout: nil) == .character("a"))
        backend.stop()
        backend.stop()
        #expect(!backend.isStarted)
        #expect(backend.stopCount == 1)
    }

    @Test("A scripted resize changes the size and arrives as .resize")
    func scriptedResize() {
        var backend = HeadlessBackend(script: [.resize(Size(width: 100, height: 30)), .key(.escape)])
        #expect(backend.size == .standard)
        #expect(backend.readKey(timeout: nil) == .resize)
        #expect(backend.size == Size(width: 100, height: 30))
        #expect(backend.readKey(timeout: nil) == .escape)
    }

    @Test("A small run loop driven by scripted keys records its frames")
    func runLoop() throws {
        var backend = HeadlessBackend(size: Size(width: 30, height: 6),
                                      script: [.key(.down), .key(.down), .resize(Size(width: 24, height: 4)), .key(.up), .key(.ctrl("c")), .key(.down)])
        let names = (0..<20).map { "Provider \($0) 中文" }
        var list = ListView(itemCount: names.count)
        try backend.start()
        defer { backend.stop() }
        func frame() -> Grid {
            var grid = Grid(size: backend.size)
            let parts = grid.bounds.rows([.fill, .fixed(1)])
            list.render(into: &grid, in: parts[0]) { names[$0] }
            StatusBar(text: "\(list.selection ?? -1)", hints: [KeyHint("q", "Quit")]).render(into: &grid, in: parts[1])
            return grid
        }
        backend.draw(frame())
        while let key = backend.readKey(timeout: nil) {
            if key == .interrupt { break }
            list.handle(key, visibleRows: backend.size.height - 1)
            backend.draw(frame())
        }
        #expect(backend.frames.count == 5)
        #expect(backend.pending == [.key(.down)])        // Ctrl-C stopped the loop
        let last = try #require(backend.lastFrame)
        #expect(last.size == Size(width: 24, height: 4))
        #expect(last.lines() == ["Provider 0 中文", "Provider 1 中文", "Provider 2 中文", " 1               q Quit"])
        for frame in backend.frames { expectWellFormed(frame) }
    }

    @Test("No usable terminal gives a clear error before ncurses is touched")
    func terminalChecks() {
        #expect(throws: TerminalError.termNotSet) {
            try NcursesBackend.checkUsable(environment: [:], outputIsTerminal: true, inputIsTerminal: true)
        }
        #expect(throws: TerminalError.termNotSet) {
            try NcursesBackend.checkUsable(environment: ["TERM": ""], outputIsTerminal: true, inputIsTerminal: true)
        }
        #expect(throws: TerminalError.outputNotATerminal) {
            try NcursesBackend.checkUsable(environment: ["TERM": "xterm"], outputIsTerminal: false, inputIsTerminal: true)
        }
        #expect(throws: TerminalError.inputNotATerminal) {
            try NcursesBackend.checkUsable(environment: ["TERM": "xterm"], outputIsTerminal: true, inputIsTerminal: false)
        }
        #expect(throws: TerminalError.termNotSet) {
            try NcursesBackend(environment: [:]).start()
        }
        #expect(TerminalError.termNotSet.description.hasPrefix("No usable terminal: TERM is not set."))
        #expect(TerminalError.outputNotATerminal.description.contains("standard output is not a terminal"))
        #expect(TerminalError.unknownTerminal("xyz").description.contains("terminal type 'xyz' is unknown"))
        #expect(TerminalError.unknownTerminal("x\u{1B}[2Jy").description.contains("'xy'"))
    }

    @Test("ncurses key codes map to keys", arguments: [
        (Int32(0o403), Key.up), (0o402, .down), (0o404, .left), (0o405, .right),
        (0o523, .pageUp), (0o522, .pageDown), (0o406, .home), (0o550, .end),
        (0o541, .backTab), (0o512, .delete), (0o407, .backspace), (0o527, .enter),
        (0o632, .resize), (0o411, .function(1)), (0o424, .function(12)),
    ])
    func keyCodes(code: Int32, expected: Key) {
        #expect(NcursesBackend.key(forCode: code) == expected)
    }

    @Test("Unknown ncurses key codes are ignored")
    func unknownKeyCodes() {
        #expect(NcursesBackend.key(forCode: 0o631) == nil)     // KEY_MOUSE
    }

    @Test("Timeouts convert to ncurses milliseconds")
    func timeouts() {
        #expect(NcursesBackend.milliseconds(nil) == -1)
        #expect(NcursesBackend.milliseconds(.milliseconds(25)) == 25)
        #expect(NcursesBackend.milliseconds(.seconds(2)) == 2000)
        #expect(NcursesBackend.milliseconds(.seconds(-1)) == 0)
    }
}
