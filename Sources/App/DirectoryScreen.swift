import Directory
import Foundation
import Terminal

/// Which pane of the directory screen has the keyboard.
public enum Focus: Sendable, Equatable, CaseIterable {
    case search, filters, results
}

/// The directory screen, the root of the stack: search line, filter bar, results, message line and status bar.
public struct DirectoryScreen: Sendable, Equatable {
    /// The pane with the keyboard: the search line at start, so typing searches (single-letter
    /// commands act only in the results list).
    public var focus: Focus = .search
    public var search = TextInput()
    public var filters = Filters()
    /// What the search and filters were before each change, the newest last: `Esc` in the results
    /// goes back one change at a time.
    public var undo: [Criteria] = []
    /// The search text when the search line took the keyboard: leaving it with other text is one change.
    var textOnEntry = ""
    public var filterCursor: Facet = .area
    /// A picker open over the filter bar.
    public var picker: Picker?
    public var results = SearchResults(results: [], total: 0)
    public var list = ListView(itemCount: 0, selection: nil)
    /// The newest query sent; older answers are ignored.
    public var generation = 0
    /// The directory's generation (`DirectoryStore.generation`) the results and detail were read at; nil before the first read.
    public var dataGeneration: Int64?
    /// When the generation was last read (the clock tick's time); nil before the first tick.
    public var generationReadAt: Date?
    /// Whether a further page of results has been asked for and not yet answered.
    public var loadingMore = false
    /// A problem to show on the message line.
    public var message: String?
    /// What the last key did, when it is not plain to see (an undo): shown until the next key.
    public var notice: String?

    public init() {}

    /// The search text and the filters together: what one step back restores.
    public struct Criteria: Sendable, Equatable {
        public var text: String
        public var filters: Filters
    }

    /// How many undo steps are kept.
    static let undoLimit = 50

    /// Remembers the search and filters as they were before a change.
    mutating func rememberCriteria(text: String? = nil, filters before: Filters? = nil) {
        undo.append(Criteria(text: text ?? search.text, filters: before ?? filters))
        if undo.count > Self.undoLimit { undo.removeFirst(undo.count - Self.undoLimit) }
    }

    /// Changes the filters; a change that changes something can be undone. True when something changed.
    mutating func changeFilters(_ body: (inout Filters) -> Void) -> Bool {
        let before = filters
        body(&filters)
        guard filters != before else { return false }
        rememberCriteria(filters: before)
        return true
    }

    /// Moves the keyboard to a pane; leaving the search line with changed text records the change for undo.
    mutating func focus(_ pane: Focus) {
        if focus == .search, pane != .search, search.text != textOnEntry {
            rememberCriteria(text: textOnEntry)
        }
        if pane == .search, focus != .search { textOnEntry = search.text }
        focus = pane
    }

    /// How many results the screen loads at once: a few screens' worth. More are loaded as the
    /// selection nears the end of what is loaded.
    public static let resultLimit = 40

    /// How many result rows a terminal of `size` shows.
    static func visibleRows(_ size: Size) -> Int { max(1, size.height - 6) }

    /// The query the search text and filters mean at `now`.
    public func query(at now: Date) -> SearchQuery {
        var query = SearchQuery(text: search.text, area: filters.area, serviceTypes: filters.serviceType.map { [$0] } ?? [],
                                sex: filters.sex, age: filters.age, language: filters.language, limit: Self.resultLimit)
        if filters.openNow { query.openAt = .instant(now) }
        return query
    }

    /// The result under the selection.
    public var selectedResult: SearchResult? {
        guard let index = list.selection, results.results.indices.contains(index) else { return nil }
        return results.results[index]
    }

    /// Sends the query again (a new generation: older answers are dropped).
    mutating func refresh(_ now: Date) -> [Effect] {
        generation += 1
        loadingMore = false
        return [.directory(.search(query(at: now), generation: generation))]
    }

    /// Asks for the next page when the selection is within a screen of the end of what is loaded.
    mutating func loadMoreIfNeeded(_ state: AppState) -> [Effect] {
        let loaded = results.results.count
        guard !loadingMore, loaded < results.total, let selection = list.selection,
              selection + Self.visibleRows(state.size) >= loaded else { return [] }
        loadingMore = true
        var query = query(at: state.now)
        query.offset = loaded
        return [.directory(.searchMore(query, generation: generation))]
    }

    /// The terminal was resized: keep the selection on screen.
    static func resized(_ state: inout AppState) -> [Effect] {
        var screen = state.directory
        screen.list.scrollToSelection(visibleRows: visibleRows(state.size))
        let effects = screen.loadMoreIfNeeded(state)
        state.directory = screen
        return effects
    }

    /// The clock moved on: an "open now" filter is asked again.
    ///
    /// Ticks come about every second: "open now" is asked again when the minute changed, and the
    /// directory's generation is read at most once a second, so that a change made in another process
    /// (another worker's edit, an import) shows here within two seconds.
    static func ticked(_ state: inout AppState, since previous: Date) -> [Effect] {
        var effects: [Effect] = []
        if state.directory.filters.openNow && minute(state.now) != minute(previous) { effects += state.directory.refresh(state.now) }
        if state.directory.generationReadAt.map({ state.now.timeIntervalSince($0) >= generationInterval || state.now < $0 }) ?? true {
            state.directory.generationReadAt = state.now
            effects.append(.directory(.readGeneration))
        }
        return effects
    }

    /// The least time between two reads of the directory's generation, in seconds.
    static let generationInterval: TimeInterval = 1

    private static func minute(_ date: Date) -> Int64 { Int64((date.timeIntervalSinceReferenceDate / 60).rounded(.down)) }

    /// The directory's generation was read: when it moved since the last read, the results are asked
    /// again (the selection kept) and a service detail showing is read again.
    static func generationRead(_ state: inout AppState, _ generation: Int64?) -> [Effect] {
        guard let generation else { return [] }
        let known = state.directory.dataGeneration
        state.directory.dataGeneration = generation
        guard let known, known != generation else { return [] }
        var effects = state.directory.refresh(state.now)
        if case .detail(let screen) = state.screen {
            effects.append(.directory(.reloadDetail(serviceId: screen.detail.serviceId, locationId: screen.detail.locationId)))
        }
        return effects
    }

    /// A detail read again: it replaces the one showing if that is still the same service's (its scroll kept).
    static func detailReloaded(_ state: inout AppState, _ detail: ServiceDetail?, serviceId: String, locationId: String?) -> [Effect] {
        guard case .detail(var screen) = state.screen, screen.detail.serviceId == serviceId, screen.detail.locationId == locationId else {
            return []
        }
        if let detail {
            screen.detail = detail
        } else {
            screen.message = state.strings[.serviceGone]
            screen.messageIsProblem = true
        }
        state.replaceTop(.detail(screen))
        return []
    }

    /// Applies the directory's answers.
    static func update(_ state: inout AppState, _ message: DirectoryMessage) -> [Effect] {
        switch message {
        case .searched(let results, let generation):
            state.directory.show(results, generation: generation, rows: visibleRows(state.size))
        case .searchedMore(let more, let generation):
            guard generation == state.directory.generation else { return [] }
            state.directory.loadingMore = false
            state.directory.results.results += more.results
            state.directory.results.total = more.total
            state.directory.list.setItemCount(state.directory.results.results.count)
        case .detailLoaded(let detail):
            guard let detail else {
                state.directory.message = state.strings[.serviceGone]
                return []
            }
            state.push(.detail(DetailScreen(detail: detail)))
        case .edited(let detail, let done, let who):
            let notice = state.strings.format(.editDone, ["what": done, "who": who])
            // Saved, the edit form closes on the screen it was opened from; an addition shows on the results.
            if case .serviceEdit = state.screen { state.pop() }
            if case .serviceAdd = state.screen {
                state.pop()
                state.directory.notice = notice
            }
            // The detail shown is read again, and the list asked again (its NOTES letters may have changed).
            if let detail, case .detail(var screen) = state.screen {
                screen.detail = detail
                screen.message = notice
                screen.messageIsProblem = false
                state.replaceTop(.detail(screen))
            }
            // The stale queue under the closed dialog is read again: a verified service leaves it.
            if case .staleQueue(var screen) = state.screen {
                screen.message = notice
                screen.messageIsProblem = false
                state.replaceTop(.staleQueue(screen))
                return state.directory.refresh(state.now) + [.directory(.loadStaleQueue)]
            }
            return state.directory.refresh(state.now)
        case .historyLoaded(let name, let entries):
            state.push(.history(HistoryScreen(serviceName: name, entries: entries, strings: state.strings)))
        case .editRefused(let problem):
            let reason = problem ?? state.strings[.editNeedsOperator]
            if case .serviceEdit(var form) = state.screen {
                form.refuse(reason)
                state.replaceTop(.serviceEdit(form))
            } else if case .serviceAdd(var form) = state.screen {
                form.refuse(reason)
                state.replaceTop(.serviceAdd(form))
            } else if case .detail(var screen) = state.screen {
                screen.message = reason
                screen.messageIsProblem = true
                state.replaceTop(.detail(screen))
            } else if case .staleQueue(var screen) = state.screen {
                screen.message = reason
                screen.messageIsProblem = true
                state.replaceTop(.staleQueue(screen))
            } else if case .conflicts(var screen) = state.screen {
                screen.message = reason
                screen.messageIsProblem = true
                state.replaceTop(.conflicts(screen))
            } else {
                state.directory.message = reason
            }
        case .failed(let text):
            // A failed page load must not leave paging stuck for this query.
            state.directory.loadingMore = false
            state.directory.message = text
        case .staleQueueLoaded(let entries, let days):
            // Read again under its own edit, the list shrinks in place; from the results, it opens.
            if case .staleQueue(var screen) = state.screen {
                screen.show(entries, size: state.size)
                state.replaceTop(.staleQueue(screen))
            } else {
                state.push(.staleQueue(StaleQueueScreen(entries: entries, days: days)))
            }
        case .serviceEditLoaded(let form):
            state.push(.serviceEdit(form))
        case .serviceAddLoaded(let form):
            state.push(.serviceAdd(form))
        case .conflictsLoaded(let conflicts, let names, let includeResolved):
            // Read again after a resolution or a toggle, the list changes in place; from the results, it opens.
            if case .conflicts(var screen) = state.screen {
                screen.show(conflicts, serviceNames: names, includeResolved: includeResolved, size: state.size)
                state.replaceTop(.conflicts(screen))
            } else {
                state.push(.conflicts(ConflictsScreen(conflicts: conflicts, serviceNames: names, includeResolved: includeResolved)))
            }
        case .conflictResolved(let id, let resolution, let who):
            guard case .conflicts(var screen) = state.screen else { return state.directory.refresh(state.now) }
            screen.message = ConflictsScreen.done(id, resolution, by: who, state.strings)
            screen.messageIsProblem = false
            state.replaceTop(.conflicts(screen))
            // A value taken or set may change what the results show.
            return state.directory.refresh(state.now) + [.directory(.loadConflicts(includeResolved: screen.includeResolved))]
        case .generationRead(let generation):
            return generationRead(&state, generation)
        case .detailReloaded(let detail, let serviceId, let locationId):
            return detailReloaded(&state, detail, serviceId: serviceId, locationId: locationId)
        }
        return []
    }

    /// Shows an answer to the newest query.
    private mutating func show(_ answer: SearchResults, generation: Int, rows: Int) {
        guard generation == self.generation else { return }
        // Keep the selected service selected if it is still listed (a clock tick re-runs
        // the query); otherwise start at the top of the new answer.
        let previous = selectedResult.map { ($0.serviceId, $0.locationId) }
        results = answer
        list.setItemCount(answer.results.count)
        let kept = previous.flatMap { id in answer.results.firstIndex { $0.serviceId == id.0 && $0.locationId == id.1 } }
        list.select(answer.results.isEmpty ? nil : (kept ?? 0))
        list.scrollToSelection(visibleRows: rows)
        message = nil
    }
}

// MARK: Keys

extension DirectoryScreen: ScreenModel {
    /// What the screen's keys ask of it.
    enum Action: Sendable {
        case toResults, search, nextPane, previousPane, move, open, filters, facetLeft, facetRight, pick, clearFacet, undo, reset,
             newReferral, gaps, referrals, cases, inbox, quit, staleQueue, add, conflicts
    }

    var screen: Screen { .directory }

    /// In the search line, or an open picker, letters are typed.
    var takesText: Bool { focus == .search || picker != nil }

    func keyMap(_ state: AppState) -> KeyMap<Action> {
        let s = state.strings
        let inSearch = focus == .search, inFilters = focus == .filters, inResults = focus == .results
        return KeyMap([
            // In the search line `?` is text; help is one Enter away.
            // In the search line every letter is text (`?` and `q` too): the list's commands are one ↓ away, and the bar says so.
            KeyBinding([.escape, .enter, .down], .toResults, hint: KeyHint("↓", s[.hintListCommands]),
                       help: KeyHint("↓ Enter (search)", s[.helpToResults]), when: inSearch),
            KeyBinding([.character("/")], .search, hint: inResults ? KeyHint("/", s[.hintSearch]) : nil, help: KeyHint("/", s[.helpSearch]),
                       when: !inSearch),
            KeyBinding([.tab], .nextPane, hint: inFilters ? nil : KeyHint("Tab", s[.hintFilters]),
                       help: KeyHint("Tab / Shift-Tab", s[.helpPanes])),
            KeyBinding([.backTab], .previousPane),
            KeyBinding([.up, .down, .character("k"), .character("j")], .move, help: KeyHint("↑↓ j k", s[.helpMove]), when: inResults),
            KeyBinding([.pageUp, .pageDown, .home, .end], .move, help: KeyHint("PgUp PgDn Home End", s[.helpPage]), when: inResults),
            KeyBinding([.enter, .right, .character("l")], .open, hint: KeyHint("Enter", s[.hintOpen]), help: KeyHint("Enter", s[.helpOpen]),
                       when: inResults),
            KeyBinding([.character("f")], .filters, help: KeyHint("f", s[.helpFilters]), when: inResults),
            KeyBinding([.left, .character("h")], .facetLeft, hint: KeyHint("←→", s[.hintChoose]), help: KeyHint("← → (filters)", s[.helpFacet]),
                       when: inFilters),
            KeyBinding([.right, .character("l")], .facetRight, when: inFilters),
            KeyBinding([.enter, .character(" ")], .pick, hint: KeyHint("Enter", s[.hintSet]), help: KeyHint("Enter (filters)", s[.helpPick]),
                       when: inFilters),
            KeyBinding([.backspace, .delete, .character("x")], .clearFacet, hint: KeyHint("Del", s[.hintClear]),
                       help: KeyHint("Del (filters)", s[.helpClearFacet]), when: inFilters),
            KeyBinding([.escape, .down], .toResults, when: inFilters),
            KeyBinding([.character("?")], command: .help, hint: KeyHint("?", s[.hintHelp]), when: !inSearch),
            KeyBinding([.escape], .undo, help: KeyHint("Esc", s[.helpUndo]), when: inResults),
            KeyBinding([.character("c")], .reset, help: KeyHint("c", s[.helpReset]), when: inResults),
            KeyBinding([.character("n")], .newReferral, help: KeyHint("n / g", s[.helpReferral]), when: inResults),
            KeyBinding([.character("g")], .gaps, when: inResults),
            KeyBinding([.character("R")], .referrals, help: KeyHint("R / C / I", s[.helpCases]), when: inResults),
            KeyBinding([.character("C")], .cases, when: inResults),
            KeyBinding([.character("I")], .inbox, when: inResults),
            // One help line for the coordinator's keys keeps `q` on the help's first page.
            KeyBinding([.character("S")], .staleQueue, help: KeyHint("S / A / M", s[.helpCoordinatorKeys]), when: inResults),
            KeyBinding([.character("A")], .add, when: inResults),
            KeyBinding([.character("M")], .conflicts, when: inResults),
            KeyBinding([.character("q")], .quit, hint: inResults ? KeyHint("q", s[.hintQuit]) : nil, help: KeyHint("q", s[.helpQuit]),
                       when: inResults),
        ], legend: [KeyHint(s[.helpNotes], s[.helpMarkers1]), KeyHint("", s[.helpMarkers2]), KeyHint("", s[.helpMarkers3])])
    }

    mutating func perform(_ action: Action, key: Key, _ state: inout AppState) -> Reply {
        notice = nil
        switch action {
        case .toResults: focus(.results)
        case .search: focus(.search)
        case .nextPane: focus(Self.next(focus, by: 1))
        case .previousPane: focus(Self.next(focus, by: -1))
        case .filters: focus(.filters)
        case .move:
            list.handle(key, visibleRows: Self.visibleRows(state.size))
            return Reply(loadMoreIfNeeded(state))
        case .open:
            guard let result = selectedResult else { break }
            return Reply([.directory(.loadDetail(serviceId: result.serviceId, locationId: result.locationId))])
        case .facetLeft: filterCursor = filterCursor.moved(by: -1)
        case .facetRight: filterCursor = filterCursor.moved(by: 1)
        case .pick:
            // Open now simply switches; the others open their picker.
            guard filterCursor != .openNow else {
                _ = changeFilters { $0.openNow.toggle() }
                return Reply(refresh(state.now))
            }
            picker = Picker(filter: filterCursor, of: filters, options: state.options, strings: state.strings)
        case .clearFacet:
            let facet = filterCursor
            guard changeFilters({ $0.clear(facet) }) else { break }
            return Reply(refresh(state.now))
        case .undo:
            guard let previous = undo.popLast() else {
                notice = state.strings[.nothingToUndo]
                break
            }
            search.setText(previous.text)
            textOnEntry = previous.text
            filters = previous.filters
            notice = state.strings[undo.isEmpty ? .undoneLast : .undone]
            return Reply(refresh(state.now))
        case .reset:
            guard !search.text.isEmpty || !filters.isEmpty else { break }
            rememberCriteria()
            search.setText("")
            textOnEntry = ""
            filters = Filters()
            notice = state.strings[.clearedAll]
            return Reply(refresh(state.now))
        case .newReferral:
            // A new intake is a new person: the next referral opens a new case.
            state.casework.intakeCase = nil
            return Reply(push: .intake(IntakeForm(area: filters.area, sex: filters.sex, age: filters.age,
                                                  needs: filters.serviceType.map { [$0] } ?? [],
                                                  languages: filters.language.map { [$0] } ?? [])))
        case .gaps: return Reply([.referral(.loadGaps(withinMinutes: 120))])
        case .referrals: return CaseworkFlow.request(.referrals, &state)
        case .cases: return CaseworkFlow.request(.cases, &state)
        case .inbox: return CaseworkFlow.request(.inbox, &state)
        case .quit:
            // A case opened this session: leaving is asked, not done by a stray key.
            guard !state.casework.caseWorkedOn else { return Reply(push: .quitConfirm(QuitConfirm(reason: .caseOpen, strings: state.strings))) }
            state.quitting = true
            return Reply([.quit])
        case .staleQueue: return Reply([.directory(.loadStaleQueue)])
        case .add: return Reply([.directory(.loadServiceAdd)])
        case .conflicts: return Reply([.directory(.loadConflicts(includeResolved: false))])
        }
        return Reply()
    }

    /// An open picker takes every key.
    mutating func intercept(_ key: Key, _ state: inout AppState) -> Reply? {
        guard let picker else { return nil }
        return Reply(handle(key, in: picker, state))
    }

    /// Text for the search line, searched as it is typed.
    mutating func unbound(_ key: Key, _ state: inout AppState) -> Reply {
        notice = nil
        guard focus == .search else { return Reply() }
        let before = search.text
        _ = search.handle(key, width: max(1, state.size.width - 10))
        return Reply(search.text == before ? [] : refresh(state.now))
    }

    private static func next(_ focus: Focus, by step: Int) -> Focus {
        let all = Focus.allCases
        let index = all.firstIndex(of: focus) ?? 0
        return all[(index + step + all.count) % all.count]
    }

    /// A key in the open picker: Enter sets the filter and searches again, Esc closes it.
    private mutating func handle(_ key: Key, in picker: Picker, _ state: AppState) -> [Effect] {
        switch picker.handle(key, rows: max(1, state.size.height - 8), strings: state.strings) {
        case .open(let changed):
            self.picker = changed
            return []
        case .closed:
            self.picker = nil
            return []
        case .chose(let value):
            self.picker = nil
            let changed = changeFilters { filters in
                switch value {
                case .node(let facet, let id):
                    let chosen = id == AreaTree.anyID ? nil : id
                    if facet == .area { filters.area = chosen } else { filters.serviceType = chosen }
                case .listed(let facet, let chosen):
                    if facet == .sex { filters.sex = chosen } else { filters.language = chosen }
                case .age(let age):
                    filters.age = age
                case .code, .text, .needs:
                    // The directory's filters never open these (they belong to the intake form).
                    break
                }
            }
            return changed ? refresh(state.now) : []
        }
    }
}

// MARK: Drawing

extension DirectoryScreen {
    /// Column widths at 80 columns; extra width goes to what 80 columns cut: half to the service's name, a quarter
    /// to the organization's, an eighth each to the district and the types.
    static func columns(width: Int) -> [Int] {
        let extra = max(0, width - 80)
        let district = extra / 8, types = extra / 8, organization = extra / 4
        return [25 + extra - district - types - organization, 17 + organization, 11 + district, 9 + types, 7, 5]
    }

    func render(_ state: AppState, into grid: inout Grid) {
        let s = state.strings
        TitleBar.render(state, subtitle: state.title, into: &grid)

        // Search line.
        let label = s[.searchLabel]
        _ = grid.put(" \(label)", at: Point(x: 0, y: 1), style: focus == .search ? .emphasis : .plain)
        let inputX = DisplayText.width(label) + 2
        search.render(into: &grid, in: Rect(x: inputX, y: 1, width: grid.width - inputX - 1, height: 1), focused: focus == .search)
        if focus != .search { grid.cursor = nil }

        // Filter bar. When long area or type names would push a filter off the line, values
        // are shortened so that every filter, open-now included, stays visible.
        func bar(valueWidth: Int?) -> [(Facet, String)] {
            Facet.allCases.map { facet in
                let value = filters.value(facet, options: state.options, strings: s)
                return (facet, "\(facet.name(s)): \(valueWidth.map { DisplayText.truncate(value, toWidth: $0) } ?? value)")
            }
        }
        var items = bar(valueWidth: nil)
        var gap = 2
        if items.map({ DisplayText.width($0.1) + 2 }).reduce(0, +) > grid.width - 1 {
            items = bar(valueWidth: 8)
            gap = 1
        }
        var x = 1
        for (facet, text) in items {
            let selected = focus == .filters && filterCursor == facet
            let style: Style = selected ? .selected : (filters.isSet(facet) ? .emphasis : .plain)
            let used = grid.put(text, at: Point(x: x, y: 2), style: style, maxWidth: max(0, grid.width - x))
            x += used + gap
            if x >= grid.width { break }
        }

        // Results.
        let titles = [s[.columnService], s[.columnOrganization], s[.columnDistrict], s[.columnTypes], s[.columnEligible], s[.columnNotes]]
        var table = Table.fixed(titles, widths: Self.columns(width: grid.width), list: list)
        table.headerStyle = .muted.bolded()
        table.render(into: &grid, in: Rect(x: 1, y: 3, width: grid.width - 1, height: Self.visibleRows(state.size) + 1),
                     focused: focus == .results) { row, column in
            let r = results.results[row]
            switch column {
            case 0: return r.serviceName
            case 1: return r.organizationName
            case 2: return r.areaName ?? r.area ?? "—"
            case 3: return r.serviceTypes.map { s.shortLabel($0) }.joined(separator: ",")
            case 4: return ResultSummary.eligibility(sex: r.sex, minimumAge: r.minimumAge, maximumAge: r.maximumAge)
            default: return String(r.flags.map(\.letter))
            }
        }
        if results.results.isEmpty {
            let text = search.text.isEmpty && filters.isEmpty ? s[.emptyDirectory] : s[.noMatches]
            _ = grid.put(text, in: Rect(x: 0, y: 6, width: grid.width, height: 1), style: .plain, alignment: .center)
        }

        // Message line: a problem, or where the list is.
        let messageY = grid.height - 2
        if let message {
            _ = grid.put(" \(message)", at: Point(x: 0, y: messageY), style: .warning, maxWidth: grid.width)
        } else if let notice {
            _ = grid.put(" \(notice)", at: Point(x: 0, y: messageY), style: .emphasis, maxWidth: grid.width)
        } else {
            _ = grid.put(" \(position(s))", at: Point(x: 0, y: messageY), style: .muted, maxWidth: grid.width)
        }

        statusBar("\(matchCount(s)) · \(state.title)", state, into: &grid)
        if let picker { picker.render(state, into: &grid) }
    }

    func matchCount(_ s: StringTable) -> String {
        s.format(results.total == 1 ? .matchOne : .matchMany, ["count": "\(results.total)"])
    }

    func position(_ s: StringTable) -> String {
        guard results.total > 0, let selection = list.selection else { return "" }
        var text = s.format(.position, ["index": "\(selection + 1)", "count": "\(results.total)"])
        if results.results.contains(where: { !$0.flags.isEmpty }) {
            text += " · " + s[.markerLegend]
        }
        return text
    }
}
