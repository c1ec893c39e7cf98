import Directory
import Foundation
import Routing
import SOP

/// What a received referral form (the HTCDS JSON of `ReferralForm.json()`) says of the person:
/// the facts the receiving home opens its case with, and nothing more.
///
/// A fact the form does not carry stays unknown; the identifying fields are there only when the
/// sender's consent (or legal duty) allowed them. Values this version does not know are left out
/// rather than guessed.
struct ReceivedForm {
    var referralId: String
    var receivingServiceId: String?
    var referringOrganization: String?
    var referringWorker: String?
    /// `consent`, `child-assent` or `child-protection-duty`; nil on forms that do not say.
    var legalBasis: String?
    var identificationChannel: String?
    /// The person's facts, under their JSON keys.
    private var person: [String: Any]

    /// Reads the form's JSON; refused when it is not a referral form.
    init(json: Data) throws {
        guard let document = (try? JSONSerialization.jsonObject(with: json)) as? [String: Any],
              let version = document["form_version"] as? String, version.hasPrefix("waymark-referral-form/"),
              let referral = document["referral"] as? [String: Any], let id = referral["referral_id"] as? String else {
            throw CaseworkError.invalidInput("The envelope's form is not a Waymark referral form (HTCDS JSON with form_version and referral): "
                + "nothing was imported. Ask the sender to hand it off again.")
        }
        referralId = id
        receivingServiceId = referral["receiving_service_id"] as? String
        referringOrganization = referral["cas_ReferringOrganisation"] as? String
        referringWorker = referral["cas_ReferringPrimaryCaseWorker"] as? String
        legalBasis = referral["legal_basis"] as? String
        person = document["person"] as? [String: Any] ?? [:]
        identificationChannel = person["identification_channel"] as? String
    }

    /// Whether the data was shared by legal duty (a child's referral to child protection), not by consent.
    var sharedByLegalDuty: Bool { legalBasis == LegalBasis.childProtectionDuty.rawValue }

    private func text(_ key: String) -> String? {
        (person[key] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
    }

    private func texts(_ key: String) -> [String] {
        (person[key] as? [String])?.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } ?? []
    }

    /// The routing profile the form allows, in the receiving home's area.
    ///
    /// The age is the band the form gives (a range, estimated; disputed or a child as the form
    /// says), or the date of birth when the form carries it: a date showing a child makes a child,
    /// one showing an adult does not lift a presumption of minority.
    func profile(area: String, at moment: Date) -> ClientProfile {
        var profile = ClientProfile(area: area)
        profile.sex = text("sex").flatMap { Sex(rawValue: $0) }
        let ageText = text("age_band") ?? ""
        let band = ageText.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        let disputed = ageText.contains("disputed")
        let child = ageText.contains("a child")
        if let range = Self.range(ofBand: band) {
            profile.setAge(.range(range), basis: disputed ? .disputed : .estimated)
        } else if disputed {
            profile.setAge(.unknown, basis: .disputed)
        }
        if child && !profile.isPresumedChild { profile.setAge(.range(15...17), basis: .estimated) }
        if let born = text("prs_Birthdate"), let years = Identity.years(bornOn: born, at: moment) {
            if years < 18 {
                profile.childByDateOfBirth(years: years)
            } else if !profile.isPresumedChild {
                profile.setAge(.exact(years), basis: .stated)
            }
        }
        profile.languages = texts("languages").map { $0.lowercased() }
        profile.nationality = texts("prs_Citizenship").first ?? text("nationality")
        profile.exploitation = texts("exploitation_types").compactMap { ExploitationType(rawValue: $0) }
        if let count = person["prs_NumberOfChildren"] as? Int, count > 0 {
            profile.dependents = count
            profile.dependentAges = person["dependent_ages"] as? [Int] ?? []
        }
        if person["interpreter_needed"] as? Bool == true {
            profile.interpreterNeeded = text("interpreter_language") ?? profile.languages.first
        }
        if let charges = text("facing_charges").flatMap(Knowledge.init(rawValue:)) { profile.facingCharges = charges }
        if let status = text("unaccompanied").flatMap(UnaccompaniedStatus.init(rawValue:)) { profile.unaccompanied = status }
        return profile
    }

    /// The range an age band stands for (`25-39` → 25...39, `60+` → 60...99); nil for `unknown`.
    static func range(ofBand band: String) -> ClosedRange<Int>? {
        if band.hasSuffix("+"), let low = Int(band.dropLast()) { return low...max(low, 99) }
        let ends = band.split(separator: "-").compactMap { Int($0) }
        guard ends.count == 2, ends[0] <= ends[1] else { return nil }
        return ends[0]...ends[1]
    }

    /// The identifying fields the form carries; nil when it carries none.
    var identity: Identity? {
        let identity = Identity(name: text("name"), dateOfBirth: text("prs_Birthdate"), phone: text("prs_MobilePhone"),
                                address: text("prs_MailingStreet"), narrative: text("narrative"), safetyConcerns: text("safety_concerns"),
                                safeContact: text("safe_contact"), disability: text("disability"))
        return identity.isEmpty ? nil : identity
    }

    /// The screening answers the form carries, by question id; empty when it carries none.
    var screeningAnswers: [String: ScreeningAnswer] {
        ((person["screening_answers"] as? [String: String]) ?? [:]).compactMapValues(ScreeningAnswer.init(rawValue:))
    }

    /// The screening result the form states, when it does.
    var screeningResult: ScreeningResult? { text("screening_result").flatMap(ScreeningResult.init(rawValue:)) }

    /// The screening the form carries, as this home's records: one per set of the questionnaire
    /// (the question ids are unique across it), each result read again under the set's rule;
    /// without a questionnaire, one record of every answer with the result the form states.
    func screeningRecords(questionnaire: Questionnaire?, child: Bool) -> [ScreeningRecord] {
        let answers = screeningAnswers
        guard !answers.isEmpty else { return [] }
        if let questionnaire {
            let records = questionnaire.sets.compactMap { set -> ScreeningRecord? in
                let own = answers.filter { set.asks($0.key) }
                guard !own.isEmpty else { return nil }
                return ScreeningRecord(set: set.id, answers: own, result: set.result(own, child: child),
                                       questionnaireVersion: questionnaire.version, strengthsUnconfirmed: set.strengthsUnconfirmed ? true : nil)
            }
            if !records.isEmpty { return records }
        }
        let result = screeningResult ?? (ScreeningRule.isDeclined(answers) ? .declined : answers.values.contains(.yes) ? .unclear : .noIndicators)
        return [ScreeningRecord(set: Self.receivedSet, answers: answers, result: result)]
    }

    /// The set name of screening answers received without a questionnaire that places them.
    static let receivedSet = "received"
}
