import ArgumentParser
import Casework
import Foundation
import Home

/// Lists the home's cases: stage, open referrals and deadlines; those due or past retention when asked.
struct CasesCommand: HomeCommand {
    static let configuration = CommandConfiguration(
        commandName: "cases",
        abstract: "List cases with their stage, open referrals and deadlines; --due or --expired for those needing attention.",
        discussion: """
            --due lists the cases whose recovery and reflection period ends within 7 days. --expired lists \\
            the cases past the SOP file's retention_days (counted from the case's last activity; none by \\
            default, and never a case with an open referral), for the coordinator to erase with \\
            `waymark case erase CASE`: nothing is erased by listing.

            Examples: waymark cases --due --json
                      waymark cases --expired
            """)

    @OptionGroup var home: HomeOptions
    @ParentCommand var root: Waymark
    @Flag(help: "Only the cases whose recovery and reflection period ends within 7 days.") var due = false
    @Flag(help: "Only the cases past the SOP file's retention_days, for the coordinator to erase.") var expired = false
    @Flag(help: "Print one JSON document.") var json = false

    /// One case in `--json`.
    struct CaseJSON: Encodable {
        let case_code: String
        let stage: String
        let opened_at: String
        let recovery_period_ends_on: String?
        let trafficking_status: String?
        /// After a negative decision: what follows (the SOP's `after_negative_decision`); nil otherwise.
        let after_negative_decision: [String]?
        /// The durable solutions reached (`return`, `integration`, `resettlement`), oldest first.
        let durable_solutions: [String]
        let open_referrals: [OpenReferral]
        let retention_ends_on: String?
        let expired: Bool

        struct OpenReferral: Encodable {
            let referral_id: String
            let status: String
            let need: String
            let overdue_reason: String?
        }
    }

    func validate() throws {
        if due && expired { throw ValidationError("give --due or --expired, not both") }
    }

    func run() throws {
        let home = try openHome()
        let store = try home.openCases()
        let now = store.options.clock.now()
        var listings = try store.caseListings()
        if due {
            listings = listings.filter { $0.file.erasedAt == nil && $0.standing.reminderDue }
                .sorted { ($0.standing.recoveryPeriodEnds ?? "", $0.file.code) < ($1.standing.recoveryPeriodEnds ?? "", $1.file.code) }
        } else if expired {
            listings = listings.filter(\.expired)
        } else {
            listings = listings.filter { $0.file.erasedAt == nil }
        }
        if json {
            let iso = ISO8601DateFormatter()
            try Output.json(["cases": listings.map { listing in
                let late = Dictionary(listing.overdue.map { ($0.referral.id, $0.reason.sentence(at: now)) }, uniquingKeysWith: { a, _ in a })
                return CaseJSON(case_code: listing.file.code, stage: listing.stage.rawValue, opened_at: iso.string(from: listing.file.openedAt),
                                recovery_period_ends_on: listing.standing.recoveryPeriodEnds,
                                trafficking_status: listing.standing.traffickingStatus,
                                after_negative_decision: listing.standing.afterNegativeDecision.isEmpty ? nil : listing.standing.afterNegativeDecision,
                                durable_solutions: listing.standing.solutions.map(\.kind.rawValue),
                                open_referrals: listing.openReferrals.map {
                                    .init(referral_id: $0.id, status: $0.status.rawValue, need: $0.need.rawValue, overdue_reason: late[$0.id])
                                },
                                retention_ends_on: listing.retentionEnds.map(DecisionDay.text), expired: listing.expired)
            }])
            return
        }
        guard !listings.isEmpty else {
            if due { print("No recovery and reflection period ends within 7 days.") }
            else if expired { print(store.procedure.retentionDays == nil ? "No case has expired: the SOP file sets no retention_days."
                                                                         : "No case is past its retention.") }
            else { print("No cases yet.") }
            return
        }
        let rows = listings.map { listing -> [String] in
            let open = listing.openReferrals.count
            let referrals = open == 0 ? "none" : "\(open) open" + (listing.overdue.isEmpty ? "" : ", \(listing.overdue.count) overdue")
            var deadlines: [String] = []
            if let ends = listing.standing.recoveryPeriodEnds { deadlines.append("period ends \(ends)") }
            if let kept = listing.retentionEnds { deadlines.append((listing.expired ? "erase: kept until " : "kept until ") + DecisionDay.text(kept)) }
            // After a negative decision, say so (assistance continues; `case show` lists what follows).
            let status = listing.standing.standsOnNegativeDecision ? "negative decision" : listing.standing.traffickingStatus ?? "—"
            if let solution = listing.standing.solutions.last { deadlines.append("solution: \(solution.kind.rawValue)") }
            return [listing.file.code, listing.stage.rawValue, status, referrals,
                    deadlines.isEmpty ? "—" : deadlines.joined(separator: "; ")]
        }
        print(Output.table(["CASE", "STAGE", "STATUS", "REFERRALS", "DEADLINES"], rows, widths: [12, 18, 28, 18, 40]))
        let late = listings.flatMap { listing in listing.overdue.map { "\($0.referral.id) (\(listing.file.code)): \($0.reason.sentence(at: now))" } }
        if !late.isEmpty {
            print("")
            late.forEach { print($0) }
        }
        if expired { print("\nErase each with: waymark case erase CASE (nothing was erased).") }
    }
}
