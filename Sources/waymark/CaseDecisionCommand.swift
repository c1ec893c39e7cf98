import ArgumentParser
import Casework
import Directory
import Foundation
import Home

extension CaseCommand {
    /// Records a competent authority's decision.
    struct Decision: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "decision",
            abstract: "Record the competent authority's decision: reasonable grounds or conclusive grounds, positive or negative.",
            discussion: """
                The referral form's trafficking status follows the decisions, never a tick: a positive reasonable-grounds \
                decision makes a presumed (possible) victim, a positive conclusive one a formally identified victim, a \
                negative conclusive one "not a victim" only when no review or appeal is pending (--review-pending). A \
                conclusive decision needs a positive reasonable-grounds decision first. The day is not in the future and \
                not before the first contact. The authority's reference, if any, is read from standard input (--reference -) \
                and kept encrypted. A negative decision never closes assistance: case show lists what follows.

                Example: echo "NRM/2026/0412" | waymark case decision WM-7K3Q-M9TX reasonable-grounds positive \
                --by "Insp. Radu Ionescu" --authority-type police --on 2026-01-20 --reference -
                """)

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark
        @Argument(help: "The case code.") var caseCode: String
        @Argument(help: "reasonable-grounds or conclusive-grounds.") var stage: NRMDecision.Stage
        @Argument(help: "positive or negative.") var outcome: NRMDecision.Outcome
        @Option(help: ArgumentHelp("The official who decided.", valueName: "name")) var by: String
        @Option(name: .customLong("authority-type"), help: ArgumentHelp("police, ngo, court-or-prosecution, non-police-government or other.",
                                                                       valueName: "type")) var authorityType: NRMDecision.Authority
        @Option(help: ArgumentHelp("The day of the decision.", valueName: "YYYY-MM-DD")) var on: String
        @Option(help: ArgumentHelp("The authority's reference: - reads it from standard input (it stays out of shell history).",
                                   valueName: "-")) var reference: String?
        @Flag(name: .customLong("review-pending"), help: "A negative decision under review or appeal.") var reviewPending = false
        @Flag(help: "Print the case's standing after the decision as JSON.") var json = false

        func validate() throws {
            if let reference, reference != "-" {
                throw ValidationError("--reference takes - and reads the reference from standard input, never from the command line")
            }
        }

        func run() throws {
            let home = try openHome()
            let store = try home.openCases()
            let reference = try StandardInputText.resolve(reference, what: "the decision's reference")
            let standing = try store.recordDecision(caseCode, stage: stage, outcome: outcome, decidedBy: by, authority: authorityType,
                                                    on: on, reference: reference, reviewPending: reviewPending)
            let code = caseCode.uppercased()
            if json {
                try Output.json(NRMStandingJSON(standing))
                return
            }
            print("Recorded a \(outcome.rawValue) \(stage.rawValue) decision for \(code) (\(on)).")
            print("Trafficking status on the form: \(standing.statusText ?? standing.traffickingStatus ?? "none")")
            if let ends = standing.recoveryPeriodEnds { print("Recovery and reflection period ends \(ends).") }
            if !standing.afterNegativeDecision.isEmpty {
                print("Assistance continues; what follows: \(standing.afterNegativeDecision.joined(separator: ", ")).")
            }
        }
    }
}

extension CaseCommand {
    /// Records a durable solution.
    struct Outcome: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "outcome",
            abstract: "Record a durable solution reached for the person: return, integration or resettlement, on a day.",
            discussion: """
                A return is recorded with the person's decision: --voluntary yes (their own decision) or no. On a day within \
                the recovery and reflection period a return is only the person's own request (--voluntary yes, with the \
                return referral's return-request step recorded). A child's \
                return needs a best-interests determination in the child's interest, recorded in the best-interests step \
                of the return referral; no override lifts this. The day is not in the future.

                Example: waymark case outcome WM-7K3Q-M9TX return --on 2026-05-02 --voluntary yes
                """)

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark
        @Argument(help: "The case code.") var caseCode: String
        @Argument(help: "return, integration or resettlement.") var kind: DurableSolution.Kind
        @Option(help: ArgumentHelp("The day it was reached.", valueName: "YYYY-MM-DD")) var on: String
        @Option(help: ArgumentHelp("For a return: whether it was the person's own, voluntary decision.", valueName: "yes|no")) var voluntary: YesNo?
        @Flag(help: "Print the case's standing after it as JSON.") var json = false

        func run() throws {
            let home = try openHome()
            let store = try home.openCases()
            let standing = try store.recordSolution(caseCode, kind: kind, on: on, voluntary: voluntary.map { $0 == .yes })
            if json { return try Output.json(NRMStandingJSON(standing)) }
            print("Recorded a durable solution for \(caseCode.uppercased()): \(standing.solutions.last.map { Sanitized.text($0.line) } ?? kind.rawValue).")
        }
    }
}

/// Where a case stands in the NRM, as JSON (`case show`, `case decision --json`, `cases --due`).
struct NRMStandingJSON: Encodable {
    struct DecisionJSON: Encodable {
        let stage: String
        let outcome: String
        let decided_by: String
        let authority_type: String
        let decided_on: String
        let review_pending: Bool
    }

    let decisions: [DecisionJSON]
    let trafficking_status: String?
    let trafficking_status_text: String?
    let trafficking_status_decision_making_org: String?
    let recovery_period_starts_on: String?
    let recovery_period_ends_on: String?
    let recovery_period_reminder: Bool
    let in_recovery_period: Bool
    let after_negative_decision: [String]?
    let durable_solutions: [SolutionJSON]

    struct SolutionJSON: Encodable {
        let kind: String
        let reached_on: String
        let voluntary: Bool?
        let best_interests: String?
    }

    init(_ standing: NRMStanding) {
        decisions = standing.decisions.map {
            DecisionJSON(stage: $0.stage.rawValue, outcome: $0.outcome.rawValue, decided_by: $0.decidedBy, authority_type: $0.authorityType.rawValue,
                         decided_on: $0.decidedOn, review_pending: $0.reviewPending)
        }
        trafficking_status = standing.traffickingStatus
        trafficking_status_text = standing.statusText
        trafficking_status_decision_making_org = standing.decisionMakingOrg
        recovery_period_starts_on = standing.recoveryPeriod.map { DecisionDay.text($0.start) }
        recovery_period_ends_on = standing.recoveryPeriodEnds
        recovery_period_reminder = standing.reminderDue
        in_recovery_period = standing.inRecoveryPeriod
        after_negative_decision = standing.afterNegativeDecision.isEmpty ? nil : standing.afterNegativeDecision
        durable_solutions = standing.solutions.map {
            SolutionJSON(kind: $0.kind.rawValue, reached_on: $0.reachedOn, voluntary: $0.voluntary, best_interests: $0.bestInterests)
        }
    }

    /// The lines `case show` prints for it.
    static func lines(_ standing: NRMStanding) -> [String] {
        var lines = ["NRM"]
        if standing.decisions.isEmpty { lines.append("  no decision yet") }
        for decision in standing.decisions { lines.append("  \(Sanitized.text(decision.line))") }
        lines.append("  Trafficking status: \(standing.statusText.map { Sanitized.text($0) } ?? standing.traffickingStatus ?? "none yet")")
        if let period = standing.recoveryPeriod, let ends = standing.recoveryPeriodEnds {
            lines.append("  Recovery and reflection period: \(DecisionDay.text(period.start)) to \(ends)"
                + (standing.reminderDue ? " — REMINDER: it ends within 7 days" : standing.inRecoveryPeriod ? "" : " (ended)"))
        } else {
            lines.append("  Recovery and reflection period: starts with a positive reasonable-grounds decision")
        }
        if !standing.afterNegativeDecision.isEmpty {
            lines.append("  After the negative decision (assistance continues): \(standing.afterNegativeDecision.joined(separator: ", "))")
        }
        for solution in standing.solutions { lines.append("  Durable solution: \(solution.line)") }
        return lines
    }
}
