import Routing

/// The codes casework accepts (DOMAIN.md's controlled vocabularies).
public enum CaseVocabulary {
    /// How a case came in.
    public static let channels = ["self-hotline", "self-walk-in", "public", "family-friend", "labour-inspection", "health-worker",
                                  "police", "border", "immigration-detention", "outreach", "ngo", "international-organization",
                                  "other-channel"]

    /// The channel of a case opened for a referral received from another organization (`receiveReferral`):
    /// not one a responder picks, so not in `channels`.
    public static let incomingReferral = "referral-in"
}

/// The age bands reports are disaggregated by.
public enum AgeBand {
    public static let all = ["0-11", "12-14", "15-17", "18-24", "25-39", "40-59", "60+", "unknown"]

    /// The band of a profile: a range counts by its lower end (the presumption of minority); a
    /// person presumed a child with no figure under 18 (a disputed figure of 18 or more, or none)
    /// is `15-17`.
    public static func of(_ profile: ClientProfile) -> String {
        let child = profile.isPresumedChild
        switch profile.age {
        case .exact(let years): return child && years >= 18 ? "15-17" : band(years)
        case .range(let range): return band(range.lowerBound)
        case .unknown: return child ? "15-17" : "unknown"
        }
    }

    static func band(_ years: Int) -> String {
        switch years {
        case ..<12: return "0-11"
        case 12...14: return "12-14"
        case 15...17: return "15-17"
        case 18...24: return "18-24"
        case 25...39: return "25-39"
        case 40...59: return "40-59"
        default: return "60+"
        }
    }
}
