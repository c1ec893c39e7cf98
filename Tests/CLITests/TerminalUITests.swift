import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TestSupport

/// End-to-end tests of the ncurses UI (`waymark --home DIR`, no subcommand).
///
/// `InTmux` runs the real binary in a detached 80x24 tmux pane with `LANG=C.UTF-8`, presses
/// keys with `send-keys` and reads the screen with `capture-pane -p`. Every test has its own
/// tmux server (`tmux -L waymark-<uuid>`), so tests run in parallel and never touch the user's
/// tmux. Screens are awaited by polling, never by fixed sleeps.
///
/// Without tmux these tests are skipped, unless `CI=true` or `WAYMARK_REQUIRE_TMUX=1`: then a
/// missing tmux fails them.
///
/// `WithoutATerminal` runs the binary as a plain child process to check the error it gives
/// when there is no usable terminal.
@Suite("The terminal UI")
struct TerminalUITests {
    @Suite("Driven in a tmux pane", .enabled(if: Tmux.executable != nil || Tmux.required,
                                             "tmux is not installed (set WAYMARK_REQUIRE_TMUX=1 to fail instead)"))
    struct InTmux {
        @Test("A new referral: intake, pathway, a step's detail, back to the pathway, quit")
        func referral() async throws {
            let pane = try await TmuxPane.start()
            defer { pane.stop() }
            _ = try await pane.waitFor("the directory screen") { $0.showsDirectory }
            try pane.press("Down")
            try await pane.waitFor("focus on the results") { $0.statusBar.contains(Hint.results) }
            try pane.press("n")
            _ = try await pane.waitFor("the intake form") { $0.contains("New referral") && $0.contains("Where the person is now") }
            // Area: found by typing part of its name.
            try pane.press("Enter")
            try pane.type("centru")
            _ = try await pane.waitFor("the area found") { $0.contains("Valdora-Centru") && $0.contains("Finding “centru”") }
            try pane.press("Enter")
            _ = try await pane.waitFor("the area set") { $0.contains("Valdora-Centru (XA0101)") }
            // Sex: the letter of the choice; the cursor is already on the field after the area.
            try pane.press("Enter", "f", "Enter")
            _ = try await pane.waitFor("sex set") { $0.lines.contains { $0.hasPrefix(" Sex") && $0.contains("Female") } }
            try pane.type("16")
            try pane.press("Enter")
            _ = try await pane.waitFor("age set") { $0.lines.contains { $0.hasPrefix(" Age ") && $0.hasSuffix("16") } }
            try pane.press("Enter")
            try pane.type("shelter")
            try pane.press("Enter")
            _ = try await pane.waitFor("a need added") { $0.lines.contains { $0.contains("Needs") && $0.contains("Shelter") } }
            try pane.press("r")
            let pathway = try await pane.waitFor("the pathway") { $0.contains("Proposed referral pathway") && $0.contains("Pathway 1 of") }
            #expect(pathway.contains("Shelter"), "\(pathway)")
            #expect(pathway.contains("Child protection"), "child protection is added for a 16-year-old: \(pathway)")
            try pane.press("Enter")
            let detail = try await pane.waitFor("a step's detail") { $0.contains("Organization:") && $0.statusBar.contains("Esc back") }
            #expect(detail.contains("Who:"), "\(detail)")
            try pane.press("Escape")
            _ = try await pane.waitFor("the pathway again") { $0.contains("Pathway 1 of") }
            try pane.press("C-c")
            let exit = try await pane.waitForExit()
            #expect(exit.status == 0)
        }

        @Test("Search, set the sex and age facets, open a detail, go back, shrink and enlarge, quit")
        func fullSession() async throws {
            let pane = try await TmuxPane.start()
            defer { pane.stop() }

            // The directory screen.
            let first = try await pane.waitFor("the directory screen") { $0.showsDirectory }
            #expect(first.line(1).hasPrefix(" Waymark · "), "title line: \(first)")
            #expect(first.line(2).hasPrefix(" Search: "), "search line: \(first)")
            #expect(first.line(3) == " Area: Any  Type: Any  Sex: Any  Age: Any  Language: Any  Open now: No",
                    "filter bar: \(first)")
            #expect(first.line(4).contains(#/SERVICE +ORGANIZATION +DISTRICT +TYPES +WHO +NOTES/#), "headers: \(first)")
            #expect(first.position?.index == 1, "position line: \(first)")
            let everything = try #require(first.matchCount, "the status bar counts the matches: \(first)")
            #expect(everything > 0)

            // The search line has the keys at start; results update while typing.
            #expect(first.statusBar.contains(Hint.search), "typing searches at start: \(first)")
            try pane.type("shel")
            let partial = try await pane.waitFor("results for “shel”") {
                $0.line(2) == " Search: shel" && $0.matchCount != nil && $0.matchCount != everything
            }
            #expect(partial.statusBar.contains(Hint.search), "focus stays on the search line while typing: \(partial)")
            try pane.type("ter")
            let typed = try await pane.waitFor("results for “shelter”") {
                $0.line(2) == " Search: shelter" && $0.matchCount != nil && $0.matchCount != everything
            }
            let shelters = try #require(typed.matchCount)
            #expect(shelters < everything)
            #expect(typed.rows.contains { $0.localizedCaseInsensitiveContains("shelter") }, "\(typed)")

            // Enter returns focus to the results; Tab cycles results → search → filters.
            try pane.press("Enter")
            try await pane.waitFor("focus on the results") { $0.statusBar.contains(Hint.results) }
            try pane.press("Tab")
            try await pane.waitFor("focus on the search line after Tab") { $0.statusBar.contains(Hint.search) }
            try pane.press("Tab")
            let filters = try await pane.waitFor("focus on the filters after Tab") { $0.statusBar.contains(Hint.filters) }
            #expect(filters.line(2) == " Search: shelter", "the search is kept: \(filters)")

            // Sex: a picker box, Down then Enter picks Female.
            try pane.press("Right", "Right", "Enter")
            let sexPicker = try await pane.waitFor("the Sex picker") {
                $0.contains("Sex  ─") && $0.contains("│Female") && $0.contains("│Male")
            }
            #expect(sexPicker.contains("│Any") && sexPicker.contains("│Other"), "\(sexPicker)")
            try pane.press("Down", "Enter")
            let female = try await pane.waitFor("Sex: Female in the filter bar") {
                $0.line(3).contains("Sex: Female") && !$0.contains("│Female")
            }
            #expect(female.line(3) == " Area: Any  Type: Any  Sex: Female  Age: Any  Language: Any  Open now: No",
                    "\(female)")
            let femaleCount = try #require(female.matchCount, "\(female)")
            #expect(femaleCount <= shelters)
            #expect(female.statusBar.contains(Hint.filters), "focus stays on the filters: \(female)")

            // Age: a box that takes digits.
            try pane.press("Right", "Enter")
            try await pane.waitFor("the Age box") { $0.contains("Age in years") }
            try pane.type("16")
            try await pane.waitFor("16 typed in the Age box") { $0.contains("│16 ") || $0.contains("│16│") }
            try pane.press("Enter")
            let aged = try await pane.waitFor("Age: 16 in the filter bar") {
                $0.line(3).contains("Age: 16") && !$0.contains("Age in years")
            }
            #expect(aged.line(3) == " Area: Any  Type: Any  Sex: Female  Age: 16  Language: Any  Open now: No", "\(aged)")
            let agedCount = try #require(aged.matchCount, "\(aged)")
            #expect(agedCount <= femaleCount)

            // Esc leaves the filters; the girls' shelter is listed.
            try pane.press("Escape")
            let results = try await pane.waitFor("focus back on the results") { $0.statusBar.contains(Hint.results) }
            #expect(results.line(3).contains("Sex: Female  Age: 16"), "filters are kept: \(results)")
            #expect(results.position?.index == 1, "\(results)")
            let row = try #require(results.rows.firstIndex { $0.contains("Casa Fetelor «Lumina»") },
                                   "Casa Fetelor «Lumina» is listed for a 16-year-old girl: \(results)")
            if row > 0 {
                try pane.press(Array(repeating: "Down", count: row))
                try await pane.waitFor("the selection on Casa Fetelor «Lumina»") { $0.position?.index == row + 1 }
            }

            // Enter opens the detail.
            try pane.press("Enter")
            // Wait for the whole frame: tmux may be captured while ncurses is still writing rows.
            let detail = try await pane.waitFor("the detail of Casa Fetelor «Lumina»") {
                $0.line(1).hasPrefix(" Waymark · Casa Fetelor «Lumina»") && $0.statusBar.contains("Esc back")
            }
            #expect(detail.contains("Who: Female · aged 12–17"), "\(detail)")
            #expect(detail.contains("Organization: Asociația Lumina"), "\(detail)")
            #expect(detail.statusBar.contains("Esc back"), "\(detail)")
            #expect(!detail.contains("Search: "), "the detail replaces the list: \(detail)")

            // Esc goes back to the list, as it was.
            try pane.press("Escape")
            let back = try await pane.waitFor("the list again") { $0.showsDirectory }
            #expect(back.line(2) == " Search: shelter", "\(back)")
            #expect(back.line(3).contains("Sex: Female  Age: 16"), "\(back)")
            #expect(back.matchCount == agedCount, "\(back)")
            #expect(back.position?.index == row + 1, "the selection is kept: \(back)")
            #expect(back.rows.contains { $0.contains("Casa Fetelor «Lumina»") }, "\(back)")

            // `?` shows the keys; Esc closes them without clearing anything.
            try pane.press("?")
            let help = try await pane.waitFor("the Keys help") { $0.contains("Keys  ─") }
            #expect(help.contains("quit Waymark"), "\(help)")
            try pane.press("Escape")
            let closed = try await pane.waitFor("the help closed") { !$0.contains("Keys  ─") && $0.showsDirectory }
            #expect(closed.line(3).contains("Sex: Female  Age: 16"), "\(closed)")

            // Below 80x24 the UI says so; it recovers when enlarged.
            try pane.resize(width: 60, height: 20)
            let small = try await pane.waitFor("the too-small notice at 60x20") {
                $0.contains("Terminal too small (needs 80x24)")
            }
            #expect(small.lines.count == 20, "the pane is 60x20: \(small)")
            #expect(small.contains("It is 60x20 now."), "\(small)")
            #expect(!small.contains("Search: "), "\(small)")
            try pane.resize(width: 80, height: 23)
            try await pane.waitFor("the too-small notice at 80x23") { $0.contains("It is 80x23 now.") }
            try pane.resize(width: 80, height: 24)
            let restored = try await pane.waitFor("the directory at 80x24 again") {
                $0.showsDirectory && !$0.contains("Terminal too small")
            }
            #expect(restored.lines.count == 24)
            #expect(restored.line(2) == " Search: shelter", "\(restored)")
            #expect(restored.line(3).contains("Sex: Female  Age: 16"), "\(restored)")
            #expect(restored.matchCount == agedCount, "\(restored)")

            // Larger than 80x24 the UI uses the room.
            try pane.resize(width: 120, height: 30)
            let large = try await pane.waitFor("the directory at 120x30") {
                $0.lines.count == 30 && $0.showsDirectory && $0.rows.count > 18
            }
            #expect(large.rows.contains { $0.contains("Casa Fetelor «Lumina» — shelter for girls") },
                    "wider columns show the whole name: \(large)")
            try pane.resize(width: 80, height: 24)
            try await pane.waitFor("the directory at 80x24 once more") { $0.lines.count == 24 && $0.showsDirectory }

            // q quits with status 0 and the terminal as it was.
            try pane.press("q")
            let exit = try await pane.waitForExit()
            #expect(exit.status == 0, "\(exit)")
            try exit.expectTerminalRestored(pane)
        }

        /// Where Ctrl-C is pressed.
        enum Place: String, CaseIterable, Sendable, CustomTestStringConvertible {
            case searchLine = "the search line"
            case picker = "a picker box"
            case detail = "a service detail"
            case tooSmall = "the too-small screen"

            var testDescription: String { rawValue }
        }

        @Test("Ctrl-C quits with status 0 and restores the terminal", arguments: Place.allCases)
        func controlC(place: Place) async throws {
            let pane = try await TmuxPane.start()
            defer { pane.stop() }
            try await pane.waitFor("the directory screen") { $0.showsDirectory }
            switch place {
            case .searchLine:
                try await pane.waitFor("focus on the search line") { $0.statusBar.contains(Hint.search) }
                try pane.type("half-typ")
                try await pane.waitFor("the typed text") { $0.line(2) == " Search: half-typ" }
            case .picker:
                try pane.press("Tab")
                try await pane.waitFor("focus on the filters") { $0.statusBar.contains(Hint.filters) }
                try pane.press("Right", "Right", "Enter")
                try await pane.waitFor("the Sex picker") { $0.contains("│Female") }
            case .detail:
                try pane.press("Down", "Enter")
                try await pane.waitFor("a detail") { $0.statusBar.contains("Esc back") }
            case .tooSmall:
                try pane.resize(width: 70, height: 24)
                try await pane.waitFor("the too-small notice") { $0.contains("Terminal too small") }
            }
            try pane.press("C-c")
            let exit = try await pane.waitForExit()
            #expect(exit.status == 0, "\(exit)")
            try exit.expectTerminalRestored(pane)
        }

        @Test("SIGTERM ends the UI with the terminal restored")
        func sigterm() async throws {
            let pane = try await TmuxPane.start()
            defer { pane.stop() }
            try await pane.waitFor("the directory screen") { $0.showsDirectory }
            try pane.press("Tab", "Right", "Enter")  // mid-way: a picker box open
            try await pane.waitFor("the Type picker") { $0.contains("Type  ─") }
            let pid = try await pane.waymarkPID()
            #expect(kill(pid, SIGTERM) == 0)
            let exit = try await pane.waitForExit()
            #expect(exit.status == 128 + SIGTERM, "the shell sees death by SIGTERM: \(exit)")
            try exit.expectTerminalRestored(pane)
        }

        @Test("An unknown TERM is a clear error, exit 1")
        func unknownTerminal() async throws {
            let pane = try await TmuxPane.start(environment: ["TERM": "waymark-no-such-terminal"])
            defer { pane.stop() }
            let exit = try await pane.waitForExit()
            #expect(exit.status == 1, "\(exit)")
            let screen = try pane.screen()
            #expect(screen.contains("terminal type 'waymark-no-such-terminal' is unknown"), "\(screen)")
            try exit.expectTerminalRestored(pane)
        }

        @Test("Standard input that is not a terminal is a clear error, exit 1")
        func inputNotATerminal() async throws {
            let pane = try await TmuxPane.start(inputFromDevNull: true)
            defer { pane.stop() }
            let exit = try await pane.waitForExit()
            #expect(exit.status == 1, "\(exit)")
            let screen = try pane.screen()
            #expect(screen.contains("standard input is not a terminal"), "\(screen)")
            #expect(!FileManager.default.fileExists(atPath: pane.home.path), "the home is not touched")
        }
    }

    @Suite("Without a terminal")
    struct WithoutATerminal {
        @Test("Standard output a pipe: a clear error on stderr, exit 1, nothing touched")
        func outputIsAPipe() throws {
            let home = WaymarkProcess.newHome()
            defer { try? FileManager.default.removeItem(at: home) }
            let outcome = try WaymarkProcess.run(["--home", home.path], environment: ["TERM": "xterm-256color"])
            #expect(outcome.status == 1)
            #expect(outcome.stderr.contains("not a terminal"), "\(outcome.stderr)")
            #expect(outcome.stderr.contains("waymark --help"), "it points at the subcommands: \(outcome.stderr)")
            #expect(outcome.stdout.isEmpty, "no escape codes on the pipe: \(outcome.stdout.debugDescription)")
            #expect(!FileManager.default.fileExists(atPath: home.path), "the home is not seeded")
        }

        @Test("TERM unset or empty: a clear error naming TERM, exit 1", arguments: [nil, ""] as [String?])
        func termUnset(term: String?) throws {
            let home = WaymarkProcess.newHome()
            defer { try? FileManager.default.removeItem(at: home) }
            let outcome = try WaymarkProcess.run(["--home", home.path], environment: ["TERM": term])
            #expect(outcome.status == 1)
            #expect(outcome.stderr.contains("TERM"), "\(outcome.stderr)")
            #expect(outcome.stdout.isEmpty, "\(outcome.stdout.debugDescription)")
            #expect(!FileManager.default.fileExists(atPath: home.path), "the home is not seeded")
        }
    }
}

/// The key hints in the status bar, which say where the focus is.
private enum Hint {
    static let search = "↓ list & its keys"
    static let filters = "←→ choose"
    static let results = "Enter open"
}

/// Finding tmux, and whether it must be there.
enum Tmux {
    static let executable: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"]
        return folders.map { URL(fileURLWithPath: $0).appendingPathComponent("tmux") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// CI, or a developer who asks, must not skip these tests silently.
    static var required: Bool {
        let env = ProcessInfo.processInfo.environment
        return env["CI"]?.lowercased() == "true" || env["WAYMARK_REQUIRE_TMUX"] == "1"
    }

    /// `tmux-256color` where the terminfo database has it (older macOS lacks it), else `screen-256color`.
    static let terminalType: String = {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? ""
        let folders = ["\(home)/.terminfo", "/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo",
                       "/usr/lib/terminfo", "/opt/homebrew/share/terminfo", "/usr/local/share/terminfo"]
        let found = folders.contains { folder in
            ["t", "74"].contains { FileManager.default.fileExists(atPath: "\(folder)/\($0)/tmux-256color") }
        }
        return found ? "tmux-256color" : "screen-256color"
    }()
}

/// What the pane showed: one string per row, trailing blanks trimmed by tmux.
struct Screen: CustomStringConvertible {
    let lines: [String]

    /// Row `number`, counted from 1; empty past the end.
    func line(_ number: Int) -> String { lines.indices.contains(number - 1) ? lines[number - 1] : "" }

    func contains(_ text: String) -> Bool { lines.contains { $0.contains(text) } }

    var statusBar: String { lines.last ?? "" }

    /// The `N` of the status bar's "N matches · ".
    var matchCount: Int? {
        guard let match = statusBar.firstMatch(of: #/^ (\d+) matches · /#) else { return nil }
        return Int(match.1)
    }

    /// The list's position line, "k of N · …", just above the status bar.
    var position: (index: Int, count: Int)? {
        guard lines.count >= 2, let match = lines[lines.count - 2].firstMatch(of: #/^ (\d+) of (\d+)/#),
              let index = Int(match.1), let count = Int(match.2) else { return nil }
        return (index, count)
    }

    /// The list screen: search line, filter bar and column headers in place.
    var showsDirectory: Bool {
        line(1).hasPrefix(" Waymark · ") && line(2).hasPrefix(" Search: ") && line(3).hasPrefix(" Area: ")
            && line(4).contains("SERVICE") && matchCount != nil && position != nil
    }

    /// The result rows, between the column headers and the position line.
    var rows: [String] {
        guard lines.count > 6 else { return [] }
        return Array(lines[4..<(lines.count - 2)]).filter { !$0.isEmpty }
    }

    var description: String {
        "\n┌" + String(repeating: "─", count: 40) + "\n"
            + lines.map { "│" + $0 }.joined(separator: "\n")
            + "\n└" + String(repeating: "─", count: 40)
    }
}

/// How the UI ended, as the pane's shell saw it.
struct UIExit: CustomStringConvertible {
    let status: Int32
    let sttyBefore: String
    let sttyAfter: String
    let sttyAll: String

    var description: String { "exit status \(status); stty -a afterwards: \(sttyAll)" }

    /// Line discipline as before, cursor shown, normal screen back, keypad mode off.
    func expectTerminalRestored(_ pane: TmuxPane, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(!sttyBefore.isEmpty, "stty -g ran before the UI", sourceLocation: sourceLocation)
        #expect(sttyAfter == sttyBefore, "the tty modes are those from before the UI", sourceLocation: sourceLocation)
        let flags = Set(sttyAll.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" || $0 == "\t" }).map(String.init))
        #expect(flags.contains("icanon") && !flags.contains("-icanon"), "canonical mode is back: \(sttyAll)",
                sourceLocation: sourceLocation)
        #expect(flags.contains("echo") && !flags.contains("-echo"), "echo is back: \(sttyAll)", sourceLocation: sourceLocation)
        let modes = try pane.tmux(["display-message", "-p", "-t", TmuxPane.session,
                                   "#{alternate_on} #{cursor_flag} #{keypad_cursor_flag}"])
        #expect(modes.trimmingCharacters(in: .whitespacesAndNewlines) == "0 1 0",
                "normal screen, visible cursor, keypad mode off (alternate_on cursor_flag keypad_cursor_flag): \(modes)",
                sourceLocation: sourceLocation)
    }
}

/// A failed wait, with the last screen so the failure says what was there instead.
struct TimedOut: Error, CustomStringConvertible {
    let what: String
    let seconds: Double
    let screen: Screen?

    var description: String {
        "Timed out after \(seconds) s waiting for \(what)." + (screen.map { " Last screen:\($0)" } ?? "")
    }
}

/// One tmux server with one session running `waymark --home <temp>` in its only pane.
struct TmuxPane: Sendable {
    static let session = "waymark"
    static let timeout: Double = 10
    static let poll: Duration = .milliseconds(50)

    let tmux: URL
    let socket: String
    let folder: URL
    let home: URL

    /// Starts the UI in a detached pane of `width`x`height` with `LANG=C.UTF-8`, on `home` (a new one when nil;
    /// either is removed by `stop`).
    ///
    /// The pane runs a small script: it records `stty -g`, runs waymark (recording its pid),
    /// then records its exit status and the tty modes, and sleeps so the pane stays readable.
    static func start(width: Int = 80, height: Int = 24, environment: [String: String] = [:],
                      inputFromDevNull: Bool = false, home: URL? = nil) async throws -> TmuxPane {
        let tmux = try #require(Tmux.executable, "tmux is required (CI=true or WAYMARK_REQUIRE_TMUX=1): install tmux")
        let binary = WaymarkProcess.executable
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "waymark is built at \(binary.path)")
        let folder = TemporaryHome.url("waymark-tui")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let pane = TmuxPane(tmux: tmux, socket: "waymark-\(UUID().uuidString)", folder: folder,
                            home: home ?? WaymarkProcess.newHome())

        var variables = ["LANG": "C.UTF-8", "TERM": Tmux.terminalType]
        for (key, value) in environment { variables[key] = value }
        let assignments = variables.sorted { $0.key < $1.key }.map { quote("\($0.key)=\($0.value)") }
        func file(_ name: String) -> String { quote(folder.appendingPathComponent(name).path) }
        let script = """
            stty -g > \(file("stty-before"))
            sh -c 'echo $$ > "$0"; exec "$@"' \(file("pid")) env -u LC_ALL -u LC_CTYPE \(assignments.joined(separator: " ")) \
            \(quote(binary.path)) --home \(quote(pane.home.path))\(inputFromDevNull ? " < /dev/null" : "")
            status=$?
            stty -g > \(file("stty-after"))
            stty -a > \(file("stty-all"))
            echo "$status" > \(file("status.part"))
            mv \(file("status.part")) \(file("status"))
            exec sleep 600

            """
        let scriptFile = folder.appendingPathComponent("run.sh")
        try script.write(to: scriptFile, atomically: true, encoding: .utf8)
        do {
            try await pane.startServer(["-f", "/dev/null", "new-session", "-d", "-s", session,
                                        "-x", "\(width)", "-y", "\(height)", "sh \(quote(scriptFile.path))"])
        } catch {
            pane.stop()
            throw error
        }
        return pane
    }

    /// The environment for tmux: UTF-8, a plain shell, and not inside anyone's tmux.
    var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        for key in ["TMUX", "TMUX_PANE", "LC_ALL", "LC_CTYPE", "WAYMARK_HOME"] { env[key] = nil }
        env["LANG"] = "C.UTF-8"
        env["SHELL"] = "/bin/sh"
        return env
    }

    /// Runs the tmux command that starts the server, and waits for that client to return.
    ///
    /// Not through `Process`: the server forks from this client and keeps what it inherits. From
    /// `Process` on Linux that is the socket by which Foundation notices the child's exit (so
    /// waiting would never end) and the calling thread's signal mask, in which SIGTERM and SIGCHLD
    /// are blocked (so `kill-server` would not work). Here the client starts with no signals
    /// blocked, default signal actions, and no descriptors but /dev/null and a file for stderr.
    func startServer(_ arguments: [String]) async throws {
        let errors = folder.appendingPathComponent("tmux-stderr")
        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t?
        var attributes: posix_spawnattr_t?
        #else
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }

        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errors.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var flags = Int32(POSIX_SPAWN_SETSIGMASK) | Int32(POSIX_SPAWN_SETSIGDEF)
        #if canImport(Darwin)
        flags |= Int32(POSIX_SPAWN_CLOEXEC_DEFAULT)
        #else
        Self.closeInheritedDescriptors(&actions)
        #endif
        posix_spawnattr_setflags(&attributes, Int16(flags))
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGTERM, SIGCHLD, SIGUSR1, SIGUSR2, SIGWINCH, SIGCONT,
                       SIGTSTP, SIGTTIN, SIGTTOU] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        let argv = ([tmux.path, "-u", "-L", socket] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, tmux.path, &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            throw TmuxFailed(arguments: arguments, status: spawned, stderr: String(cString: strerror(spawned)))
        }

        let deadline = Date().addingTimeInterval(Self.timeout)
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            guard Date() < deadline else {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                throw TmuxFailed(arguments: arguments, status: -1, stderr: "timed out")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        let exited = status & 0x7f == 0
        let code = (status >> 8) & 0xff
        guard exited, code == 0 else {
            let message = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            throw TmuxFailed(arguments: arguments, status: exited ? code : 128 + status & 0x7f, stderr: message)
        }
    }

    #if !canImport(Darwin)
    /// Closes every descriptor from 3 up in the child: with glibc's `closefrom` action where the C
    /// library has it, else one close action per descriptor open now.
    static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) {
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        if let library = dlopen(nil, RTLD_NOW),
           let symbol = dlsym(library, "posix_spawn_file_actions_addclosefrom_np"),
           unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3) == 0 {
            return
        }
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for descriptor in open.compactMap(Int32.init) where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
    }
    #endif

    /// Single-quotes `text` for sh.
    static func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Runs `tmux -u -L <socket> arguments` and returns its standard output. Only for commands that
    /// talk to the running server: none of them starts one (see `startServer`).
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = tmux
        process.arguments = ["-u", "-L", socket] + arguments
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TmuxFailed(arguments: arguments, status: process.terminationStatus,
                             stderr: String(decoding: errors, as: UTF8.self))
        }
        return String(decoding: output, as: UTF8.self)
    }

    struct TmuxFailed: Error, CustomStringConvertible {
        let arguments: [String]
        let status: Int32
        let stderr: String
        var description: String { "tmux \(arguments.joined(separator: " ")) failed (\(status)): \(stderr)" }
    }

    /// The pane as text.
    func screen() throws -> Screen {
        let text = try tmux(["capture-pane", "-p", "-t", Self.session])
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return Screen(lines: lines)
    }

    /// Presses keys by tmux name: "Enter", "Escape", "Down", "C-c", "q", "/".
    func press(_ keys: String...) throws { try press(keys) }

    func press(_ keys: [String]) throws { try tmux(["send-keys", "-t", Self.session] + keys) }

    /// Types text literally.
    func type(_ text: String) throws { try tmux(["send-keys", "-t", Self.session, "-l", text]) }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", Self.session, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Polls the pane until `condition` holds; throws with the last screen after the timeout.
    @discardableResult
    func waitFor(_ what: String, _ condition: (Screen) -> Bool) async throws -> Screen {
        let deadline = Date().addingTimeInterval(Self.timeout)
        var last: Screen?
        while Date() < deadline {
            let screen = try self.screen()
            // A capture can land while a frame is half drawn: accept a screen only when the
            // next capture shows the same text.
            if condition(screen) {
                try await Task.sleep(for: Self.poll)
                let again = try self.screen()
                if again.lines == screen.lines { return again }
            }
            last = screen
            try await Task.sleep(for: Self.poll)
        }
        let screen = try self.screen()
        if condition(screen) { return screen }
        throw TimedOut(what: what, seconds: Self.timeout, screen: last)
    }

    /// Waits for the pane's script to record waymark's exit.
    func waitForExit() async throws -> UIExit {
        let status = try await waitForFile("status", what: "waymark to exit")
        let parsed = try #require(Int32(status.trimmingCharacters(in: .whitespacesAndNewlines)), "status file: \(status)")
        func read(_ name: String) -> String {
            (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        }
        return UIExit(status: parsed, sttyBefore: read("stty-before"), sttyAfter: read("stty-after"),
                      sttyAll: read("stty-all"))
    }

    /// The waymark process in the pane.
    func waymarkPID() async throws -> pid_t {
        let text = try await waitForFile("pid", what: "waymark's pid")
        return try #require(pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)), "pid file: \(text)")
    }

    private func waitForFile(_ name: String, what: String) async throws -> String {
        let url = folder.appendingPathComponent(name)
        let deadline = Date().addingTimeInterval(Self.timeout)
        while Date() < deadline {
            if let text = try? String(contentsOf: url, encoding: .utf8), !text.isEmpty { return text }
            try await Task.sleep(for: Self.poll)
        }
        throw TimedOut(what: what, seconds: Self.timeout, screen: try? screen())
    }

    /// Kills the tmux server (and so anything still in the pane) and removes the temporary files,
    /// the server's socket included (tmux leaves it behind).
    func stop() {
        let socketPath = (try? tmux(["display-message", "-p", "#{socket_path}"]))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try? tmux(["kill-server"])
        if let socketPath, socketPath.hasSuffix("/\(socket)") { unlink(socketPath) }
        try? FileManager.default.removeItem(at: folder)
        try? FileManager.default.removeItem(at: home)
    }
}
