import Casework
import Directory
import Foundation
import Routing
import SOP
import Terminal

/// Something that happened: a key, a resize, or the answer to an effect.
public enum Message: Sendable, Equatable {
    case key(Key)
    case resized(Size)
    case tick(Date)
    case searched(SearchResults, generation: Int)
    /// A further page of the same query's results.
    case searchedMore(SearchResults, generation: Int)
    case detailLoaded(ServiceDetail?)
    /// The answer to a route effect.
    case routed(Route)
    /// The answer to a gaps effect.
    case gapsLoaded(GapReport)
    case failed(String)
    /// The case store is not open: ask for the passphrase (a new one, asked twice, when `newStore`).
    case caseStoreLocked(newStore: Bool, problem: String?)
    /// The case store opened; `operatorSet` says whether the home has an operator.
    case caseStoreOpened(operatorSet: Bool)
    /// The operator was saved for the home.
    case operatorSaved
    /// Case data cannot be used (no home, a damaged store, a malformed SOP file): why.
    case caseworkUnavailable(String)
    /// A referral was made from the pathway (its case opened if needed): its checklist.
    case referred(Checklist)
    case checklistLoaded(Checklist)
    /// A step (or consent) was recorded: the checklist as it now is.
    case recorded(Checklist, stepId: String)
    case consentWithdrawn(Checklist)
    /// A referral's form: the preview of a draft, or the form handed off.
    case formLoaded(ReferralForm, sent: Bool)
    /// The hand-off was logged: the form as sent.
    case handedOff(ReferralForm)
    /// The gate refused the hand-off: every step still owed.
    case handoffRefused([MissingStep])
    case referralsLoaded([Referral])
    /// A case's identifying data, decrypted for its form (nil: nothing recorded yet).
    case identityLoaded(caseCode: String, Identity?)
    /// The identifying data was saved, encrypted.
    case identitySaved(caseCode: String)
    /// An anonymous notification was recorded in the log: the notification.
    case notified(AnonymousNotification)
    /// The domain refused a casework operation: its sentence.
    case caseworkRefused(String)
}

/// Work `update` asks the runner to do outside the pure state change.
public enum Effect: Sendable, Equatable {
    /// Run a search; answer with `.searched` carrying the same generation.
    case search(SearchQuery, generation: Int)
    /// Fetch the next page of the current query; answer with `.searchedMore`.
    case searchMore(SearchQuery, generation: Int)
    /// Load a service's detail; answer with `.detailLoaded`.
    case loadDetail(serviceId: String, locationId: String?)
    /// Route the intake at an instant (hours judged in the person's area's time); answer with `.routed`.
    case route(ClientProfile, [Need], at: Date)
    /// Build the gap report; answer with `.gapsLoaded`.
    case loadGaps(withinMinutes: Double)
    /// Open the case store: with this passphrase, or (nil) the environment's; answer with
    /// `.caseStoreOpened`, or `.caseStoreLocked` to ask for it.
    case unlock(passphrase: String?)
    /// Save the home's operator; answer with `.operatorSaved` or `.caseworkRefused`.
    case saveOperator(name: String, organization: String)
    /// Open the intake's case if needed and a draft referral; answer with `.referred`.
    case refer(ReferRequest)
    case loadChecklist(referralId: String)
    /// Record a step for the referral's case or the referral; answer with `.recorded`.
    case recordStep(referralId: String, stepId: String, scope: StepScope, StepDetails)
    case giveConsent(referralId: String, givenBy: ConsentGiver, scopes: Set<DataScope>, explained: Set<ConsentExplanation>, explainedIn: String,
                     interpreterLanguage: String?)
    case withdrawConsent(referralId: String)
    /// Load a referral's form: the preview of what would be shared now, or the form handed off.
    case loadForm(referralId: String)
    /// Ask the gate (with an override's reason, if any) and, only with a clearance, log the hand-off.
    case handoff(referralId: String, override: String?)
    case loadReferrals
    case updateReferral(referralId: String, status: ReferralStatus, reason: String?)
    /// Read a case's identifying data for its form; answer with `.identityLoaded`.
    case loadIdentity(caseCode: String)
    /// Save identifying data for a case (the fields given replace the stored ones); answer with `.identitySaved`.
    case saveIdentity(caseCode: String, Identity)
    /// Record an anonymous notification for a case; answer with `.notified`, or the domain's refusal.
    case notify(caseCode: String)
    /// End the program.
    case quit
}

/// Applies a message to the state and says what work should follow. Pure: no I/O.
public func update(_ state: inout AppState, _ message: Message) -> [Effect] {
    switch message {
    case .resized(let size):
        state.size = size
        state.list.scrollToSelection(visibleRows: state.visibleResultRows)
        return loadMoreIfNeeded(&state)
    case .tick(let date):
        state.now = date
        return state.filters.openNow ? refresh(&state) : []
    case .searched(let results, let generation):
        guard generation == state.generation else { return [] }
        // Keep the selected service selected if it is still listed (a clock tick re-runs
        // the query); otherwise start at the top of the new answer.
        let previous = state.selectedResult.map { ($0.serviceId, $0.locationId) }
        state.results = results
        state.list.setItemCount(results.results.count)
        let kept = previous.flatMap { id in results.results.firstIndex { $0.serviceId == id.0 && $0.locationId == id.1 } }
        state.list.select(results.results.isEmpty ? nil : (kept ?? 0))
        state.list.scrollToSelection(visibleRows: state.visibleResultRows)
        state.message = nil
        return []
    case .searchedMore(let more, let generation):
        guard generation == state.generation else { return [] }
        state.loadingMore = false
        state.results.results += more.results
        state.results.total = more.total
        state.list.setItemCount(state.results.results.count)
        return []
    case .detailLoaded(let detail):
        guard let detail else {
            state.message = state.strings[.serviceGone]
            return []
        }
        state.detail = detail
        state.detailScroll = 0
        state.detailReturn = state.screen == .detail ? state.detailReturn : state.screen
        state.screen = .detail
        return []
    case .routed(let route):
        state.route = route
        state.pathwayIndex = 0
        state.stepSelection = 0
        state.showExcluded = false
        state.screen = .pathway
        return []
    case .gapsLoaded(let report):
        state.gaps = report
        state.gapsList = ListView(itemCount: report.cells.filter { $0.status != .met }.count, selection: 0)
        state.screen = .gaps
        return []
    case .failed(let text):
        // A failed page load must not leave paging stuck for this query.
        state.loadingMore = false
        state.message = text
        return []
    case .key(let key):
        return handle(key, &state)
    default:
        return CaseworkFlow.update(&state, message)
    }
}

/// Starts the first search.
public func start(_ state: inout AppState) -> [Effect] { refresh(&state) }

private func refresh(_ state: inout AppState) -> [Effect] {
    state.generation += 1
    state.loadingMore = false
    return [.search(state.query, generation: state.generation)]
}

private func handle(_ key: Key, _ state: inout AppState) -> [Effect] {
    if key == .interrupt {
        state.quitting = true
        return [.quit]
    }
    if state.tooSmall {
        if key == .character("q") {
            state.quitting = true
            return [.quit]
        }
        return []
    }
    if state.showHelp {
        if key == .escape || key == .character("?") || key == .enter || key == .character("q") { state.showHelp = false }
        return []
    }
    if state.picker != nil { return handlePicker(key, &state) }
    if let dialog = state.casework.dialog { return CaseworkFlow.handleDialog(key, dialog, &state) }
    // A casework refusal stays on screen until the next key.
    if [.checklist, .screening, .consent, .formPreview, .referrals, .identity, .notification].contains(state.screen) {
        state.casework.problem = nil
    }
    switch state.screen {
    case .detail: return handleDetail(key, &state)
    case .directory: return handleDirectory(key, &state)
    case .intake: return ReferralScreens.handleIntake(key, &state)
    case .pathway: return ReferralScreens.handlePathway(key, &state)
    case .gaps: return ReferralScreens.handleGaps(key, &state)
    case .checklist: return ChecklistScreen.handle(key, &state)
    case .screening: return ScreeningScreen.handle(key, &state)
    case .consent: return ConsentScreen.handle(key, &state)
    case .formPreview: return FormPreviewScreen.handle(key, &state)
    case .referrals: return ReferralsScreen.handle(key, &state)
    case .identity: return IdentityScreen.handle(key, &state)
    case .notification: return NotificationScreen.handle(key, &state)
    }
}

private func handleDetail(_ key: Key, _ state: inout AppState) -> [Effect] {
    switch key {
    case .escape, .backspace, .left, .character("h"):
        state.screen = state.detailReturn
        state.detail = nil
    case .character("?"):
        state.showHelp = true
    case .down, .character("j"):
        state.detailScroll += 1
    case .up, .character("k"):
        state.detailScroll = max(0, state.detailScroll - 1)
    case .pageDown, .character(" "):
        state.detailScroll += max(1, state.size.height - 4)
    case .pageUp:
        state.detailScroll = max(0, state.detailScroll - max(1, state.size.height - 4))
    case .home, .character("g"):
        state.detailScroll = 0
    case .end, .character("G"):
        state.detailScroll = Int.max / 2
    default:
        break
    }
    // Never scroll past the last page of the detail.
    if let detail = state.detail {
        let lines = DetailScreen.lines(detail, state, width: max(1, state.size.width - 2)).count
        state.detailScroll = min(state.detailScroll, max(0, lines - max(1, state.size.height - 2)))
    }
    return []
}

private func handleDirectory(_ key: Key, _ state: inout AppState) -> [Effect] {
    // Keys that work from every pane.
    switch key {
    case .tab:
        state.focus = next(state.focus, by: 1)
        return []
    case .backTab:
        state.focus = next(state.focus, by: -1)
        return []
    default:
        break
    }
    switch state.focus {
    case .search:
        switch key {
        case .escape, .enter, .down:
            state.focus = .results
            return []
        default:
            let before = state.search.text
            _ = state.search.handle(key, width: max(1, state.size.width - 10))
            return state.search.text == before ? [] : refresh(&state)
        }
    case .filters:
        switch key {
        case .left, .character("h"):
            state.filterCursor = Facet(rawValue: max(0, state.filterCursor.rawValue - 1)) ?? .area
        case .right, .character("l"):
            state.filterCursor = Facet(rawValue: min(Facet.allCases.count - 1, state.filterCursor.rawValue + 1)) ?? .openNow
        case .enter, .character(" "):
            return openPicker(&state)
        case .backspace, .delete, .character("x"):
            clear(state.filterCursor, &state)
            return refresh(&state)
        case .escape, .down:
            state.focus = .results
        case .character("/"):
            state.focus = .search
        case .character("?"):
            state.showHelp = true
        case .character("q"):
            state.quitting = true
            return [.quit]
        default:
            break
        }
        return []
    case .results:
        switch key {
        case .character("/"):
            state.focus = .search
        case .character("f"):
            state.focus = .filters
        case .character("R"):
            return CaseworkFlow.request(.referrals, &state)
        case .character("n"):
            // A new intake is a new person: the next referral opens a new case.
            state.casework.intakeCase = nil
            state.intake = IntakeForm(area: state.filters.area, sex: state.filters.sex, age: state.filters.age,
                                      needs: state.filters.serviceType.map { [$0] } ?? [])
            state.screen = .intake
        case .character("g"):
            return [.loadGaps(withinMinutes: 120)]
        case .character("?"):
            state.showHelp = true
        case .character("q"):
            state.quitting = true
            return [.quit]
        case .enter, .right, .character("l"):
            if let result = state.selectedResult {
                return [.loadDetail(serviceId: result.serviceId, locationId: result.locationId)]
            }
        case .escape:
            if !state.search.text.isEmpty || !state.filters.isEmpty {
                state.search.setText("")
                state.filters = Filters()
                return refresh(&state)
            }
        default:
            _ = state.list.handle(key, visibleRows: state.visibleResultRows)
            return loadMoreIfNeeded(&state)
        }
        return []
    }
}

/// Asks for the next page when the selection is within a screen of the end of what is loaded.
private func loadMoreIfNeeded(_ state: inout AppState) -> [Effect] {
    let loaded = state.results.results.count
    guard !state.loadingMore, loaded < state.results.total, let selection = state.list.selection,
          selection + state.visibleResultRows >= loaded else { return [] }
    state.loadingMore = true
    var query = state.query
    query.offset = loaded
    return [.searchMore(query, generation: state.generation)]
}

private func next(_ focus: Focus, by step: Int) -> Focus {
    let all = Focus.allCases
    let index = all.firstIndex(of: focus) ?? 0
    return all[(index + step + all.count) % all.count]
}

private func clear(_ facet: Facet, _ state: inout AppState) {
    switch facet {
    case .area: state.filters.area = nil
    case .serviceType: state.filters.serviceType = nil
    case .sex: state.filters.sex = nil
    case .age: state.filters.age = nil
    case .language: state.filters.language = nil
    case .openNow: state.filters.openNow = false
    }
}

/// Opens the picker of the facet under the filter cursor (open-now simply toggles).
private func openPicker(_ state: inout AppState) -> [Effect] {
    let strings = state.strings
    switch state.filterCursor {
    case .area:
        var picker = TreePicker(roots: AreaTree.nodes(state.options.areas, any: strings[.any]), chosen: state.filters.area ?? AreaTree.anyID)
        if let area = state.filters.area { picker.moveCursor(to: area) }
        state.picker = .tree(.area, picker)
    case .serviceType:
        var picker = TreePicker(roots: ServiceTypeTree.nodes(any: strings[.any], strings: strings), chosen: state.filters.serviceType ?? AreaTree.anyID)
        if let type = state.filters.serviceType { picker.moveCursor(to: type) }
        state.picker = .tree(.serviceType, picker)
    case .sex:
        let values: [String?] = [nil] + Vocabulary.sexes
        state.picker = .list(.sex, ListView(itemCount: values.count, selection: values.firstIndex(of: state.filters.sex) ?? 0), values: values)
    case .language:
        let values: [String?] = [nil] + state.options.languages.map(\.code)
        state.picker = .list(.language, ListView(itemCount: values.count, selection: values.firstIndex(of: state.filters.language) ?? 0),
                             values: values)
    case .age:
        state.picker = .number(.age, TextInput(text: state.filters.age.map(String.init) ?? "", maxLength: 3), error: nil)
    case .openNow:
        state.filters.openNow.toggle()
        return refresh(&state)
    }
    return []
}

private func handlePicker(_ key: Key, _ state: inout AppState) -> [Effect] {
    guard let picker = state.picker else { return [] }
    if key == .escape {
        state.picker = nil
        return []
    }
    let rows = max(1, state.size.height - 8)
    switch picker {
    case .tree(let facet, var tree):
        if key == .enter {
            let id = tree.current?.id
            let value = id == AreaTree.anyID ? nil : id
            if facet == .area { state.filters.area = value } else { state.filters.serviceType = value }
            state.picker = nil
            return refresh(&state)
        }
        _ = tree.handle(key, visibleRows: rows)
        state.picker = .tree(facet, tree)
    case .list(let facet, var list, let values):
        if key == .enter, let index = list.selection {
            let value = values[index]
            if facet == .sex { state.filters.sex = value } else { state.filters.language = value }
            state.picker = nil
            return refresh(&state)
        }
        _ = list.handle(key, visibleRows: rows)
        state.picker = .list(facet, list, values: values)
    case .text, .choices:
        // The directory's filters never open these (they belong to the intake form).
        state.picker = nil
    case .number(let facet, var input, _):
        if key == .enter {
            let text = input.text.trimmingCharacters(in: .whitespaces)
            if text.isEmpty {
                state.filters.age = nil
            } else if let age = Int(text), (0...130).contains(age) {
                state.filters.age = age
            } else {
                state.picker = .number(facet, input, error: state.strings.format(.ageInvalid, ["value": text]))
                return []
            }
            state.picker = nil
            return refresh(&state)
        }
        if case .character(let c) = key, !c.isNumber { return [] }
        _ = input.handle(key, width: 10)
        state.picker = .number(facet, input, error: nil)
    }
    return []
}
