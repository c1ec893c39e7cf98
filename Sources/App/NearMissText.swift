import Routing

extension StringTable {
    /// Why a need is unmet or conditional, as the CLI prints it and the pathway screen shows it: the
    /// nearest service that failed one rule only, where it is, how far, and the rule in words.
    ///
    /// `place` is the service's area as the caller names it (or how it is reached, for a remote one).
    public func nearMiss(_ miss: Exclusion, place: String) -> String {
        format(.pathwayNearMiss, ["service": miss.entry.serviceName, "place": place,
                                  "travel": miss.travelMinutes.map(ResultSummary.travel) ?? self[.pathwayNoRoute],
                                  "reason": miss.reasons.map { reason($0.code) }.joined(separator: "; ")])
    }
}
