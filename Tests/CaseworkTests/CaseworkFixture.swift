@testable import Casework
import Directory
import Foundation
import Routing
import SOP
import WaymarkData

/// A clock the test moves forward.
final class TestClock: TimeSource, @unchecked Sendable {
    private let lock = NSLock()
    private var instant: Date

    init(_ start: Date = Date(timeIntervalSince1970: 1_768_471_200)) { instant = start }

    func now() -> Date {
        lock.lock()
        defer { lock.unlock() }
        return instant
    }

    func advance(hours: Double) {
        lock.lock()
        instant = instant.addingTimeInterval(hours * 3600)
        lock.unlock()
    }
}

/// Services of the bundled sample the tests refer people to.
enum SampleService {
    /// Guardianship for separated and trafficked children (child-protection).
    static let guardianship = "1de7e0f2-7c8b-5c52-a792-31a8e4786254"
    /// Family tracing and assessment (family-tracing), at an international organization.
    static let familyTracing = "7d45086a-e431-5e81-9e1e-fd2efa12d750"
    /// Reception of assisted returnees (return).
    static let returnReception = "de29f281-1c69-5c08-b29a-23000bf431af"
    /// A state shelter for women, at a confidential address.
    static let womensShelter = "296f4d62-b794-5bcb-99a6-de932708f6f8"
    /// Counselling for adult victims (psychosocial), same organization as the shelter.
    static let counselling = "cef7de8a-17f4-542f-b942-06302ca5c929"
    /// Free legal aid, another organization.
    static let legalAid = "7979d667-97bf-5921-93a2-f912593a319d"
    /// Family tracing and best-interests assessment: typed both child-protection and family-tracing.
    static let tracingAndProtection = "2a794f12-c71a-5e26-9c84-77d04fa8442e"
    /// Casa Fetelor «Lumina»: a shelter for girls aged 12 to 17.
    static let girlsShelter = "ed69c87d-7fb2-542e-9ba7-5b9ed049e0ad"
    /// A men's shelter that is temporarily closed.
    static let closedShelter = "014ce1af-6cd1-5fc7-8e6b-34b2b7dec348"
}

/// A home with the sample directory, an operator and an open case store (cheap scrypt).
struct CaseworkFixture {
    let home: URL
    let directory: DirectoryStore
    let store: CaseStore
    let clock: TestClock

    static let passphrase = "correct horse battery staple"

    static let sharedDirectory: DirectoryStore? = {
        guard let store = try? DirectoryStore.inMemory(), let sample = try? WaymarkData.samplePackage() else { return nil }
        _ = try? store.importPackage(at: sample, options: ImportOptions(shiftVerificationDates: true),
                                     clock: FixedTime(Date(timeIntervalSince1970: 1_768_471_200)))
        return store
    }()

    init(procedure: Procedure = .standard, questionnaire: Questionnaire? = nil, checkpoint: (@Sendable (String) -> Void)? = nil) throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-casework-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        guard let directory = Self.sharedDirectory else { throw CaseworkError.damaged("the sample directory did not import") }
        self.directory = directory
        clock = TestClock()
        try Operator(name: "Ana Responder", organization: "Linia Verde").save(home: home)
        store = try CaseStore.open(home: home, passphrase: Self.passphrase,
                                   options: .init(procedure: procedure, questionnaire: questionnaire, clock: clock, random: SeededRandomSource(seed: 7),
                                                  newKeyParameters: .cheapForTests, checkpoint: checkpoint))
    }

    /// Runs the sqlite3 tool on the home's case store (to lay out what an older store held).
    /// Writes rows as an earlier version of Waymark would have (through the store's writer, so
    /// they carry valid MACs): the state a store upgraded from that version is in.
    func writeAsEarlierVersion(_ sql: String) throws {
        try store.writer.write { db in try db.execute(sql: sql) }
    }

    func sqlite(_ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", CaseStore.file(in: home).path, sql]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CaseworkError.damaged("sqlite3 failed on: \(sql)") }
    }

    /// Reopens the home's store with a passphrase.
    func reopen(passphrase: String = CaseworkFixture.passphrase) throws -> CaseStore {
        try CaseStore.open(home: home, passphrase: passphrase, options: .init(clock: clock, newKeyParameters: .cheapForTests))
    }

    static let adultWoman = ClientProfile(area: "XA0101", sex: "female", age: .exact(27), languages: ["ro"], nationality: "XB",
                                          exploitation: ["sexual"])
    static let girl = ClientProfile(area: "XA0101", sex: "female", age: .exact(15), languages: ["ro"], nationality: "XB",
                                    exploitation: ["labour"], unaccompanied: .yes)
    static let disputedBoy = ClientProfile(area: "XA0101", sex: "male", age: .range(17...19), ageBasis: .disputed, languages: ["ru"],
                                           exploitation: ["labour"])

    static let fullIdentity = Identity(name: "Maria Zbârcea", dateOfBirth: "1998-03-14", phone: "+373 600 00 001",
                                       address: "str. Teilor 4, Valdora", narrative: "Recruited for a cleaning job abroad.",
                                       safetyConcerns: "The recruiter knows her mother's address.", disability: "hard of hearing")

    static let screening = ScreeningRecord(set: "adult-sexual", answers: ["q1": .yes, "q2": .declined], result: .unclear)

    /// Records every case step an adult owes.
    func completeCaseSteps(_ code: CaseCode, child: Bool = false) throws {
        try store.recordCaseStep(code.rawValue, step: "safety", details: StepDetails(answers: ["in_danger": "no"]))
        try store.recordCaseStep(code.rawValue, step: "screening", details: StepDetails(screening: Self.screening))
        if !child {
            try store.recordCaseStep(code.rawValue, step: "age", details: StepDetails(age: try AgeRecord(basis: .stated, years: 27)))
        }
    }

    /// An adult case with identity and every case step, and a referral with consent and risk recorded.
    func readyAdultReferral(service: String = SampleService.counselling, need: String = "psychosocial",
                            scopes: Set<DataScope> = [.basic, .contact]) throws -> (CaseCode, Referral) {
        let code = try store.openCase(profile: Self.adultWoman, channel: "self-hotline")
        try store.identify(code.rawValue, identity: Self.fullIdentity)
        try completeCaseSteps(code)
        let referral = try store.createReferral(case: code.rawValue, serviceId: service, need: need, directory: directory)
        _ = try store.giveConsent(referral.id, givenBy: .person, scopes: scopes, explained: Set(ConsentExplanation.allCases), explainedIn: "ro", interpreterLanguage: "ro")
        try recordRisk(referral.id)
        return (code, referral)
    }

    /// Records the risk step, acknowledging every note and condition routing reports for the referral's service.
    func recordRisk(_ id: String) throws {
        let codes = try store.eligibility(of: id, directory: directory)?.toAcknowledge ?? []
        try store.recordReferralStep(id, step: "risk", details: StepDetails(answers: ["traffickers": "low", "acknowledged": codes.joined(separator: ",")]))
    }

    /// The clearance for a referral (eligibility, then the gate, as the CLI and the UI ask), or nil when the gate refuses.
    func clearance(_ id: String, override: String? = nil) throws -> Clearance? {
        do {
            return try store.clear(id, override: override, directory: directory)
        } catch CaseworkError.refused {
            return nil
        }
    }

    static let guardian = StepDetails(answers: ["relationship": "appointed guardian", "appointed_by": "Valdora child-protection authority",
                                                "suspected_of_involvement": "no", "name": "Ion Rusu"])
    static func bestInterests(_ outcome: String = "in-the-childs-interest") -> StepDetails {
        StepDetails(answers: ["outcome": outcome, "decided_by": "Valdora best-interests panel", "decided_on": "2026-01-10",
                              "procedure": "determination"])
    }
}
