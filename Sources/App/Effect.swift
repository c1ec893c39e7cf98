import Casework
import Directory
import Foundation
import Routing

/// Work `update` asks the runner to do outside the pure state change, by feature.
public enum Effect: Sendable, Equatable {
    case directory(DirectoryEffect)
    case referral(ReferralEffect)
    case casework(CaseworkEffect)
    /// End the program.
    case quit
}

/// Work on the directory; each answers with a `DirectoryMessage`.
public enum DirectoryEffect: Sendable, Equatable {
    /// Run a search; answer with `.searched` carrying the same generation.
    case search(SearchQuery, generation: Int)
    /// Fetch the next page of the current query; answer with `.searchedMore`.
    case searchMore(SearchQuery, generation: Int)
    /// Load a service's detail; answer with `.detailLoaded`.
    case loadDetail(serviceId: String, locationId: String?)
    /// Set a service's free places now, as the home's operator; answer with `.edited` (the detail read again) or `.editRefused`.
    case setFreePlaces(serviceId: String, locationId: String?, available: Int)
    /// Load a service's field-level history; answer with `.historyLoaded`.
    case loadHistory(serviceId: String, name: String)
    /// Record that a service's facts were checked; answer with `.edited` or `.editRefused`.
    case verify(serviceId: String, locationId: String?, method: VerificationMethod)
    /// Reads the verification queue, oldest first.
    case loadStaleQueue
    /// Reads a service's record and the organizations to open its edit form; answer with `.serviceEditLoaded`.
    case loadServiceEdit(serviceId: String, locationId: String?, origin: ServiceEditForm.Origin)
    /// Changes a service's facts as the home's operator (`what` names the rows changed); answer with `.edited` or `.editRefused`.
    case editService(serviceId: String, locationId: String?, ServiceEdit, what: String)
    /// Reads the organizations to open the add form; answer with `.serviceAddLoaded`.
    case loadServiceAdd
    /// Adds a service or an organization as the home's operator; answer with `.edited` or `.editRefused`.
    case addService(ServiceAddition)
    /// Reads the conflicts bundle merges left (the resolved ones too when asked); answer with `.conflictsLoaded`.
    case loadConflicts(includeResolved: Bool)
    /// Resolves a conflict as the home's operator; answer with `.conflictResolved` or `.editRefused`.
    case resolveConflict(id: Int64, ConflictResolution)
    /// Reads the directory's generation (`DirectoryStore.generation`); answer with `.generationRead`.
    case readGeneration
    /// Reads a shown service's detail again (the directory changed); answer with `.detailReloaded`.
    case reloadDetail(serviceId: String, locationId: String?)
}

/// Routing work; each answers with a `ReferralMessage`.
public enum ReferralEffect: Sendable, Equatable {
    /// Route the intake; answer with `.routed`.
    case route(ClientProfile, [Need], at: Date)
    /// Build the gap report; answer with `.gapsLoaded`.
    case loadGaps(withinMinutes: Double)
}
