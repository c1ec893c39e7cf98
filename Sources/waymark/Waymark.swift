import App
import ArgumentParser
import Casework
import Directory
import Exchange
import Foundation
import Home
import Terminal

/// Waymark: find who can help a person, and refer them safely.
@main
struct Waymark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "waymark",
        abstract: "An offline referral directory for counter-trafficking work.",
        discussion: """
            Find the service providers that can take a person, by place, service type, sex and age. \
            Data lives in a home folder: --home DIR, else $WAYMARK_HOME, else $XDG_DATA_HOME/waymark, \
            else ~/.local/share/waymark. A new home is seeded with the bundled (fictional) sample directory.

            Exit status: 0 done (an empty search included), 1 error or problems found, 3 refused by the SOP gate \
            or an eligibility rule, 4 wrong passphrase, 5 the hand-off log or a record in the case store does not verify, 64 usage error.
            """,
        version: "0.1.0",
        subcommands: [UI.self, Search.self, RouteCommand.self, GapsCommand.self, AreasCommand.self, CaseCommand.self, CasesCommand.self, ReferralCommand.self, ReferralsCommand.self,
                      LogCommand.self, ReportCommand.self, OperatorCommand.self, PassphraseCommand.self, SOPCommand.self, Import.self, Export.self, Validate.self,
                      ServiceCommand.self, OrganizationCommand.self, StaleCommand.self, ChangesCommand.self, UndoCommand.self,
                      KeyCommand.self, TrustCommand.self, BundleCommand.self, ConflictsCommand.self, InboxCommand.self, AccountCommand.self,
                      AccessLogCommand.self, BackupCommand.self, RestoreCommand.self],
        defaultSubcommand: nil
    )

    @OptionGroup var home: HomeOptions

    /// Starts logging, then parses and runs the command; every error ends in its exit status here.
    static func main() {
        WaymarkLogging.bootstrap()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: reported(error))
        }
    }

    /// Says what went wrong and gives the documented exit status: 3 refused by the SOP gate or an
    /// eligibility rule, 4 a wrong passphrase, 5 a log or a record that does not verify, 1 another error.
    /// Usage errors (64) and `ExitCode`s pass through to swift-argument-parser.
    static func reported(_ error: any Error) -> any Error {
        switch error {
        case CaseworkError.wrongPassphrase:
            Output.error("waymark: \(error)")
            return ExitCode(4)
        case BackupError.wrongPassphrase:
            Output.error("waymark: \(error)")
            return ExitCode(4)
        case CaseworkError.logDoesNotVerify, CaseworkError.rowDoesNotVerify:
            Output.error("waymark: \(Sanitized.text(String(describing: error)))")
            return ExitCode(5)
        case CaseworkError.refused(let missing):
            Output.error("Hand-off refused by the SOP: nothing was logged or shared. Still owed:")
            for step in missing { Output.error("  - \(step.stepId): \(Sanitized.text(step.instruction))") }
            return ExitCode(3)
        case CaseworkError.ineligible(let refusal):
            let strings = try? StringTable.bundled()
            for line in strings?.refusalLines(refusal) ?? [String(describing: error)] { Output.error(Sanitized.text(line)) }
            return ExitCode(3)
        case let error as CaseworkError:
            Output.error("waymark: \(Sanitized.text(error.description))")
            return ExitCode(1)
        case let error as HomeError:
            Output.error("waymark: \(Sanitized.text(error.description))")
            return ExitCode(1)
        case let error as BackupError:
            Output.error("waymark: \(Sanitized.text(error.description))")
            return ExitCode(1)
        case let error as DirectoryEditError:
            Output.error("waymark: \(Sanitized.text(error.description))")
            return ExitCode(1)
        case let error as BundleError:
            Output.error("waymark: \(Sanitized.text(error.description))")
            return ExitCode(1)
        case let error as EnvelopeError:
            Output.error("waymark: \(Sanitized.text(error.description))")
            return ExitCode(1)
        case let error as ConflictError:
            Output.error("waymark: \(Sanitized.text(error.description))")
            return ExitCode(1)
        case let error as MergeError:
            Output.error("waymark: \(Sanitized.text(error.description))")
            return ExitCode(1)
        case let error as WaymarkHome.HomeError:
            Output.error("waymark: \(Sanitized.text(error.description))")
            return ExitCode(1)
        default:
            return error
        }
    }

    func run() throws {
        let home = Home(explicit: home.folder, notify: { Output.error("waymark: \($0)") })
        try UI.open(home: home, lockAfter: try UI.lockAfter(option: nil, environment: home.environment))
    }
}

/// Opens the terminal UI on the home's directory.
struct UI: HomeCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui",
        abstract: "Open the terminal UI (what `waymark` with no subcommand does).",
        discussion: """
            Browse the directory: / searches, Tab moves between search, filters and results, Enter opens a \
            service, ? shows the keys, q quits. Needs a terminal of at least 80x24. \
            Referrals (n, then r on a pathway step; R lists them) open the encrypted case data: its passphrase is \
            asked once per session, or taken from $WAYMARK_PASSPHRASE when set.

            The UI locks after 5 minutes without a key (L locks at once): case data leaves the screen and only a \
            typed passphrase brings it back, never $WAYMARK_PASSPHRASE. --lock-after, else $WAYMARK_LOCK_AFTER, \
            sets the minutes (fractions allowed, at most 1440).

            Example: waymark ui --home ~/waymark-training --lock-after 2
            """)

    @OptionGroup var home: HomeOptions
    @ParentCommand var root: Waymark

    @Option(name: .customLong("lock-after"), help: ArgumentHelp("Lock after this many minutes without a key (default 5, or $WAYMARK_LOCK_AFTER).",
                                                                valueName: "minutes"))
    var lockAfter: String?

    func validate() throws {
        if let lockAfter, ScreenLock.idleLimit(minutes: lockAfter) == nil {
            throw ValidationError("--lock-after '\(Sanitized.short(lockAfter))' is not a number of minutes above 0 and at most 1440")
        }
    }

    func run() throws {
        let home = try openHome()
        try UI.open(home: home, lockAfter: try Self.lockAfter(option: lockAfter, environment: home.environment))
    }

    /// The idle limit: the option's minutes, else `$WAYMARK_LOCK_AFTER`'s, else five minutes. A malformed value is refused.
    static func lockAfter(option: String?, environment: [String: String]) throws -> TimeInterval {
        if let option { return ScreenLock.idleLimit(minutes: option) ?? ScreenLock.defaultIdleLimit }
        guard let value = environment["WAYMARK_LOCK_AFTER"], !value.isEmpty else { return ScreenLock.defaultIdleLimit }
        guard let limit = ScreenLock.idleLimit(minutes: value) else {
            Output.error("waymark: WAYMARK_LOCK_AFTER '\(Sanitized.short(value))' is not a number of minutes above 0 and at most 1440")
            throw ExitCode(1)
        }
        return limit
    }

    /// Seeds the home if needed, then runs the UI on the real terminal, locking after `lockAfter` seconds without a key.
    static func open(home: Home, lockAfter: TimeInterval) throws {
        // Say why the UI cannot start before touching the store or the terminal.
        do {
            try NcursesBackend.checkUsable(environment: ProcessInfo.processInfo.environment,
                                           outputIsTerminal: isatty(STDOUT_FILENO) == 1, inputIsTerminal: isatty(STDIN_FILENO) == 1)
        } catch {
            Output.error("waymark: \(error)")
            Output.error("The other commands work without a terminal: see waymark --help.")
            throw ExitCode(1)
        }
        // Open the terminal before the store, so an unknown terminal type is refused before a
        // new home is created and seeded.
        var backend = NcursesBackend()
        do {
            try backend.start()
        } catch {
            Output.error("waymark: \(error)")
            throw ExitCode(1)
        }
        defer { backend.stop() }
        let store = try home.openDirectory()
        let strings = try StringTable.bundled()
        // A malformed SOP file must not keep the directory from opening: the runner reads the
        // definitions again when case data is first touched, and shows the file's error then.
        let sop = try? home.definitions()
        try AppRunner(store: store, home: home.url, sop: sop, caseOptions: home.caseOptions(),
                      environmentPassphrase: home.environmentPassphrase, lockAfter: lockAfter, account: home.account).run(&backend, strings: strings)
    }
}
