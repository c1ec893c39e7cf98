import Casework
import Foundation
import Terminal

/// One case as a coordinator follows it after the first call (Enter on the cases screen): who it is
/// (in the report's coarse terms, never a name), its NRM decisions, the recovery and reflection
/// period, what follows a negative decision, durable solutions, open referrals and why any is late,
/// and how long it is kept. Read-only; `case decision`, `case outcome` and `case update` change it.
public struct CaseView: Sendable, Equatable {
    public var listing: CaseListing
    /// The case as lines, scrolled.
    public var view: TextView

    public init(listing: CaseListing, now: Date, strings s: StringTable) {
        self.listing = listing
        view = TextView(text: Self.text(listing, now: now, s), layout: .laidOut)
    }

    /// The case, a paragraph a fact.
    static func text(_ listing: CaseListing, now: Date, _ s: StringTable) -> String {
        let file = listing.file
        let standing = listing.standing
        var lines: [String] = []
        lines.append(s.format(.caseViewPerson, ["child": file.isChild ? s[.caseViewChild] : s[.caseViewAdult],
                                                "sex": file.sex?.rawValue ?? "—", "band": file.ageBand, "region": file.region ?? "—"]))
        lines.append(s.format(.caseViewOpened, ["opened": DecisionDay.text(file.openedAt), "by": file.openedBy,
                                                "organization": file.openedByOrganization, "contact": DecisionDay.text(file.firstContactAt)]))
        lines.append(s.format(.caseViewStage, ["stage": s.label("nrm.\(listing.stage.rawValue)"),
                                               "status": standing.statusText ?? standing.traffickingStatus.map { s.label("trafficking.\($0)") }
                                                   ?? s[.caseViewStatusScreening]]))
        lines.append("")
        lines.append(s[.caseViewDecisions])
        if standing.decisions.isEmpty { lines.append(s[.caseViewDecisionsNone]) }
        for decision in standing.decisions {
            lines.append(s.format(.caseViewDecision, ["day": decision.decidedOn, "stage": decision.stage.rawValue, "outcome": decision.outcome.rawValue,
                                                      "by": decision.decidedBy, "authority": decision.authorityType.words,
                                                      "pending": decision.reviewPending ? s[.caseViewDecisionPending] : ""]))
        }
        lines.append("")
        if let period = standing.recoveryPeriod, let end = standing.recoveryPeriodEnds {
            if standing.reminderDue {
                lines.append(s.format(.caseViewPeriodReminder, ["end": end]))
            } else if !standing.inRecoveryPeriod && now >= period.end {
                lines.append(s.format(.caseViewPeriodEnded, ["end": end]))
            } else {
                lines.append(s.format(.caseViewPeriod, ["start": DecisionDay.text(period.start), "end": end]))
            }
            if standing.inRecoveryPeriod { lines.append(s[.caseViewPeriodRule]) }
        } else {
            lines.append(s[.caseViewPeriodNone])
        }
        if !standing.afterNegativeDecision.isEmpty {
            lines.append(s.format(.caseViewAfterNegative, ["list": standing.afterNegativeDecision.joined(separator: ", ")]))
        }
        if !standing.solutions.isEmpty {
            lines.append("")
            lines.append(s[.caseViewSolutions])
            lines += standing.solutions.map { s.format(.caseViewSolution, ["line": $0.line]) }
        }
        lines.append("")
        lines.append(s[.caseViewReferrals])
        if listing.openReferrals.isEmpty { lines.append(s[.caseViewReferralsNone]) }
        for referral in listing.openReferrals {
            lines.append(s.format(.caseViewReferral, ["id": referral.id, "service": referral.serviceName, "status": s.label("status.\(referral.status)")]))
            if let late = listing.overdue.first(where: { $0.referral.id == referral.id }) {
                lines.append(s.format(.caseViewReferralLate, ["reason": late.reason.sentence(at: now)]))
            }
        }
        if let kept = listing.retentionEnds {
            lines.append("")
            lines.append(listing.expired ? s.format(.caseViewExpired, ["day": DecisionDay.text(kept), "case": file.code])
                                         : s.format(.caseViewRetention, ["day": DecisionDay.text(kept)]))
        }
        return lines.joined(separator: "\n")
    }

    /// Where the lines go on a terminal of `size`.
    static func body(_ size: Size) -> Rect { Rect(x: 1, y: 1, width: size.width - 2, height: max(1, size.height - 2)) }
}

extension CaseView: ScreenModel {
    /// What the screen's keys ask of it.
    typealias Action = ReadingAction

    var screen: Screen { .caseView(self) }

    func keyMap(_ state: AppState) -> KeyMap<Action> {
        .reading(backHelp: state.strings[.helpCaseViewBack], strings: state.strings)
    }

    mutating func perform(_ action: Action, key: Key, _ state: inout AppState) -> Reply {
        action.perform(key: key, view: &view, size: Self.body(state.size).size)
    }

    func render(_ state: AppState, into grid: inout Grid) {
        let s = state.strings
        TitleBar.render(state, subtitle: s.format(.caseViewTitle, ["case": listing.file.code]), into: &grid)
        view.render(into: &grid, in: Self.body(state.size))
        statusBar(s[.caseViewStatus], state, into: &grid)
    }
}
