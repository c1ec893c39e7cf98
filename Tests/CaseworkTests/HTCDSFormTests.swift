@testable import Casework
import Directory
import Foundation
import GRDB
import Routing
import SOP
import Testing
import WaymarkData
import TestSupport

@Suite("The form's HTCDS JSON: children, exploitation types, languages, the reason for referral")
struct HTCDSFormTests {
    /// An adult with two dependents, several exploitation types and two languages.
    static let mother = ClientProfile(area: "XA0101", sex: "female", age: .exact(27), languages: ["ro", "cmn"], nationality: "XB",
                                      exploitation: ["labour", "sexual", "forced-criminality", "other-exploitation"], dependents: 2)

    /// A case with every case step and a referral with consent and risk, for a profile.
    func ready(_ fixture: CaseworkFixture, profile: ClientProfile, purpose: ReferralPurpose = .additionalServices,
               scopes: Set<DataScope> = [.basic]) throws -> Referral {
        let code = try fixture.store.openCase(profile: profile, channel: "self-hotline")
        try fixture.completeCaseSteps(code)
        let referral = try fixture.store.createReferral(case: code.rawValue, serviceId: SampleService.counselling, need: "psychosocial",
                                                        purpose: purpose, directory: fixture.directory)
        _ = try fixture.store.giveConsent(referral.id, givenBy: .person, scopes: scopes, explained: Set(ConsentExplanation.allCases), explainedIn: "ro")
        try fixture.recordRisk(referral.id)
        return referral
    }

    /// The form handed off, as JSON.
    func handedOff(_ fixture: CaseworkFixture, _ referral: Referral) throws -> (ReferralForm, [String: Any]) {
        let clearance = try #require(try fixture.clearance(referral.id))
        _ = try fixture.store.handoff(clearance, directory: fixture.directory)
        let form = try fixture.store.form(referral.id)
        let document = try #require(try JSONSerialization.jsonObject(with: try form.json()) as? [String: Any])
        return (form, document)
    }

    @Test("Within basic: prs_NumberOfChildren, vic_TypeOfExploitation mapped and each once, 639-2/T languages; on the printed form too")
    func basicScope() throws {
        let fixture = try CaseworkFixture()
        let referral = try ready(fixture, profile: Self.mother)
        let (form, document) = try handedOff(fixture, referral)
        let person = try #require(document["person"] as? [String: Any])
        #expect(person["prs_NumberOfChildren"] as? Int == 2)
        #expect(person["vic_TypeOfExploitation"] as? [String] == ["ForcedLabour", "SexualExploitation", "Other"])
        #expect(person["exploitation_types"] as? [String] == ["labour", "sexual", "forced-criminality", "other-exploitation"])
        // Mandarin has no 639-2 code: it is sent as its macrolanguage, Chinese.
        #expect(person["prs_PrimaryLanguage"] as? String == "ron")
        #expect(person["prs_SecondaryLanguage"] as? String == "zho")
        #expect(person["languages"] as? [String] == ["ro", "cmn"])
        let shared = try #require(document["shared_fields"] as? [String])
        #expect(shared.contains("dependents") && shared.contains("exploitation-types"))
        let text = form.text()
        #expect(text.contains("Dependents") && text.contains("Exploitation"))
    }

    @Test("Without basic, the form carries no children, exploitation or languages")
    func anonymousScope() throws {
        let fixture = try CaseworkFixture()
        let referral = try ready(fixture, profile: Self.mother, scopes: [.anonymous])
        let document = try #require(try JSONSerialization.jsonObject(with: try fixture.store.form(referral.id).json()) as? [String: Any])
        let person = try #require(document["person"] as? [String: Any])
        for key in ["prs_NumberOfChildren", "vic_TypeOfExploitation", "exploitation_types", "prs_PrimaryLanguage"] {
            #expect(person[key] == nil, "\(key) shared without the basic scope")
        }
        #expect(try fixture.store.form(referral.id).languagesISO6392 == nil)
        #expect(try fixture.store.form(referral.id).exploitationHTCDS == nil)
    }

    @Test("No dependents is not sent as a number (the profile cannot tell none from not asked)")
    func noDependents() throws {
        let fixture = try CaseworkFixture()
        var profile = Self.mother
        profile.dependents = 0
        let referral = try ready(fixture, profile: profile)
        let person = try #require((try JSONSerialization.jsonObject(with: try fixture.store.form(referral.id).json()) as? [String: Any])?["person"]
            as? [String: Any])
        #expect(person["prs_NumberOfChildren"] == nil)
    }

    @Test("Exploitation codes map to HTCDS values; labour is ChildLabour for a child; each value once")
    func exploitationMapping() {
        #expect(FormBuilder.typeOfExploitation(["labour", "domestic-servitude", "forced-marriage", "begging", "organ-removal"], child: false)
            == ["ForcedLabour", "Servitude", "ForcedMarriage", "ForcedBegging", "OrganRemoval"])
        #expect(FormBuilder.typeOfExploitation(["labour", "sexual"], child: true) == ["ChildLabour", "SexualExploitation"])
        #expect(FormBuilder.typeOfExploitation(["forced-criminality", "other-exploitation", "sexual", "forced-criminality"], child: false)
            == ["Other", "SexualExploitation"])
        #expect(FormBuilder.typeOfExploitation([], child: false).isEmpty)
    }

    @Test("The bundled language table: 639-1, 639-2/B and 639-3 codes become 639-2/T; an unknown code is sent as given")
    func languageTable() throws {
        let table = LanguageTable.bundled
        #expect(table.iso6392T("ro") == "ron")
        #expect(table.iso6392T("rum") == "ron")
        #expect(table.iso6392T("ron") == "ron")
        #expect(table.iso6392T("de") == "deu")
        #expect(table.iso6392T("ger") == "deu")
        #expect(table.iso6392T("sq") == "sqi")
        #expect(table.iso6392T("uk") == "ukr")
        #expect(table.iso6392T("ti") == "tir")
        #expect(table.iso6392T("tl") == "tgl")
        // No 639-2 code: the macrolanguage.
        #expect(table.iso6392T("prs") == "fas")
        #expect(table.iso6392T("arz") == "ara")
        #expect(table.iso6392T("rmy") == "rom")
        #expect(table.iso6392T("swh") == "swa")
        // Not in the table: sent as given (lowercased).
        #expect(table.iso6392T("zz") == "zz")
        #expect(table.iso6392T("QQQ") == "qqq")
        #expect(!table.knows("zz"))
        // Every ISO 639-1 code there is, near enough.
        let text = try String(contentsOf: try WaymarkData.languageTable(), encoding: .utf8)
        let twoLetter = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.dropFirst()
            .compactMap { $0.split(separator: "\t", omittingEmptySubsequences: false).first }.filter { $0.count == 2 }
        #expect(twoLetter.count >= 180)
        #expect(twoLetter.allSatisfy { table.iso6392T(String($0)).count == 3 })
    }

    @Test("A missing or broken table does not crash: codes are sent as given")
    func missingTable() throws {
        struct Missing: Error {}
        let missing = LanguageTable.loaded(from: { throw Missing() })
        #expect(missing == .empty)
        #expect(missing.iso6392T("ro") == "ro")
        let nowhere = TemporaryHome.url("no-such", suffix: ".tsv")
        #expect(LanguageTable.loaded(from: { nowhere }) == .empty)
        #expect(throws: CaseworkError.self) { try LanguageTable(tsv: "639-1\t639-2/T\n\nro\tron\n") }
    }

    @Test("An unknown language code reaches the JSON as given; the next is still converted")
    func unknownLanguage() throws {
        let fixture = try CaseworkFixture()
        var profile = Self.mother
        profile.languages = ["zz", "ro"]
        let referral = try ready(fixture, profile: profile)
        let (_, document) = try handedOff(fixture, referral)
        let person = try #require(document["person"] as? [String: Any])
        #expect(person["prs_PrimaryLanguage"] as? String == "zz")
        #expect(person["prs_SecondaryLanguage"] as? String == "ron")
    }

    @Test("The referral's purpose is stored and sets cas_ReasonForOutgoingReferral; additional services by default")
    func purpose() throws {
        let fixture = try CaseworkFixture()
        let moving = try ready(fixture, profile: Self.mother, purpose: .changeOfLocation)
        #expect(try fixture.store.referral(moving.id).purpose == .changeOfLocation)
        let (form, document) = try handedOff(fixture, moving)
        #expect((document["referral"] as? [String: Any])?["cas_ReasonForOutgoingReferral"] as? String == "MigrationOrChangeOfLocation")
        #expect(form.text(width: 120).contains("needs psychosocial; migration or change of location"))
        let other = try ready(fixture, profile: Self.mother, purpose: .other)
        let otherJSON = try JSONSerialization.jsonObject(with: try fixture.store.form(other.id).json()) as? [String: Any]
        #expect((otherJSON?["referral"] as? [String: Any])?["cas_ReasonForOutgoingReferral"] as? String == "Other")
        let usual = try ready(fixture, profile: Self.mother)
        #expect(try fixture.store.referral(usual.id).purpose == .additionalServices)
        let usualJSON = try JSONSerialization.jsonObject(with: try fixture.store.form(usual.id).json()) as? [String: Any]
        #expect((usualJSON?["referral"] as? [String: Any])?["cas_ReasonForOutgoingReferral"] as? String == "AdditionalServicesRequired")
        #expect(ReferralPurpose(rawValue: "holiday") == nil)
    }

    @Test("Referrals made before the purpose column are for additional services after the migration")
    func purposeMigration() throws {
        // A store as it was before the column, with one referral, then migrated.
        let queue = try DatabaseQueue()
        try CaseStoreMigrations.migrator.migrate(queue, upTo: "v2-sealed-profile")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO case_file (code, opened_at, opened_by, opened_by_organization, first_contact_at, profile, age_band, is_child)
                VALUES ('WM-2222-2222', '2026-01-01 00:00:00.000', 'Ana', 'Linia Verde', '2026-01-01 00:00:00.000', '', '25-39', 0)
                """)
            try db.execute(sql: """
                INSERT INTO referral (id, case_code, service_id, service_name, organization_id, organization_name, service_types, need,
                                      priority, status, created_at, created_by, created_by_organization)
                VALUES ('R-OLDROWS1', 'WM-2222-2222', 's', 'S', 'o', 'O', 'psychosocial', 'psychosocial', 'normal', 'draft',
                        '2026-01-01 00:00:00.000', 'Ana', 'Linia Verde')
                """)
        }
        try CaseStoreMigrations.migrator.migrate(queue)
        let purpose = try queue.read { db in try String.fetchOne(db, sql: "SELECT purpose FROM referral WHERE id = 'R-OLDROWS1'") }
        #expect(purpose == ReferralPurpose.additionalServices.rawValue)
    }
}
