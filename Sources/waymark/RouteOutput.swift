import App
import Directory
import Foundation
import Routing

/// The JSON form of a route (the contract `waymark route --json` prints).
struct RouteJSON: Encodable {
    struct Step: Encodable {
        let stage: String, need: String, service_id: String, service_name: String, organization_name: String
        let location_id: String?, area: String?, travel_minutes: Double
    }
    struct PathwayJSON: Encodable {
        let rank: Int, total_travel_minutes: Double, handoffs: Int, steps: [Step]
    }
    struct CandidateJSON: Encodable {
        let service_id: String, service_name: String, location_id: String?, score: Double, travel_minutes: Double
        /// The score's other parts: a shared language (null: unknown), open at the time asked (null: hours unknown),
        /// free places (null: unknown), verification stale.
        let speaks_language: Bool?, open_at_time: Bool?, available: Double?, stale: Bool
        let conditional_on: [String], notes: [String]
        let unlawful_condition: Bool

        func encode(to encoder: any Encoder) throws {
            enum Key: String, CodingKey {
                case service_id, service_name, location_id, score, travel_minutes, speaks_language, open_at_time, available, stale
                case conditional_on, notes, unlawful_condition
            }
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(service_id, forKey: .service_id)
            try c.encode(service_name, forKey: .service_name)
            try c.encode(location_id, forKey: .location_id)
            try c.encode(score, forKey: .score)
            try c.encode(travel_minutes, forKey: .travel_minutes)
            try c.encode(speaks_language, forKey: .speaks_language)
            try c.encode(open_at_time, forKey: .open_at_time)
            try c.encode(available, forKey: .available)
            try c.encode(stale, forKey: .stale)
            try c.encode(conditional_on, forKey: .conditional_on)
            try c.encode(notes, forKey: .notes)
            try c.encode(unlawful_condition, forKey: .unlawful_condition)
        }
    }
    struct ExcludedJSON: Encodable {
        let service_id: String, service_name: String, location_id: String?, reasons: [String], explanation: String
        let travel_minutes: Double?
    }
    struct NeedJSON: Encodable {
        let need: String, priority: String, added_by_rule: Bool, stage: String, status: String
        let candidates: [CandidateJSON], excluded: [ExcludedJSON]
    }
    struct GapJSON: Encodable {
        let need: String, nearest: ExcludedJSON?
    }
    let profile: ClientProfile
    let travel_estimated: Bool
    let pathways: [PathwayJSON]
    let needs: [NeedJSON]
    let unmet: [GapJSON]
    let conditional: [GapJSON]

    init(_ route: Route, snapshot: DirectorySnapshot, strings: StringTable) {
        func excluded(_ e: Exclusion) -> ExcludedJSON {
            ExcludedJSON(service_id: e.entry.serviceId, service_name: Sanitized.text(e.entry.serviceName), location_id: e.entry.locationId,
                         reasons: e.reasons.map(\.code), explanation: e.reasons.map { strings.reason($0.code) }.joined(separator: "; "),
                         travel_minutes: e.travelMinutes)
        }
        profile = route.profile
        travel_estimated = route.travelEstimated
        pathways = route.pathways.map { p in
            PathwayJSON(rank: p.rank, total_travel_minutes: p.totalTravelMinutes, handoffs: p.handoffs, steps: p.steps.map { s in
                Step(stage: s.stage.rawValue, need: s.need.code, service_id: s.candidate.entry.serviceId,
                     service_name: Sanitized.text(s.candidate.entry.serviceName), organization_name: Sanitized.text(s.candidate.entry.organizationName),
                     location_id: s.candidate.entry.locationId, area: s.candidate.entry.area, travel_minutes: s.candidate.travelMinutes)
            })
        }
        needs = route.needs.map { n in
            NeedJSON(need: n.need.code, priority: n.need.priority.rawValue, added_by_rule: n.need.addedByRule, stage: n.stage.rawValue,
                     status: n.status.rawValue,
                     candidates: n.candidates.map { c in
                         CandidateJSON(service_id: c.entry.serviceId, service_name: Sanitized.text(c.entry.serviceName),
                                       location_id: c.entry.locationId, score: c.score, travel_minutes: c.travelMinutes,
                                       speaks_language: c.speaksLanguage, open_at_time: c.openAtTime, available: c.entry.available,
                                       stale: c.stale, conditional_on: c.conditionalOn, notes: c.notes.map(\.code),
                                       unlawful_condition: c.unlawfulCondition)
                     },
                     excluded: n.excluded.map(excluded))
        }
        unmet = route.needs.filter { $0.status == .unmet }.map { GapJSON(need: $0.need.code, nearest: $0.nearMiss.map(excluded)) }
        conditional = route.needs.filter { $0.status == .conditional }.map { GapJSON(need: $0.need.code, nearest: $0.nearMiss.map(excluded)) }
    }
}

/// The human form of a route: the pathways, then each need with its reasons.
enum RouteText {
    static func minutes(_ m: Double) -> String { ResultSummary.travel(m) }

    static func render(_ route: Route, snapshot: DirectorySnapshot, strings: StringTable, ids: Bool = false) -> String {
        var lines: [String] = []
        func place(_ entry: DirectorySnapshot.Entry) -> String {
            entry.isVirtual ? "by phone/remote" : Sanitized.text(entry.area.flatMap { snapshot.areas[$0]?.name } ?? entry.area ?? "—")
        }
        if route.travelEstimated {
            lines.append("Travel times are estimated from straight-line distance at \(Int(TravelNetwork.fallbackSpeedKmPerHour)) km/h (the directory has no travel network).")
        }
        for pathway in route.pathways {
            lines.append("Pathway \(pathway.rank): \(strings.count(pathway.steps.count, "steps")), \(strings.count(pathway.handoffs, "organizations")), "
                + "travel \(minutes(pathway.totalTravelMinutes))")
            for step in pathway.steps {
                let c = step.candidate
                var line = "  \(step.stage.rawValue) · \(strings.label(step.need.code)): \(Sanitized.text(c.entry.serviceName)) — \(Sanitized.text(c.entry.organizationName)), \(place(c.entry)), \(minutes(c.travelMinutes))"
                if !c.conditionalOn.isEmpty { line += " [weigh with the person: \(c.conditionalOn.map { strings.label($0) }.joined(separator: ", "))]" }
                if c.unlawfulCondition { line += " [UNLAWFUL: makes help depend on police cooperation; tell the coordinator]" }
                lines.append(line)
                if ids { lines.append("      id \(Sanitized.text(c.entry.serviceId))") }
                for code in c.toAcknowledge { lines.append("      \(code): \(strings.note(code))") }
            }
        }
        if route.pathways.isEmpty { lines.append("No pathway: no need can be met.") }
        for need in route.needs where need.status != .met {
            lines.append("")
            let title = strings.label(need.need.code) + (need.need.addedByRule ? " (added by rule: \(Self.whyAdded(need.need)))" : "")
            lines.append(need.status == .unmet ? "UNMET — \(title): no eligible service." : "CONDITIONAL — \(title): only services with a condition to weigh.")
            if let miss = need.nearMiss {
                lines.append("  " + Sanitized.text(strings.nearMiss(miss, place: place(miss.entry))))
            }
        }
        for need in route.needs where need.status == .met && need.need.addedByRule {
            lines.append("")
            lines.append("\(strings.label(need.need.code)) was added by rule: \(Self.whyAdded(need.need)).")
        }
        return lines.joined(separator: "\n")
    }

    /// Why a rule added a need.
    static func whyAdded(_ need: Need) -> String {
        need.code == "child-protection" ? "the person is, or is presumed to be, a child"
            : "the person faces charges or detention (non-punishment, CoE Art. 26)"
    }
}
