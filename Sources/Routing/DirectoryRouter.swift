import Directory
import Foundation

/// Routes a person's needs over a directory store, reading only the entries near the person.
///
/// The router judges a need's services nearest first and stops once nothing farther can change
/// its answer. So a route reads, inside one read of the store, the map (areas and travel links)
/// and, for each need, the services offering it within some minutes of where travel is measured
/// from; routes over them; and checks, need by need, that the evaluation stopped inside what
/// was read. Where it did not (too few services near, or a later stage measured from a shelter
/// elsewhere), it reads four times as far, or everything offering the type, and routes again.
/// The answer is the one a router over the whole directory gives; a new process finds it in
/// milliseconds where reading the whole directory takes seconds.
public struct DirectoryRouter {
    /// How far, in travel minutes, the first read reaches.
    static let firstReach = 60.0

    /// The day before which a verification is stale (`YYYY-MM-DD`).
    public let staleBefore: String

    /// A router for routes judged against verifications after `staleBefore`.
    public init(staleBefore: String) {
        self.staleBefore = staleBefore
    }

    /// The route, and the directory part it was computed over (every area and link; the entries read).
    public func route(_ profile: ClientProfile, needs: [Need], at instant: Date, alternatives: Int = 3,
                      in store: DirectoryStore) throws -> (route: Route, snapshot: DirectorySnapshot) {
        try store.readForRouting { reader in
            let map = try reader.map()
            let network = TravelNetwork(map)
            let moment = LocalMoment(instant, in: map.timeZone(of: profile.area))
            var scope = Scope(map: map, network: network, places: Set(map.areas.keys).union(try reader.entryAreas()))
            for need in Router.needsAddedByRule(profile, to: needs) {
                try scope.widen(Scope.Key(type: need.code, origin: profile.area), reader: reader)
            }
            var part = map
            var read: Set<String> = []
            while true {
                // Only services not read before; the entries kept in snapshot order (service id, then
                // location id, compared as SQLite compares them: byte by byte, no location first).
                let unread = scope.services.subtracting(read)
                part.entries += try reader.entries(of: unread)
                part.entries.sort(by: DirectorySnapshot.Entry.precedes)
                read.formUnion(unread)
                var reach: [Router.Reach] = []
                let route = Router(part, network: network, staleBefore: staleBefore)
                    .route(profile, needs: needs, moment: moment, alternatives: alternatives, reach: &reach)
                let short = Set(reach.filter { !scope.covers($0) }.map(Scope.Key.init))
                if short.isEmpty { return (route, part) }
                for key in short { try scope.widen(key, reader: reader) }
            }
        }
    }

    /// What has been read: for each need's type and origin, how far (in minutes), and the services found.
    struct Scope {
        struct Key: Hashable {
            var type: String
            var origin: String

            init(type: String, origin: String) {
                self.type = type
                self.origin = origin
            }

            /// The type and origin a need's evaluation read for.
            init(_ reach: Router.Reach) {
                self.init(type: reach.type, origin: reach.origin)
            }
        }

        let map: DirectorySnapshot
        let network: TravelNetwork
        /// Every P-code travel is measured to: the area table's and those the entries name.
        let places: Set<String>
        /// How far each key was read; infinity once everything offering the type was.
        private(set) var reached: [Key: Double] = [:]
        private var found: [Key: Set<String>] = [:]

        init(map: DirectorySnapshot, network: TravelNetwork, places: Set<String>) {
            self.map = map
            self.network = network
            self.places = places
        }

        /// Every service read for any key.
        var services: Set<String> { found.values.reduce(into: Set<String>()) { $0.formUnion($1) } }

        /// Whether what was read holds every entry the evaluation of one need judged: everything
        /// offering its type, or everything within the minutes at which it stopped.
        func covers(_ reach: Router.Reach) -> Bool {
            guard let minutes = reached[Key(reach)] else { return false }
            if minutes == .infinity { return true }
            guard let stoppedAt = reach.stoppedAt else { return false }
            return stoppedAt <= minutes
        }

        /// Reads `key` farther: first `firstReach` minutes, then four times as far, then everything.
        mutating func widen(_ key: Key, reader: RoutingReader) throws {
            let table = network.minutes(from: key.origin)
            var minutes: [String: Double] = [:]
            for pcode in places {
                if let time = network.minutes(from: key.origin, to: pcode, table: table) { minutes[pcode] = time }
            }
            // The origin itself, even when the directory no longer names it.
            minutes[key.origin] = 0
            let farthest = minutes.values.max() ?? 0
            let next = reached[key].map { $0 * 4 } ?? DirectoryRouter.firstReach
            if next >= farthest || reached[key] == .infinity {
                reached[key] = .infinity
                found[key] = try reader.services(offering: key.type, in: nil)
            } else {
                reached[key] = next
                found[key] = try reader.services(offering: key.type, in: Set(minutes.filter { $0.value <= next }.keys))
            }
        }
    }
}
