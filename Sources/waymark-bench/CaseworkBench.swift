import ArgumentParser
@_spi(Benchmarks) import Casework
import Directory
import Foundation
import Routing
import SOP
import WaymarkData

/// Times the hand-off path (gate, form, log append) and `log verify` over a long log.
struct CaseworkBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "casework",
        abstract: "Time gate + form + log append per hand-off, the passphrase derivation, and log verify over 100,000 entries.",
        discussion: "Example: .build/release/waymark-bench casework")

    @Option(help: "How many timed hand-offs.") var handoffs = 200
    @Option(name: .customLong("log-entries"), help: "Entries in the log that is verified.") var logEntries = 100_000

    func run() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-casebench-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: work) }
        let clock = FixedTime(WaymarkBench.epoch)
        let home = WaymarkHome(url: work.appendingPathComponent("home"))
        let directory = try home.openDirectory(seedingFrom: { try WaymarkData.samplePackage() }, clock: clock)
        try Operator(name: "Bench Operator", organization: "Bench Org").save(home: home.url)
        let definitions = try SOPDefinitions.load(home: home.url, bundled: try WaymarkData.resourceDirectory().appendingPathComponent("sop"))
        let options = CaseStore.Options(procedure: definitions.procedure, questionnaire: definitions.questionnaire, clock: clock)
        let passphrase = "bench passphrase for timing only"

        var store: CaseStore?
        let create = try milliseconds { store = try CaseStore.open(home: home.url, passphrase: passphrase, options: options) }
        var unlocks: [Double] = []
        for _ in 0..<3 { unlocks.append(try milliseconds { _ = try CaseStore.open(home: home.url, passphrase: passphrase, options: options) }) }
        guard let store else { return }
        print(String(format: "passphrase derivation, scrypt N=2^%d r=%d p=%d (once per session): create %.0f ms, unlock %@",
                     ScryptParameters.standard.log2N, ScryptParameters.standard.blockSize, ScryptParameters.standard.parallelism,
                     create, Percentiles(unlocks).summary))

        let profile = ClientProfile(area: "XA0101", sex: "female", age: .exact(27), languages: ["ro"], exploitation: ["labour"])
        let set = definitions.questionnaire.adultLabour
        let answers = Dictionary(uniqueKeysWithValues: set.indicators.prefix(12).map { ($0.id, ScreeningAnswer.yes) })
        var ready: [String] = []
        for _ in 0..<handoffs {
            let code = try store.openCase(profile: profile, channel: "self-hotline")
            try store.identify(code.rawValue, identity: Identity(name: "Bench Person", dateOfBirth: "1999-01-01", phone: "+000"))
            try store.recordCaseStep(code.rawValue, step: "safety", details: StepDetails(answers: ["in_danger": "no"]))
            try store.recordCaseStep(code.rawValue, step: "screening", details: StepDetails(
                screening: ScreeningRecord(set: set.id, answers: answers, result: .unclear)))
            try store.recordCaseStep(code.rawValue, step: "age", details: StepDetails(age: try AgeRecord(basis: .stated, years: 27)))
            let referral = try store.createReferral(case: code.rawValue, serviceId: "cef7de8a-17f4-542f-b942-06302ca5c929",
                                                    need: "psychosocial", directory: directory)
            _ = try store.giveConsent(referral.id, givenBy: .person, scopes: [.basic, .contact, .screening],
                                      explained: Set(ConsentExplanation.allCases), explainedIn: "en")
            let acknowledged = try store.eligibility(of: referral.id, directory: directory)?.toAcknowledge ?? []
            try store.recordReferralStep(referral.id, step: "risk", details: StepDetails(answers: [
                "traffickers": "low", "acknowledged": acknowledged.joined(separator: ",")]))
            ready.append(referral.id)
        }
        var times: [Double] = []
        var checks: [Double] = []
        for id in ready {
            times.append(try milliseconds {
                // Eligibility and the gate (as the CLI and the UI ask), then the hand-off, which checks both again inside its transaction.
                var clearance: Clearance?
                checks.append(try milliseconds { clearance = try store.clear(id, directory: directory) })
                guard let clearance else { return }
                _ = try store.handoff(clearance, directory: directory)
            })
        }
        print("  of which the check before the hand-off (eligibility + gate): \(Percentiles(checks).summary)")
        print("eligibility + gate + form + log append, per hand-off (target p95 ≤ 20 ms): \(Percentiles(times).summary)")

        try store.appendSyntheticLogEntries(max(0, logEntries - ready.count))
        var result: LogVerification?
        let verify = try milliseconds { result = try store.verifyLog() }
        print(String(format: "log verify over %d entries (target ≤ 5 s): %.2f s, %@", result?.entries ?? 0, verify / 1000,
                     result?.verifies == true ? "verifies" : "DOES NOT VERIFY"))
    }
}
