@testable import Casework
import Directory
import Foundation
import SOP
import Testing
import TestSupport

/// The NRM figures of the coordinator's report over a fixed set of cases, each number worked out by hand.
///
/// Ten cases, all first contacted on 2026-01-01 at 10:00 UTC (day 0), under the standard SOP
/// (a 30-day recovery period from the first positive reasonable-grounds decision), reported
/// as of 2026-03-01:
///
/// | case | person          | reasonable grounds | conclusive grounds | referrals                                |
/// |------|-----------------|--------------------|--------------------|------------------------------------------|
/// | W1   | female 25-39    | + day 2            | + day 20           | closed service-received; declined no-capacity, replaced 2 h later |
/// | W2   | female 25-39    | + day 4            | + day 50           | closed service-received; declined no-capacity, replaced 4 h later |
/// | W3   | female 25-39    | + day 6            |                    | closed service-received; declined no-capacity, replaced 6 h later |
/// | W4   | female 25-39    | + day 8            |                    | closed service-received; declined no-capacity, replaced 8 h later |
/// | W5   | female 25-39    | + day 10           |                    | closed service-received; declined no-capacity, replaced 10 h later |
/// | W6   | female 25-39    | + day 12           |                    | closed, no outcome code (an older row)   |
/// | W7   | female 25-39    |                    |                    |                                          |
/// | M1   | male 18-24      | + day 1            |                    | closed lost-contact; declined not-eligible, replaced 1 h later |
/// | M2   | male 18-24      | − day 3            |                    |                                          |
/// | G1   | female 15-17    |                    |                    |                                          |
///
/// Unmet needs: shelter for W1 (recorded twice), W2 and M1; legal for G1 (conditional).
@Suite("Report: the NRM figures by sex and age band, over a fixed set of cases")
struct ReportFigureTests {
    static let calendar = RecoveryPeriodRule.calendar
    static let dayZero = Date(timeIntervalSince1970: 1_767_261_600) // 2026-01-01T10:00:00Z
    static let until = Date(timeIntervalSince1970: 1_772_366_400) // 2026-03-01T12:00:00Z

    static func day(_ n: Int) -> String { DecisionDay.text(dayZero.addingTimeInterval(Double(n) * 86_400)) }

    static func file(_ code: String, _ sex: Sex?, _ band: String) -> CaseFile {
        CaseFile(code: code, openedAt: dayZero, openedBy: "Ana", openedByOrganization: "Linia Verde", firstContactAt: dayZero, channel: nil,
                 profile: "", profileSealed: nil, region: nil, sex: sex, ageBand: band, isChild: band < "18", screeningResult: nil,
                 notifiedAt: nil, erasedAt: nil)
    }

    static func decision(_ code: String, _ stage: NRMDecision.Stage, _ outcome: NRMDecision.Outcome, day n: Int) -> NRMDecision {
        NRMDecision(id: nil, caseCode: code, stage: stage, outcome: outcome, decidedBy: "Insp. Radu Ionescu", authorityType: .police,
                    decidedOn: day(n), reviewPending: false, referenceSealed: nil, recordedBy: "Ana", recordedByOrganization: "Linia Verde",
                    recordedAt: dayZero.addingTimeInterval(Double(n) * 86_400))
    }

    static func referral(_ id: String, _ code: String, status: ReferralStatus, hour: Double = 24) -> Referral {
        Referral(id: id, caseCode: code, serviceId: "S", serviceName: "Shelter", organizationId: "O", organizationName: "Org", locationId: nil,
                 serviceTypes: "shelter", need: "shelter", priority: .normal, status: status, createdAt: dayZero.addingTimeInterval(hour * 3600),
                 createdBy: "Ana", createdByOrganization: "Linia Verde", sentAt: nil, acknowledgedAt: nil, acceptedAt: nil, declinedAt: nil,
                 serviceStartedAt: nil, closedAt: status == .closed ? dayZero.addingTimeInterval((hour + 48) * 3600) : nil, withdrawnAt: nil,
                 serviceSnapshot: nil, formSealed: nil, formHash: nil, formVersion: nil)
    }

    static func need(_ code: String, _ need: ServiceType, _ kind: String, _ sex: Sex?, _ band: String) -> RecordedNeed {
        RecordedNeed(id: nil, caseCode: code, need: need, kind: kind, sex: sex, ageBand: band, recordedAt: dayZero)
    }

    static let cases: [CaseFile] = (1...7).map { file("W\($0)", "female", "25-39") } + [file("M1", "male", "18-24"), file("M2", "male", "18-24"),
                                                                                             file("G1", "female", "15-17")]

    static let decisions: [NRMDecision] = [
        decision("W1", .reasonableGrounds, .positive, day: 2), decision("W1", .conclusiveGrounds, .positive, day: 20),
        decision("W2", .reasonableGrounds, .positive, day: 4), decision("W2", .conclusiveGrounds, .positive, day: 50),
        decision("W3", .reasonableGrounds, .positive, day: 6), decision("W4", .reasonableGrounds, .positive, day: 8),
        decision("W5", .reasonableGrounds, .positive, day: 10), decision("W6", .reasonableGrounds, .positive, day: 12),
        decision("M1", .reasonableGrounds, .positive, day: 1), decision("M2", .reasonableGrounds, .negative, day: 3),
    ]

    static let referrals: [Referral] = {
        var rows: [Referral] = []
        for (index, code) in ["W1", "W2", "W3", "W4", "W5"].enumerated() {
            var closed = referral("C-\(code)", code, status: .closed)
            closed.outcome = .serviceReceived
            var declined = referral("D-\(code)", code, status: .declined, hour: 30)
            declined.declinedAt = dayZero.addingTimeInterval(40 * 3600)
            declined.declineReason = .noCapacity
            var replacement = referral("R-\(code)", code, status: .sent, hour: 40 + Double(2 * (index + 1)))
            replacement.replaces = declined.id
            rows += [closed, declined, replacement]
        }
        rows.append(referral("C-W6", "W6", status: .closed))
        var lost = referral("C-M1", "M1", status: .closed)
        lost.outcome = .lostContact
        var declined = referral("D-M1", "M1", status: .declined, hour: 30)
        declined.declinedAt = dayZero.addingTimeInterval(40 * 3600)
        declined.declineReason = .notEligible
        var replacement = referral("R-M1", "M1", status: .draft, hour: 41)
        replacement.replaces = declined.id
        return rows + [lost, declined, replacement]
    }()

    static let needs: [RecordedNeed] = [
        need("W1", "shelter", "unmet", "female", "25-39"), need("W1", "shelter", "unmet", "female", "25-39"),
        need("W2", "shelter", "unmet", "female", "25-39"), need("M1", "shelter", "unmet", "male", "18-24"),
        need("G1", "legal", "conditional", "female", "15-17"),
    ]

    static func figures(until: Date = until, procedure: Procedure = .standard) -> NRMFigures {
        NRMFigures(cases: cases, allCases: cases, referrals: referrals, allReferrals: referrals, decisions: decisions, needs: needs,
                   procedure: procedure, until: until)
    }

    /// A table as `code=count` pairs, in the order the report writes them.
    static func rows(_ table: ReportTable?) -> [String] { (table ?? []).map { "\($0.0)=\($0.1)" } }

    @Test("Cases by stage: two small counts in the total are both <5, so nothing else is hidden")
    func casesByStage() {
        let figure = Self.figures().casesByStage
        #expect(Self.rows(figure.total) == ["conclusive-grounds=<5", "first-contact=<5", "reasonable-grounds=6"])
        #expect(figure.count("reasonable-grounds")?.value == 6)
        #expect(figure.bySexAndAgeBand.map(\.cell.description) == ["female / 15-17", "female / 25-39", "male / 18-24"])
        #expect(Self.rows(figure[cell: "female / 25-39"]) == ["conclusive-grounds=<5", "first-contact=<5", "reasonable-grounds=<5"])
        #expect(figure.count("reasonable-grounds", in: "female / 25-39")?.value == 4)
        #expect(Self.rows(figure[cell: "male / 18-24"]) == ["reasonable-grounds=<5"])
        #expect(Self.rows(figure[cell: "female / 15-17"]) == ["first-contact=<5"])
    }

    @Test("Median days to reasonable grounds: 5 over everyone, 7 for the women, hidden for the two men")
    func daysToReasonableGrounds() {
        let figure = Self.figures().medianDaysToReasonableGrounds
        #expect(figure.total == 5, "days 1, 2, 3, 4, 6, 8, 10, 12: the negative decision counts, as the first of its stage")
        #expect(figure[cell: "female / 25-39"] == .some(7))
        #expect(figure[cell: "male / 18-24"] == .some(nil), "two values: not shown")
        #expect(figure[cell: "female / 15-17"] == nil, "nobody in the girl's cell has a decision")
    }

    @Test("Median days to conclusive grounds: two decisions, hidden in the total and in the cell")
    func daysToConclusiveGrounds() {
        let figure = Self.figures().medianDaysToConclusiveGrounds
        #expect(figure.total == nil)
        #expect(figure[cell: "female / 25-39"] == .some(nil))
        #expect(figure.bySexAndAgeBand.count == 1)
    }

    @Test("The first decision of a stage counts, by its day, not a later one")
    func firstDecisionCounts() {
        var decisions = Self.decisions
        // W3 to W6 and M1 decided again later; the medians do not move.
        decisions += ["W3", "W4", "W5", "W6", "M1"].map { Self.decision($0, .reasonableGrounds, .positive, day: 40) }
        let figures = NRMFigures(cases: Self.cases, allCases: Self.cases, referrals: [], allReferrals: [], decisions: decisions, needs: [],
                                 procedure: .standard, until: Self.until)
        #expect(figures.medianDaysToReasonableGrounds.total == 5)
    }

    @Test("Recovery periods that ran out with no conclusive decision: 6; the lone small cell's neighbour is suppressed")
    func recoveryPeriods() {
        let figure = Self.figures().recoveryPeriodsEndedWithoutDecision
        // W1 was decided within her period; W2 only after hers ended; M2's negative decision starts none.
        #expect(figure.total.value == 6 && figure.total.description == "6")
        #expect(figure[cell: "male / 18-24"]?.description == "<5")
        #expect(figure[cell: "female / 25-39"]?.value == 5)
        #expect(figure[cell: "female / 25-39"]?.description == "suppressed", "else the man's 1 is 6 - 5")
        // As of 2026-02-05 only W2's period (to 2026-02-04) and M1's (to 2026-01-31) have ended.
        let earlier = Self.figures(until: Date(timeIntervalSince1970: 1_770_249_600)).recoveryPeriodsEndedWithoutDecision
        #expect(earlier.total.value == 2)
        // A 60-day period (an SOP that lengthens it) has not ended for anyone by 2026-03-01.
        var longer = Procedure.standard
        longer.recoveryPeriod.days = 60
        #expect(Self.figures(procedure: longer).recoveryPeriodsEndedWithoutDecision.total.value == 0)
    }

    @Test("Referrals by outcome: closed referrals by code, one without a code counted as not recorded")
    func referralsByOutcome() {
        let figure = Self.figures().referralsByOutcome
        // Only the women received the service: the total would give their hidden count away, so it is hidden too.
        #expect(Self.rows(figure.total) == ["lost-contact=<5", "not recorded=<5", "service-received=suppressed"])
        #expect(Self.rows(figure[cell: "female / 25-39"]) == ["not recorded=<5", "service-received=suppressed"])
        #expect(Self.rows(figure[cell: "male / 18-24"]) == ["lost-contact=<5"])
    }

    @Test("As of the report's moment: a referral closed after it is not counted as closed; one declined before it is")
    func asOfTheMoment() {
        let figures = Self.figures(until: Self.dayZero.addingTimeInterval(50 * 3600))
        #expect(figures.referralsByOutcome.total.isEmpty, "closed 72 hours in, after the moment")
        #expect(figures.declinesByReason.count("no-capacity")?.value == 5, "declined 40 hours in, before it")
    }

    @Test("Declines by reason: one small count, so the other is suppressed too, in the total and in every cell")
    func declinesByReason() {
        let figure = Self.figures().declinesByReason
        #expect(Self.rows(figure.total) == ["no-capacity=suppressed", "not-eligible=<5"])
        #expect(figure.count("no-capacity")?.value == 5)
        // Shown in the women's cell, the 5 would give the one man's decline away (6 declined, by status): hidden there too.
        #expect(Self.rows(figure[cell: "female / 25-39"]) == ["no-capacity=suppressed"])
    }

    @Test("Median hours from a decline to its replacement: 5 over everyone, 6 for the women, hidden for one man")
    func declineToReplacement() {
        let figure = Self.figures().medianHoursDeclineToReplacement
        #expect(figure.total == 5, "hours 1, 2, 4, 6, 8, 10")
        #expect(figure[cell: "female / 25-39"] == .some(6))
        #expect(figure[cell: "male / 18-24"] == .some(nil))
    }

    @Test("Unmet and conditional needs: each person once per need, by the sex and age band recorded with the need")
    func needs() {
        let figures = Self.figures()
        #expect(Self.rows(figures.unmetNeeds.total) == ["shelter=<5"])
        #expect(figures.unmetNeeds.count("shelter")?.value == 3)
        #expect(figures.unmetNeeds.count("shelter", in: "female / 25-39")?.value == 2)
        #expect(figures.unmetNeeds.count("shelter", in: "male / 18-24")?.value == 1)
        #expect(Self.rows(figures.conditionalNeeds[cell: "female / 15-17"]) == ["legal=<5"])
    }

    @Test("A decision after the report's day is not counted: the stage and the medians are as of that day")
    func asOfTheReportsDay() {
        // As of 2026-01-08 (day 7): W1 to W3, M1 and M2 have their reasonable-grounds decisions, nobody a conclusive one.
        let figures = Self.figures(until: Date(timeIntervalSince1970: 1_767_873_600))
        #expect(Self.rows(figures.casesByStage.total) == ["first-contact=5", "reasonable-grounds=5"])
        #expect(figures.medianDaysToReasonableGrounds.total == 3, "days 1, 2, 3, 4, 6")
        #expect(figures.recoveryPeriodsEndedWithoutDecision.total.value == 0)
    }
}

@Suite("The report's suppression holds against subtraction")
struct ReportSuppressionTests {
    /// Every count a reader could work out from what is shown: a hidden value recovered from a row or column sum.
    static func recoverable(_ figure: ReportFigure<ReportTable>) -> [String] {
        var found: [String] = []
        let rows = [("total", figure.total)] + figure.bySexAndAgeBand.map { ($0.cell.description, $0.value) }
        // A row with exactly one hidden value beside shown ones: its sum (the total's in `by_status`, a cell's close to
        // the people by status, sex and age band) gives it away. A cell with one code alone is that cell's whole count.
        for (name, row) in rows where row.filter({ $0.1.isSmall || $0.1.secondary }).count == 1 && (name == "total" || row.count > 1) {
            found.append("row \(name)")
        }
        // A column (a code across the cells, with the total shown) with exactly one hidden value.
        for (code, total) in figure.total where !(total.isSmall || total.secondary) {
            let column = figure.bySexAndAgeBand.compactMap { cell in cell.value.first { $0.0 == code }?.1 }
            if column.filter({ $0.isSmall || $0.secondary }).count == 1 { found.append("column \(code)") }
        }
        // A code hidden in the total but shown in a cell.
        for (code, total) in figure.total where total.isSmall || total.secondary {
            for cell in figure.bySexAndAgeBand where cell.value.contains(where: { $0.0 == code && !($0.1.isSmall || $0.1.secondary) }) {
                found.append("\(code) in \(cell.cell)")
            }
        }
        return found
    }

    @Test("Over many random tables no hidden count can be had from a row, a column or the total", arguments: 0..<40)
    func noSubtraction(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed + 1))
        let cells = [ReportCell(sex: "female", ageBand: "18-24"), ReportCell(sex: "female", ageBand: "25-39"),
                     ReportCell(sex: "male", ageBand: "18-24"), ReportCell(sex: "male", ageBand: "40-59")]
        let codes = ["no-capacity", "not-eligible", "person-declined", "no-show", "other"]
        var items: [(cell: ReportCell, code: String)] = []
        for _ in 0..<Int.random(in: 3...60, using: &generator) {
            items.append((cells[Int.random(in: 0..<cells.count, using: &generator)], codes[Int.random(in: 0..<codes.count, using: &generator)]))
        }
        let figure = ReportFigure<ReportTable>.table(items)
        #expect(Self.recoverable(figure).isEmpty, "\(Self.recoverable(figure)) in \(figure.total) / \(figure.bySexAndAgeBand.map { "\($0.cell): \($0.value)" })")
    }
}

/// A small deterministic generator for the suppression tests (SplitMix64).
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
