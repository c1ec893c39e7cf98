import Casework
import Directory
import Foundation
import GRDB
import SOP
import Testing
import TestSupport

@Suite("Privacy: scopes, encryption at rest, passphrase, erasure")
struct PrivacyTests {
    static let everyScopeSet: [Set<DataScope>] = {
        let named: [DataScope] = [.basic, .contact, .screening, .narrative]
        var sets: [Set<DataScope>] = [[.anonymous]]
        for mask in 1..<(1 << named.count) {
            sets.append(Set(named.enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element)))
        }
        return sets
    }()

    @Test("A form never carries a field outside the consented scope (every scope set)", arguments: everyScopeSet)
    func formWithinScope(scopes: Set<DataScope>) throws {
        let fixture = try CaseworkFixture()
        let (_, referral) = try fixture.readyAdultReferral(scopes: scopes)
        let clearance = try #require(try fixture.clearance(referral.id))
        let form = try fixture.store.handoff(clearance, directory: fixture.directory).form
        let allowed = DataScope.fields(for: scopes)
        #expect(Set(form.person.keys).isSubset(of: allowed), "outside scope: \(Set(form.person.keys).subtracting(allowed))")
        let json = String(decoding: try form.json(), as: UTF8.self)
        let text = form.text()
        let identity = CaseworkFixture.fullIdentity
        let checks: [(FormField, String?)] = [(.name, identity.name), (.dateOfBirth, identity.dateOfBirth), (.phone, identity.phone),
                                              (.address, identity.address), (.narrative, identity.narrative),
                                              (.safetyConcerns, identity.safetyConcerns), (.disability, identity.disability),
                                              (.nationality, "XB")]
        for (field, value) in checks {
            guard let value else { continue }
            let expected = allowed.contains(field)
            #expect(json.contains(value) == expected, "\(field) in JSON: \(!expected)")
            #expect(text.contains(value) == expected, "\(field) in text: \(!expected)")
        }
        #expect(json.contains("\"screening_answers\"") == allowed.contains(.screeningAnswers))
        // The consent block does not leak a basic-scope fact (the interpreter's language) either.
        #expect(form.consent?.interpreterLanguage == nil || allowed.contains(.interpreterNeeded))
        // The anonymous fields are always there.
        #expect(form.person[.clientCode] != nil && form.person[.sex] != nil && form.person[.servicesRequested] != nil)
    }

    @Test("HTCDS: a screening gives a possible victim at most, and no-indicators is never 'not a victim'")
    func traffickingStatus() throws {
        let fixture = try CaseworkFixture()
        let (code, referral) = try fixture.readyAdultReferral(scopes: [.basic])
        let json = String(decoding: try fixture.store.form(referral.id).json(), as: UTF8.self)
        #expect(json.contains("\"vic_TraffickingStatus\" : \"PossibleVictimOfTrafficking\""))
        try fixture.store.recordCaseStep(code.rawValue, step: "screening", details: StepDetails(
            screening: ScreeningRecord(set: "adult-sexual", answers: ["q1": .no], result: .noIndicators)))
        let after = String(decoding: try fixture.store.form(referral.id).json(), as: UTF8.self)
        #expect(!after.contains("vic_TraffickingStatus"))
        #expect(!after.contains("NotAVictim"))
    }

    @Test("The raw cases.sqlite contains no name, date of birth, phone or narrative in clear text")
    func encryptedAtRest() throws {
        let fixture = try CaseworkFixture()
        let (_, referral) = try fixture.readyAdultReferral(scopes: [.basic, .contact, .narrative])
        let clearance = try #require(try fixture.clearance(referral.id))
        _ = try fixture.store.handoff(clearance, directory: fixture.directory)
        let raw = try Data(contentsOf: CaseStore.file(in: fixture.home))
        let identity = CaseworkFixture.fullIdentity
        // Needles long enough that random ciphertext cannot hold them by chance ("Zb" alone could).
        for secret in [identity.name, identity.dateOfBirth, identity.phone, identity.narrative, "Zbârcea", "1998-03-14", "Teilor"] {
            guard let secret else { continue }
            #expect(raw.range(of: Data(secret.utf8)) == nil, "'\(secret)' is in the file in clear text")
        }
        // The head file and the log carry none of it either.
        let head = try Data(contentsOf: fixture.home.appendingPathComponent("handoff-log.head"))
        #expect(head.range(of: Data("Maria".utf8)) == nil)
        // And it opens again with the passphrase.
        #expect(try fixture.reopen().identity(referral.caseCode)?.name == identity.name)
    }

    @Test("A wrong passphrase unlocks nothing and writes nothing")
    func wrongPassphrase() throws {
        let fixture = try CaseworkFixture()
        _ = try fixture.readyAdultReferral()
        let file = CaseStore.file(in: fixture.home)
        let before = try Data(contentsOf: file)
        let files = try FileManager.default.contentsOfDirectory(atPath: fixture.home.path).sorted()
        #expect(throws: CaseworkError.wrongPassphrase) { _ = try fixture.reopen(passphrase: "wrong horse") }
        #expect(try Data(contentsOf: file) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.home.path).sorted() == files)
    }

    @Test("An erased case's name is unrecoverable while the log still verifies and the report still counts it")
    func erasure() throws {
        let fixture = try CaseworkFixture()
        let (code, referral) = try fixture.readyAdultReferral(scopes: [.basic, .contact])
        let clearance = try #require(try fixture.clearance(referral.id))
        _ = try fixture.store.handoff(clearance, directory: fixture.directory)
        try fixture.store.erase(code.rawValue)
        #expect(try fixture.store.identity(code.rawValue) == nil)
        #expect(throws: CaseworkError.self) { _ = try fixture.store.form(referral.id) }
        #expect(throws: CaseworkError.self) { try fixture.store.identify(code.rawValue, identity: Identity(name: "again")) }
        #expect(try fixture.store.verifyLog().verifies)
        #expect(try fixture.store.report().referrals.value == 1)
        #expect(try fixture.store.logEntries().last?.kind == "erasure")
        // No key left for the case: nothing in the file can open what was sealed.
        let queue = try DatabaseQueue(path: CaseStore.file(in: fixture.home).path)
        let keys = try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM case_key WHERE case_code = ?", arguments: [code.rawValue]) }
        #expect(keys == 0)
        let sealed = try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM case_identity") }
        #expect(sealed == 0)
        let raw = try Data(contentsOf: CaseStore.file(in: fixture.home))
        #expect(raw.range(of: Data("Maria".utf8)) == nil)
    }

    @Test("Identifying data as JSON: unknown keys, non-text values and bad dates are refused")
    func identityParsing() throws {
        #expect(try Identity.parse(Data(#"{"name": "A B", "date_of_birth": "2009-04-02"}"#.utf8)).name == "A B")
        for bad in [#"{"nom": "A"}"#, #"{"name": 5}"#, #"{"date_of_birth": "2 April"}"#, #"{"date_of_birth": "1994-02-30"}"#,
                    #"{"date_of_birth": "2099-01-01"}"#, "not json", "[1]"] {
            #expect(throws: CaseworkError.self) { _ = try Identity.parse(Data(bad.utf8)) }
        }
        #expect(throws: CaseworkError.self) { _ = try Identity.parse(Data([0xff, 0xfe, 0x00])) }
    }
}

@Suite("Free-text reasons")
struct ReasonTests {
    @Test("A decline reason is sealed at rest, read back through the store, and gone after erasure")
    func sealedReason() throws {
        let fixture = try CaseworkFixture()
        let (code, referral) = try fixture.readyAdultReferral()
        let clearance = try #require(try fixture.clearance(referral.id))
        _ = try fixture.store.handoff(clearance, directory: fixture.directory)
        _ = try fixture.store.update(referral.id, to: .acknowledged)
        let reason = "Maria cannot share a room, call Ion"
        #expect(try fixture.store.update(referral.id, to: .declined, reason: reason).statusReason == reason)
        #expect(try fixture.store.referral(referral.id).statusReason == reason)
        #expect(try fixture.store.referrals().first?.statusReason == reason)
        let raw = try Data(contentsOf: CaseStore.file(in: fixture.home))
        #expect(raw.range(of: Data("call Ion".utf8)) == nil)
        try fixture.store.erase(code.rawValue)
        #expect(try fixture.store.referral(referral.id).statusReason == nil)
    }
}
