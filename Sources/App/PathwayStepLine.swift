import Routing
import Terminal

/// One step of a pathway as the screen lays it out: what decides the referral first — the need with
/// its priority and rule mark, the travel time, the place, the warnings — and the service's name
/// last, shortened to the room that is left.
///
/// Nothing but the need's label and the service's name is ever shortened: when the warnings leave
/// the name less than `minimumService` columns, they go on lines of their own under the step.
struct PathwayStepLine: Sendable, Equatable {
    /// The need's label.
    var need: String
    /// What follows the label and is never cut: the priority and the added-by-rule mark (` (urgent) +`).
    var needMarks: String
    /// The travel time.
    var travel: String
    /// The service's district, or how it is reached when it is remote.
    var place: String
    /// The conditions to weigh and the score's penalties, in words (`! closed facility · closed now`); empty when none.
    var warnings: String
    /// The service and its organization.
    var service: String

    /// The widths of the columns the steps of a pathway share.
    struct Columns: Sendable, Equatable {
        var need: Int
        var travel: Int
        var place: Int
    }

    /// The fewest columns the service's name keeps beside the warnings.
    static let minimumService = 16
    /// How far lines of warnings under a step are indented.
    static let indent = 5

    /// The line of a step of the route, in the screen's words.
    init(_ step: PathwayStep, route: Route, strings s: StringTable) {
        let c = step.candidate
        need = s.label(step.need.code)
        needMarks = Self.marks(step.need)
        travel = ResultSummary.travel(c.travelMinutes)
        place = c.entry.isVirtual ? s[.pathwayRemote] : (c.entry.area.flatMap { route.areaName($0) } ?? "—")
        var parts: [String] = []
        if !c.conditionalOn.isEmpty { parts.append("! " + c.conditionalOn.map { s.label($0) }.joined(separator: ", ")) }
        // Why it is not better placed: the score's penalties, in words.
        var why: [String] = []
        if c.openAtTime == false { why.append(s[.pathwayWhyClosed]) }
        if c.stale { why.append(s[.pathwayWhyStale]) }
        if c.speaksLanguage == false { why.append(s[.pathwayWhyLanguage]) }
        if !why.isEmpty { parts.append(why.joined(separator: ", ")) }
        warnings = parts.joined(separator: " · ")
        service = "\(c.entry.serviceName) — \(c.entry.organizationName)"
    }

    init(need: String, needMarks: String = "", travel: String, place: String, warnings: String = "", service: String) {
        self.need = need
        self.needMarks = needMarks
        self.travel = travel
        self.place = place
        self.warnings = warnings
        self.service = service
    }

    /// A need's priority (unless normal) and the added-by-rule mark, after its label.
    static func marks(_ need: Need) -> String {
        (need.priority == .normal ? "" : " (\(need.priority.rawValue))") + (need.addedByRule ? " +" : "")
    }

    /// The columns for these steps in `width`: each as wide as its widest entry, the need's and the
    /// place's capped (the caps grow with the width; the service's name takes what is left).
    static func columns(_ lines: [PathwayStepLine], width: Int) -> Columns {
        let extra = max(0, width - 78)
        let need = lines.map { DisplayText.width($0.need) + DisplayText.width($0.needMarks) }.max() ?? 0
        let travel = lines.map { DisplayText.width($0.travel) }.max() ?? 0
        let place = lines.map { DisplayText.width($0.place) }.max() ?? 0
        return Columns(need: min(need, 30 + extra / 4), travel: travel, place: min(place, 14 + extra / 4))
    }

    /// The step in `width` columns: one line, then the warnings on lines of their own when they leave the name too little room.
    func lines(_ columns: Columns, width: Int) -> [String] {
        let marksWidth = DisplayText.width(needMarks)
        let needText = DisplayText.truncate(need, toWidth: max(1, columns.need - marksWidth)) + needMarks
        let head = DisplayText.fit(needText, toWidth: max(columns.need, DisplayText.width(needText))) + "  "
            + DisplayText.fit(travel, toWidth: columns.travel, alignment: .trailing) + "  "
            + DisplayText.fit(place, toWidth: columns.place) + "  "
        let room = width - DisplayText.width(head)
        guard !warnings.isEmpty else { return [head + DisplayText.truncate(service, toWidth: room)] }
        let beside = room - DisplayText.width(warnings) - 2
        if beside >= min(Self.minimumService, DisplayText.width(service)) {
            return [head + warnings + "  " + DisplayText.truncate(service, toWidth: beside)]
        }
        let pad = String(repeating: " ", count: Self.indent)
        return [head + DisplayText.truncate(service, toWidth: room)]
            + DisplayText.wrap(warnings, width: max(1, width - Self.indent)).map { pad + $0 }
    }
}
