/// Where a case is in the NRM's stages, from its decisions (DOMAIN.md, "The NRM, in stages").
public enum CaseStage: String, Sendable, Codable, CaseIterable {
    /// No decision yet: assistance does not wait for one.
    case firstContact = "first-contact"
    /// The latest decision is a reasonable-grounds one (positive or negative).
    case reasonableGrounds = "reasonable-grounds"
    /// A conclusive-grounds decision has been recorded.
    case conclusiveGrounds = "conclusive-grounds"
    /// The case was erased: only its anonymous counts remain.
    case erased

    /// The stage a standing gives.
    public init(_ standing: NRMStanding, erased: Bool) {
        if erased {
            self = .erased
        } else if standing.decisions.contains(where: { $0.stage == .conclusiveGrounds }) {
            self = .conclusiveGrounds
        } else if standing.decisions.contains(where: { $0.stage == .reasonableGrounds }) {
            self = .reasonableGrounds
        } else {
            self = .firstContact
        }
    }
}
