import Casework
import Foundation
import Routing

/// A fixed set of cases made through the case store at a fixed clock, for the coordinator's report.
///
/// Eight cases opened on 2026-01-15 at 10:00 UTC: six women of 27, each referred to counselling
/// and handed off 3 hours later, acknowledged 2 hours after that; five of those referrals
/// declined an hour later (four for no capacity, one by the person) and replaced 1 to 5 hours
/// after the decline; the sixth accepted, started a day later and closed as received. A man of
/// 22 and a girl of 15 with needs nobody could meet. Reasonable grounds for the women 2, 4, 6,
/// 8, 10 and 12 days after first contact, negative for the man after 5; conclusive grounds for
/// the first woman after 17 days (within her recovery period) and for the second after 41
/// (after hers ended). The report covers January and February 2026 and is made on 2 March.
public enum ReportFixture {
    public static let man = ClientProfile(area: "XA0101", sex: "male", age: .exact(22), languages: ["ru"], nationality: "XB",
                                          exploitation: ["labour"])

    static func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text) ?? .distantPast }

    /// The report over January and February 2026.
    public static func report() throws -> CaseReport {
        let fixture = try CaseworkFixture()
        let store = fixture.store
        var women: [(CaseCode, Referral)] = []
        for _ in 0..<6 { women.append(try fixture.readyAdultReferral()) }
        let man = try store.openCase(profile: Self.man, channel: "police")
        let girl = try store.openCase(profile: CaseworkFixture.girl, channel: "ngo")
        try store.recordNeeds(man.rawValue, unmet: ["shelter"], conditional: [])
        try store.recordNeeds(girl.rawValue, unmet: ["shelter.children"], conditional: ["legal.immigration"])
        fixture.clock.advance(hours: 3)
        for (_, referral) in women {
            guard let clearance = try fixture.clearance(referral.id) else { throw CaseworkError.damaged("the gate refused \(referral.id)") }
            _ = try store.handoff(clearance, directory: fixture.directory)
        }
        fixture.clock.advance(hours: 2)
        for (_, referral) in women { _ = try store.update(referral.id, to: .acknowledged) }
        fixture.clock.advance(hours: 1)
        for (index, (_, referral)) in women.prefix(5).enumerated() {
            _ = try store.update(referral.id, to: .declined, declineReason: index == 4 ? .personDeclined : .noCapacity)
        }
        for (code, referral) in women.prefix(5) {
            fixture.clock.advance(hours: 1)
            _ = try store.createReferral(case: code.rawValue, serviceId: SampleService.counselling, need: "psychosocial",
                                         replaces: referral.id, directory: fixture.directory)
        }
        let received = women[5].1.id
        _ = try store.update(received, to: .accepted)
        fixture.clock.advance(hours: 24)
        _ = try store.update(received, to: .serviceStarted)
        _ = try store.update(received, to: .closed, outcome: .serviceReceived)

        fixture.clock.advance(by: date("2026-03-02T09:00:00Z").timeIntervalSince(fixture.clock.now()))
        for ((code, _), day) in zip(women, ["2026-01-17", "2026-01-19", "2026-01-21", "2026-01-23", "2026-01-25", "2026-01-27"]) {
            try store.recordDecision(code.rawValue, stage: .reasonableGrounds, outcome: .positive, decidedBy: "Insp. Radu Ionescu",
                                     authority: .police, on: day)
        }
        try store.recordDecision(man.rawValue, stage: .reasonableGrounds, outcome: .negative, decidedBy: "Insp. Radu Ionescu",
                                 authority: .police, on: "2026-01-20")
        try store.recordDecision(women[0].0.rawValue, stage: .conclusiveGrounds, outcome: .positive, decidedBy: "Competent Authority",
                                 authority: .nonPoliceGovernment, on: "2026-02-01")
        try store.recordDecision(women[1].0.rawValue, stage: .conclusiveGrounds, outcome: .positive, decidedBy: "Competent Authority",
                                 authority: .nonPoliceGovernment, on: "2026-02-25")
        return try store.report(from: date("2026-01-01T00:00:00Z"), to: date("2026-02-28T23:59:59Z"))
    }
}
