import Casework
import Directory
import Foundation
import SOP
import WaymarkData

/// One Waymark home, opened the same way by the command line and the terminal UI: its
/// directory, the SOP definitions in force, the case store and the operator.
///
/// The passphrase rule is applied here once, whichever way the passphrase came (the prompt,
/// the UI's box or `$WAYMARK_PASSPHRASE`): a new store's needs `PassphraseRule.minimumLength`
/// characters; only a person typing it (the prompt, the UI) is asked for it twice.
public struct Home: Sendable {
    /// Where the home is.
    public let location: WaymarkHome
    /// The environment it was opened in: `WAYMARK_PASSPHRASE`, and in debug builds the tests' hooks.
    public let environment: [String: String]
    /// Receives what opening has to tell the person (a folder tightened, failed unlocks, a file not accepted yet).
    public var notify: @Sendable (String) -> Void
    /// The account to unlock as (`--account`), else `$WAYMARK_ACCOUNT`; nil picks the home's only account.
    public var account: String?

    /// The home the lookup order picks: `explicit` (`--home`), else `$WAYMARK_HOME`, else
    /// `$XDG_DATA_HOME/waymark`, else `~/.local/share/waymark`.
    public init(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                notify: @escaping @Sendable (String) -> Void = { _ in }) {
        self.init(WaymarkHome.resolve(explicit: explicit, environment: environment), environment: environment, notify: notify)
    }

    /// A home at a known folder.
    public init(_ location: WaymarkHome, environment: [String: String] = [:], notify: @escaping @Sendable (String) -> Void = { _ in }) {
        self.location = location
        self.environment = environment
        self.notify = notify
        account = environment["WAYMARK_ACCOUNT"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The home folder.
    public var url: URL { location.url }

    /// Makes the home readable by its owner only (saying so when it tightens it), or refuses a
    /// folder that others can read and that holds other files.
    public func prepare() throws {
        if let notice = try location.prepare() { notify(Sanitized.text(notice)) }
    }

    /// Opens the directory, seeding it from the bundled sample on first use unless `seeded` is
    /// false (an import into a new home imports just its own package).
    /// The directory flags verifications older than the SOP file's `stale_after_days`.
    public func openDirectory(seeded: Bool = true, clock: any TimeSource = SystemTime()) throws -> DirectoryStore {
        try prepare()
        let store = seeded ? try location.openDirectory(seedingFrom: { try WaymarkData.samplePackage() }, clock: clock)
                           : try location.openDirectory()
        store.staleAfterDays = staleAfterDays()
        return store
    }

    /// The days of a top-level `stale_after_days: N` line (a comment after it allowed) when N is one the loader accepts;
    /// nil for any other form, which the loader then reads and, if wrong, refuses with its line.
    static func plainStaleAfterDays(_ text: String) -> Int? {
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) where line.hasPrefix("stale_after_days:") {
            let value = line.dropFirst("stale_after_days:".count).split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            guard let days = Int(value.trimmingCharacters(in: .whitespaces)), (1...Procedure.maximumStaleAfterDays).contains(days) else { return nil }
            return days
        }
        return nil
    }

    /// The SOP file's `stale_after_days`: the home's own `sop/default.yaml` when it has one, else the
    /// bundled file. It only flags and queues services for a call, so a home file applies before it is
    /// accepted; a malformed one is reported and the default used, so that a search at night still
    /// works while the coordinator mends the file (the case store refuses it until then).
    func staleAfterDays() -> Int {
        let own = SOPDefinitions.folder(in: url).appendingPathComponent("default.yaml")
        let file = FileManager.default.fileExists(atPath: own.path)
            ? own : (try? WaymarkData.resourceDirectory().appendingPathComponent("sop/default.yaml"))
        guard let file, let text = try? String(contentsOf: file, encoding: .utf8) else { return DirectoryStore.defaultStaleAfterDays }
        // Every search and the UI's start open the directory: a plain `stale_after_days: N` line is read as it is
        // (about 2 ms less per process than the whole procedure's parse and checks); anything else goes to the loader.
        if let days = Self.plainStaleAfterDays(text) { return days }
        if !text.contains("stale_after_days") { return DirectoryStore.defaultStaleAfterDays }
        do {
            return try ProcedureLoader.load(file, serviceTypes: Set(Vocabulary.serviceTypes)).staleAfterDays
        } catch {
            notify("sop/default.yaml: \(Sanitized.text(String(describing: error))) — services are flagged stale after the default \(DirectoryStore.defaultStaleAfterDays) days until it is mended.")
            return DirectoryStore.defaultStaleAfterDays
        }
    }

    /// The SOP definitions: the home's own copies (checked, in force once accepted) beside the bundled ones.
    /// A malformed file is refused with its name, line and field (`HomeError.sopFile`).
    public func definitions() throws -> SOPDefinitions {
        let bundled = try WaymarkData.resourceDirectory().appendingPathComponent("sop")
        do {
            return try SOPDefinitions.load(home: url, bundled: bundled)
        } catch {
            throw HomeError.sopFile(String(describing: error))
        }
    }

    /// Whether the home has a case store yet; without one, the first passphrase given creates it.
    public var hasCaseStore: Bool { CaseStore.hasPassphrase(home: url) }

    /// The passphrase given in `$WAYMARK_PASSPHRASE` for scripts; nil when unset or empty.
    public var environmentPassphrase: String? { environment["WAYMARK_PASSPHRASE"].flatMap { $0.isEmpty ? nil : $0 } }

    /// How the case store is opened: the minimum scrypt cost for a new key, the given clock.
    ///
    /// Debug builds only (the tests') read three hooks: `WAYMARK_TEST_SCRYPT_LOG2N` (a cheap scrypt
    /// cost, kept by the stores it makes), `WAYMARK_TEST_KILL_AT` (a hand-off checkpoint where
    /// the process kills itself) and `WAYMARK_TEST_HOURS_AHEAD` (the case store's clock runs that
    /// many hours ahead, so deadlines can be tested without waiting). A release build has none: its
    /// cost is always `ScryptParameters.minimum`, and a store below it is wrapped again at it when unlocked.
    public func caseOptions(clock: any TimeSource = SystemTime()) -> CaseStore.Options {
        var options = CaseStore.Options(clock: clock)
        options.newKeyParameters = .minimum
        #if DEBUG
        if let cost = environment["WAYMARK_TEST_SCRYPT_LOG2N"].flatMap(Int.init), (4...20).contains(cost) {
            options.newKeyParameters = ScryptParameters(log2N: cost, blockSize: 8, parallelism: 1)
        }
        if let point = environment["WAYMARK_TEST_KILL_AT"], !point.isEmpty {
            options.checkpoint = { name in if name == point { kill(getpid(), SIGKILL) } }
        }
        if let hours = environment["WAYMARK_TEST_HOURS_AHEAD"].flatMap(Double.init), hours.isFinite {
            options.clock = AheadOfTime(clock, seconds: hours * 3600)
        }
        #endif
        return options
    }

    /// What a bundle's merge calls inside its transaction: nothing, except in a debug build whose
    /// `WAYMARK_TEST_KILL_AT` names the point (the tests' proof that a killed merge leaves the old directory).
    public var mergeCheckpoint: @Sendable (String) -> Void {
        #if DEBUG
        if let point = environment["WAYMARK_TEST_KILL_AT"], !point.isEmpty {
            return { name in if name == point { kill(getpid(), SIGKILL) } }
        }
        #endif
        return { _ in }
    }

    /// How long the next unlock waits after wrong passphrases in a row (0: none).
    public var nextUnlockWait: TimeInterval { UnlockThrottle(home: url).delayBeforeNextAttempt() }

    /// Opens the case store with a passphrase, under the SOP definitions in force; a new store's
    /// passphrase must meet `PassphraseRule`.
    ///
    /// `definitions` defaults to the home's (`definitions()`); `options` gives the clock and the
    /// key cost, its procedure and questionnaire come from the definitions. Says through `notify`
    /// what the unlock found: a wait after wrong passphrases, files not accepted yet, failed attempts.
    public func openCases(passphrase: String, options: CaseStore.Options? = nil, definitions: SOPDefinitions? = nil) throws
        -> (store: CaseStore, definitions: SOPDefinitions) {
        let existing = hasCaseStore
        if !existing { try PassphraseRule.check(passphrase) }
        let definitions = try definitions ?? self.definitions()
        var chosen = options ?? caseOptions()
        chosen.procedure = definitions.procedure
        chosen.questionnaire = definitions.questionnaire
        chosen.procedureSource = definitions.procedureSource
        let throttle = UnlockThrottle(home: url)
        let wait = existing ? throttle.delayBeforeNextAttempt() : 0
        if wait > 0 { notify("after \(throttle.state().failures) wrong passphrases in a row, waiting \(Int(wait)) s before trying.") }
        do {
            let (store, inForce) = try CaseStore.open(home: url, account: account, passphrase: passphrase, options: chosen, definitions: definitions)
            for source in inForce.sources where source.contains("not accepted yet") { notify("in force: \(source)") }
            for line in store.unlockReport.messages { notify(line) }
            return (store, inForce)
        } catch CaseworkError.wrongPassphrase {
            let next = throttle.delayBeforeNextAttempt()
            if next > 0 { notify("the next try will wait \(Int(next)) s first.") }
            throw CaseworkError.wrongPassphrase
        }
    }

    /// Opens the case store with the passphrase from `$WAYMARK_PASSPHRASE`, else asked through
    /// `ask` (a prompt that does not echo; nil when nobody can answer) — twice for a new store.
    public func openCases(asking ask: (String) -> String?) throws -> CaseStore {
        let definitions = try definitions()
        let passphrase = try self.passphrase(new: !hasCaseStore, asking: ask)
        return try openCases(passphrase: passphrase, definitions: definitions).store
    }

    /// The passphrase from the environment, else asked; a new one must meet the rule and, typed, be typed twice alike.
    func passphrase(new: Bool, asking ask: (String) -> String?) throws -> String {
        if let given = environmentPassphrase {
            if new, let problem = PassphraseRule.problem(given) { throw HomeError.environmentPassphraseTooShort(problem) }
            return given
        }
        let prompt = new ? "Choose a passphrase for this home's case store (your account's, a coordinator's): "
            : account.map { "Passphrase for \($0): " } ?? "Passphrase: "
        guard let first = ask(prompt) else {
            throw HomeError.noPassphrase
        }
        return new ? try Home.confirmed(first, asking: ask) : first
    }

    /// A new passphrase: `$WAYMARK_NEW_PASSPHRASE` (which must meet the rule), else asked twice.
    public func newPassphrase(asking ask: (String) -> String?, prompt: String = "New passphrase: ") throws -> String {
        if let given = environment["WAYMARK_NEW_PASSPHRASE"], !given.isEmpty {
            if let problem = PassphraseRule.problem(given) { throw HomeError.newEnvironmentPassphraseTooShort(problem) }
            return given
        }
        guard let typed = ask(prompt) else { throw HomeError.noNewPassphrase }
        return try Home.confirmed(typed, asking: ask)
    }

    /// A new passphrase typed at a prompt: it must meet the rule and be typed again alike.
    public static func confirmed(_ first: String, asking ask: (String) -> String?) throws -> String {
        try PassphraseRule.check(first)
        guard ask("Type it again: ") == first else { throw HomeError.passphrasesDiffer }
        return first
    }

    /// Wraps the case store's key under a new passphrase: the current one from `$WAYMARK_PASSPHRASE`
    /// or asked, the new one from `$WAYMARK_NEW_PASSPHRASE` (which must meet the rule) or asked twice.
    public func changePassphrase(asking ask: (String) -> String?) throws {
        guard hasCaseStore else { throw HomeError.noCaseStore }
        let definitions = try definitions()
        guard let current = environmentPassphrase ?? ask("Current passphrase: ") else { throw HomeError.noPassphraseToChange }
        let store = try openCases(passphrase: current, definitions: definitions).store
        let new = try newPassphrase(asking: ask)
        guard new != current else { throw HomeError.samePassphrase }
        try store.changePassphrase(to: new)
    }

}

#if DEBUG
/// A clock running a fixed interval ahead of another (the tests' `WAYMARK_TEST_HOURS_AHEAD`).
struct AheadOfTime: TimeSource {
    let base: any TimeSource
    let seconds: TimeInterval

    init(_ base: any TimeSource, seconds: TimeInterval) {
        self.base = base
        self.seconds = seconds
    }

    func now() -> Date { base.now().addingTimeInterval(seconds) }
}
#endif
