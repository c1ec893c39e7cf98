import Casework
import Directory
import Foundation
import Home
import Routing
import SOP
import Testing
import TestSupport

/// Several `waymark` processes working on one home at the same time, as workers sharing a machine do.
@Suite("Several processes on one home at once")
struct ConcurrentHomeTests {
    static let processes = 4
    static let handoffsEach = 25

    /// Adult cases with identity and every case step, each with a referral ready to hand off (consent and
    /// risk recorded): made in this process through the same `Home` and answers the CLI uses, since 100 of
    /// them through the CLI would take minutes. Returns the referrals' ids.
    static func readyReferrals(_ cli: CaseworkCLI, count: Int) throws -> [String] {
        let home = Home(explicit: cli.home.path, environment: ["WAYMARK_PASSPHRASE": cli.passphrase, "WAYMARK_TEST_SCRYPT_LOG2N": "4"])
        let directory = try home.openDirectory()
        let store = try home.openCases(passphrase: cli.passphrase).store
        let answers = [("safety", #"{"in_danger": "no"}"#), ("screening", #"{"set": "adult-labour", "answers": {"al-dr-nature-of-job": "yes"}}"#),
                       ("age", #"{"basis": "stated", "years": 27}"#)]
        // A case takes one referral per service: three services each, so that fewer cases are needed.
        let services = [(SampleService.counselling, "psychosocial"), (SampleService.legalAdvice, "legal.aid"), (SampleService.womensShelter, "shelter")]
        var referrals: [String] = []
        while referrals.count < count {
            let code = try store.openCase(profile: ClientProfile(area: "XA0101", sex: "female", age: .exact(27)), channel: "self-hotline").rawValue
            try store.identify(code, identity: try Identity.parse(Data(#"{"name": "Maria Zbârcea", "date_of_birth": "1998-03-14"}"#.utf8)))
            for (step, json) in answers {
                try store.recordCaseStep(code, step: step, details: try StepAnswersFile.details(step: step, data: Data(json.utf8), file: "\(step).json",
                                                                                              questionnaire: store.options.questionnaire))
            }
            for (service, need) in services.prefix(count - referrals.count) {
                let referral = try store.createReferral(case: code, serviceId: service, need: need, directory: directory)
                _ = try store.giveConsent(referral.id, givenBy: .person, scopes: [.basic, .contact], explained: Set(ConsentExplanation.allCases),
                                          explainedIn: "ro")
                let acknowledged = try store.eligibility(of: referral.id, directory: directory)?.toAcknowledge ?? []
                try store.recordReferralStep(referral.id, step: "risk",
                                             details: StepDetails(answers: ["traffickers": "low", "acknowledged": acknowledged.joined(separator: ",")]))
                referrals.append(referral.id)
            }
        }
        return referrals
    }

    @Test("4 processes hand off 25 referrals each at the same time: all exit 0, none says locked, the log verifies and holds each hand-off once")
    func concurrentHandoffs() throws {
        let cli = CaseworkCLI()
        try cli.ok(["operator", "set", "--name", "Ana Popescu", "--organization", "Linia Verde"])
        let referrals = try Self.readyReferrals(cli, count: Self.processes * Self.handoffsEach)
        #expect(Set(referrals).count == referrals.count)
        let entriesBefore = try cli.json(["log", "head"])["count"] as? String

        // Each worker hands off every fourth referral, one process after another; the four run side by side.
        let outcomes = LockBox<[(String, WaymarkProcess.Outcome)]>([])
        let failures = LockBox<[String]>([])
        let done = DispatchGroup()
        for worker in 0..<Self.processes {
            let mine = referrals.enumerated().filter { $0.offset % Self.processes == worker }.map(\.element)
            done.enter()
            let thread = Thread {
                defer { done.leave() }
                for id in mine {
                    do {
                        let outcome = try cli.run(["referral", "handoff", id])
                        outcomes.withLock { $0.append((id, outcome)) }
                    } catch {
                        failures.withLock { $0.append("\(id): \(error)") }
                    }
                }
            }
            thread.start()
        }
        done.wait()

        #expect(failures.value.isEmpty, "\(failures.value)")
        #expect(outcomes.value.count == referrals.count)
        for (id, outcome) in outcomes.value {
            #expect(outcome.status == 0, "\(id) exited \(outcome.status): \(outcome.stderr)")
            #expect(!outcome.stderr.lowercased().contains("locked"), "\(id): \(outcome.stderr)")
        }
        let verify = try cli.run(["log", "verify"])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")

        // Exactly one hand-off entry per referral, and nothing else appended by the hand-offs.
        let home = Home(explicit: cli.home.path, environment: ["WAYMARK_PASSPHRASE": cli.passphrase, "WAYMARK_TEST_SCRYPT_LOG2N": "4"])
        let entries = try home.openCases(passphrase: cli.passphrase).store.logEntries()
        let handoffs = entries.filter { $0.kind == "handoff" }.compactMap(\.referralId)
        #expect(handoffs.count == referrals.count)
        #expect(Set(handoffs) == Set(referrals))
        #expect(Int(entriesBefore ?? "") == entries.count - referrals.count, "before: \(entriesBefore ?? "?"), now \(entries.count)")
        let head = try cli.json(["log", "head"])
        #expect(head["count"] as? String == "\(entries.count)")
        let statuses = (try cli.json(["referrals"])["referrals"] as? [[String: Any]] ?? []).compactMap { $0["status"] as? String }
        #expect(statuses.count == referrals.count && statuses.allSatisfy { $0 == "sent" }, "\(statuses)")
    }
}
