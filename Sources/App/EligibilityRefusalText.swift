import Casework
import Routing

extension StringTable {
    /// An eligibility refusal as a responder reads it, one line each: what was refused, each
    /// reason by its code with its sentence, each code still to acknowledge, and what to do
    /// instead. The CLI prints these lines; the UI shows them on the refusal.
    public func refusalLines(_ refusal: EligibilityRefusal) -> [String] {
        var lines: [String] = []
        if refusal.reasons.isEmpty {
            lines.append("Not yet: explain these to the person first (nothing was logged or shared).")
        } else {
            lines.append("Refused: \(refusal.serviceName) cannot take this person for \(refusal.need) (nothing was logged or shared).")
        }
        for reason in refusal.reasons {
            let kind = ExclusionClass.of(reason) == .protective ? "" : " [a practical obstacle]"
            lines.append("  - \(reason.code): \(self.reason(reason.code))\(kind)")
        }
        for code in refusal.unacknowledged {
            lines.append("  - \(code): not acknowledged in the risk step — \(note(code))")
        }
        if let problem = refusal.overrideProblem { lines.append(problem) }
        lines.append(refusal.instead)
        return lines
    }

    /// The sentence for a note or condition code to explain (`note.<code>`, else the label).
    public func note(_ code: String) -> String {
        if let sentence = entries["note.\(code)"] { return sentence }
        if code.hasPrefix("check:") { return "check with the provider: " + label(String(code.dropFirst(6))) }
        if code.hasPrefix("condition:") { return "explain the condition to the person: " + label(String(code.dropFirst(10))) }
        return label(code)
    }
}
