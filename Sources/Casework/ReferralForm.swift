import Crypto
import Foundation
import SOP

/// The standard referral form, built from the consented scope only.
///
/// Carries the referral (who refers, who receives, what for, by when), the consent, and
/// only those facts about the person that the consent's scope allows. Rendered as text for
/// printing (three copies: referring agency, receiving agency, client) and as versioned JSON
/// using HTCDS 2.0 field names where HTCDS has the fact.
public struct ReferralForm: Sendable, Equatable, Codable {
    public static let version = "waymark-referral-form/1"

    public var formVersion: String
    public var referralId: String
    public var createdAt: Date
    public var priority: ReferralPriority
    public var followUpBy: Date
    public var referringOrganization: String
    public var referringWorker: String
    /// How to reach the referring worker (phone, e-mail): always on the form.
    public var referringContact: String? = nil
    public var receivingOrganization: String
    public var receivingService: String
    public var receivingServiceId: String
    /// The location's name, or "confidential address" — never the address of a confidential shelter.
    public var receivingLocation: String?
    /// The need this referral is for (a service type code).
    public var need: String
    /// Why the referral is made (HTCDS `cas_ReasonForOutgoingReferral`); nil on forms made
    /// before it was asked, which were for additional services.
    public var purpose: ReferralPurpose?
    public var consent: FormConsent?
    /// The fields about the person, only those the consent allows.
    public var person: [FormField: String]
    /// The screening answers, when the scope allows them: question id → yes/no/declined.
    public var screeningAnswers: [String: String]?
    /// The sets whose indicator strengths are not confirmed against the ILO/EC publication
    /// (sexual-exploitation sets without `strengths_checked_against`), when the screening is shared.
    public var screeningStrengthsUnconfirmed: [String]? = nil
    /// The words of each screening question answered, by id, for the printed form (the JSON keeps the ids).
    public var screeningQuestions: [String: String]? = nil
    /// The person's languages in ISO 639-2/T, in the order given, resolved when the form was
    /// built (HTCDS `prs_PrimaryLanguage`, `prs_SecondaryLanguage`); only with `languages`.
    public var languagesISO6392: [String]?
    /// The number of dependents and their ages, when the form carries the dependents.
    public var dependentCount: Int? = nil
    public var dependentAges: [Int]? = nil
    /// HTCDS `vic_TypeOfExploitation` values, resolved when the form was built; only with `exploitation-types`.
    public var exploitationHTCDS: [String]?
    /// Set when the hand-off was made under an override (life at risk).
    public var overrideReason: String?
    /// On what basis the person's data is shared: `consent`, `child-assent` or `child-protection-duty`.
    public var legalBasis: String?
    /// What routing reported for the service that was explained to the person and acknowledged
    /// in the risk step (`check:…`, `hours-unknown`, `condition:…`).
    public var acknowledged: [String]?
    /// Reasons a life-at-risk override lifted (`no-capacity`, `closed-at-time`, …).
    public var lifted: [String]?
    /// HTCDS `vic_TraffickingStatusDecisionMakingOrg`: the kind of authority whose decision the status rests on.
    public var traffickingStatusDecisionMakingOrg: String? = nil
    /// The status as the printed form says it: the decision, its day and who decided (nil when from screening).
    public var traffickingStatusText: String? = nil
    /// For a child: the best-interests outcome this referral relies on.
    public var bestInterests: String?
    /// For a child: their own views on this referral.
    public var childViews: String?

    /// Consent as the form states it.
    public struct FormConsent: Sendable, Equatable, Codable {
        public var givenBy: String
        public var date: Date
        public var scopes: [String]
        public var interpreterLanguage: String?
        public var obtainedBy: String
        /// What was explained to the person, item by item, and in which language.
        public var explained: [String]? = nil
        public var explainedIn: String? = nil
    }

    /// The fields shared, in form order.
    public var sharedFields: [FormField] {
        FormField.allCases.filter {
            person[$0] != nil || ($0 == .screeningAnswers && screeningAnswers != nil) || ($0 == .acknowledgedConditions && acknowledged != nil)
        }
    }

    // MARK: JSON

    /// The JSON document: HTCDS names for the facts HTCDS has, Waymark's own names for the rest.
    public func json() throws -> Data {
        let iso = ISO8601DateFormatter()
        var referral: [String: Any] = [
            "referral_id": referralId,
            "date_time": iso.string(from: createdAt),
            "priority": priority.rawValue,
            "follow_up_date": iso.string(from: followUpBy),
            "cas_ReferringOrganisation": referringOrganization,
            "cas_ReferringPrimaryCaseWorker": referringWorker,
            "referring_contact": referringContact ?? "",
            "cas_ReferredOrganisation": receivingOrganization,
            "receiving_service": receivingService,
            "receiving_service_id": receivingServiceId,
            "cas_OutgoingReferralDate": String(iso.string(from: createdAt).prefix(10)),
            "cas_ReasonForOutgoingReferral": (purpose ?? .additionalServices).htcds,
            "services_requested": [need],
        ]
        if let receivingLocation { referral["receiving_location"] = receivingLocation }
        if let overrideReason { referral["override_reason"] = overrideReason }
        if let legalBasis { referral["legal_basis"] = legalBasis }
        if let acknowledged, !acknowledged.isEmpty { referral["acknowledged_conditions"] = acknowledged }
        if let lifted, !lifted.isEmpty { referral["lifted"] = lifted }
        if let bestInterests { referral["best_interests"] = bestInterests }
        if let childViews { referral["child_views"] = childViews }
        var personJSON: [String: Any] = [:]
        for (field, value) in person {
            switch field {
            case .languages:
                let codes = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                // ISO 639-2/T as HTCDS asks; a form made before they were resolved keeps the codes as given.
                let standard = languagesISO6392 ?? codes
                if let first = standard.first { personJSON["prs_PrimaryLanguage"] = first }
                if standard.count > 1 { personJSON["prs_SecondaryLanguage"] = standard[1] }
                personJSON["languages"] = codes
            case .dependents:
                personJSON["prs_NumberOfChildren"] = dependentCount ?? value.split(separator: " ").first.flatMap { Int($0) } ?? 0
                if let dependentAges, !dependentAges.isEmpty { personJSON["dependent_ages"] = dependentAges }
            case .escort: personJSON[field.jsonKey] = value == "yes"
            case .exploitationTypes:
                personJSON["vic_TypeOfExploitation"] = exploitationHTCDS ?? []
                personJSON[field.jsonKey] = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            case .nationality: personJSON["prs_Citizenship"] = [value]
            case .dateOfBirth: personJSON["prs_Birthdate"] = value
            case .phone: personJSON["prs_MobilePhone"] = value
            case .address: personJSON["prs_MailingStreet"] = value
            case .traffickingStatus:
                personJSON["vic_TraffickingStatus"] = value
                if let org = traffickingStatusDecisionMakingOrg { personJSON["vic_TraffickingStatusDecisionMakingOrg"] = org }
            case .interpreterNeeded:
                // "yes (th)": needed, and in which language (ISO 639-2/T where the table has it).
                personJSON[field.jsonKey] = value.hasPrefix("yes")
                if let open = value.firstIndex(of: "("), let close = value.lastIndex(of: ")"), open < close {
                    let code = String(value[value.index(after: open)..<close])
                    personJSON["interpreter_language"] = LanguageTable.bundled.iso6392T(code)
                }
            case .servicesRequested: personJSON[field.jsonKey] = value.split(separator: ",").map(String.init)
            case .screeningAnswers: break
            default: personJSON[field.jsonKey] = value
            }
        }
        if let screeningAnswers { personJSON["screening_answers"] = screeningAnswers }
        if let unconfirmed = screeningStrengthsUnconfirmed, !unconfirmed.isEmpty {
            personJSON["screening_strengths_unconfirmed"] = true
            personJSON["screening_strengths_unconfirmed_sets"] = unconfirmed
        }
        var document: [String: Any] = [
            "form_version": formVersion,
            "referral": referral,
            "person": personJSON,
            "shared_fields": sharedFields.map(\.rawValue),
        ]
        if let consent {
            var consentJSON: [String: Any] = [
                "con_Consent": true, "given_by": consent.givenBy, "date": iso.string(from: consent.date),
                "scope": consent.scopes, "obtained_by": consent.obtainedBy,
            ]
            if let language = consent.interpreterLanguage { consentJSON["interpreter_language"] = language }
            if let explained = consent.explained { consentJSON["explained"] = explained }
            if let language = consent.explainedIn { consentJSON["explained_in"] = language }
            document["consent"] = consentJSON
        } else if legalBasis == LegalBasis.childProtectionDuty.rawValue {
            document["consent"] = ["con_Consent": false, "note": "shared by legal duty: a child's referral to child protection needs no consent"]
        } else {
            document["consent"] = ["con_Consent": false, "note": "no consent recorded: an override (life at risk)"]
        }
        return try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    /// HMAC-SHA256 of the JSON document under the case's key, as written to the hand-off log.
    ///
    /// Keyed, not a plain hash: the rest of the form can be rebuilt from readable columns, so
    /// a plain hash would let anyone holding the file test a guessed name or date of birth.
    /// Once the case is erased, nobody can.
    func keyedHash(key: SymmetricKey) throws -> String {
        HandoffLog.hex(Data(HMAC<SHA256>.authenticationCode(for: try json(), using: key)))
    }

    // MARK: Text

    /// The form laid out for printing, at most `width` columns, in plain words: codes become their
    /// labels (`labels`), questions their words, HTCDS values sentences. The JSON keeps the codes.
    public func text(width: Int = 72, labels: FormLabels = .codes) -> String {
        var lines: [String] = []
        func rule() { lines.append(String(repeating: "-", count: width)) }
        func say(_ text: String) { lines.append(contentsOf: Self.wrap(text, width: width)) }
        func row(_ label: String, _ value: String) {
            let pad = label.padding(toLength: 24, withPad: " ", startingAt: 0)
            let wrapped = Self.wrap(value, width: max(20, width - 24))
            for (index, line) in wrapped.enumerated() { lines.append((index == 0 ? pad : String(repeating: " ", count: 24)) + line) }
        }
        let day = DateFormatter()
        day.locale = Locale(identifier: "en_GB_POSIX")
        day.timeZone = TimeZone(identifier: "UTC")
        day.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        say("REFERRAL FORM — \(referralId)")
        say("Confidential: share only with the receiving organization named below.")
        rule()
        row("Date and time", day.string(from: createdAt))
        row("Priority", "\(priority.rawValue) (\(priority.deadlineText))")
        row("Follow up by", day.string(from: followUpBy))
        row("Referring organization", referringOrganization)
        row("Referring worker", referringWorker)
        row("Worker's contact", referringContact ?? "not given (no phone or e-mail set for the operator)")
        row("Receiving organization", receivingOrganization)
        row("Service", "\(receivingService) (\(receivingServiceId))")
        if let receivingLocation { row("Location", receivingLocation) }
        row("Reason for referral", "needs \(labels.code(need))" + (purpose.map { "; \($0.text)" } ?? ""))
        if let overrideReason { row("OVERRIDE", "made before every SOP step: \(overrideReason)") }
        if let lifted, !lifted.isEmpty { row("Lifted by override", lifted.joined(separator: ", ")) }
        if let acknowledged, !acknowledged.isEmpty { row("Explained, acknowledged", acknowledged.joined(separator: ", ")) }
        if let bestInterests { row("Best interests", bestInterests) }
        if let childViews { row("Child's views", childViews) }
        rule()
        switch legalBasis {
        case LegalBasis.childProtectionDuty.rawValue?:
            say("THE PERSON (shared by legal duty to child protection: basic, contact and safety facts)")
        case LegalBasis.childAssent.rawValue?:
            say("THE PERSON (on the child's own assent, until a guardian is recorded: basic and safety facts)")
        default:
            say("THE PERSON (only what was consented)")
        }
        for field in FormField.allCases {
            guard let value = person[field] else { continue }
            switch field {
            case .servicesRequested: row(field.label, labels.code(value))
            case .traffickingStatus: row(field.label, traffickingStatusText ?? Self.words(value))
            case .screeningAnswers where screeningAnswers != nil:
                // One "Screening answers" row: the sets and their results, then each answer by its question.
                let answers = screeningAnswers ?? [:]
                let asked = answers.keys.sorted().map { id in "\(screeningQuestions?[id] ?? id) — \(answers[id] ?? "")" }
                row(field.label, ([value] + asked).joined(separator: "\n"))
            default: row(field.label, value)
            }
        }
        if let unconfirmed = screeningStrengthsUnconfirmed, !unconfirmed.isEmpty {
            row("Screening strengths", "UNCONFIRMED for \(unconfirmed.joined(separator: ", ")): the indicator strengths behind "
                + "this result are not yet checked against the ILO/EC publication")
        }
        rule()
        say("CONSENT")
        if let consent {
            row("Given by", legalBasis == LegalBasis.childAssent.rawValue ? "the child (assent; child-assent)" : consent.givenBy)
            row("Date", day.string(from: consent.date))
            row("Scope", consent.scopes.joined(separator: ", "))
            row("Interpreter", consent.interpreterLanguage ?? (consent.scopes == ["anonymous"] ? "not shared in this scope" : "none"))
            if let explained = consent.explained {
                row("Explained", explained.joined(separator: ", ") + (consent.explainedIn.map { " (in \($0))" } ?? ""))
            }
            row("Obtained by", consent.obtainedBy)
        } else {
            row("Consent", legalBasis == LegalBasis.childProtectionDuty.rawValue
                ? "not needed: shared by legal duty to child protection" : "none recorded (an override: life at risk)")
        }
        row("Shared", sharedFields.map(\.rawValue).joined(separator: ", "))
        rule()
        say("Form \(formVersion). Copies: referring agency, receiving agency, client.")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The client's copy (DOMAIN's third copy): what was shared, with whom, on what basis, and how
    /// to withdraw — in plain words, naming the person only by the case code.
    public func clientCopy(width: Int = 72, labels: FormLabels = .codes) -> String {
        var lines: [String] = []
        func say(_ text: String) { lines.append(contentsOf: Self.wrap(text, width: width)) }
        let day = DateFormatter()
        day.locale = Locale(identifier: "en_GB_POSIX")
        day.timeZone = TimeZone(identifier: "UTC")
        day.dateFormat = "d MMMM yyyy"
        say("YOUR COPY — referral \(referralId)")
        say("Keep it where only you can see it. It names you only by your code, \(person[.clientCode] ?? "—").")
        lines.append("")
        say("On \(day.string(from: createdAt)) you were referred to \(receivingOrganization) (\(receivingService)), "
            + "for \(labels.code(need).lowercased()).")
        lines.append("")
        let shared = sharedFields.map { $0.label.lowercased() }.joined(separator: ", ")
        say("What they were given: \(shared).")
        switch legalBasis {
        case LegalBasis.childProtectionDuty.rawValue?:
            say("Why: the law asks us to tell child protection when a child may be in danger; no consent was needed.")
        case LegalBasis.childAssent.rawValue?:
            say("Why: you agreed to it, for your own safety or health care, until a guardian is found.")
        default:
            if let consent {
                let who = ["self": "you", "guardian": "your guardian", "representative": "your legal representative"][consent.givenBy]
                    ?? consent.givenBy
                say("Why: \(who) agreed to it on \(day.string(from: consent.date)).")
            } else {
                say("Why: your life was at risk, so it was shared before every step could be done.")
            }
        }
        lines.append("")
        say("You can change your mind at any time: tell \(referringWorker) at \(referringOrganization)"
            + (referringContact.map { " (\($0))" } ?? "") + ", and nothing more will be shared with anyone. "
            + "Saying no does not stop the help you get from us.")
        return lines.joined(separator: "\n") + "\n"
    }

    /// An HTCDS picklist value as words: `PossibleVictimOfTrafficking` → "Possible victim of trafficking".
    static func words(_ value: String) -> String {
        guard value.first?.isUppercase == true, !value.contains(" ") else { return value }
        var text = ""
        for character in value {
            if character.isUppercase && !text.isEmpty { text += " " + character.lowercased() } else { text.append(character) }
        }
        return text
    }

    /// Lines of at most `width` characters, broken between words (a word longer than the line is cut).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for whole in paragraph.split(separator: " ") {
              for word in stride(from: 0, to: whole.count, by: width).map({ whole.dropFirst($0).prefix(width) }) {
                if line.isEmpty { line = String(word) } else if line.count + 1 + word.count <= width { line += " " + word } else {
                    lines.append(line)
                    line = String(word)
                }
              }
            }
            lines.append(line)
        }
        return lines
    }
}

extension FormField {
    /// The label on the printed form.
    public var label: String {
        switch self {
        case .clientCode: return "Client code"
        case .ageBand: return "Age"
        case .sex: return "Sex"
        case .servicesRequested: return "Services requested"
        case .nationality: return "Nationality"
        case .languages: return "Languages"
        case .interpreterNeeded: return "Interpreter needed"
        case .disability: return "Disability"
        case .identificationChannel: return "Identification channel"
        case .traffickingStatus: return "Trafficking status"
        case .unaccompanied: return "Separated/unaccompanied"
        case .dependents: return "Dependents"
        case .exploitationTypes: return "Exploitation"
        case .escort: return "Escort"
        case .facingCharges: return "Charged/held"
        case .name: return "Name"
        case .dateOfBirth: return "Date of birth"
        case .phone: return "Phone"
        case .address: return "Address"
        case .guardian: return "Guardian"
        case .screeningAnswers: return "Screening answers"
        case .screeningResult: return "Screening result"
        case .narrative: return "Account"
        case .safetyConcerns: return "Safety concerns"
        case .safeContact: return "Safe way to make contact"
        case .riskOutcome: return "Risk assessment"
        case .acknowledgedConditions: return "Explained, acknowledged"
        }
    }

    /// The JSON key for facts HTCDS has no field for.
    var jsonKey: String { rawValue.replacingOccurrences(of: "-", with: "_") }
}

/// How the printed form names codes: a service type's label, a screening question's words.
public struct FormLabels: Sendable {
    /// The label of a vocabulary code, or the code.
    public var code: @Sendable (String) -> String

    public init(code: @escaping @Sendable (String) -> String) {
        self.code = code
    }

    /// Codes as they are.
    public static let codes = FormLabels(code: { $0 })
}
