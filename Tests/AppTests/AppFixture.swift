import App
import Casework
import Directory
import Foundation
import Terminal
import TestSupport
import WaymarkData

/// The UI's test setup: the bundled sample (or a fixture) at a fixed clock, driven by messages.
///
/// Waymark starts with the search line focused (typing searches). Most tests begin where a
/// responder's first ↓ puts them, in the results list, where single letters are commands;
/// `atResults: false` keeps the true start.
struct AppFixture {
    /// The tests' epoch (the sample's reference date: no date is shifted).
    static let clock = TestTime.clock

    let runner: AppRunner
    var state: AppState

    /// The UI over the bundled sample directory.
    static func sample(size: Size = Size(width: 80, height: 24), atResults: Bool = true) throws -> AppFixture {
        let store = try DirectoryStore.inMemory()
        _ = try store.importPackage(at: try WaymarkData.samplePackage(), options: ImportOptions(shiftVerificationDates: true), clock: clock)
        return try AppFixture(store: store, size: size, atResults: atResults)
    }

    /// The UI over a test package.
    static func package(_ fixture: PackageFixture, size: Size = Size(width: 80, height: 24), atResults: Bool = true) throws -> AppFixture {
        let store = try DirectoryStore.inMemory()
        _ = try store.importPackage(at: try fixture.write(), clock: clock)
        return try AppFixture(store: store, size: size, atResults: atResults)
    }

    init(store: DirectoryStore, size: Size, atResults: Bool = true) throws {
        try self.init(runner: AppRunner(store: store, clock: AppFixture.clock), size: size, atResults: atResults)
    }

    init(runner: AppRunner, size: Size = Size(width: 80, height: 24), atResults: Bool = true) throws {
        self.runner = runner
        state = try runner.initialState(strings: try StringTable.bundled(), size: size)
        if atResults && !state.tooSmall { press([.down]) }
    }

    /// The idle limit of the casework fixture: a year, so that a test moving its clock on by days is not locked out.
    static let yearLong: TimeInterval = 365 * 24 * 3600

    /// The UI over the bundled sample with case data in `home`: cheap scrypt, seeded codes, the given clock, locking
    /// after `lockAfter` without a key.
    static func casework(home: URL, clock: any TimeSource = clock, environmentPassphrase: String? = nil,
                         lockAfter: TimeInterval = yearLong, atResults: Bool = true) throws -> AppFixture {
        let store = try DirectoryStore.inMemory()
        _ = try store.importPackage(at: try WaymarkData.samplePackage(), options: ImportOptions(shiftVerificationDates: true),
                                    clock: AppFixture.clock)
        let sop = try SOPDefinitions.load(home: home, bundled: try WaymarkData.resourceDirectory().appendingPathComponent("sop"))
        let options = CaseStore.Options(clock: clock, random: SeededRandomSource(seed: 7), newKeyParameters: .cheapForTests)
        return try AppFixture(runner: AppRunner(store: store, clock: clock, home: home, sop: sop, caseOptions: options,
                                                environmentPassphrase: environmentPassphrase, lockAfter: lockAfter), atResults: atResults)
    }

    /// The passphrase the tests' coordinator unlocks with (from the environment, as a script would).
    static let coordinatorPassphrase = "a long test passphrase"

    /// The men's shelter and the girls' shelter of the bundled sample.
    static let mensShelter = "8f08a117-3eb1-5867-bbf3-f03dab77482e", girlsShelter = "ed69c87d-7fb2-542e-9ba7-5b9ed049e0ad"

    /// The UI over the bundled sample as this home took it from a publisher, after a second bundle left three conflicts:
    /// the men's shelter's name and free places, the girls' shelter's status. `home` holds the operator, if any.
    static func conflicts(home: URL, environmentPassphrase: String? = nil) throws -> AppFixture {
        let store = try ConflictFixture.home(package: try WaymarkData.samplePackage(), importOptions: ImportOptions(shiftVerificationDates: true),
                                             clock: clock) { here, there in
            var mine = ServiceEdit(), theirs = ServiceEdit()
            mine.name = "Adăpostul Sf. Nicolae — night shelter for men"
            theirs.name = "Adăpostul Sf. Nicolae — shelter for men and boys 16+"
            mine.capacityAvailable = 0
            theirs.capacityAvailable = 5
            try here.edit(service: mensShelter, mine)
            try there.edit(service: mensShelter, theirs)
            var paused = ServiceEdit(), ended = ServiceEdit()
            paused.status = "inactive"
            ended.status = "defunct"
            try here.edit(service: girlsShelter, paused)
            try there.edit(service: girlsShelter, ended)
        }
        let options = CaseStore.Options(clock: clock, random: SeededRandomSource(seed: 7), newKeyParameters: .cheapForTests)
        return try AppFixture(runner: AppRunner(store: store, clock: clock, home: home, caseOptions: options,
                                                environmentPassphrase: environmentPassphrase))
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

extension TemporaryHome {
    /// The case store's bytes (nil when there is none), to show that nothing was written.
    var caseStoreBytes: Data? { try? Data(contentsOf: CaseStore.file(in: url)) }
}
