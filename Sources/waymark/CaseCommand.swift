import ArgumentParser
import Casework
import Directory
import Foundation
import Home
import SOP
import Terminal

/// Cases: open one, identify the person, record SOP steps and decisions, show, notify, erase.
struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "Open and work a case: pseudonymous code, SOP steps, identifying data kept encrypted.",
        discussion: """
            The case store asks for its passphrase (or reads $WAYMARK_PASSPHRASE). Identifying data is never \
            taken from arguments. Exit status: 0 done, 1 error, 4 wrong passphrase.
            """,
        subcommands: [Open.self, Update.self, Decision.self, Outcome.self, Identify.self, Record.self, Show.self, Notify.self, WithdrawConsent.self, Erase.self])

    /// Opens a case.
    struct Open: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "open",
            abstract: "Open a case for a person, described only by what eligibility depends on.",
            discussion: "Example: waymark case open --area XA0101 --sex female --age 16 --channel self-hotline --json")

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark
        @OptionGroup var person: ProfileOptions
        @OptionGroup var identifying: IdentifyingArguments
        @Option(help: ArgumentHelp("How the case came in (self-hotline, police, outreach, ngo, ...).", valueName: "code")) var channel: String?
        @Option(name: .customLong("first-contact"), help: ArgumentHelp("When the person first got in touch (default: now).",
                                                                     valueName: "YYYY-MM-DDTHH:MM[:SS][Z]")) var firstContact: String?
        @Flag(help: "Print one JSON document: {\"case_code\": ...}.") var json = false

        func validate() throws {
            if let channel, !CaseVocabulary.channels.contains(channel) {
                throw ValidationError("--channel '\(Sanitized.short(channel))' is not one of: \(CaseVocabulary.channels.joined(separator: ", "))")
            }
            if let firstContact, DateArgument.parse(firstContact) == nil {
                throw ValidationError("--first-contact '\(Sanitized.short(firstContact))' is not a date and time like 2026-03-02T14:30")
            }
        }

        func run() throws {
            let home = try openHome()
            try identifying.refuse(command: "case open")
            let directory = try home.openDirectory()
            let map = try directory.areaMap()
            let profile = try person.profile(in: map, command: "case open")
            let store = try home.openCases()
            let code = try store.openCase(profile: profile, channel: channel, firstContact: firstContact.flatMap(DateArgument.parse),
                                          region: map.areas[profile.area]?.parent)
            if json {
                try Output.json(["case_code": code.rawValue])
            } else {
                print("Opened case \(code.rawValue)\(profile.isPresumedChild ? " (a child: the child pathway applies)" : "").")
                print("Next: waymark case record \(code.rawValue) safety")
            }
        }
    }

    /// Records the identifying data, read from standard input or asked.
    struct Identify: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "identify",
            abstract: "Record the person's name, date of birth, contact and account, encrypted under the case's key.",
            discussion: """
                Read as JSON from standard input, or asked one by one at the terminal; never from arguments. \
                Keys: name, date_of_birth (YYYY-MM-DD), phone, address, narrative, safety_concerns, disability.

                Example: waymark case identify WM-7K3Q-M9TX < identity.json
                """)

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark
        @OptionGroup var identifying: IdentifyingArguments
        @Argument(help: "The case code.") var caseCode: String

        func run() throws {
            let home = try openHome()
            try identifying.refuse(command: "case identify")
            let store = try home.openCases()
            _ = try store.summary(caseCode)
            let identity: Identity
            if isatty(STDIN_FILENO) == 1 {
                var fields: [String: String] = [:]
                for (key, label) in [("name", "Name"), ("date_of_birth", "Date of birth (YYYY-MM-DD)"), ("phone", "Phone"),
                                     ("address", "Address"), ("narrative", "Their account, in a line"),
                                     ("safety_concerns", "Safety concerns"), ("disability", "Disability")] {
                    if let answer = ControllingTerminal.ask("\(label) (Enter to skip): "), !answer.isEmpty { fields[key] = answer }
                }
                identity = try Identity.parse(fields: fields)
            } else {
                let data = FileHandle.standardInput.readDataToEndOfFile()
                identity = try Identity.parse(data)
            }
            guard !identity.isEmpty else {
                Output.error("waymark case identify: nothing was given; nothing was written.")
                throw ExitCode(1)
            }
            let refused = try store.identify(caseCode, identity: identity, directory: try home.openDirectory())
            print("Recorded identifying data for \(caseCode.uppercased()) (encrypted).")
            // A date of birth that shows a child re-runs eligibility: say which open referrals it now refuses.
            RefusedReferralLines.print(refused)
        }
    }

    /// Records a case step.
    struct Record: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "record",
            abstract: "Record an SOP step for the case: safety, screening, age, guardian, legal-representative.",
            discussion: """
                --answers names a JSON file (- reads standard input): for screening the questionnaire's answers, \
                {"set": "adult-labour", "answers": {"al-dr-nature-of-job": "yes", ...}} with yes, no or declined; \
                for age {"basis": "stated|estimated|assessed|disputed", "years": 16} or "from"/"to" (an assessed age \
                adds "assessed_by", "assessed_on" YYYY-MM-DD and "assessment_method"; only it lifts the presumption \
                of minority); for the guardian {"relationship": "...", "appointed_by": "...", \
                "suspected_of_involvement": "yes|no", "name": "..."} (a suspected guardian cannot consent); for an \
                adult's legal representative {"name": "...", "appointed_by": "...", "basis": "..."}; for the others \
                plain answers such as {"in_danger": "no"}. The child's views are recorded per referral:
                waymark referral record REF child-views.

                Example: waymark case record WM-7K3Q-M9TX screening --answers screening.json
                """)

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark
        @Argument(help: "The case code.") var caseCode: String
        @Argument(help: "The step id.") var step: String
        @Option(help: ArgumentHelp("The step's answers as JSON.", valueName: "file")) var answers: String?

        func run() throws {
            let home = try openHome()
            let store = try home.openCases()
            _ = try store.summary(caseCode)
            let details = try AnswersFile.details(step: step, path: answers, questionnaire: store.options.questionnaire)
            try store.recordCaseStep(caseCode, step: step, details: details)
            let summary = try store.summary(caseCode)
            let recorded = summary.steps.last { $0.stepId.rawValue == step && $0.referralId == nil }
            print("Recorded \(step) for \(summary.file.code)\(recorded.map { ": \($0.summary)" } ?? "").")
            if !summary.owed.isEmpty { print("Still owed for the case: " + summary.owed.map(\.stepId.rawValue).joined(separator: ", ")) }
        }
    }

    /// Shows a case.
    struct Show: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a case: its profile, the steps done and owed, its referrals (never its identifying data).",
            discussion: "Example: waymark case show WM-7K3Q-M9TX --json")

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark
        @Argument(help: "The case code.") var caseCode: String
        @Flag(help: "Print one JSON document.") var json = false

        func run() throws {
            let home = try openHome()
            let store = try home.openCases()
            let summary = try store.summary(caseCode)
            let owedByReferral = try summary.referrals.filter { $0.status == .draft }.map { ($0.id, try store.stepsOwed($0.id)) }
            if json {
                try Output.json(CaseJSON(summary, owedByReferral: Dictionary(uniqueKeysWithValues: owedByReferral), procedure: store.procedureInForce))
            } else {
                print(CaseText.render(summary, owedByReferral: owedByReferral, procedure: store.procedureInForce))
                // A case that came in an envelope: what the sender already did, so nobody asks the person again.
                if let incoming = try store.incomingReferrals().first(where: { $0.caseCode == summary.file.code }) {
                    print("")
                    print("Received from \(Sanitized.text(incoming.from)) (referral \(incoming.referralId), \(incoming.status.rawValue))")
                    for line in incoming.stepsDoneText { print("  • \(Sanitized.text(line))") }
                }
            }
        }
    }

    /// Records an anonymous notification.
    struct Notify: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "notify",
            abstract: "Record an anonymous notification for an adult who refuses a referral: no identifying field, no case code.",
            discussion: """
                Once per case. It carries its own random id, the nationality, where and when the exploitation took \
                place (a region and a year, never an address), the exploitation types, sex and age band.

                Example: waymark case notify WM-7K3Q-M9TX --exploited-in "XB01" --exploited-year 2025
                """)

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark
        @Argument(help: "The case code.") var caseCode: String
        @Option(name: .customLong("exploited-in"), help: ArgumentHelp("Where the exploitation took place: a region or country.", valueName: "region"))
        var exploitedIn: String?
        @Option(name: .customLong("exploited-year"), help: ArgumentHelp("The year it took place.", valueName: "YYYY")) var exploitedYear: Int?
        @Flag(help: "Print the notification as JSON.") var json = false

        func run() throws {
            let home = try openHome()
            let store = try home.openCases()
            let notification = try store.notify(caseCode, exploitedIn: exploitedIn, exploitedYear: exploitedYear)
            if json {
                print(String(decoding: try notification.json(), as: UTF8.self))
            } else {
                print(notification.text, terminator: "")
            }
        }
    }

    /// Updates what eligibility depends on.
    struct Update: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "update",
            abstract: "Update a case's profile: only the options given change (e.g. --facing-charges yes, --police will).",
            discussion: """
                The profile is sealed under the case's key; the case records which facts changed, never their values.
                --facing-charges yes adds a legal-aid need by rule when routing (non-punishment, CoE Art. 26).

                Example: waymark case update WM-7K3Q-M9TX --facing-charges yes --interpreter-needed th
                """)

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark
        @OptionGroup var person: ProfileOptions
        @OptionGroup var identifying: IdentifyingArguments
        @Argument(help: "The case code.") var caseCode: String

        func run() throws {
            let home = try openHome()
            try identifying.refuse(command: "case update")
            let directory = try home.openDirectory()
            let map = try directory.areaMap()
            if let area = person.area, map.areas[area] == nil {
                Output.error("waymark case update: unknown area '\(Sanitized.short(area))': use a P-code from the directory")
                throw ExitCode(1)
            }
            let store = try home.openCases()
            let (updated, refused) = try store.updateProfile(caseCode, region: person.area.flatMap { map.areas[$0]?.parent },
                                                             directory: directory) { profile in
                do { try person.update(&profile) } catch { throw CaseworkError.invalidInput(String(describing: error)) }
            }
            print("Updated case \(caseCode.uppercased())\(updated.isPresumedChild ? " (a child: the child pathway applies)" : "").")
            if updated.facingCharges == .yes { print("Faces charges or detention: routing adds a legal-aid need by rule.") }
            RefusedReferralLines.print(refused)
        }
    }

    /// Withdraws every consent of a case.
    struct WithdrawConsent: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "withdraw-consent",
            abstract: "Stop sharing with everyone: withdraw every consent of the case at once, logged.",
            discussion: """
                Each referral already sent becomes withdrawn; drafts can no longer be handed off on those consents.

                Example: waymark case withdraw-consent WM-7K3Q-M9TX
                """)

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark
        @Argument(help: "The case code.") var caseCode: String

        func run() throws {
            let home = try openHome()
            let store = try home.openCases()
            let count = try store.withdrawAllConsents(case: caseCode)
            print("Withdrew \(count) consent\(count == 1 ? "" : "s") for \(caseCode.uppercased()): nothing more will be shared with anyone.")
        }
    }

    /// Erases a case.
    struct Erase: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "erase",
            abstract: "Erase a case: its key is destroyed, so its identifying data and forms can never be read again.",
            discussion: """
                The case's codes, dates and statuses stay for the report and the log, which still verifies. \
                At a terminal you are asked to type the code again; without one (a script), give --yes, \
                or nothing is erased.

                Example: waymark case erase WM-7K3Q-M9TX
                """)

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark
        @Argument(help: "The case code.") var caseCode: String
        @Flag(help: "Erase without asking to type the code again (for scripts).") var yes = false

        func run() throws {
            let home = try openHome()
            let store = try home.openCases()
            let code = try store.summary(caseCode).file.code
            if !yes && isatty(STDIN_FILENO) != 1 {
                Output.error("waymark case erase: erasing cannot be undone, and there is no terminal to confirm it on; "
                    + "run it at a terminal, or add --yes. Nothing was erased.")
                throw ExitCode(1)
            }
            if !yes {
                let typed = ControllingTerminal.ask("This cannot be undone. Type the case code to erase it: ")
                guard typed?.trimmingCharacters(in: .whitespaces).uppercased() == code else {
                    Output.error("waymark case erase: the code did not match; nothing was erased.")
                    throw ExitCode(1)
                }
            }
            try store.erase(code)
            print("Erased \(code): its identifying data can no longer be read. The log and the report keep its codes.")
        }
    }
}

/// Dates given as arguments: `2026-03-02`, `2026-03-02T14:30`, with seconds or `Z`; read as UTC.
enum DateArgument {
    static func parse(_ text: String) -> Date? {
        let formats = ["yyyy-MM-dd'T'HH:mm:ssXXXXX", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd"]
        for format in formats {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
