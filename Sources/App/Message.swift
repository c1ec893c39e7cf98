import Casework
import Directory
import Foundation
import Routing
import Terminal

/// Something that happened: a key, a resize, a tick, or the answer to an effect, by feature.
public enum Message: Sendable, Equatable {
    case key(Key)
    case resized(Size)
    case tick(Date)
    /// An answer about the directory: results, a service's detail.
    case directory(DirectoryMessage)
    /// An answer about a referral's routing: pathways, gaps.
    case referral(ReferralMessage)
    /// An answer of the case store.
    case casework(CaseworkMessage)
}

/// The directory's answers.
public enum DirectoryMessage: Sendable, Equatable {
    case searched(SearchResults, generation: Int)
    /// A further page of the same query's results.
    case searchedMore(SearchResults, generation: Int)
    case detailLoaded(ServiceDetail?)
    /// A change to the directory was made: the service's detail read again, what was done and by whom.
    case edited(ServiceDetail?, done: String, by: String)
    /// A service's history: its name and its changes, oldest first.
    case historyLoaded(name: String, [HistoryEntry])
    /// A change to the directory was refused: the domain's reason, or nil when no operator is set (nothing was written).
    case editRefused(String?)
    /// A query failed: why.
    case failed(String)
    /// The verification queue, oldest first.
    case staleQueueLoaded([StaleEntry], days: Int)
    /// A service's record and the directory's organizations, to edit it: the form to open.
    case serviceEditLoaded(ServiceEditForm)
    /// The directory's organizations: the add form to open.
    case serviceAddLoaded(ServiceAddForm)
    /// The conflicts bundle merges left, the names of the services they are about (by id), and whether the resolved ones are listed.
    case conflictsLoaded([MergeConflict], serviceNames: [String: String], includeResolved: Bool)
    /// A conflict was resolved as asked, by the operator named.
    case conflictResolved(id: Int64, ConflictResolution, by: String)
    /// The directory's generation as read now; nil when it could not be read (nothing is shown for that).
    case generationRead(Int64?)
    /// A shown service's detail read again after the directory changed; nil when the service is gone.
    case detailReloaded(ServiceDetail?, serviceId: String, locationId: String?)
}

/// The answers of routing.
public enum ReferralMessage: Sendable, Equatable {
    /// The pathways proposed for the intake.
    case routed(Route)
    /// Who is left out.
    case gapsLoaded(GapReport)
}
