import ArgumentParser
import Casework
import Directory
import Foundation
import Home
import Terminal

/// The workers of a home: an account each, with a role and a passphrase of their own.
struct AccountCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account",
        abstract: "The home's accounts: one per worker, each with a role (responder, coordinator, supervisor) and its own passphrase.",
        subcommands: [Add.self, List.self, Edit.self, Remove.self, RotateKeys.self, RecoveryKeyCommand.self, Recover.self])

    /// Adds an account (a coordinator's action).
    struct Add: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a worker's account: its passphrase is asked twice (the new worker types it), or $WAYMARK_NEW_PASSPHRASE.",
            discussion: "Example: waymark account add --name \"Ion Rusu\" --organization \"Linia Verde\" --organization-id org-linia --role responder")

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark
        @Option(help: "The worker's name: what they sign in with and forms carry.") var name: String
        @Option(help: "responder, coordinator or supervisor.") var role: String
        @Option(help: "The worker's organization.") var organization: String?
        @Option(name: .customLong("organization-id"), help: ArgumentHelp("The organization's id in the directory.", valueName: "org-id"))
        var organizationId: String?
        @Option(help: "A work phone (printed on every form).") var phone: String?
        @Option(help: "A work e-mail (printed on every form).") var email: String?

        func run() throws {
            guard let chosen = Role(word: role) else {
                throw ValidationError("--role must be responder, coordinator or supervisor (not '\(Sanitized.short(role))')")
            }
            let home = try openHome()
            let cases = try home.openCases()
            try cases.permit(.accounts)
            let passphrase = try home.newPassphrase(asking: ControllingTerminal.readSecret, prompt: "Passphrase for \(name): ")
            let added = try cases.addAccount(name: name, role: chosen, organization: organization, organizationId: organizationId, phone: phone,
                                             email: email, passphrase: passphrase)
            print("Account \(added.name) added, a \(added.role.rawValue). They sign in with --account \"\(added.name)\" or $WAYMARK_ACCOUNT.")
        }
    }

    /// Lists the accounts.
    struct List: HomeCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the home's accounts and their roles.",
                                                        discussion: "Example: waymark account list --json")

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark
        @Flag(help: "Print one JSON document.") var json = false

        func run() throws {
            let cases = try openHome().openCases()
            let accounts = try cases.accounts()
            if json { return try Output.json(accounts) }
            print(Output.table(["NAME", "ROLE", "ORGANIZATION", "ADDED"], accounts.map { account in
                [Sanitized.short(account.name), account.isRecovery ? "recovery key" : account.role.rawValue,
                 Sanitized.short(account.organization ?? "-"), account.createdAt.formatted(.iso8601.year().month().day())]
            }, widths: [24, 13, 30, 10]))
        }
    }

    /// Edits the signed-in account (what `operator set` did).
    struct Edit: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Change your own account's name, organization and contact; asks your passphrase.",
            discussion: "Example: waymark account edit --name \"Ana Popescu\" --organization \"Linia Verde\" --phone \"+373 22 000 000\"")

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark
        @OptionGroup var fields: AccountFields

        func run() throws {
            try fields.apply(try openHome().openCases())
        }
    }

    /// Removes an account and replaces every key it held.
    struct Remove: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove",
            abstract: "Remove an account: the data, integrity and coordinator keys are replaced, so its old passphrase opens nothing written after.",
            discussion: "Example: waymark account remove \"Ion Rusu\"")

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark
        @Argument(help: "The account's name.") var name: String

        func run() throws {
            let cases = try openHome().openCases()
            let removed = try cases.accounts().first { $0.name == name }
            try cases.removeAccount(named: name)
            print("Account \(Sanitized.short(name)) removed. Every key it held was replaced; the logs record the rotation.")
            if removed?.role == .coordinator {
                print("It was a coordinator's, which could have copied the organization's signing key: run `waymark key rotate` too.")
            }
        }
    }

    /// Replaces every key, removing nobody.
    struct RotateKeys: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-keys",
            abstract: "Replace the data, integrity and coordinator keys as a removal does, removing nobody (after moving a home from one shared passphrase to accounts).",
            discussion: "Example: waymark account rotate-keys")

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark

        func run() throws {
            try openHome().openCases().rotateKeys()
            print("Every key was replaced; every account keeps its passphrase. The logs record the rotation.")
        }
    }

    /// Prints a new recovery key.
    struct RecoveryKeyCommand: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "recovery-key",
            abstract: "Make the printed recovery key (a coordinator slot of its own) for when every passphrase is lost; replaces any earlier one.",
            discussion: "Print it, keep the paper locked away, and do not store it on this machine. Example: waymark account recovery-key")

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark

        func run() throws {
            let key = try openHome().openCases().makeRecoveryKey()
            print("Recovery key (shown once; write it down or print it, and keep it locked away):")
            print("")
            print("    \(key)")
            print("")
            print("With it a coordinator gives an account a new passphrase: waymark account recover NAME")
        }
    }

    /// Gives an account a new passphrase with the recovery key.
    struct Recover: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "recover",
            abstract: "Give an account a new passphrase using the printed recovery key (asked, or $WAYMARK_RECOVERY_KEY).",
            discussion: "Example: waymark account recover \"Ana Popescu\"")

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark
        @Argument(help: "The account whose passphrase was lost.") var name: String

        func run() throws {
            var home = try openHome()
            home.account = Account.recoveryName
            let typed = home.environment["WAYMARK_RECOVERY_KEY"].flatMap { $0.isEmpty ? nil : $0 } ?? ControllingTerminal.readSecret(prompt: "Recovery key: ")
            guard let typed else { throw ValidationError("no recovery key was given") }
            let cases = try home.openCases(passphrase: RecoveryKey.normalized(typed)).store
            let passphrase = try home.newPassphrase(asking: ControllingTerminal.readSecret, prompt: "New passphrase for \(name): ")
            try cases.resetPassphrase(of: name, to: passphrase)
            print("Account \(Sanitized.short(name)) has a new passphrase. The recovery key still works; make a new one if it was exposed.")
        }
    }
}

/// What `account edit` (and its old name, `operator set`) changes of your own account.
struct AccountFields: ParsableArguments {
    @Option(help: "Your name, as receiving organizations will read it.") var name: String?
    @Option(help: "Your organization.") var organization: String?
    @Option(help: "A work phone the receiving organization may call (printed on every form).") var phone: String?
    @Option(help: "A work e-mail (printed on every form).") var email: String?
    @Option(name: .customLong("organization-id"),
            help: ArgumentHelp("Your organization's id in the directory: the publisher your bundles name.", valueName: "org-id"))
    var organizationId: String?

    /// Writes the fields given to the signed-in account and says so.
    func apply(_ cases: CaseStore) throws {
        let edited = try cases.editAccount(name: name, organization: organization, organizationId: organizationId, phone: phone, email: email)
        print("Account \(edited.name) (\(edited.organization ?? "no organization yet")): set.")
    }
}

/// The access log: who unlocked, opened a case's identifying data, printed, saved or sent a form, exported.
struct AccessLogCommand: HomeCommand {
    static let configuration = CommandConfiguration(
        commandName: "access-log",
        abstract: "Show the access log (supervisors and coordinators): every unlock, opening of identifying data, form and export.",
        discussion: "Example: waymark access-log --case WM-7K3Q-M9TX")

    @OptionGroup var home: HomeOptions
    @ParentCommand var root: Waymark
    @Option(name: .customLong("case"), help: "Only this case's entries.") var caseCode: String?
    @Flag(help: "Print one JSON document.") var json = false

    func run() throws {
        let cases = try openHome().openCases()
        let entries = try cases.accessLog(case: caseCode)
        if json { return try Output.json(entries) }
        print(Output.table(["WHEN", "WHAT", "CASE", "WHO", "DETAIL"], entries.map { entry in
            [entry.at.formatted(.iso8601), entry.kind, entry.caseCode, Sanitized.short(entry.operatorName), Sanitized.short(entry.status ?? "")]
        }, widths: [20, 14, 14, 20, 30]))
    }
}
