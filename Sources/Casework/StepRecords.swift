import Foundation
import SOP

/// A child's guardian or representative, as the guardian step records it.
public struct GuardianRecord: Sendable, Equatable, Codable {
    /// Who they are to the child (e.g. "appointed guardian", "aunt"): never assumed to be a parent.
    public var relationship: String
    /// Who appointed them (a court, the child-protection authority).
    public var appointedBy: String
    /// Suspected of involvement in the exploitation: they cannot consent for the child.
    public var suspectedOfInvolvement: Bool
    /// Their name, when given (sealed like every step's details).
    public var name: String?
}

/// A legal representative recorded for an adult, through whom the adult may consent.
public struct RepresentativeRecord: Sendable, Equatable, Codable {
    public var name: String
    public var appointedBy: String
    /// On what legal basis (e.g. "court order 2026/114").
    public var basis: String
}

/// A best-interests outcome for one referral of a child.
public struct BestInterestsRecord: Sendable, Equatable, Codable {
    /// `in-the-childs-interest`, `not-in-the-childs-interest` or `pending`.
    public var outcome: String
    public var decidedBy: String
    /// `YYYY-MM-DD`.
    public var decidedOn: String
    /// `determination` or `assessment` (a child-protection caseworker's, enough for family tracing only; the
    /// default when not said, so that an outcome never passes for a determination by omission).
    public var procedure: String
}

/// The child's own views on one referral.
public struct ChildViewsRecord: Sendable, Equatable, Codable {
    public var views: String
    /// `yes`, `no` or `undecided`: whether the child agrees to this referral.
    public var agrees: String?
}

extension StepDetails {
    /// The details with each known step's answers checked and typed: the guardian, the legal
    /// representative, best interests, the child's views and the risk step's acknowledgements.
    /// The CLI and the UI both record through this, so both get the same refusal.
    /// The answer keys each built-in step takes; a coordinator's own step takes plain identifiers.
    static let schema: [String: Set<String>] = [
        "safety": ["in_danger", "action"],
        "risk": ["traffickers", "traffickers_details", "receiving_service", "acknowledged", "explained", "note"],
        "guardian": ["relationship", "appointed_by", "suspected_of_involvement", "name"],
        "legal-representative": ["name", "appointed_by", "basis"],
        "best-interests": ["outcome", "decided_by", "decided_on", "procedure"],
        "child-views": ["views", "agrees"],
        "return-request": ["requested", "requested_on"],
    ]

    func structured(step: String, now: Date) throws(CaseworkError) -> StepDetails {
        var details = self
        // Answer keys are a schema, not free text: a key is stored in clear nowhere, but a key
        // such as "Zanele hides at Strada Florilor 17" must not be taken as one.
        for key in answers.keys.sorted() {
            if let known = Self.schema[step] {
                guard known.contains(key) else {
                    throw .invalidInput("'\(key.prefix(40))' is not an answer of the \(step) step; it takes: \(known.sorted().joined(separator: ", ")).")
                }
            } else if key.count > 40 || key.isEmpty || !key.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "_" }) {
                throw .invalidInput("'\(key.prefix(40))' is not an answer name: use a short name such as reviewed_by (lower case, digits, _).")
            }
        }
        func text(_ key: String, required: Bool = true) throws(CaseworkError) -> String? {
            let value = answers[key]?.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let value, !value.isEmpty else {
                if required { throw .invalidInput("The \(step) step needs '\(key)'.") }
                return nil
            }
            guard value.count <= 500 else { throw .invalidInput("'\(key)' of the \(step) step is longer than 500 characters.") }
            return value
        }
        func choice(_ key: String, _ allowed: [String], required: Bool = true) throws(CaseworkError) -> String? {
            guard let value = try text(key, required: required) else { return nil }
            guard allowed.contains(value) else {
                throw .invalidInput("'\(key)' of the \(step) step must be \(allowed.joined(separator: ", ")), not '\(value.prefix(40))'.")
            }
            return value
        }
        func date(_ key: String) throws(CaseworkError) -> String {
            let value = try text(key) ?? ""
            guard Identity.isDate(value, notAfter: now) else { throw .invalidInput("'\(key)' of the \(step) step must be a past day written YYYY-MM-DD.") }
            return value
        }
        switch step {
        case "safety":
            // The one fact the gate trusts this step for: asked, and answered yes or no.
            _ = try choice("in_danger", ["yes", "no"])
        case "guardian":
            details.guardian = GuardianRecord(relationship: try text("relationship") ?? "", appointedBy: try text("appointed_by") ?? "",
                                              suspectedOfInvolvement: try choice("suspected_of_involvement", ["yes", "no"]) == "yes",
                                              name: try text("name", required: false))
        case "legal-representative":
            details.representative = RepresentativeRecord(name: try text("name") ?? "", appointedBy: try text("appointed_by") ?? "",
                                                          basis: try text("basis") ?? "")
        case "best-interests":
            details.bestInterests = BestInterestsRecord(outcome: try choice("outcome", ChildLaw.outcomes) ?? "",
                                                        decidedBy: try text("decided_by") ?? "", decidedOn: try date("decided_on"),
                                                        procedure: try choice("procedure", ChildLaw.procedures, required: false) ?? "assessment")
        case "child-views":
            details.childViews = ChildViewsRecord(views: try text("views") ?? "",
                                                  agrees: try choice("agrees", ["yes", "no", "undecided"], required: false))
        case "return-request":
            // The person's own request to return, in their words or not: that they asked, and when.
            _ = try choice("requested", ["yes"])
            if answers["requested_on"] != nil { _ = try date("requested_on") }
        case "risk":
            if let list = answers["acknowledged"] {
                let codes = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                for code in codes where code.count > 80 || !code.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == ":") }) {
                    throw .invalidInput("'\(code.prefix(40))' is not a code to acknowledge, such as check:requires-formal-identification or hours-unknown.")
                }
                details.acknowledged = codes
            }
        default:
            break
        }
        return details
    }
}

extension StepDetails {
    /// The step's summary as stored in clear beside the sealed details: codes, never free text.
    static func summary(_ step: String, _ details: StepDetails) -> String {
        if let record = details.bestInterests { return "\(record.outcome) (\(record.procedure))" }
        if let record = details.guardian { return record.suspectedOfInvolvement ? "recorded; suspected of involvement" : "recorded" }
        if details.representative != nil { return "recorded" }
        if let record = details.childViews { return "recorded" + (record.agrees.map { "; agrees: \($0)" } ?? "") }
        if let codes = details.acknowledged { return "\(codes.count) acknowledged" }
        if step == "safety", let danger = details.answers["in_danger"], ["yes", "no"].contains(danger) { return "in danger now: \(danger)" }
        // Codes only: never the answers, which are free text.
        return details.answers.isEmpty ? "recorded" : "recorded (\(details.answers.count) answer\(details.answers.count == 1 ? "" : "s"))"
    }
}
