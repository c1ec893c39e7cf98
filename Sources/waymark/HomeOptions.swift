import ArgumentParser
import Casework
import Directory
import Foundation
import Home
import Terminal

/// The `--home` option, declared on the root command and on every subcommand, so that it is
/// accepted before or after the subcommand.
///
/// The parser hands every `--home` on the line to each command that declares it; the values are
/// kept as a list so that two different folders are caught (a usage error, exit 64) instead of
/// the last one silently winning.
struct HomeOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The folder that holds Waymark's data.", valueName: "dir"))
    var home: [String] = []

    func validate() throws {
        let named = Set(home)
        if named.count > 1 {
            throw ValidationError("--home names \(named.count) folders (\(named.sorted().map { "'\(Sanitized.short($0))'" }.joined(separator: ", "))): give one")
        }
    }

    @Option(name: .long, help: ArgumentHelp("The account to unlock the case store as (else $WAYMARK_ACCOUNT, else the home's only account).",
                                            valueName: "name"))
    var account: [String] = []

    /// The folder named; nil when `--home` was not given.
    var folder: String? { home.last }
}

/// A command that works in a home: `--home` given before the subcommand reaches it through the root command.
protocol HomeCommand: ParsableCommand {
    /// `--home` as this command declares it.
    var home: HomeOptions { get }
    /// The root command, which declares `--home` before the subcommand.
    var root: Waymark { get }
}

extension HomeCommand {
    /// The home this command works in (`--home` before or after the subcommand, else the
    /// environment's); what opening it has to say goes to standard error.
    func openHome() throws -> Home {
        var opened = Home(explicit: home.folder ?? root.home.folder, notify: { Output.error("waymark: \($0)") })
        if let named = home.account.last ?? root.home.account.last { opened.account = named }
        return opened
    }
}

extension Home {
    /// Opens the case store with `$WAYMARK_PASSPHRASE`, else asking at the controlling terminal.
    func openCases() throws -> CaseStore {
        try openCases(asking: ControllingTerminal.readSecret)
    }
}
