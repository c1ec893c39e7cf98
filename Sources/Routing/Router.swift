import Directory
import Foundation

/// The stage of the referral mechanism a need belongs to (DOMAIN.md); pathways follow this order.
public enum Stage: String, Sendable, Codable, CaseIterable, Comparable {
    case immediate, recovery, durable

    /// The stage of a service-type code (a child code takes its parent's stage, with the
    /// exception DOMAIN.md names: mental health belongs to recovery).
    public static func of(_ code: String) -> Stage {
        if code == "health.mental" { return .recovery }
        let root = code.split(separator: ".").first.map(String.init) ?? code
        switch root {
        case "hotline", "identification", "shelter", "health", "basic-needs", "transport", "interpretation", "law-enforcement":
            return .immediate
        case "psychosocial", "legal", "child-protection", "family-tracing", "consular":
            return .recovery
        default:
            return .durable
        }
    }

    public static func < (a: Stage, b: Stage) -> Bool { (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0) }
}

/// An eligible service for a need, with what its score is made of.
public struct Candidate: Sendable, Equatable {
    public var entry: DirectorySnapshot.Entry
    public var travelMinutes: Double
    /// Lower is better; see `Router` for the weights.
    public var score: Double
    public var speaksLanguage: Bool?
    public var openAtTime: Bool?
    public var stale: Bool
    /// Conditions a responder must weigh with the person (police, closed facility, formal ID).
    public var conditionalOn: [String]
    public var notes: [EligibilityNote]
    /// The service asks for police cooperation where the law forbids making assistance depend
    /// on it (CoE Art. 12(6)): never proposed in the first pathway; the coordinator is told.
    public var unlawfulCondition: Bool = false

    /// The codes a responder must acknowledge with the person before a hand-off: each note
    /// (`check:…`, `hours-unknown`, …) and each condition to weigh (`condition:…`).
    public var toAcknowledge: [String] {
        (notes.map(\.code) + conditionalOn.map { "condition:\($0)" }).sorted()
    }
}

/// A service left out for a need, with every reason.
public struct Exclusion: Sendable, Equatable {
    public var entry: DirectorySnapshot.Entry
    public var reasons: [ExclusionReason]
    public var travelMinutes: Double?
}

/// How well a need can be met.
public enum NeedStatus: String, Sendable, Codable {
    /// At least one eligible service with no condition to weigh.
    case met
    /// Only services with a condition (police cooperation, closed facility, formal identification).
    case conditional
    /// No eligible service.
    case unmet
}

/// The answer for one need.
public struct NeedResult: Sendable, Equatable {
    public var need: Need
    public var stage: Stage
    public var status: NeedStatus
    /// Eligible services, best first.
    public var candidates: [Candidate]
    /// Services of the type that were left out, nearest first.
    public var excluded: [Exclusion]
    /// For an unmet or conditional need: the nearest service that failed one rule only.
    public var nearMiss: Exclusion?
}

/// One service judged for one need: every reason it is left out, or the candidate it makes.
public struct ServiceJudgement: Sendable, Equatable {
    public var entry: DirectorySnapshot.Entry
    public var verdict: EligibilityVerdict
    /// The candidate, when the service is eligible and reachable.
    public var candidate: Candidate?
}

/// One proposed hand-off in a pathway.
public struct PathwayStep: Sendable, Equatable {
    public var stage: Stage
    public var need: Need
    public var candidate: Candidate
}

/// One proposed referral pathway: a service per need that can be met, in stage order.
public struct Pathway: Sendable, Equatable {
    public var rank: Int
    public var steps: [PathwayStep]
    public var totalTravelMinutes: Double
    /// How many different organizations receive the person.
    public var handoffs: Int
}

/// A whole routing answer.
public struct Route: Sendable, Equatable {
    public var profile: ClientProfile
    public var needs: [NeedResult]
    public var pathways: [Pathway]
    /// Whether travel times are straight-line estimates (the directory has no travel network).
    public var travelEstimated: Bool
    /// Names of the areas the answer mentions, by P-code.
    public var areaNames: [String: String] = [:]
}

/// Proposes referral pathways for a person's needs over a directory snapshot. Pure.
///
/// Scoring, lower is better, in minutes-equivalent:
/// - travel minutes from where the person will be (after a shelter is chosen, later needs
///   are measured from the shelter's district);
/// - +60 when the service lists languages, none is the person's, and it offers no interpretation;
/// - +45 when a normal-priority need's service is closed at the time asked (urgent and
///   emergency needs exclude it instead);
/// - +30 when the verification is stale (older than 180 days) or missing;
/// - in a pathway, −30 when the organization already receives the person and −60 when it
///   is the same location (fewer hand-offs).
/// Ties are broken by service id, then location id.
public struct Router: Sendable {
    public let snapshot: DirectorySnapshot
    let network: TravelNetwork
    /// The day before which a verification is stale (`YYYY-MM-DD`).
    public let staleBefore: String

    /// Entry positions by service type (stated and implied), built once.
    let entriesByType: [String: [Int]]
    /// Each area's country.
    let countryOf: [String: String]

    public init(_ snapshot: DirectorySnapshot, staleBefore: String) {
        self.init(snapshot, network: TravelNetwork(snapshot), staleBefore: staleBefore)
    }

    /// A router over `snapshot` with a network already built from the same areas and links.
    init(_ snapshot: DirectorySnapshot, network: TravelNetwork, staleBefore: String) {
        self.snapshot = snapshot
        self.network = network
        self.staleBefore = staleBefore
        var byType: [String: [Int]] = [:]
        for (index, entry) in snapshot.entries.enumerated() {
            for type in entry.serviceTypes { byType[type.rawValue, default: []].append(index) }
        }
        entriesByType = byType
        countryOf = snapshot.areas.mapValues(\.country)
    }

    /// How many candidates a need keeps (best first).
    public static let candidateLimit = 20
    /// How many excluded services a need reports (nearest first).
    public static let excludedLimit = 100

    /// Conditions that make a service a conditional answer.
    public static let weighedConditions: [ServiceCondition] = ["requires-police-cooperation", "closed-facility", "requires-formal-identification"]

    /// The needs with those a rule adds: `child-protection` for a child, `legal.aid` for a person
    /// facing charges or detention (non-punishment, CoE Art. 26).
    public static func needsAddedByRule(_ profile: ClientProfile, to requested: [Need]) -> [Need] {
        var needs = requested
        if profile.isPresumedChild && !needs.contains(where: { $0.code == "child-protection" }) {
            needs.append(Need("child-protection", priority: .urgent, addedByRule: true))
        }
        if profile.facingCharges == .yes && !needs.contains(where: { $0.code == "legal.aid" || $0.code == "legal" }) {
            needs.append(Need("legal.aid", priority: .urgent, addedByRule: true))
        }
        return needs
    }

    /// The time zone of an area: the one it states or inherits, UTC when none is stated anywhere.
    public func timeZone(of pcode: String) -> TimeZone {
        snapshot.timeZone(of: pcode)
    }

    /// Routes the needs at an instant: opening hours are judged in the local time of the person's area.
    public func route(_ profile: ClientProfile, needs requested: [Need], at instant: Date, alternatives: Int = 3) -> Route {
        route(profile, needs: requested, moment: LocalMoment(instant, in: timeZone(of: profile.area)), alternatives: alternatives)
    }

    /// Routes the needs; `moment` is the wall-clock time in the person's area (nil: ignore hours).
    func route(_ profile: ClientProfile, needs requested: [Need], moment: LocalMoment?, alternatives: Int = 3) -> Route {
        var reach: [Reach] = []
        return route(profile, needs: requested, moment: moment, alternatives: alternatives, reach: &reach)
    }

    /// How far the evaluation of one need read, nearest first: what a route over part of a
    /// directory must have held for its answer to be the whole directory's.
    struct Reach: Equatable {
        /// The need's service type.
        var type: String
        /// Where travel was measured from.
        var origin: String
        /// The travel minutes of the entry at which the evaluation stopped, nothing farther able
        /// to change the answer; nil when it judged every entry of the type.
        var stoppedAt: Double?
    }

    /// Routes the needs, and says in `reach` how far each need's evaluation read.
    func route(_ profile: ClientProfile, needs requested: [Need], moment: LocalMoment?, alternatives: Int, reach: inout [Reach]) -> Route {
        var needs = requested
        needs = Router.needsAddedByRule(profile, to: needs)
        needs = needs.enumerated().sorted { (Stage.of($0.element.code), $0.offset) < (Stage.of($1.element.code), $1.offset) }.map(\.element)

        // Where the person will be for each stage: after an immediate shelter, its district.
        let fromPerson = network.minutes(from: profile.area)
        var results: [NeedResult] = []
        var shelterArea: String?
        for need in needs {
            let origin = Stage.of(need.code) == .immediate ? profile.area : (shelterArea ?? profile.area)
            let table = origin == profile.area ? fromPerson : network.minutes(from: origin)
            let (result, stoppedAt) = evaluate(need, profile: profile, origin: origin, table: table, moment: moment)
            reach.append(Reach(type: need.code, origin: origin, stoppedAt: stoppedAt))
            if need.code.hasPrefix("shelter"), let best = result.candidates.first, let area = best.entry.area { shelterArea = area }
            results.append(result)
        }
        let pathways = (0..<max(1, min(alternatives, 3))).compactMap { pathway(results, alternative: $0) }
        var unique: [Pathway] = []
        for candidate in pathways where !unique.contains(where: { $0.steps == candidate.steps }) {
            var ranked = candidate
            ranked.rank = unique.count + 1
            unique.append(ranked)
        }
        var names: [String: String] = [:]
        let mentioned = unique.flatMap { $0.steps.compactMap(\.candidate.entry.area) } + results.compactMap { $0.nearMiss?.entry.area }
        for pcode in mentioned { names[pcode] = snapshot.areas[pcode]?.name }
        return Route(profile: profile, needs: results, pathways: unique, travelEstimated: network.isEstimated, areaNames: names)
    }

    /// One need's candidates and exclusions, and the travel minutes at which reading stopped (nil: it read every entry).
    func evaluate(_ need: Need, profile: ClientProfile, origin: String, table: [String: Double], moment: LocalMoment?)
        -> (NeedResult, stoppedAt: Double?) {
        let lineage = network.lineage(of: profile.area)
        let personCountry = countryOf[profile.area]
        var candidates: [Candidate] = []
        var excluded: [Exclusion] = []
        // Nearest first: a candidate's score is never below its travel time, so once the
        // travel time passes the K-th best score (and an unconditional candidate is known),
        // nothing farther can enter the top K. Entry positions follow service id, then
        // location id, so (travel, position) is the documented tie order.
        let positions = entriesByType[need.code] ?? []
        // Many entries share a district: look each area's time up once.
        var areaMinutes: [String: Double?] = [:]
        var order: [(minutes: Double, index: Int)] = []
        order.reserveCapacity(positions.count)
        for index in positions {
            let entry = snapshot.entries[index]
            var minutes: Double?
            if entry.isVirtual {
                minutes = 0
            } else if let area = entry.area {
                if let known = areaMinutes[area] {
                    minutes = known
                } else {
                    minutes = network.minutes(from: origin, to: area, table: table)
                    areaMinutes[area] = minutes
                }
            }
            order.append((minutes ?? .infinity, index))
        }
        order.sort { ($0.minutes, $0.index) < ($1.minutes, $1.index) }
        let ordered = order.map(\.index)
        let travel = Dictionary(uniqueKeysWithValues: order.lazy.filter { $0.minutes.isFinite }.map { ($0.index, $0.minutes) })
        var bestScores: [Double] = []
        var unconditional = false
        var stoppedAt: Double?
        for index in ordered {
            let minutes = travel[index]
            if unconditional && bestScores.count >= Router.candidateLimit && excluded.count >= Router.excludedLimit,
               let kth = bestScores.last, (minutes ?? .infinity) > kth {
                stoppedAt = minutes ?? .infinity
                break
            }
            let entry = snapshot.entries[index]
            let judged = judge(entry, need: need, profile: profile, minutes: minutes, moment: moment, lineage: lineage, personCountry: personCountry)
            guard let candidate = judged.candidate else {
                if excluded.count < Router.excludedLimit || !unconditional {
                    excluded.append(Exclusion(entry: entry, reasons: judged.verdict.reasons, travelMinutes: minutes))
                }
                continue
            }
            let score = candidate.score
            if candidate.conditionalOn.isEmpty { unconditional = true }
            candidates.append(candidate)
            let slot = bestScores.firstIndex { score < $0 } ?? bestScores.count
            bestScores.insert(score, at: slot)
            if bestScores.count > Router.candidateLimit { bestScores.removeLast() }
        }
        candidates.sort { ($0.score, $0.entry.serviceId, $0.entry.locationId ?? "") < ($1.score, $1.entry.serviceId, $1.entry.locationId ?? "") }
        candidates = Array(candidates.prefix(Router.candidateLimit))
        excluded = Array(excluded.prefix(Router.excludedLimit))
        let status: NeedStatus = candidates.contains { $0.conditionalOn.isEmpty } ? .met : (candidates.isEmpty ? .unmet : .conditional)
        // The near miss a responder can act on: a service that fits the person but for one
        // practical obstacle (area, distance, places, hours, a condition) first, then one that
        // is not active, then one that misses on who it takes; nearest first within each.
        func obstacle(_ reason: ExclusionReason) -> Int {
            switch reason {
            case .outOfArea, .unreachable, .noCapacity, .closedAtTime, .condition: return 0
            case .inactive: return 1
            default: return 2
            }
        }
        let nearMiss = status == .met ? nil : excluded.filter { $0.reasons.count == 1 }.min {
            (obstacle($0.reasons[0]), $0.travelMinutes ?? .infinity, $0.entry.serviceId, $0.entry.locationId ?? "")
                < (obstacle($1.reasons[0]), $1.travelMinutes ?? .infinity, $1.entry.serviceId, $1.entry.locationId ?? "")
        }
        return (NeedResult(need: need, stage: Stage.of(need.code), status: status, candidates: candidates, excluded: excluded, nearMiss: nearMiss),
                stoppedAt)
    }

    /// One entry judged for one need: the rules' verdict, and the candidate it makes when eligible.
    func judge(_ entry: DirectorySnapshot.Entry, need: Need, profile: ClientProfile, minutes: Double?, moment: LocalMoment?,
               lineage: [String], personCountry: String?) -> (verdict: EligibilityVerdict, candidate: Candidate?) {
        let serviceCountry = entry.area.flatMap { countryOf[$0] }
        let open = moment.flatMap { entry.hours.isOpen(day: $0.day, minute: $0.minute) }
        let context = EligibilityRules.Context(personCountry: personCountry, serviceCountry: serviceCountry, personLineage: lineage,
                                               openAtTime: moment == nil ? true : open, travelMinutes: minutes)
        let verdict = EligibilityRules.check(entry, profile: profile, need: need, context: context)
        guard verdict.isEligible, let minutes else { return (verdict, nil) }
        let stale = entry.assuredDate.map { $0 < staleBefore } ?? true
        var score = minutes
        // A service that lists languages but none of the person's, and offers no
        // interpretation, costs an hour; an empty list says nothing either way.
        let speaks: Bool? = entry.languages.isEmpty || profile.languages.isEmpty ? nil
            : !entry.languages.isDisjoint(with: profile.languages) || entry.offersInterpretation
        if speaks == false { score += 60 }
        if need.priority == .normal && open == false { score += 45 }
        if stale { score += 30 }
        let conditionalOn = Router.weighedConditions.filter(entry.conditions.contains)
        let unlawful = entry.conditions.contains(PoliceCondition.condition) && !PoliceCondition.isLawful(for: need.code)
        return (verdict, Candidate(entry: entry, travelMinutes: minutes, score: score, speaksLanguage: speaks, openAtTime: open,
                                   stale: stale, conditionalOn: conditionalOn.map(\.rawValue), notes: verdict.notes, unlawfulCondition: unlawful))
    }

    /// Judges one service (at its location, or at each of its locations) for a person's need
    /// with the same rules routing proposes with: what a referral and its hand-off re-check.
    ///
    /// `moment` is the wall-clock time in the person's area (nil: hours are not checked).
    /// Travel is measured from where the person is now. Empty when the directory has no such
    /// service (at that location).
    public func judge(serviceId: String, locationId: String?, profile: ClientProfile, need: Need,
                      at instant: Date) -> [ServiceJudgement] {
        judge(serviceId: serviceId, locationId: locationId, profile: profile, need: need,
              moment: LocalMoment(instant, in: timeZone(of: profile.area)))
    }

    /// Judges one service for a need; `moment` is the wall-clock time in the person's area (nil: hours are not checked).
    func judge(serviceId: String, locationId: String?, profile: ClientProfile, need: Need,
               moment: LocalMoment?) -> [ServiceJudgement] {
        let table = network.minutes(from: profile.area)
        let lineage = network.lineage(of: profile.area)
        let personCountry = countryOf[profile.area]
        return snapshot.entries.filter { $0.serviceId == serviceId && (locationId == nil || $0.locationId == locationId) }.map { entry in
            let minutes: Double? = entry.isVirtual ? 0 : entry.area.flatMap { network.minutes(from: profile.area, to: $0, table: table) }
            let judged = judge(entry, need: need, profile: profile, minutes: minutes, moment: moment, lineage: lineage,
                               personCountry: personCountry)
            return ServiceJudgement(entry: entry, verdict: judged.verdict, candidate: judged.candidate)
        }
    }

    /// A pathway: for alternative k, the first need takes its k-th choice; the rest prefer
    /// services of an organization or location already in the pathway.
    func pathway(_ results: [NeedResult], alternative: Int) -> Pathway? {
        var steps: [PathwayStep] = []
        for (index, result) in results.enumerated() where result.status != .unmet {
            // The first pathway never proposes a service that conditions assistance unlawfully.
            let lawful = alternative == 0 ? result.candidates.filter { !$0.unlawfulCondition } : result.candidates
            let pool = lawful.filter { $0.conditionalOn.isEmpty }.isEmpty ? lawful : lawful.filter { $0.conditionalOn.isEmpty }
            guard !pool.isEmpty else { continue }
            let choice: Candidate
            if index == 0 {
                guard alternative < pool.count else { return nil }
                choice = pool[alternative]
            } else {
                let organizations = Set(steps.map(\.candidate.entry.organizationId))
                let locations = Set(steps.compactMap(\.candidate.entry.locationId))
                func adjusted(_ c: Candidate) -> Double {
                    c.score - (c.entry.locationId.map(locations.contains) == true ? 60 : organizations.contains(c.entry.organizationId) ? 30 : 0)
                }
                choice = pool.min { (adjusted($0), $0.entry.serviceId, $0.entry.locationId ?? "") < (adjusted($1), $1.entry.serviceId, $1.entry.locationId ?? "") } ?? pool[0]
            }
            steps.append(PathwayStep(stage: result.stage, need: result.need, candidate: choice))
        }
        guard !steps.isEmpty else { return nil }
        return Pathway(rank: alternative + 1, steps: steps, totalTravelMinutes: steps.map(\.candidate.travelMinutes).reduce(0, +),
                       handoffs: Set(steps.map(\.candidate.entry.organizationId)).count)
    }
}
