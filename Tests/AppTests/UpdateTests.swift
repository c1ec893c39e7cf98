import App
import Directory
import Foundation
import SOP
import Terminal
import Testing
import TestSupport

@Suite("The UI's update and render")
struct UpdateTests {
    @Test("The bundled string table has every key the UI uses and a label for every code")
    func stringTable() throws {
        let strings = try StringTable.bundled()
        #expect(strings.missingKeys == [])
        // Counts say their noun in the right number: "1 step, 1 organization", not "1 steps, 1 organizations".
        #expect(strings.count(1, "steps") == "1 step" && strings.count(3, "steps") == "3 steps")
        #expect(strings.count(1, "organizations") == "1 organization" && strings.count(0, "organizations") == "0 organizations")
        for code in Vocabulary.serviceTypes + Vocabulary.sexes + Vocabulary.exploitationTypes + Vocabulary.conditions {
            #expect(strings.label(code) != code, "no label for \(code)")
        }
        for code in Vocabulary.serviceTypes {
            #expect(DisplayText.width(strings.shortLabel(code)) <= 9, "short label of \(code) is too wide")
        }
        // The consent screen and the identity form name each scope and each item explained by these labels.
        for code in DataScope.allCases.map({ "scope." + $0.rawValue }) + ConsentExplanation.allCases.map({ "explained." + $0.rawValue }) {
            #expect(strings.label(code) != code, "no label for \(code)")
        }
    }

    @Test("Typing in the search updates the results; q is text there, not quit")
    func typing() throws {
        var app = try AppFixture.sample()
        let all = app.state.results.total
        app.press([.character("/")])
        app.type("q")
        #expect(!app.state.quitting)
        #expect(app.state.search.text == "q")
        app.press([.backspace])
        app.type("legal")
        #expect(app.state.results.total < all)
        #expect(app.state.results.results.first?.serviceTypes.contains { $0.hasPrefix("legal") } == true, "a legal service first")
        app.press([.escape])
        #expect(app.state.focus == .results)
        app.press([.escape])
        #expect(app.state.search.text.isEmpty)
        #expect(app.state.results.total == all)
    }

    @Test("Ctrl-C quits from every screen, picker and pane")
    func interrupt() throws {
        for keys: [Key] in [[], [.character("/")], [.character("f"), .enter], [.enter], [.character("?")]] {
            var app = try AppFixture.sample()
            app.press(keys)
            app.press([.interrupt])
            #expect(app.state.quitting, "after \(keys)")
        }
    }

    @Test("Esc goes back from the detail; Enter on a result opens it")
    func detailAndBack() throws {
        var app = try AppFixture.sample()
        app.press([.down, .enter])
        #expect(app.state.screen.name == "detail")
        #expect(app.state.detail?.serviceId == app.state.results.results[1].serviceId)
        app.press([.escape])
        #expect(app.state.screen.name == "directory")
        #expect(app.state.list.selection == 1, "the selection is kept")
    }

    @Test("The age picker takes digits only and refuses an impossible age")
    func agePicker() throws {
        var app = try AppFixture.sample()
        app.press([.character("f"), .right, .right, .right, .enter])
        app.type("2x00")
        app.press([.enter])
        guard case .number(_, _, let error)? = app.state.picker else {
            Issue.record("the picker closed on an impossible age")
            return
        }
        #expect(error?.contains("'200' is not an age") == true)
        #expect(app.state.filters.age == nil)
        app.press([.escape])
        #expect(app.state.picker == nil)
    }

    @Test("Below 80x24 the screen says so, and the UI comes back when enlarged")
    func resize() throws {
        var app = try AppFixture.sample()
        app.runner.send(.resized(Size(width: 60, height: 20)), &app.state)
        #expect(app.screen().contains { $0.contains("Terminal too small (needs 80x24)") })
        app.runner.send(.resized(Size(width: 120, height: 40)), &app.state)
        let big = app.screen()
        #expect(big.count == 40)
        #expect(big[3].contains("SERVICE"))
        #expect(big.filter { !$0.isEmpty }.count > 30, "the list fills the taller screen")
        #expect(big.contains { $0.contains(" Valdora-Centru ") }, "the extra columns reach the district, cut at 80")
        #expect(!(try AppFixture.sample()).screen().contains { $0.contains(" Valdora-Centru ") }, "at 80 columns it is cut")
    }

    @Test("An answer to an older query is ignored")
    func staleAnswer() throws {
        var app = try AppFixture.sample()
        let current = app.state.results
        _ = update(&app.state, .directory(.searched(SearchResults(results: [], total: 0), generation: app.state.generation - 1)))
        #expect(app.state.results == current)
    }

    @Test("An empty directory says so and keeps working")
    func emptyDirectory() throws {
        var app = try AppFixture(store: try DirectoryStore.inMemory(), size: Size(width: 80, height: 24))
        #expect(app.screen().contains { $0.contains("The directory is empty") })
        app.press([.enter, .down, .pageDown, .end, .character("/")])
        app.type("x")
        app.press([.escape, .character("f"), .enter])
        #expect(app.screen().count == 24)
        app.press([.escape, .escape, .character("q")])
        #expect(app.state.quitting)
    }

    @Test("Hostile names: escape sequences, CR, tabs, zero-width and right-to-left marks, 2,000 characters — aligned, inert")
    func hostileNames() throws {
        var f = PackageFixture.small()
        let names = ["Evil \u{1B}[2J\u{1B}]0;owned\u{07} shelter", "Carriage\rreturn\tand tab", "Zero\u{200B}width\u{200D}joiner",
                     "Right-to-left \u{202E}evil\u{202C} override", String(repeating: "Very long name ", count: 134),
                     ]
        for (index, name) in names.enumerated() { f.rows["service"]![index]["name"] = name }
        f.service("svc-wide", org: "org-thai", name: "Wide 中文名字 shelter e\u{301}", at: "loc-hope", types: ["shelter"])
        f.rows["service"]![4]["status"] = "active"
        var app = try AppFixture.package(f)
        let screen = app.screen()
        for line in screen {
            #expect(DisplayText.width(line) <= 80, "line too wide: \(line)")
            #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{202E}" })
        }
        // Every result row keeps its columns: the WHO column starts at the same place.
        let header = try #require(screen.firstIndex { $0.contains("SERVICE") })
        let whoColumn = try #require(screen[header].range(of: "WHO")).lowerBound
        let whoX = DisplayText.width(String(screen[header][..<whoColumn]))
        for row in screen[(header + 1)...].prefix(app.state.results.results.count) {
            let cells = Array(row)
            var x = 0
            var index = 0
            while x < whoX && index < cells.count { x += TextWidth.of(cells[index]); index += 1 }
            #expect(x == whoX, "misaligned row: \(row)")
        }
        app.press([.enter])
        #expect(app.screen().allSatisfy { DisplayText.width($0) <= 80 && !$0.contains("\u{1B}") })
    }
}

@Suite("Paging through many results")
struct PagingTests {
    @Test("Moving towards the end of what is loaded loads the next page, until every match is reachable")
    func pages() throws {
        var app = try AppFixture.sample()
        let total = app.state.results.total
        #expect(app.state.results.results.count == DirectoryScreen.resultLimit)
        for _ in 0..<20 { app.press([.end]) }
        #expect(app.state.results.results.count == total)
        #expect(app.state.list.selection == total - 1)
        #expect(Set(app.state.results.results.map { "\($0.serviceId) \($0.locationId ?? "")" }).count == total, "no duplicates")
    }
}

@Suite("Detail scrolling")
struct DetailScrollTests {
    @Test("End then Up moves up at once: the scroll never passes the last page")
    func clamped() throws {
        var app = try AppFixture.sample()
        app.press([.character("/")])
        app.type("Casa Speranța")
        app.press([.enter, .enter, .end])
        let bottom = app.state.detailScroll
        app.press([.up])
        #expect(app.state.detailScroll == max(0, bottom - 1))
        for _ in 0..<50 { app.press([.down]) }
        #expect(app.state.detailScroll == bottom)
    }
}

@Suite("The filter bar")
struct FilterBarTests {
    @Test("Long area and type names never push Open now off the bar")
    func openNowStaysVisible() throws {
        var app = try AppFixture.sample()
        // Area: Republic of Dravonia; Type: Sexual and reproductive health; Open now: Yes.
        app.press([.character("f"), .enter, .down, .down, .enter])
        app.press([.right, .enter, .down, .down, .down, .down, .right, .down, .down, .down, .enter])
        app.press([.right, .right, .right, .right, .enter])
        #expect(app.state.filters.openNow)
        #expect(app.screen()[2].contains("Open now: Yes"), "\(app.screen()[2])")
    }
}

@Suite("Typing searches; a slip loses nothing")
struct FirstKeysTests {
    @Test("At start the search line has the keys: 'nadejda' searches (no referral opens), 'Iraq' does not quit, and the bar says where the commands are")
    func typingSearchesAtStart() throws {
        var app = try AppFixture.sample(atResults: false)
        #expect(app.state.focus == .search)
        #expect(app.screen().last?.contains("↓ list & its keys") == true, "\(app.screen().last ?? "")")
        app.type("nadejda")
        #expect(app.state.screen.name == "directory" && app.state.search.text == "nadejda")
        for _ in 0..<7 { app.press([.backspace]) }
        app.type("Iraq")
        #expect(!app.state.quitting && app.state.search.text == "Iraq")
        app.press([.down])
        #expect(app.state.focus == .results)
        #expect(app.screen().last?.contains("q quit") == true)
    }

    @Test("q asks before quitting when a case was opened: n and Esc stay, Enter (on Quit) and y quit")
    func quitAsksWithACaseOpen() throws {
        var app = try AppFixture.sample()
        app.press([.character("q")])
        #expect(app.state.quitting, "no case open: q quits at once")

        for (keys, quits) in [([Key.character("n")], false), ([.escape], false), ([.enter], true), ([.character("y")], true),
                              ([.right, .enter], false)] {
            var app = try AppFixture.sample()
            app.state.casework.caseWorkedOn = true
            app.press([.character("q")])
            #expect(!app.state.quitting)
            #expect(app.screen().contains { $0.contains("A case was opened in this session") })
            app.press(keys)
            #expect(app.state.quitting == quits, "\(keys)")
            if !quits { #expect(app.state.screen.name == "directory", "\(keys)") }
        }
    }

    @Test("A case worked on in this session is remembered after a new intake: q still asks")
    func quitAsksAfterANewIntake() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try GoldenScreenTests.adultChecklist(home)
        app.press([.escape, .escape, .escape])                    // checklist → pathway → intake → the directory
        #expect(app.state.screen.name == "directory")
        app.press([.character("n"), .escape, .character("q")])   // a new intake, left: the first case stays worked on
        #expect(!app.state.quitting)
        #expect(app.screen().contains { $0.contains("A case was opened in this session") })
    }

    @Test("Ctrl-C in a form with typed text asks once; a second Ctrl-C quits; an untouched form quits at once")
    func interruptAsksInAFormWithText() throws {
        var app = try AppFixture.sample()
        app.press([.character("n"), .interrupt])
        #expect(app.state.quitting, "nothing typed: Ctrl-C quits")

        app = try AppFixture.sample()
        app.press([.character("n"), .enter])
        app.type("centru")
        app.press([.enter, .interrupt])
        #expect(!app.state.quitting)
        #expect(app.screen().contains { $0.contains("A form holds text that is not saved") })
        app.press([.escape])
        #expect(app.state.screen.name == "intake" && app.state.intake.area == "XA0101", "Esc stays, nothing lost")
        app.press([.interrupt, .interrupt])
        #expect(app.state.quitting, "Ctrl-C twice always quits")
    }

    @Test("Esc in the results undoes the last change, one at a time; c clears everything and Esc brings it back")
    func escapeUndoes() throws {
        var app = try AppFixture.sample()
        let all = app.state.results.total
        app.press([.character("/")])
        app.type("shelter")
        app.press([.enter])
        let shelters = app.state.results.total
        app.press([.character("f"), .right, .right, .enter, .character("f"), .enter])   // Sex: Female
        app.press([.right, .enter])
        app.type("16")
        app.press([.enter, .escape])                                                     // Age: 16, back to the list
        #expect(app.state.filters.sex == "female" && app.state.filters.age == 16)
        let narrowed = app.state.results.total

        app.press([.escape])
        #expect(app.state.filters.age == nil && app.state.filters.sex == "female" && app.state.search.text == "shelter")
        #expect(app.screen().contains { $0.contains("Last change undone") })
        app.press([.escape])
        #expect(app.state.filters.sex == nil && app.state.search.text == "shelter")
        #expect(app.state.results.total == shelters)
        app.press([.escape])
        #expect(app.state.search.text.isEmpty && app.state.results.total == all)
        app.press([.escape])
        #expect(app.screen().contains { $0.contains("Nothing to undo") })

        // Everything back, then cleared at once, then back again.
        app.press([.character("/")])
        app.type("shelter")
        app.press([.enter, .character("f"), .left, .enter, .character("f"), .enter, .right, .enter])   // the filter cursor stayed on Age
        app.type("16")
        app.press([.enter, .escape, .character("c")])
        #expect(app.state.filters.isEmpty && app.state.search.text.isEmpty)
        #expect(app.screen().contains { $0.contains("Esc brings them back") })
        app.press([.escape])
        #expect(app.state.filters.sex == "female" && app.state.filters.age == 16 && app.state.search.text == "shelter")
        #expect(app.state.results.total == narrowed)
    }

    @Test("A list picker jumps to the choice whose name starts with the letter typed, and keeps it in view")
    func letterJumps() throws {
        var app = try AppFixture.sample()
        app.press([.character("f"), .right, .right, .enter, .character("m")])
        guard case .list(_, let list, let values)? = app.state.picker else {
            Issue.record("the sex picker is not open")
            return
        }
        #expect(list.selection.map { values[$0] } == "male")
        app.press([.character("o"), .enter])
        #expect(app.state.filters.sex == "other")
    }
}
