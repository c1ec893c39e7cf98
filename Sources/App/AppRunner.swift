import Casework
import Directory
import Foundation
import Routing
import Terminal

/// Runs the application: reads keys from a backend, updates the state, performs effects
/// against the directory, renders and draws — until the state says to quit.
public struct AppRunner: Sendable {
    /// The directory queries run against.
    public let store: DirectoryStore
    /// Where the current time comes from.
    public let clock: any TimeSource
    /// The home folder whose case store (`cases.sqlite`) and operator the casework screens use; nil: no case data.
    public let home: URL?
    /// The SOP definitions in force; nil: read from the home (else the bundled ones) when case data is first touched.
    public let sop: SOPDefinitions?
    /// How the case store is opened (clock, random source, scrypt cost); its procedure and questionnaire come from `sop`.
    public let caseOptions: CaseStore.Options
    /// The passphrase from the environment (`WAYMARK_PASSPHRASE`), used instead of asking when set — until the UI
    /// first locks: a locked terminal needs a person, so from then on only a typed passphrase opens the case store.
    let environmentPassphrase: String?
    /// How long without a key before the UI locks itself.
    public let lockAfter: TimeInterval
    /// Whether the UI has locked this session (the environment's passphrase is no longer used).
    let hasLocked = LockBox(false)
    /// The case store and the SOP definitions it was opened with, once the passphrase has opened it,
    /// for the rest of the session (never written to disk); nil until the unlock.
    let cases = LockBox<(store: CaseStore, sop: SOPDefinitions)?>(nil)
    /// The account the passphrase opens (`--account`, `$WAYMARK_ACCOUNT`); nil for the home's only one.
    let account: String?

    /// A runner over a directory store, and (with a home) its case data.
    public init(store: DirectoryStore, clock: any TimeSource = SystemTime(), home: URL? = nil, sop: SOPDefinitions? = nil,
                caseOptions: CaseStore.Options? = nil, environmentPassphrase: String? = nil,
                lockAfter: TimeInterval = ScreenLock.defaultIdleLimit, account: String? = nil) {
        self.store = store
        self.account = account
        self.clock = clock
        self.home = home
        self.sop = sop
        self.caseOptions = caseOptions ?? CaseStore.Options(clock: clock)
        self.environmentPassphrase = environmentPassphrase.flatMap { $0.isEmpty ? nil : $0 }
        self.lockAfter = lockAfter
    }

    /// The state the UI starts in, with the first search already answered.
    public func initialState(strings: StringTable, size: Size) throws -> AppState {
        let title = try store.title() ?? strings[.any]
        var state = AppState(strings: strings, size: size, now: clock.now(), title: title, options: try store.facetOptions())
        state.directory.dataGeneration = try store.generation()
        state.lock.idleLimit = lockAfter
        process(App.start(&state), &state)
        return state
    }

    /// Applies a message and performs every effect it leads to, feeding their answers back.
    public func send(_ message: Message, _ state: inout AppState) {
        // The clock is read here, at the edge: a key's search uses the time it was pressed.
        if case .key = message { state.now = clock.now() }
        process(update(&state, message), &state)
    }

    private func process(_ effects: [Effect], _ state: inout AppState) {
        var queue = effects
        while !queue.isEmpty {
            let effect = queue.removeFirst()
            if let answer = perform(effect) { queue += update(&state, answer) }
        }
    }

    /// Does one effect's work; returns the message that carries its answer.
    public func perform(_ effect: Effect) -> Message? {
        switch effect {
        case .directory(let work): return performDirectory(work)
        case .referral(let work): return performReferral(work)
        case .casework(let work): return performCasework(work).map(Message.casework)
        case .quit: return nil
        }
    }

    private func performDirectory(_ effect: DirectoryEffect) -> Message {
        do {
            switch effect {
            case .search(let query, let generation):
                return .directory(.searched(try store.search(query, clock: clock), generation: generation))
            case .searchMore(let query, let generation):
                return .directory(.searchedMore(try store.search(query, clock: clock), generation: generation))
            case .loadDetail(let serviceId, let locationId):
                return .directory(.detailLoaded(try store.serviceDetail(serviceId: serviceId, locationId: locationId, clock: clock)))
            case .loadHistory(let id, let name):
                return .directory(.historyLoaded(name: name, try store.changes(service: id)))
            case .setFreePlaces(let id, let location, let available):
                return edit(id, location) { editor in
                    var change = ServiceEdit()
                    change.capacityAvailable = Double(available)
                    try editor.edit(service: id, change)
                    return "free places: \(available)"
                }
            case .verify(let id, let location, let method):
                return edit(id, location) { editor in
                    try editor.verify(service: id, method: method)
                    return "verified (\(method.rawValue))"
                }
            case .loadStaleQueue:
                return .directory(.staleQueueLoaded(try store.staleQueue(clock: clock), days: store.staleAfterDays))
            case .loadServiceEdit(let id, let location, let origin):
                guard let record = try store.serviceRecord(id, changes: 0) else { return .directory(.detailLoaded(nil)) }
                return .directory(.serviceEditLoaded(ServiceEditForm(record: record, organizations: try store.organizations(),
                                                                     detailLocationId: location, origin: origin)))
            case .loadServiceAdd:
                return .directory(.serviceAddLoaded(ServiceAddForm(organizations: try store.organizations())))
            case .addService(let addition):
                return add(addition)
            case .editService(let id, let location, let change, let what):
                return edit(id, location) { editor in
                    try editor.edit(service: id, change)
                    return what
                }
            case .loadConflicts(let includeResolved):
                let conflicts = try store.conflicts(includeResolved: includeResolved)
                var names: [String: String] = [:]
                for id in Set(conflicts.filter { $0.entity == "service" }.map(\.entityID)) {
                    names[id] = try store.serviceRecord(id, changes: 0)?.name
                }
                return .directory(.conflictsLoaded(conflicts, serviceNames: names, includeResolved: includeResolved))
            case .resolveConflict(let id, let resolution):
                return resolve(id, resolution)
            case .readGeneration:
                // Not readable this second (a long import holds the file): nothing to say, the next tick reads again.
                return .directory(.generationRead(try? store.generation()))
            case .reloadDetail(let serviceId, let locationId):
                return .directory(.detailReloaded(try store.serviceDetail(serviceId: serviceId, locationId: locationId, clock: clock),
                                                  serviceId: serviceId, locationId: locationId))
            }
        } catch {
            return .directory(.failed(String(describing: error)))
        }
    }

    /// A change to the directory as the home's operator (the one on every consent and hand-off); the domain's
    /// refusal comes back in its own words, and nothing is written.
    private func edit(_ id: String, _ location: String?, _ change: (DirectoryEditor) throws -> String) -> Message {
        do {
            guard let (editor, who) = try editor() else { return .directory(.editRefused(nil)) }
            let done = try change(editor)
            let detail = try store.serviceDetail(serviceId: id, locationId: location, clock: clock)
            return .directory(.edited(detail, done: done, by: who.name))
        } catch {
            return .directory(.editRefused(String(describing: error)))
        }
    }

    /// An editor acting as the signed-in coordinator, and who they are; nil until the case store is
    /// unlocked (with the environment's passphrase when it was given) and names them.
    private func editor() throws -> (DirectoryEditor, Operator)? {
        if cases.value == nil, environmentPassphrase != nil { _ = performCasework(.unlock(passphrase: nil)) }
        guard let unlocked = cases.value?.store else { return nil }
        let who = try unlocked.authorize(.editDirectory)
        return (DirectoryEditor(store: store, author: ChangeAuthor(name: "\(who.name) (\(who.organization))", email: who.email), clock: clock), who)
    }

    /// Resolves a conflict as the home's operator: done, or the domain's refusal in its own words with nothing written.
    private func resolve(_ id: Int64, _ resolution: ConflictResolution) -> Message {
        do {
            guard let (editor, who) = try editor() else { return .directory(.editRefused(nil)) }
            try store.resolveConflict(id, resolution, author: editor.author, clock: clock)
            return .directory(.conflictResolved(id: id, resolution, by: who.name))
        } catch {
            return .directory(.editRefused(String(describing: error)))
        }
    }

    /// Adds what the add form describes as the home's operator: one change, or the domain's refusal with nothing written.
    private func add(_ addition: ServiceAddition) -> Message {
        do {
            guard let (editor, who) = try editor() else { return .directory(.editRefused(nil)) }
            switch addition {
            case .organization(let name):
                _ = try editor.addOrganization(name: name, description: nil)
                return .directory(.edited(nil, done: "organization \(name)", by: who.name))
            case .service(let new, let organization?):
                _ = try editor.addService(new, inNewOrganization: organization)
                return .directory(.edited(nil, done: "service \(new.name) of \(organization)", by: who.name))
            case .service(let new, nil):
                _ = try editor.addService(new)
                return .directory(.edited(nil, done: "service \(new.name)", by: who.name))
            }
        } catch {
            return .directory(.editRefused(String(describing: error)))
        }
    }

    private func performReferral(_ effect: ReferralEffect) -> Message {
        do {
            switch effect {
            case .route(let profile, let needs, let instant):
                // Read near the person, as `waymark route` does: the first route of a session does not wait for the whole directory.
                return .referral(.routed(try DirectoryRouter(staleBefore: store.staleBefore(clock.now()))
                    .route(profile, needs: needs, at: instant, in: store).route))
            case .loadGaps(let minutes):
                return .referral(.gapsLoaded(GapReport(try store.snapshot(), withinMinutes: minutes)))
            }
        } catch {
            return .directory(.failed(String(describing: error)))
        }
    }

    /// Runs until quit: draw, wait for a key, update. A second without a key is a tick (and so is a key
    /// a second or more after the last tick): the clock is checked — the UI locks when it is due — and the
    /// directory's generation read, so that another process's change shows within two seconds.
    public func run<B: Backend>(_ backend: inout B, strings: StringTable) throws {
        try backend.start()
        defer { backend.stop() }
        var state = try initialState(strings: strings, size: backend.size)
        var grid = Grid(size: backend.size)
        var lastTick = clock.now()
        while !state.quitting {
            if grid.size != state.size { grid = Grid(size: state.size) }
            render(state, into: &grid)
            backend.draw(grid)
            guard let key = backend.readKey(timeout: Self.wait(until: state.lockDeadline, now: clock.now())) else {
                lastTick = clock.now()
                send(.tick(lastTick), &state)
                continue
            }
            if key == .resize {
                send(.resized(backend.size), &state)
            } else {
                send(.key(key), &state)
            }
            if !state.quitting, clock.now().timeIntervalSince(lastTick) >= DirectoryScreen.generationInterval {
                lastTick = clock.now()
                send(.tick(lastTick), &state)
            }
        }
    }

    /// How long to wait for a key before the clock is looked at again: a second (the directory's generation
    /// is read on each tick), or less when the UI is due to lock sooner.
    static func wait(until deadline: Date?, now: Date) -> Duration {
        guard let deadline else { return .seconds(1) }
        let seconds = min(1, max(0.05, deadline.timeIntervalSince(now)))
        return .milliseconds(Int((seconds * 1000).rounded(.up)))
    }
}
