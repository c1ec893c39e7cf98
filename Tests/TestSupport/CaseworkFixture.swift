@testable import Casework
import Directory
import Foundation
import Routing
import SOP
import WaymarkData

/// A home with the sample directory, an operator and an open case store (cheap scrypt).
public struct CaseworkFixture {
    public let home: URL
    public let directory: DirectoryStore
    public let store: CaseStore
    public let clock: SteppedClock

    public static let passphrase = "correct horse battery staple"

    public static let sharedDirectory: DirectoryStore? = {
        guard let store = try? DirectoryStore.inMemory(), let sample = try? WaymarkData.samplePackage() else { return nil }
        _ = try? store.importPackage(at: sample, options: ImportOptions(shiftVerificationDates: true),
                                     clock: TestTime.clock)
        return store
    }()

    /// A fixture on disk, or (`inMemory`) with the case store and its log's head in memory.
    public init(procedure: Procedure = .standard, questionnaire: Questionnaire? = nil, checkpoint: (@Sendable (String) -> Void)? = nil,
                inMemory: Bool = false) throws {
        home = TemporaryHome.url("waymark-casework")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        guard let directory = Self.sharedDirectory else { throw CaseworkError.damaged("the sample directory did not import") }
        self.directory = directory
        clock = SteppedClock()
        try Operator(name: "Ana Responder", organization: "Linia Verde").save(home: home)
        let options = CaseStore.Options(procedure: procedure, questionnaire: questionnaire, clock: clock, random: SeededRandomSource(seed: 7),
                                        newKeyParameters: .cheapForTests, checkpoint: checkpoint)
        store = inMemory ? try CaseStore.openInMemory(home: home, passphrase: Self.passphrase, options: options)
                         : try CaseStore.open(home: home, passphrase: Self.passphrase, options: options)
    }

    /// Writes rows as an earlier version of Waymark would have (through the store's writer, so
    /// they carry valid MACs): the state a store upgraded from that version is in.
    public func writeAsEarlierVersion(_ sql: String) throws {
        try store.writer.write { db in try db.execute(sql: sql) }
    }

    /// Runs the sqlite3 tool on the home's case store.
    public func sqlite(_ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", CaseStore.file(in: home).path, sql]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CaseworkError.damaged("sqlite3 failed on: \(sql)") }
    }

    /// Reopens the home's store with a passphrase.
    public func reopen(passphrase: String = CaseworkFixture.passphrase) throws -> CaseStore {
        try CaseStore.open(home: home, passphrase: passphrase, options: .init(clock: clock, newKeyParameters: .cheapForTests))
    }

    public static let adultWoman = ClientProfile(area: "XA0101", sex: "female", age: .exact(27), languages: ["ro"], nationality: "XB",
                                          exploitation: ["sexual"])
    public static let girl = ClientProfile(area: "XA0101", sex: "female", age: .exact(15), languages: ["ro"], nationality: "XB",
                                    exploitation: ["labour"], unaccompanied: .yes)
    public static let disputedBoy = ClientProfile(area: "XA0101", sex: "male", age: .range(17...19), ageBasis: .disputed, languages: ["ru"],
                                           exploitation: ["labour"])

    public static let fullIdentity = Identity(name: "Maria Zbârcea", dateOfBirth: "1998-03-14", phone: "+373 600 00 001",
                                       address: "str. Teilor 4, Valdora", narrative: "Recruited for a cleaning job abroad.",
                                       safetyConcerns: "The recruiter knows her mother's address.", disability: "hard of hearing")

    public static let screening = ScreeningRecord(set: "adult-sexual", answers: ["q1": .yes, "q2": .declined], result: .unclear)

    /// Records every case step an adult owes.
    public func completeCaseSteps(_ code: CaseCode, child: Bool = false) throws {
        try store.recordCaseStep(code.rawValue, step: "safety", details: StepDetails(answers: ["in_danger": "no"]))
        try store.recordCaseStep(code.rawValue, step: "screening", details: StepDetails(screening: Self.screening))
        if !child {
            try store.recordCaseStep(code.rawValue, step: "age", details: StepDetails(age: try AgeRecord(basis: .stated, years: 27)))
        }
    }

    /// An adult case with identity and every case step, and a referral with consent and risk recorded.
    public func readyAdultReferral(service: String = SampleService.counselling, need: String = "psychosocial",
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
    public func recordRisk(_ id: String) throws {
        let codes = try store.eligibility(of: id, directory: directory)?.toAcknowledge ?? []
        try store.recordReferralStep(id, step: "risk", details: StepDetails(answers: ["traffickers": "low", "acknowledged": codes.joined(separator: ",")]))
    }

    /// The clearance for a referral (eligibility, then the gate, as the CLI and the UI ask), or nil when the gate refuses.
    public func clearance(_ id: String, override: String? = nil) throws -> Clearance? {
        do {
            return try store.clear(id, override: override, directory: directory)
        } catch CaseworkError.refused {
            return nil
        }
    }

    public static let guardian = StepDetails(answers: ["relationship": "appointed guardian", "appointed_by": "Valdora child-protection authority",
                                                "suspected_of_involvement": "no", "name": "Ion Rusu"])
    public static func bestInterests(_ outcome: String = "in-the-childs-interest") -> StepDetails {
        StepDetails(answers: ["outcome": outcome, "decided_by": "Valdora best-interests panel", "decided_on": "2026-01-10",
                              "procedure": "determination"])
    }
}
