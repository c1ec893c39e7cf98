import Casework
import Foundation
import Testing
import TestSupport

/// The report's NRM figures over the fixed set of cases `ReportFixture` makes through the case store.
@Suite("Report: the NRM figures through the store")
struct ReportStoreTests {
    @Test("The figures through the store: decisions, declines and replacements as recorded")
    func figuresThroughTheStore() throws {
        let report = try ReportFixture.report()
        let nrm = report.nrm
        #expect(report.cases.value == 8 && report.referrals.value == 11)
        #expect(nrm.casesByStage.count("reasonable-grounds")?.value == 5, "four women and the man")
        #expect(nrm.casesByStage.count("conclusive-grounds")?.value == 2)
        #expect(nrm.casesByStage.count("first-contact")?.description == "<5", "the girl")
        #expect(nrm.medianDaysToReasonableGrounds.total == 6, "days 2, 4, 5, 6, 8, 10, 12")
        #expect(nrm.medianDaysToReasonableGrounds[cell: "female / 25-39"] == .some(7))
        #expect(nrm.medianDaysToConclusiveGrounds.total == nil)
        #expect(nrm.recoveryPeriodsEndedWithoutDecision.total.value == 5, "the second woman's came after her period; the first's within it")
        #expect(nrm.declinesByReason.count("no-capacity")?.value == 4 && nrm.declinesByReason.count("person-declined")?.value == 1)
        #expect(nrm.medianHoursDeclineToReplacement.total == 3, "1 to 5 hours")
        #expect(nrm.referralsByOutcome.count("service-received")?.value == 1)
        #expect(nrm.unmetNeeds.count("shelter", in: "male / 18-24")?.value == 1)
        #expect(nrm.conditionalNeeds.count("legal.immigration", in: "female / 15-17")?.value == 1)
    }
}
