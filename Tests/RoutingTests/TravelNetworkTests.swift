import Directory
import Routing
import Testing

@Suite("Travel over the road network")
struct TravelNetworkTests {
    static func snapshot(links: [DirectorySnapshot.Link]) -> DirectorySnapshot {
        func area(_ code: String, _ parent: String?, _ country: String, _ lat: Double? = nil, _ lon: Double? = nil) -> DirectorySnapshot.Area {
            DirectorySnapshot.Area(pcode: code, name: code, parent: parent, country: country, level: nil, latitude: lat, longitude: lon, population: nil)
        }
        let areas = [area("XA", nil, "XA"), area("XA01", "XA", "XA"), area("XA0101", "XA01", "XA", 45.0, 25.0),
                     area("XA0102", "XA01", "XA", 45.5, 25.0), area("XA0103", "XA01", "XA"), area("XB0101", nil, "XB", 45.0, 26.0)]
        return DirectorySnapshot(entries: [], areas: Dictionary(uniqueKeysWithValues: areas.map { ($0.pcode, $0) }), links: links)
    }

    /// Two districts of one country and one across the border: a short way through the second district, and a long direct one.
    static let crossBorder: [DirectorySnapshot.Link] = [
        .init(from: "XA0101", to: "XA0102", minutes: 40, borderCrossing: false),
        .init(from: "XA0102", to: "XB0101", minutes: 90, borderCrossing: true),
        .init(from: "XA0101", to: "XB0101", minutes: 200, borderCrossing: true),
    ]

    @Test("Shortest times over several links, both directions, with a border crossing")
    func shortest() {
        let network = TravelNetwork(Self.snapshot(links: Self.crossBorder))
        #expect(!network.isEstimated)
        #expect(network.minutes(from: "XA0101", to: "XB0101") == 130)
        #expect(network.minutes(from: "XB0101", to: "XA0101") == 130)
        #expect(network.minutes(from: "XA0101", to: "XA0101") == 0)
        #expect(network.minutes(from: "XA0101", to: "XA0103") == nil, "an area with no link and no linked ancestor is unreachable")
    }

    @Test("Times within a limit are the whole network's, and nothing farther is kept")
    func withinLimit() {
        let network = TravelNetwork(Self.snapshot(links: Self.crossBorder))
        for origin in ["XA0101", "XA0102", "XB0101"] {
            for limit in [0.0, 39, 40, 100, 130, 131, 500] {
                #expect(network.minutes(from: origin, within: limit) == network.minutes(from: origin).filter { $0.value <= limit },
                        "from \(origin) within \(limit)")
            }
        }
    }

    @Test("With no network at all, straight-line distance at a stated speed")
    func fallback() {
        let network = TravelNetwork(Self.snapshot(links: []))
        #expect(network.isEstimated)
        // 0.5° of latitude is about 55.6 km: 83 minutes at 40 km/h.
        #expect(network.minutes(from: "XA0101", to: "XA0102") == 83)
        #expect(network.minutes(from: "XA0101", to: "XA0103") == nil, "no coordinates anywhere up its lineage: no estimate")
    }
}
