/// Something a responder must know about a search result before referring to it.
///
/// The one vocabulary of result flags: the terminal UI draws each as its `letter`, the command
/// line as its `word`, and `SearchResult.flags` lists them in the order both show them.
public enum ResultFlag: Hashable, Sendable {
    /// The service is not active; its status says how (`inactive`, `defunct`, `temporarily closed`).
    case notActive(status: String)
    /// Its verification is older than the limit, or missing.
    case stale
    /// It is closed at the asked time (now, when no time was asked).
    case closedNow
    /// It has no free places.
    case noFreePlaces
    /// It is a closed facility (the person cannot leave freely).
    case closedFacility
    /// It requires cooperation with the police.
    case policeCooperation
    /// It requires formal identification.
    case formalIdentification

    /// The one-letter marker the UI draws: `X` `S` `C` `0` `F` `P` `I`.
    public var letter: Character {
        switch self {
        case .notActive: "X"
        case .stale: "S"
        case .closedNow: "C"
        case .noFreePlaces: "0"
        case .closedFacility: "F"
        case .policeCooperation: "P"
        case .formalIdentification: "I"
        }
    }

    /// The word the command line prints: the status when not active, else `stale`, `closed`,
    /// `full`, `closed-fac`, `police`, `formal-id`.
    public var word: String {
        switch self {
        case .notActive(let status): status
        case .stale: "stale"
        case .closedNow: "closed"
        case .noFreePlaces: "full"
        case .closedFacility: "closed-fac"
        case .policeCooperation: "police"
        case .formalIdentification: "formal-id"
        }
    }
}

extension SearchResult {
    /// The flags that apply to this result, in the order the UI and the command line show them.
    public var flags: [ResultFlag] {
        var flags: [ResultFlag] = []
        if status != "active" { flags.append(.notActive(status: status)) }
        if stale { flags.append(.stale) }
        if open == false { flags.append(.closedNow) }
        if available == 0 { flags.append(.noFreePlaces) }
        if conditions.contains("closed-facility") { flags.append(.closedFacility) }
        if conditions.contains("requires-police-cooperation") { flags.append(.policeCooperation) }
        if conditions.contains("requires-formal-identification") { flags.append(.formalIdentification) }
        return flags
    }
}
