import ArgumentParser
import Casework
import Directory
import Exchange
import Foundation
import Home

/// Referrals sent to this organization as envelopes: import them, list them, answer them.
struct InboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inbox",
        abstract: "Incoming referrals: import an envelope (a referral, an answer, a withdrawal), list them, answer the sender.",
        subcommands: [List.self, ImportEnvelope.self, Respond.self],
        defaultSubcommand: List.self)

    /// Lists incoming referrals.
    struct List: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the referrals other organizations sent here, newest first.",
            discussion: """
                --json prints objects with referral_id, from, received_at, status, case_code and steps_done.

                Example: waymark inbox --json
                """)

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark
        @Flag(help: "Print one JSON document.") var json = false

        func run() throws {
            let incoming = try openHome().openCases().incomingReferrals()
            if json { return try Output.json(incoming) }
            guard !incoming.isEmpty else {
                print("No incoming referrals. An envelope another organization sent is imported with `waymark inbox import FILE`.")
                return
            }
            let time = DateFormatter()
            time.dateFormat = "yyyy-MM-dd HH:mm"
            time.timeZone = TimeZone(identifier: "UTC")
            let rows = incoming.map {
                [$0.referralId, Sanitized.text($0.from), time.string(from: $0.receivedAt), $0.status.rawValue, $0.caseCode]
            }
            print(Output.table(["REFERRAL", "FROM", "RECEIVED (UTC)", "STATUS", "CASE"], rows, widths: [12, 24, 17, 16, 14]))
        }
    }

    /// Imports an envelope.
    struct ImportEnvelope: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Open an envelope sent to this organization and do what it says.",
            discussion: """
                A referral becomes an incoming referral: a case here with exactly what the sender shared (sealed like every \
                case), the steps the sender recorded shown as done by it, consent never carried over. An answer moves the \
                referral you sent. A withdrawal erases what was shared, unless it was shared by legal duty or \
                --in-care-consents (the person is in your care and consents to you directly). Every refusal exits 1 naming \
                the envelope field that failed and writes nothing; an envelope imported before says so and exits 0.

                Example: waymark inbox import /media/usb/R-7K3QM9TX.envelope
                """)

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark
        @Argument(help: ArgumentHelp("The envelope file.", valueName: "file")) var file: String
        @Flag(name: .customLong("in-care-consents"),
              help: "For a withdrawal: the person is in this organization's care and consents to it directly, so the case is kept.")
        var inCareConsents = false

        func run() throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                Output.error("waymark: cannot read \(file).")
                throw ExitCode(1)
            }
            let home = try openHome()
            let cases = try home.openCases()
            switch try EnvelopeReceiver.run(data, cases: cases, directory: try home.openDirectory(), personInCareConsents: inCareConsents) {
            case .referral(.created(let incoming)):
                print("Incoming referral \(incoming.referralId) from \(Sanitized.text(incoming.from)): case \(incoming.caseCode).")
                if !incoming.stepsDone.isEmpty {
                    print("Done by \(Sanitized.text(incoming.from)): " + incoming.stepsDone.map(\.step).joined(separator: ", ")
                          + " — do not ask the person their story again.")
                }
                let screenedHere = try cases.summary(incoming.caseCode).steps.contains { $0.stepId.rawValue == "screening" }
                if screenedHere {
                    print("Its screening came with the form: it counts here for an onward referral.")
                } else if incoming.stepsDone.contains(where: { $0.step == "screening" }) {
                    print("Its screening answers were not shared under the person's consent: an onward referral from here needs "
                          + "this home's own screening record.")
                }
                print("Answer with `waymark inbox respond \(incoming.referralId) acknowledged --out FILE`.")
            case .referral(.alreadyImported(let incoming)):
                print("Already imported: referral \(incoming.referralId) is case \(incoming.caseCode). Nothing was changed.")
            case .feedback(let applied):
                if applied.alreadyApplied {
                    print("Already imported: referral \(applied.referral.id) is \(applied.referral.status.rawValue). Nothing was changed.")
                } else {
                    print("Referral \(applied.referral.id) is now \(applied.referral.status.rawValue), as \(Sanitized.text(applied.referral.organizationName)) answered.")
                }
                if let note = applied.note { print(Sanitized.text(note)) }
            case .withdrawal(let referral, let outcome):
                print("Withdrawal of referral \(referral): \(outcome.text).")
            }
        }
    }

    /// Answers an incoming referral.
    struct Respond: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "respond",
            abstract: "Answer an incoming referral (acknowledged, accepted, declined, service-started, closed): an envelope for the sender.",
            discussion: """
                declined needs --reason (no-capacity, not-eligible, person-declined, no-show or other); closed needs --outcome. \
                The file is sealed to the sending organization; carry it back the way the referral came.

                Example: waymark inbox respond R-7K3QM9TX accepted --out /media/usb/R-7K3QM9TX-accepted.envelope
                """)

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark
        @Argument(help: "The incoming referral's id.") var referralId: String
        @Argument(help: "The answer (not with --again).") var status: ReferralStatus?
        @Flag(help: "Write the latest answer again (its file was lost or never reached the sender).") var again = false
        @Option(help: ArgumentHelp("For declined: the reason code.", valueName: "code")) var reason: DeclineReason?
        @Option(help: ArgumentHelp("For declined: what the reason was, without names (needed for other; sealed with the case, kept here).",
                                   valueName: "text")) var note: String?
        @Option(help: ArgumentHelp("For closed: service-received, lost-contact, transferred or withdrawn.", valueName: "outcome"))
        var outcome: ReferralOutcome?
        @Option(help: ArgumentHelp("The envelope file to write (must not exist).", valueName: "file")) var out: String

        func validate() throws {
            if again {
                if status != nil || reason != nil || outcome != nil || note != nil { throw ValidationError("--again takes no answer: it writes the latest one") }
                return
            }
            guard let status, [.acknowledged, .accepted, .declined, .serviceStarted, .closed].contains(status) else {
                throw ValidationError("answer acknowledged, accepted, declined, service-started or closed (or --again)")
            }
            if (reason != nil || note != nil) && status != .declined { throw ValidationError("--reason and --note go only with declined") }
            if outcome != nil && status != .closed { throw ValidationError("--outcome goes only with closed") }
        }

        func run() throws {
            let url = try EnvelopeFile.destination(out)
            let home = try openHome()
            let cases = try home.openCases()
            let directory = try home.openDirectory()
            // Everything the answer's envelope needs is read first: a sender with no referral key refuses before anything is recorded.
            let sealer = try EnvelopeSender.answerSealer(for: referralId, cases: cases, directory: directory)
            guard let status else {
                guard let latest = try cases.latestAnswer(referralId) else {
                    throw CaseworkError.invalidInput("Referral \(referralId) has no answer yet to write again: answer it first.")
                }
                try sealer.seal(latest).write(to: url)
                print("The latest answer to \(referralId) (\(latest.status.rawValue)) is in \(out) again, sealed to the sender.")
                return
            }
            // The envelope is written inside the answer's transaction: if it cannot be, the answer is not recorded.
            _ = try cases.respond(to: referralId, status: status, declineReason: reason, outcome: outcome, note: note) { notice in
                try sealer.seal(notice).write(to: url)
            }
            print("Referral \(referralId) is \(status.rawValue) here. The answer is in \(out), sealed to the sender.")
        }
    }
}

/// Writing envelope files: never over another file (the rule is the domain's, `Envelope.destination` and `Envelope.write`).
enum EnvelopeFile {
    /// The file to write, refused (a usage error, before anything is opened) when something is there.
    static func destination(_ path: String) throws -> URL {
        do {
            return try Envelope.destination(path)
        } catch {
            throw ValidationError(error.description)
        }
    }
}
