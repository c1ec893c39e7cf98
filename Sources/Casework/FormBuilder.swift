import Foundation
import Routing
import SOP

/// Builds a referral form from a case, a referral and its consent, taking only what the scope allows.
struct FormBuilder {
    let file: CaseFile
    let profile: ClientProfile
    let identity: Identity?
    let steps: [StepID: StepDetails]
    let referral: Referral
    let snapshot: ServiceSnapshot?
    /// The consent that cleared the hand-off; nil means the anonymous fields only.
    let consent: ConsentRow?
    let `operator`: Operator
    let at: Date
    let overrideReason: String?
    /// On what basis the data is shared.
    var basis: LegalBasis = .consent
    /// The referral's own step details (risk, best interests, child's views).
    var referralSteps: [StepID: StepDetails] = [:]
    /// Reasons an override lifted.
    var lifted: [String] = []
    /// The case's screening records, one per set answered.
    var screenings: [ScreeningRecord] = []
    /// The words of the questionnaire's questions, by id (for the printed form).
    var questions: [String: String] = [:]
    /// Where the case stands in the NRM: the decisions the trafficking status follows.
    var standing: NRMStanding?
    /// Turns the person's language codes into ISO 639-2/T for the HTCDS JSON.
    var languageTable: LanguageTable = .bundled

    var scopes: Set<DataScope> {
        guard let consent, consent.withdrawnAt == nil else { return [.anonymous] }
        let scopes = Set(consent.scopes.split(separator: ",").compactMap { DataScope(rawValue: String($0)) })
        return scopes.isEmpty ? [.anonymous] : scopes
    }

    /// The fields the basis allows: the consented scopes; for a child's assent the basic and
    /// safety facts only; for child protection (legal duty) the basic, contact and safety facts.
    var allowed: Set<FormField> {
        switch basis {
        case .consent:
            return DataScope.fields(for: scopes)
        case .childAssent:
            if scopes == [.anonymous] { return DataScope.fields(for: [.anonymous]) }
            return DataScope.fields(for: [.basic, .safety])
        case .childProtectionDuty:
            return DataScope.fields(for: [.basic, .contact, .safety])
        }
    }

    func build() throws -> ReferralForm {
        let allowed = self.allowed
        var person: [FormField: String] = [:]
        func put(_ field: FormField, _ value: String?) {
            guard allowed.contains(field), let value, !value.isEmpty else { return }
            person[field] = value
        }
        put(.clientCode, file.code)
        put(.ageBand, ageText)
        put(.sex, profile.sex?.rawValue ?? "not said")
        put(.servicesRequested, referral.need.rawValue)
        put(.nationality, profile.nationality)
        put(.languages, profile.languages.isEmpty ? nil : profile.languages.joined(separator: ", "))
        if allowed.contains(.interpreterNeeded) {
            // The person's own need, not the interpreter used to explain consent.
            put(.interpreterNeeded, profile.interpreterNeeded.map { "yes (\($0))" } ?? "no")
        }
        put(.disability, identity?.disability)
        put(.identificationChannel, file.channel)
        put(.traffickingStatus, traffickingStatus)
        if file.isChild { put(.unaccompanied, profile.unaccompanied.rawValue) }
        // No dependents is the profile's default, whether asked or not: only a number is shared.
        put(.dependents, profile.dependents > 0 ? String(profile.dependents)
            + (profile.dependentAges.isEmpty ? "" : " (ages " + profile.dependentAges.map(String.init).joined(separator: ", ") + ")") : nil)
        put(.escort, referral.escort.map { $0 ? "yes" : "no" })
        put(.facingCharges, profile.facingCharges == .unknown ? nil : profile.facingCharges.rawValue)
        put(.exploitationTypes, profile.exploitation.isEmpty ? nil : profile.exploitation.map(\.rawValue).joined(separator: ", "))
        put(.name, identity?.name)
        put(.dateOfBirth, identity?.dateOfBirth)
        put(.phone, identity?.phone)
        put(.address, identity?.address)
        if file.isChild, let guardian = steps["guardian"] {
            if let record = guardian.guardian {
                put(.guardian, [record.name, record.relationship, "appointed by \(record.appointedBy)",
                                record.suspectedOfInvolvement ? "SUSPECTED OF INVOLVEMENT" : nil].compactMap { $0 }.joined(separator: "; "))
            } else if !guardian.answers.isEmpty {
                // Recorded before the structured record: its answers as words, not keys.
                put(.guardian, guardian.answers.keys.sorted().map { "\($0.replacingOccurrences(of: "_", with: " ")) \(guardian.answers[$0] ?? "")" }
                    .joined(separator: "; "))
            }
        }
        put(.screeningResult, file.screeningResult)
        put(.narrative, identity?.narrative)
        put(.safetyConcerns, identity?.safetyConcerns)
        put(.safeContact, identity?.safeContact)
        if let risk = referralSteps["risk"]?.answers.filter({ $0.key != "acknowledged" }), !risk.isEmpty {
            put(.riskOutcome, risk.keys.sorted().map { "\($0.replacingOccurrences(of: "_", with: " ")): \(risk[$0] ?? "")" }.joined(separator: "; "))
        }
        // Every set answered travels (question ids are unique across the questionnaire).
        let screenings = self.screenings.isEmpty ? (steps["screening"]?.screening).map { [$0] } ?? [] : self.screenings
        var screeningAnswers: [String: String]?
        if allowed.contains(.screeningAnswers), !screenings.isEmpty {
            let answers = screenings.reduce(into: [String: String]()) { all, record in
                all.merge(record.answers.mapValues(\.rawValue)) { _, new in new }
            }
            screeningAnswers = answers
            let sets = screenings.map { record in
                "\(record.set): \(record.result.rawValue)" + (record.questionnaireVersion.map { ", questionnaire version \($0)" } ?? "")
            }
            person[.screeningAnswers] = "\(answers.count) answers (\(sets.joined(separator: "; ")))"
        }
        // The result and answers rest on strengths not yet confirmed against the publication: say so wherever they are shared.
        let screeningShared = person[.screeningResult] != nil || screeningAnswers != nil
        let unconfirmed = screenings.filter { $0.strengthsUnconfirmed == true }.map(\.set)
        let strengthsUnconfirmed: [String]? = screeningShared && !unconfirmed.isEmpty ? unconfirmed : nil
        let priority = referral.priority
        var form = ReferralForm(
            formVersion: ReferralForm.version, referralId: referral.id, createdAt: at, priority: priority,
            followUpBy: at.addingTimeInterval(priority.deadline),
            referringOrganization: `operator`.organization, referringWorker: `operator`.name, referringContact: `operator`.contact,
            receivingOrganization: snapshot?.organizationName ?? referral.organizationName,
            receivingService: snapshot?.name ?? referral.serviceName, receivingServiceId: referral.serviceId,
            receivingLocation: snapshot?.location, need: referral.need.rawValue, purpose: referral.purpose,
            consent: consent.map { row in
                ReferralForm.FormConsent(givenBy: row.givenBy.rawValue, date: row.obtainedAt, scopes: row.scopes.split(separator: ",").map(String.init),
                                         // The language is a basic-scope fact: an anonymous form does not name it.
                                         interpreterLanguage: allowed.contains(.interpreterNeeded) ? row.interpreterLanguage : nil,
                                         obtainedBy: "\(row.obtainedBy) (\(row.obtainedByOrganization))",
                                         explained: row.explained.map { $0.split(separator: ",").map(String.init) },
                                         // The language of the explanation says what the person speaks: basic scope too.
                                         explainedIn: allowed.contains(.interpreterNeeded) ? row.explainedIn : nil)
            },
            person: person, screeningAnswers: screeningAnswers, screeningStrengthsUnconfirmed: strengthsUnconfirmed,
            languagesISO6392: person[.languages] == nil ? nil : profile.languages.map(languageTable.iso6392T),
            dependentCount: person[.dependents] == nil ? nil : profile.dependents,
            dependentAges: person[.dependents] == nil || profile.dependentAges.isEmpty ? nil : profile.dependentAges,
            exploitationHTCDS: person[.exploitationTypes] == nil ? nil : Self.typeOfExploitation(profile.exploitation.map(\.rawValue), child: file.isChild),
            // The override's reason is free text: on the form only within the safety facts; the mark stays either way.
            overrideReason: overrideReason.map { allowed.contains(.riskOutcome) ? $0 : "life at risk (the reason is not shared in this scope)" },
            legalBasis: basis.rawValue,
            acknowledged: allowed.contains(.acknowledgedConditions) ? referralSteps["risk"]?.acknowledged.flatMap { $0.isEmpty ? nil : $0 } : nil,
            lifted: lifted.isEmpty ? nil : lifted,
            bestInterests: referralSteps["best-interests"]?.bestInterests.map { "\($0.outcome) (\($0.procedure) by \($0.decidedBy), \($0.decidedOn))" },
            childViews: file.isChild ? referralSteps["child-views"]?.childViews.map { view in
                // The child's own words travel only with the basic facts; otherwise whether they agree.
                let agrees = view.agrees.map { "agrees: \($0)" }
                guard allowed.contains(.nationality) else { return agrees ?? "recorded (not shared in this scope)" }
                return view.views + (agrees.map { "; " + $0 } ?? "")
            } : nil)
        // The words of each question answered, for the printed form.
        // The decision behind the status: the kind of authority in the JSON, the day and the name on the printed form.
        if person[.traffickingStatus] != nil, let standing, standing.statusDecision != nil {
            form.traffickingStatusDecisionMakingOrg = standing.decisionMakingOrg
            form.traffickingStatusText = standing.statusText
        }
        if let screeningAnswers, !questions.isEmpty {
            form.screeningQuestions = questions.filter { screeningAnswers[$0.key] != nil }
        }
        return form
    }

    /// The age as the form says it: band, and whether estimated or disputed.
    var ageText: String {
        var text = file.ageBand
        if case .range = profile.age { text += ", estimated" }
        if profile.ageDisputed { text += ", disputed (treated as a child)" } else if file.isChild { text += ", a child" }
        return text
    }

    /// HTCDS `vic_TypeOfExploitation` for the profile's exploitation codes, in the order given,
    /// each value once: labour is `ChildLabour` for a child; forced criminality, and anything
    /// HTCDS has no value for, is `Other`.
    static func typeOfExploitation(_ codes: [String], child: Bool) -> [String] {
        var values: [String] = []
        for code in codes {
            let value: String
            switch code {
            case "labour": value = child ? "ChildLabour" : "ForcedLabour"
            case "sexual": value = "SexualExploitation"
            case "domestic-servitude": value = "Servitude"
            case "forced-marriage": value = "ForcedMarriage"
            case "begging": value = "ForcedBegging"
            case "organ-removal": value = "OrganRemoval"
            default: value = "Other"
            }
            if !values.contains(value) { values.append(value) }
        }
        return values
    }

    /// HTCDS `vic_TraffickingStatus`: the competent authority's decisions (`NRMStanding`), never a
    /// responder's tick; without a decision, a screening gives a possible victim at most
    /// (`no-indicators` never becomes "not a victim"; a declined screening leaves the field out).
    var traffickingStatus: String? {
        standing?.traffickingStatus ?? NRMStanding.fromScreening(file.screeningResult)
    }
}
