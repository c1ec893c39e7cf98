import App
import ArgumentParser
import Casework
import Directory
import Foundation
import Home
import SOP

/// Referrals: create, record steps and consent, hand off, print the form, move through the lifecycle.
struct ReferralCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "referral",
        abstract: "Make a referral: SOP steps and consent, the hand-off, the form, the lifecycle.",
        discussion: """
            The eligibility rules routing proposes with are applied again when a referral is made and inside \
            its hand-off, to the service as it is now and the case's current profile. A protective reason \
            (sex, age, adult-only, child-only, exploitation, unaccompanied, dependents, inactive, a closed \
            facility not accepted, a police condition the person has not agreed to, a nationality condition) \
            refuses it, and no override lifts it. A practical obstacle (no-capacity, closed-at-time, \
            out-of-area, unreachable, legal residence or formal identification required) is a warning when \
            the referral is made and a refusal at the hand-off that --override lifts at emergency priority.

            Exit status: 0 done, 1 error, 3 refused by the SOP gate or an eligibility rule (each missing step \
            or reason printed; nothing written), 4 wrong passphrase, 5 the log does not verify.
            """,
        subcommands: [Create.self, Record.self, Consent.self, Handoff.self, Form.self, Update.self, Send.self])

    /// Creates a draft referral.
    struct Create: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Create a draft referral of a case to a service, for one need.",
            discussion: """
                Refused (exit 3, nothing written) when a protective eligibility rule excludes the service for \
                this person (e.g. adult-only for a child): `waymark route --case CASE` finds one that can take them. \
                Practical obstacles (no-capacity, out-of-area, ...) are printed as warnings, and what must be \
                explained to the person is listed: acknowledge it in the risk step before the hand-off.

                --purpose says why, as the form's HTCDS cas_ReasonForOutgoingReferral: additional-services \
                (the default: AdditionalServicesRequired), change-of-location (MigrationOrChangeOfLocation) or other.

                A draft already open for the same case, service and need is continued, not doubled: its id \
                is printed again ("existing_draft": true with --json) and nothing is written.

                --replaces REF links the new referral to a declined referral of the same case it replaces (the \
                report measures the time from a decline to its replacement); refused when REF is not declined \
                or belongs to another case.

                Example: waymark referral create WM-7K3Q-M9TX --service 296f4d62-b794-5bcb-99a6-de932708f6f8 --need shelter --priority emergency --json
                """)

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark
        @Argument(help: "The case code.") var caseCode: String
        @Option(help: ArgumentHelp("The receiving service's id (waymark search shows ids with --json).", valueName: "id")) var service: String
        @Option(help: ArgumentHelp("The need it is for (a service type).", valueName: "code")) var need: String
        @Option(help: "emergency (24 h), urgent (72 h) or normal (14 days).") var priority: ReferralPriority = .normal
        @Option(help: ArgumentHelp("Why: additional-services, change-of-location (moving, or going home) or other; the form's HTCDS reason for referral.",
                                   valueName: "purpose")) var purpose: ReferralPurpose = .additionalServices
        @Option(help: ArgumentHelp("Whether the person needs an escort or safe transport there: yes or no (always asked for an "
                                   + "unaccompanied or separated child).", valueName: "yes|no")) var escort: YesNo?
        @Option(help: ArgumentHelp("The declined referral of this case that this one replaces.", valueName: "REF")) var replaces: String?
        @Flag(help: "Print one JSON document: {\"referral_id\": ...}.") var json = false

        func run() throws {
            let home = try openHome()
            let directory = try home.openDirectory()
            let store = try home.openCases()
            let open = try store.openDraft(case: caseCode, serviceId: service, need: need)
            let referral = try store.createReferral(case: caseCode, serviceId: service, need: need, priority: priority, purpose: purpose,
                                                    escort: escort.map { $0 == .yes }, replaces: replaces, directory: directory)
            let continued = open?.id == referral.id
            let eligibility = try store.eligibility(of: referral.id, directory: directory)
            let warnings = eligibility?.situational.map(\.code) ?? []
            let acknowledge = eligibility?.toAcknowledge ?? []
            if json {
                try Output.json(CreatedJSON(referral_id: referral.id, existing_draft: continued, priority: referral.priority.rawValue,
                                            replaces: referral.replaces,
                                            warnings: warnings, to_acknowledge: acknowledge,
                                            unlawful_condition: eligibility?.unlawfulCondition ?? false))
            } else {
                let strings = try StringTable.bundled()
                let what = "\(referral.need) → \(Sanitized.text(referral.serviceName)) (\(Sanitized.text(referral.organizationName)))"
                print(continued ? "Draft referral \(referral.id) is already open for this case, service and need: continue it (\(what))."
                                : "Created referral \(referral.id): \(what).")
                if let replaced = referral.replaces { print("It replaces the declined referral \(replaced).") }
                if referral.priority != priority {
                    print("Priority: \(referral.priority.rawValue), not \(priority.rawValue): the person is in danger now (the safety step). "
                        + "If a life is at risk: waymark referral handoff \(referral.id) --override \"why\".")
                }
                for code in warnings {
                    print("Warning: \(code): \(strings.reason(code)). The hand-off will be refused unless this changes "
                        + "(only a life at risk, at emergency priority, lifts it with --override).")
                }
                if eligibility?.unlawfulCondition == true {
                    print("Warning: this service makes help depend on police cooperation, which the law forbids here (CoE Art. 12(6)); tell your coordinator.")
                }
                if !acknowledge.isEmpty {
                    print("Explain to the person, then acknowledge in the risk step ({\"acknowledged\": [...]}):")
                    for code in acknowledge { print("  - \(code): \(strings.note(code))") }
                }
                let owed = try store.stepsOwed(referral.id)
                if !owed.isEmpty { print("Owed before the hand-off: " + owed.map(\.stepId.rawValue).joined(separator: ", ")) }
            }
        }

        /// What `--json` prints.
        struct CreatedJSON: Encodable {
            let referral_id: String
            /// Whether the referral is a draft already open for the same case, service and need (nothing new was written).
            let existing_draft: Bool
            /// The referral's priority: emergency whatever was asked when the person is in danger now.
            let priority: String
            /// The declined referral this one replaces, if any.
            let replaces: String?
            /// Practical obstacles (situational reasons) the hand-off will refuse unless they change.
            let warnings: [String]
            /// Codes to explain to the person and acknowledge in the risk step.
            let to_acknowledge: [String]
            let unlawful_condition: Bool
        }
    }

    /// Records a referral step.
    struct Record: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "record",
            abstract: "Record an SOP step for the referral: risk, best-interests, child-views.",
            discussion: """
                risk: {"traffickers": "...", "acknowledged": ["check:requires-formal-identification", "hours-unknown"]} \
                — every note and condition `referral create` listed must be acknowledged before the hand-off. \
                best-interests: {"outcome": "in-the-childs-interest|not-in-the-childs-interest|pending", \
                "decided_by": "...", "decided_on": "YYYY-MM-DD", "procedure": "determination|assessment"} \
                (without "procedure" it is an assessment, which is enough for family tracing only; return, \
                reintegration and consular referrals need a determination). child-views: {"views": "...", \
                "agrees": "yes|no|undecided"}.

                Example: waymark referral record R-7K3QM9TX risk --answers risk.json
                """)

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark
        @Argument(help: "The referral id.") var referralId: String
        @Argument(help: "The step id.") var step: String
        @Option(help: ArgumentHelp("The step's answers as JSON, e.g. {\"traffickers\": \"low\"}.", valueName: "file")) var answers: String?

        func run() throws {
            let home = try openHome()
            let store = try home.openCases()
            _ = try store.referral(referralId)
            let details = try AnswersFile.details(step: step, path: answers, questionnaire: nil)
            try store.recordReferralStep(referralId, step: step, details: details)
            print("Recorded \(step) for \(referralId.uppercased()).")
        }
    }

    /// Records or withdraws consent.
    struct Consent: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "consent",
            abstract: "Record informed consent for this referral's organization and a data scope, or withdraw it.",
            discussion: """
                Consent is informed: --explained must list organization, data, refuse-withdraw and retention, and
                --explained-in the language used; otherwise nothing is recorded (exit 1).

                Scopes: anonymous (alone), or any of basic, contact, screening, safety, narrative. An adult consents personally \
                (--given-by representative only when a legal representative is recorded with \
                `waymark case record CASE legal-representative`). For a child, consent is given by the guardian \
                (never assumed to be a parent; refused when the guardian is suspected of involvement); a child's \
                own assent (--given-by self) is enough for shelter or health care until a guardian is recorded. \
                A child's referral to child protection needs no consent: it is shared by legal duty.

                Example: waymark referral consent R-7K3QM9TX --given-by self --scope basic,contact,safety --explained organization,data,refuse-withdraw,retention --explained-in ro
                """)

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark
        @Argument(help: "The referral id.") var referralId: String
        @Option(name: .customLong("given-by"), help: "self, guardian or representative.") var givenBy: ConsentGiver?
        @Option(help: ArgumentHelp("What may be shared, comma-separated.", valueName: "scope,...")) var scope: ScopeList?
        @Option(help: ArgumentHelp("What was explained to the person, every item: organization (the organization and service), "
                                   + "data (what is shared), refuse-withdraw (the right to refuse and withdraw), retention (how long it is kept).",
                                   valueName: "item,...")) var explained: String?
        @Option(name: .customLong("explained-in"), help: ArgumentHelp("The language the consent was explained in.", valueName: "code"))
        var explainedIn: String?
        @Option(help: ArgumentHelp("The interpreter's language, if one was used.", valueName: "code")) var interpreter: String?
        @Flag(help: "Withdraw the consent: nothing more may be shared.") var withdraw = false

        func validate() throws {
            if withdraw {
                if givenBy != nil || scope != nil || interpreter != nil || explained != nil || explainedIn != nil {
                    throw ValidationError("--withdraw stands alone")
                }
                return
            }
            if givenBy == nil { throw ValidationError("give --given-by: self, guardian or representative") }
            if scope == nil { throw ValidationError("give --scope, e.g. --scope basic,contact (or anonymous)") }
        }

        func run() throws {
            let home = try openHome()
            let store = try home.openCases()
            if withdraw {
                try store.withdrawConsent(referralId)
                print("Consent withdrawn for \(referralId.uppercased()): nothing more will be shared.")
                return
            }
            guard let givenBy, let scopes = scope?.scopes else { return }
            var items: Set<ConsentExplanation> = []
            for part in (explained ?? "").split(separator: ",") {
                let code = part.trimmingCharacters(in: .whitespaces)
                guard let item = ConsentExplanation(rawValue: code) else {
                    Output.error("waymark referral consent: --explained '\(Sanitized.short(code))' is not one of organization, data, refuse-withdraw, retention; nothing was recorded.")
                    throw ExitCode(1)
                }
                items.insert(item)
            }
            let id = try store.giveConsent(referralId, givenBy: givenBy, scopes: scopes, explained: items,
                                           explainedIn: explainedIn ?? "", interpreterLanguage: interpreter)
            // What the form would carry now, on the referral's legal basis (a child's assent carries less than its scope).
            let (fields, legalBasis) = try store.sharedFields(referralId, directory: try home.openDirectory())
            print("Consent \(id) recorded for \(referralId.uppercased()). The form may carry: \(fields.joined(separator: ", "))"
                + (legalBasis == LegalBasis.childAssent.rawValue ? " (on the child's own assent: basic and safety facts only)." : "."))
        }
    }

    /// Logs the hand-off.
    struct Handoff: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "handoff",
            abstract: "Log the hand-off, if the SOP gate clears it; writes the form and the log entry in one step.",
            discussion: """
                Refused (exit 3, nothing written) while any step is owed, while a protective eligibility rule \
                excludes the service for the person as they are now, while a practical obstacle stands, or while \
                a note or condition routing reported is not acknowledged in the risk step; each is printed with \
                what to do. --override is for a life at risk, at emergency priority only: it lifts owed steps \
                (never best interests or a withdrawn consent), practical obstacles and acknowledgements — never a \
                protective rule — and the log entry lists what it lifted.

                Example: waymark referral handoff R-7K3QM9TX
                """)

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark
        @Argument(help: "The referral id.") var referralId: String
        @Option(help: ArgumentHelp("Hand off an emergency referral before every step is recorded, because a life is at risk. "
                                   + "Give - to type the reason on standard input: text typed after the option stays in shell history. "
                                   + "The reason is sealed with the case.", valueName: "reason|-")) var override: String?

        func run() throws {
            let home = try openHome()
            let directory = try home.openDirectory()
            let store = try home.openCases()
            let reason = try StandardInputText.resolve(override, what: "the override's reason")
            let clearance = try store.clear(referralId, override: reason, directory: directory)
            let handoff = try store.handoff(clearance, directory: directory, override: reason)
            print("Handed off \(handoff.referral.id) to \(Sanitized.text(handoff.form.receivingOrganization)); log entry \(handoff.sequence).")
            if handoff.entry.basis == "legal-duty" { print("Shared by legal duty to child protection (basic, contact and safety facts).") }
            if let lifted = handoff.entry.lifted { print("Lifted by the override: \(lifted.joined(separator: ", ")).") }
            if handoff.entry.wasOverridden { print("Override recorded (its reason sealed with the case).") }
            print("Print the form: waymark referral form \(handoff.referral.id) --format text")
        }
    }

    /// Prints the form.
    struct Form: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "form",
            abstract: "Print a referral's form: the one handed off, or for a draft exactly what would be shared now.",
            discussion: "--client-copy prints the person's own copy instead. Example: waymark referral form R-7K3QM9TX --format json")

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark
        @Argument(help: "The referral id.") var referralId: String
        @Option(help: "text (for printing) or json (HTCDS field names).") var format: FormFormat = .text
        @Flag(help: "The person's own copy: what was shared, with whom, and how to withdraw (text).") var clientCopy = false

        func run() throws {
            let home = try openHome()
            let directory = try home.openDirectory()
            let store = try home.openCases()
            let form = try store.form(referralId, directory: directory)
            if clientCopy {
                print(Sanitized.multiline(form.clientCopy(labels: try StringTable.bundled().formLabels)), terminator: "")
            } else {
                // The same document the UI writes to a file (`FormFile`).
                print(try FormFile.document(form, format: format == .json ? .json : .text, labels: try StringTable.bundled().formLabels),
                      terminator: "")
            }
        }
    }

    /// Moves a referral through its lifecycle.
    struct Update: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "update",
            abstract: "Move a referral on: acknowledged, accepted, declined, service-started, closed or withdrawn.",
            discussion: """
                Nothing moves backwards; declined, closed and withdrawn end a referral. A handed-off referral \
                may be declined before it is acknowledged.

                declined needs --reason, one of no-capacity, not-eligible, person-declined, no-show or other; \
                other needs --note saying what it was (sealed with the case, like identifying data). closed \
                needs --outcome: service-received, lost-contact, transferred or withdrawn. withdrawn needs \
                --reason, in words.

                Examples: waymark referral update R-7K3QM9TX declined --reason no-capacity
                          waymark referral update R-7K3QM9TX closed --outcome service-received
                """)

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark
        @Argument(help: "The referral id.") var referralId: String
        @Argument(help: "The new status.") var status: ReferralStatus
        @Option(help: ArgumentHelp("For declined, the reason code: no-capacity, not-eligible, person-declined, no-show or other. "
                                   + "For withdrawn, why in words, without names. Give - to type the words on standard input: "
                                   + "text typed after the option stays in shell history.",
                                   valueName: "code|reason|-")) var reason: String?
        @Option(help: ArgumentHelp("For declined: what the reason was, without names (needed for other; sealed with the case). "
                                   + "Give - to type it on standard input.", valueName: "text|-")) var note: String?
        @Option(help: ArgumentHelp("For closed: service-received, lost-contact, transferred or withdrawn.", valueName: "outcome"))
        var outcome: ReferralOutcome?

        func validate() throws {
            if status == .sent || status == .draft {
                throw ValidationError("a referral becomes \(status.rawValue) only by `waymark referral handoff` (sent) or by creation (draft)")
            }
            if note != nil && status != .declined { throw ValidationError("--note goes only with declined") }
            if outcome != nil && status != .closed { throw ValidationError("--outcome goes only with closed") }
            if status == .closed && outcome == nil {
                throw ValidationError("closed needs --outcome: \(ReferralOutcome.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if status == .declined, let reason, DeclineReason(rawValue: reason) == nil {
                throw ValidationError("--reason '\(Sanitized.short(reason))' is not a decline reason: use one of "
                    + DeclineReason.allCases.map(\.rawValue).joined(separator: ", ") + " (other needs --note)")
            }
        }

        func run() throws {
            let home = try openHome()
            let store = try home.openCases()
            let referral: Referral
            if status == .declined {
                let text = try StandardInputText.resolve(note, what: "the note")
                referral = try store.update(referralId, to: status, reason: text, declineReason: reason.flatMap(DeclineReason.init(rawValue:)))
            } else {
                let why = try StandardInputText.resolve(reason, what: "the reason")
                referral = try store.update(referralId, to: status, reason: why, outcome: outcome)
            }
            var said = "\(referral.id) is now \(referral.status.spoken)"
            if let code = referral.declineReason { said += " (\(code.rawValue))" }
            if let outcome = referral.outcome { said += " (\(outcome.rawValue))" }
            print(said + ".")
            if referral.status == .declined {
                print("To refer elsewhere: waymark referral create \(referral.caseCode) --service ID --need \(referral.need) --replaces \(referral.id)")
            }
        }
    }
}
