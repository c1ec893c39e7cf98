import Foundation
import Yams

/// A problem in a procedure file (the one located YAML error).
public typealias ProcedureFileError = YAMLFileError

/// Reads a procedure from YAML a coordinator can edit by hand, checking every field.
///
/// ```yaml
/// name: default
/// version: "1"
/// recovery_period_days: 30              # at least 30 (CoE Convention Art. 13)
/// recovery_period_starts: reasonable-grounds   # or first-contact
/// after_negative_decision: [review, appeal, exit-support]
/// service_start_days: 7                 # an accepted referral is overdue after this many days without its service starting
/// retention_days: 1825                  # cases opened longer ago are listed by `cases --expired` (none by default)
/// stale_after_days: 180                 # a verification older than this is flagged stale and queued (`waymark stale`)
/// steps:
///   - id: guardian
///     scope: case            # case or referral
///     applies_to: child      # any, adult or child
///     never_waits_for: [child-protection]
///     never_waits_at_priority: [emergency]
///     never_waits_for_at_priority: [shelter, health]
///     instruction: Record the child's guardian or representative.
/// ```
public enum ProcedureLoader {
    static let stepKeys: Set<String> = ["id", "scope", "applies_to", "only_for_service_types", "never_waits_for",
                                        "never_waits_at_priority", "never_waits_for_at_priority", "instruction", "overridable"]

    /// Reads a procedure file.
    ///
    /// `serviceTypes`, when given, are the codes a step's type lists may name: a typo such as
    /// `retrun` would otherwise switch a step off without a word.
    public static func load(_ url: URL, serviceTypes: Set<String>? = nil) throws(ProcedureFileError) -> Procedure {
        let file = url.lastPathComponent
        guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else {
            throw ProcedureFileError(file: file, line: nil, field: nil, problem: "cannot be read as UTF-8 text")
        }
        return try parse(text, file: file, serviceTypes: serviceTypes)
    }

    /// Reads a procedure from YAML text; `file` names it in errors.
    public static func parse(_ text: String, file: String, serviceTypes: Set<String>? = nil) throws(ProcedureFileError) -> Procedure {
        let reader = YAMLReader(file: file)
        func fail(_ node: Node?, _ field: String?, _ problem: String) -> ProcedureFileError { reader.fail(node, field, problem) }
        let root = try reader.compose(text)
        guard let top = root.mapping else { throw fail(root, nil, "the top level must be a mapping with name, version and steps") }
        func string(_ mapping: Node.Mapping, _ key: String, required: Bool = true) throws(ProcedureFileError) -> String? {
            required ? try reader.text(mapping, key, in: Node.mapping(mapping)) : try reader.optionalText(mapping, key)
        }
        func list(_ mapping: Node.Mapping, _ key: String) throws(ProcedureFileError) -> [String] {
            try reader.list(mapping, key, example: "[child-protection]").map(\.1)
        }
        guard let name = try string(top, "name"), let version = try string(top, "version") else {
            throw fail(root, nil, "name and version are required")
        }
        guard let stepsNode = top["steps"] else { throw fail(root, "steps", "is missing") }
        guard let sequence = stepsNode.sequence, !sequence.isEmpty else { throw fail(stepsNode, "steps", "must be a non-empty list of steps") }
        var steps: [ProcedureStep] = []
        var seen: Set<String> = []
        var stepNodes: [StepID: Node.Mapping] = [:]
        for item in sequence {
            guard let step = item.mapping else { throw fail(item, "steps", "each step must be a mapping with id, scope and instruction") }
            for key in step.keys {
                let name = key.scalar?.string ?? ""
                if !stepKeys.contains(name) {
                    throw fail(key, name, "is not a step field; use \(stepKeys.sorted().joined(separator: ", "))")
                }
            }
            guard let idText = try string(step, "id"), let scopeText = try string(step, "scope"),
                  let instruction = try string(step, "instruction") else { continue }
            guard let id = StepID(rawValue: idText) else {
                throw fail(step["id"], "id", "'\(idText.prefix(40))' is not a step id: use lowercase letters, digits and hyphens, e.g. legal-representative")
            }
            guard seen.insert(id.rawValue).inserted else { throw fail(step["id"], "id", "'\(id)' is used by two steps") }
            stepNodes[id] = step
            guard let scope = StepScope(rawValue: scopeText) else { throw fail(step["scope"], "scope", "'\(scopeText)' must be case or referral") }
            let appliesText = try string(step, "applies_to", required: false) ?? "any"
            guard let applies = PersonCondition(rawValue: appliesText) else {
                throw fail(step["applies_to"], "applies_to", "'\(appliesText)' must be any, adult or child")
            }
            let priorities = try list(step, "never_waits_at_priority")
            for priority in priorities where !["emergency", "urgent", "normal"].contains(priority) {
                throw fail(step["never_waits_at_priority"], "never_waits_at_priority", "'\(priority)' must be emergency, urgent or normal")
            }
            for key in ["only_for_service_types", "never_waits_for", "never_waits_for_at_priority"] {
                guard let serviceTypes else { break }
                for code in try list(step, key) where !serviceTypes.contains(code) {
                    throw fail(step[key], key, "'\(code)' is not a service type code (e.g. return, family-tracing, child-protection)")
                }
            }
            var overridable = true
            if let node = step["overridable"] {
                guard let value = node.scalar?.string, value == "true" || value == "false" else {
                    throw fail(node, "overridable", "must be true or false")
                }
                overridable = value == "true"
            }
            if id == "consent" {
                // Consent is never optional: no condition may switch it off.
                for key in ["applies_to", "only_for_service_types", "never_waits_for", "never_waits_at_priority", "never_waits_for_at_priority"]
                where step[key] != nil {
                    throw fail(step[key], key, "the consent step takes no conditions: consent is owed for every referral (the gate knows when a child's referral never waits)")
                }
                if scope != .perReferral { throw fail(step["scope"], "scope", "consent is given for each referral: scope must be referral") }
            }
            steps.append(ProcedureStep(id: id, scope: scope, appliesTo: applies, onlyForServiceTypes: try list(step, "only_for_service_types"),
                                       neverWaitsFor: try list(step, "never_waits_for"), neverWaitsAtPriority: priorities,
                                       neverWaitsForAtPriority: try list(step, "never_waits_for_at_priority"), instruction: instruction,
                                       overridable: overridable))
        }
        if !seen.contains("consent") {
            throw fail(stepsNode, "steps", "a procedure must have a consent step: consent is never optional")
        }
        var procedure = Procedure(name: name, version: version, steps: steps)
        if let text = try reader.optionalText(top, "recovery_period_days") {
            guard let days = Int(text) else {
                throw fail(top["recovery_period_days"], "recovery_period_days", "'\(text.prefix(20))' is not a number of days")
            }
            guard days >= RecoveryPeriodRule.minimumDays else {
                throw fail(top["recovery_period_days"], "recovery_period_days",
                           "\(days) is less than \(RecoveryPeriodRule.minimumDays): the recovery and reflection period is at least "
                           + "\(RecoveryPeriodRule.minimumDays) days (Council of Europe Convention Art. 13); a country may lengthen it, never shorten it")
            }
            procedure.recoveryPeriod.days = days
        }
        if let text = try reader.optionalText(top, "recovery_period_starts") {
            guard let starts = RecoveryPeriodStart(rawValue: text) else {
                throw fail(top["recovery_period_starts"], "recovery_period_starts", "'\(text.prefix(40))' must be reasonable-grounds or first-contact")
            }
            procedure.recoveryPeriod.starts = starts
        }
        if top["after_negative_decision"] != nil {
            let after = try list(top, "after_negative_decision")
            guard !after.isEmpty else {
                throw fail(top["after_negative_decision"], "after_negative_decision",
                           "must name what follows a negative decision (e.g. [review, appeal, exit-support]): it never closes assistance by itself")
            }
            procedure.afterNegativeDecision = after
        }
        if let text = try reader.optionalText(top, "service_start_days") {
            guard let days = Int(text), days >= 1 else {
                throw fail(top["service_start_days"], "service_start_days",
                           "'\(text.prefix(20))' is not a number of days of at least 1 (how long an accepted referral may wait for its service to start)")
            }
            procedure.serviceStartDays = days
        }
        if let text = try reader.optionalText(top, "retention_days") {
            guard let days = Int(text), days >= 1 else {
                throw fail(top["retention_days"], "retention_days",
                           "'\(text.prefix(20))' is not a number of days of at least 1 (how long a case is kept before it is listed for erasure)")
            }
            procedure.retentionDays = days
        }
        if let text = try reader.optionalText(top, "stale_after_days") {
            guard let days = Int(text), days >= 1, days <= Procedure.maximumStaleAfterDays else {
                throw fail(top["stale_after_days"], "stale_after_days",
                           "'\(text.prefix(20))' is not a number of days of at least 1 and at most \(Procedure.maximumStaleAfterDays) (how long a "
                           + "service's verification holds before it is flagged stale; a directory unchecked for longer misleads responders)")
            }
            procedure.staleAfterDays = days
        }
        // The child pathway and the core steps are law, not settings: a file cannot remove or weaken them.
        if let problem = ChildLaw.problems(in: procedure).first {
            let node = problem.step.flatMap { stepNodes[$0] }
            let located = node.flatMap { mapping in problem.field.flatMap { mapping[$0] } ?? mapping["id"] } ?? stepsNode
            throw fail(located, problem.field, problem.problem)
        }
        return procedure
    }
}
