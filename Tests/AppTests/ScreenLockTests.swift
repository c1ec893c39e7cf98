@testable import App
import Casework
import Directory
import Foundation
import Terminal
import TestSupport
import Testing

/// The UI's lock: after the idle limit (ticks of a stepped clock, no real waiting) or at `L`, every piece of case data
/// leaves the state and the screen, the runner lets the case store go, and a typed passphrase resumes where the
/// responder was.
@Suite("Screen lock")
struct ScreenLockTests {
    /// An adult's checklist in a new home, unlocked, on a clock that moves only when told.
    static func checklist(_ home: TemporaryHome, clock: SteppedClock, environmentPassphrase: String? = nil) throws -> AppFixture {
        var app = try AppFixture.casework(home: home.url, clock: clock, environmentPassphrase: environmentPassphrase,
                                          lockAfter: ScreenLock.defaultIdleLimit)
        CaseworkScript.adultPathway(&app)
        app.press([.character("r")])
        CaseworkScript.unlockNewHome(&app)
        return app
    }

    /// Expects the state to hold nothing of the case store or the person, and the screen to show none of it.
    static func expectNoCaseData(_ app: AppFixture, codes: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(app.state.casework == CaseworkState(), "the session's case data is forgotten", sourceLocation: sourceLocation)
        let holding = app.state.stack.filter(\.holdsCaseData).map(\.name)
        #expect(holding.isEmpty, "\(holding) still open", sourceLocation: sourceLocation)
        #expect(app.state.checklist == nil && app.state.consent == nil && app.state.preview == nil && app.state.identity == nil,
                sourceLocation: sourceLocation)
        #expect(app.state.referrals.isEmpty && app.state.route == nil, sourceLocation: sourceLocation)
        #expect(app.runner.cases.value == nil, "the runner let the case store and its keys go", sourceLocation: sourceLocation)
        let text = app.screen().joined(separator: "\n")
        for code in codes { #expect(!text.contains(code), "\(code) is still on the screen:\n\(text)", sourceLocation: sourceLocation) }
        #expect(!text.contains("Ana Popescu"), sourceLocation: sourceLocation)
    }

    /// The lock box is showing, over the directory.
    static func expectLockBox(_ app: AppFixture, sourceLocation: SourceLocation = #_sourceLocation) {
        guard case .passphrase(let box)? = app.state.dialog else {
            Issue.record("no passphrase box: \(app.state.screen.name)", sourceLocation: sourceLocation)
            return
        }
        #expect(box.resuming && !box.newStore, sourceLocation: sourceLocation)
        #expect(app.state.stack.count == 1, "only the box is over the directory", sourceLocation: sourceLocation)
        let screen = app.screen()
        #expect(screen.contains { $0.contains("Waymark is locked") }, sourceLocation: sourceLocation)
        #expect(screen.last?.contains("LOCKED") == true, "\(screen.last ?? "")", sourceLocation: sourceLocation)
    }

    @Test("Ticks before the idle limit change nothing; the tick at five minutes locks and drops every piece of case data")
    func locksWhenIdle() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        let clock = SteppedClock(AppFixture.clock.now())
        var app = try Self.checklist(home, clock: clock)
        let checklist = try #require(app.state.checklist)
        let start = clock.now()
        #expect(app.state.lockDeadline == start.addingTimeInterval(300))

        app.runner.send(.tick(start.addingTimeInterval(299)), &app.state)
        #expect(app.state.screen.name == "checklist")
        #expect(!app.state.lock.isLocked)

        app.runner.send(.tick(start.addingTimeInterval(300)), &app.state)
        #expect(app.state.lock.isLocked)
        Self.expectNoCaseData(app, codes: [checklist.caseCode, checklist.referral.id])
        Self.expectLockBox(app)
        #expect(app.state.lock.resume == ResumePoint(steps: [.checklist(referralId: checklist.referral.id)]))
        #expect(app.state.lockDeadline == nil, "nothing left to lock")
    }

    @Test("A key pressed since the last one is the idle limit's: the deadline moves on with each key")
    func keysPutTheLockOff() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        let clock = SteppedClock(AppFixture.clock.now())
        var app = try Self.checklist(home, clock: clock)
        clock.advance(by: 240)
        app.press([.down])
        app.runner.send(.tick(clock.now().addingTimeInterval(200)), &app.state)
        #expect(!app.state.lock.isLocked, "four minutes after a key")
        app.runner.send(.tick(clock.now().addingTimeInterval(300)), &app.state)
        #expect(app.state.lock.isLocked)
    }

    @Test("A key after the idle limit (no tick came: a machine asleep) locks, and does nothing else")
    func lateKeyLocks() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        let clock = SteppedClock(AppFixture.clock.now())
        var app = try Self.checklist(home, clock: clock)
        let checklist = try #require(app.state.checklist)
        clock.advance(by: 301)
        app.press([.character("p")])
        #expect(app.state.preview == nil, "the key did not open the preview")
        Self.expectNoCaseData(app, codes: [checklist.caseCode])
        Self.expectLockBox(app)
    }

    @Test("Idle on the directory with no case data: nothing to lock")
    func directoryAloneDoesNotLock() throws {
        var app = try AppFixture.sample()
        #expect(app.state.lockDeadline == nil)
        app.runner.send(.tick(AppFixture.clock.now().addingTimeInterval(3600)), &app.state)
        #expect(!app.state.lock.isLocked)
        #expect(app.state.screen == .directory)
    }

    @Test("L locks at once from the checklist; Ctrl-L does not lock; in the search line L is a letter")
    func capitalLLocks() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        let clock = SteppedClock(AppFixture.clock.now())
        var app = try Self.checklist(home, clock: clock)
        let checklist = try #require(app.state.checklist)
        app.press([.ctrl("l")])
        #expect(app.state.screen.name == "checklist" && !app.state.lock.isLocked)
        app.press([.character("L")])
        #expect(app.state.lock.isLocked)
        Self.expectNoCaseData(app, codes: [checklist.caseCode, checklist.referral.id])
        Self.expectLockBox(app)

        app.press([.escape, .character("/")])
        app.type("Lumina")
        #expect(app.state.search.text == "Lumina", "typed, not a lock")
        #expect(app.state.dialog == nil)
    }

    @Test("The passphrase resumes the same checklist, read again from the store; a wrong one says so and stays locked")
    func resumesTheChecklist() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        let clock = SteppedClock(AppFixture.clock.now())
        var app = try Self.checklist(home, clock: clock)
        let checklist = try #require(app.state.checklist)
        app.press([.character("L")])

        app.type("not-the-passphrase")
        app.press([.enter])
        #expect(app.state.lock.isLocked)
        guard case .passphrase(let box)? = app.state.dialog else {
            Issue.record("the box closed: \(app.state.screen.name)")
            return
        }
        #expect(box.problem?.contains("passphrase") == true, "\(box.problem ?? "no problem said")")
        #expect(box.resuming)
        Self.expectNoCaseData(app, codes: [checklist.caseCode])

        app.type(CaseworkScript.passphrase)
        app.press([.enter])
        #expect(!app.state.lock.isLocked && app.state.lock.resume == nil)
        #expect(app.state.screen.name == "checklist")
        #expect(app.state.checklist?.referral.id == checklist.referral.id)
        #expect(app.state.casework.unlocked)
        #expect(app.screen().contains { $0.contains("SOP checklist") })
    }

    @Test("The cases screen and a case opened from it come back in order after the passphrase")
    func resumesACase() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        let clock = SteppedClock(AppFixture.clock.now())
        var app = try Self.checklist(home, clock: clock)
        let code = try #require(app.state.checklist?.caseCode)
        while app.state.screen != .directory { app.press([.escape]) }
        app.press([.down, .character("C"), .enter])
        #expect(app.state.screen.name == "caseView")

        clock.advance(by: 300)
        app.runner.send(.tick(clock.now()), &app.state)
        Self.expectNoCaseData(app, codes: [code])
        #expect(app.state.lock.resume == ResumePoint(steps: [.cases, .caseView(caseCode: code)]))

        app.type(CaseworkScript.passphrase)
        app.press([.enter])
        #expect(app.state.stack.map(\.name) == ["cases", "caseView"])
        #expect(app.screen().contains { $0.contains("Waymark · Case \(code)") })
        app.press([.escape])
        #expect(app.state.screen.name == "cases")
    }

    @Test("Locked, Esc leaves the directory to browse (search, results, detail); a case action asks for the passphrase again")
    func directoryWhileLocked() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        let clock = SteppedClock(AppFixture.clock.now())
        var app = try Self.checklist(home, clock: clock)
        let referral = try #require(app.state.checklist?.referral.id)
        app.press([.character("L"), .escape])
        #expect(app.state.screen == .directory)
        #expect(app.state.lock.isLocked)
        #expect(app.screen().last?.contains("LOCKED") == true, "\(app.screen().last ?? "")")

        let before = app.state.results.total
        app.press([.character("/")])
        app.type("shelter")
        #expect(app.state.results.total < before && app.state.results.total > 0)
        app.press([.enter, .enter])
        #expect(app.state.screen.name == "detail")
        #expect(app.screen().last?.contains("LOCKED") == true)
        app.press([.escape])

        app.press([.character("R")])
        Self.expectLockBox(app)
        app.type(CaseworkScript.passphrase)
        app.press([.enter])
        #expect(app.state.screen.name == "referrals", "what was asked since the lock goes first")
        #expect(app.state.referrals.contains { $0.id == referral })
        #expect(!app.state.lock.isLocked)
    }

    @Test("WAYMARK_PASSPHRASE opens the store before a lock, never after: only a typed passphrase resumes")
    func environmentPassphraseDoesNotUnlock() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        let clock = SteppedClock(AppFixture.clock.now())
        var app = try AppFixture.casework(home: home.url, clock: clock, environmentPassphrase: CaseworkScript.passphrase,
                                          lockAfter: ScreenLock.defaultIdleLimit)
        CaseworkScript.adultPathway(&app)
        app.press([.character("r")])
        app.type("Ana Popescu")
        app.press([.enter])
        app.type("Valdora Hotline")
        app.press([.enter])
        let checklist = try #require(app.state.checklist, "the environment's passphrase opened the store: \(app.state.screen.name)")

        clock.advance(by: 300)
        app.runner.send(.tick(clock.now()), &app.state)
        Self.expectNoCaseData(app, codes: [checklist.caseCode])
        Self.expectLockBox(app)
        app.press([.escape, .character("C")])
        Self.expectLockBox(app)
        #expect(app.runner.cases.value == nil, "not opened from the environment")

        app.type(CaseworkScript.passphrase)
        app.press([.enter])
        #expect(app.state.screen.name == "cases")
    }

    @Test("The help of every screen outside text lists L, after Ctrl-C")
    func helpListsLock() throws {
        var app = try AppFixture.sample()
        app.press([.character("?")])
        let lines = try #require(app.state.help?.lines)
        let interrupt = try #require(lines.firstIndex { $0.key == "Ctrl-C" })
        #expect(lines[safe: interrupt + 1]?.key == "L")
        #expect(lines[safe: interrupt + 1]?.label.contains("lock") == true)
        app.type("lock")
        #expect(app.state.help?.shown.map(\.key) == ["L"], "typing finds it below the fold")
        #expect(app.screen().contains { $0.contains("lock: close case data until the passphrase is typed") })
    }

    @Test("The lock after is given in minutes, fractions too; zero, negative, past a day or not a number is refused")
    func idleLimitInMinutes() {
        #expect(ScreenLock.idleLimit(minutes: "5") == 300)
        #expect(ScreenLock.idleLimit(minutes: "0.05") == 3)
        #expect(ScreenLock.idleLimit(minutes: "1440") == 86400)
        for bad in ["0", "-1", "1441", "five", "", "nan", "inf"] { #expect(ScreenLock.idleLimit(minutes: bad) == nil, "\(bad)") }
    }

    @Test("Run headless: an intake left open past the idle limit is gone from the next frame, which says LOCKED")
    func runLoopLocks() throws {
        let clock = SteppedClock(AppFixture.clock.now())
        let script: [HeadlessBackend.Input] = [.key(.down), .key(.character("n")), .timeout, .key(.character("q"))]
        var backend = WaitingBackend(terminal: HeadlessBackend(script: script), clock: clock, wait: ScreenLock.defaultIdleLimit)
        try RunnerTests.runner(clock).run(&backend, strings: try StringTable.bundled())
        let frames = backend.terminal.frames.map { $0.lines() }
        #expect(frames.count == script.count, "the first frame, then one after each input but q")
        let intake = frames[2], locked = frames[3]
        #expect(intake[0] != locked[0], "the intake is open, then gone: \(intake[0]) / \(locked[0])")
        #expect(locked.last?.contains("LOCKED") == true, "\(locked.last ?? "")")
        #expect(!backend.terminal.ranOut, "q quit from the results: nothing was left to ask about")
    }

    @Test("The run loop looks at the clock every second (the directory's generation too), sooner when the lock is due")
    func waitsUntilTheDeadline() {
        let now = AppFixture.clock.now()
        #expect(AppRunner.wait(until: nil, now: now) == .seconds(1))
        #expect(AppRunner.wait(until: now.addingTimeInterval(0.3), now: now) == .milliseconds(300))
        #expect(AppRunner.wait(until: now.addingTimeInterval(600), now: now) == .seconds(1))
        #expect(AppRunner.wait(until: now.addingTimeInterval(-5), now: now) == .milliseconds(50))
    }
}
