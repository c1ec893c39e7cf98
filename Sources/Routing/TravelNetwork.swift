import Directory
import Foundation
import HeapModule

/// Travel times between areas, over the directory's road links (undirected, in minutes).
///
/// With no links at all, times are estimated from straight-line distance at
/// `fallbackSpeedKmPerHour`, and `isEstimated` says so. An area with no link of its own is
/// reached through its nearest ancestor that has one (a location in a district is reached
/// through the district); two areas under the same linked ancestor are a local trip.
public struct TravelNetwork: Sendable {
    /// The speed used when the directory has no travel network.
    public static let fallbackSpeedKmPerHour = 40.0

    private let snapshot: DirectorySnapshot
    private let neighbours: [String: [(to: String, minutes: Double)]]
    /// Each area's lineage (itself, then its ancestors), computed once.
    private let lineages: [String: [String]]
    /// Each area's travel node: itself or its nearest linked ancestor.
    private let nodes: [String: String]

    /// Whether times come from straight-line distance because there is no network.
    public var isEstimated: Bool { neighbours.isEmpty }

    /// The network of a snapshot.
    public init(_ snapshot: DirectorySnapshot) {
        self.snapshot = snapshot
        var neighbours: [String: [(to: String, minutes: Double)]] = [:]
        for link in snapshot.links where link.minutes > 0 {
            neighbours[link.from, default: []].append((link.to, link.minutes))
            neighbours[link.to, default: []].append((link.from, link.minutes))
        }
        self.neighbours = neighbours
        var lineages: [String: [String]] = [:]
        var nodes: [String: String] = [:]
        for pcode in snapshot.areas.keys {
            let lineage = snapshot.lineage(of: pcode)
            lineages[pcode] = lineage
            if let node = lineage.first(where: { neighbours[$0] != nil }) { nodes[pcode] = node }
        }
        self.lineages = lineages
        self.nodes = nodes
    }

    /// An area's lineage, nearest first (computed once per network).
    public func lineage(of pcode: String) -> [String] { lineages[pcode] ?? snapshot.lineage(of: pcode) }

    /// The node an area travels from: itself or its nearest ancestor with a link.
    func node(for pcode: String) -> String? {
        nodes[pcode] ?? snapshot.lineage(of: pcode).first { neighbours[$0] != nil }
    }

    /// Shortest travel minutes from `origin` to every reachable area node (Dijkstra).
    public func minutes(from origin: String) -> [String: Double] {
        minutes(from: origin, within: .infinity)
    }

    /// Shortest travel minutes from `origin` to every area node reached within `limit` minutes; nodes
    /// farther are left out (the gap report measures every district, but only as far as its limit).
    public func minutes(from origin: String, within limit: Double) -> [String: Double] {
        guard let start = node(for: origin) else { return [:] }
        var best: [String: Double] = [start: 0]
        var done: Set<String> = []
        var frontier = Heap<Step>([Step(minutes: 0, node: start)])
        while let step = frontier.popMin() {
            if step.minutes > limit {
                // Everything still in the frontier is farther: drop what was only tentatively reached.
                best = best.filter { $0.value <= limit }
                break
            }
            guard done.insert(step.node).inserted else { continue }
            for edge in neighbours[step.node] ?? [] where !done.contains(edge.to) {
                let candidate = step.minutes + edge.minutes
                if candidate < best[edge.to] ?? .infinity {
                    best[edge.to] = candidate
                    frontier.insert(Step(minutes: candidate, node: edge.to))
                }
            }
        }
        return best
    }

    /// Travel minutes from `origin` to `destination`; nil when there is no route.
    ///
    /// - Parameter table: `minutes(from: origin)`, when the caller computed it already.
    public func minutes(from origin: String, to destination: String, table: [String: Double]? = nil) -> Double? {
        if isEstimated { return straightLine(from: origin, to: destination) }
        if lineage(of: destination).contains(origin) || lineage(of: origin).contains(destination) {
            return 0
        }
        guard let target = node(for: destination) else { return nil }
        return (table ?? minutes(from: origin))[target]
    }

    /// Minutes at the fallback speed over the great-circle distance between the areas'
    /// coordinates (each taken from the nearest ancestor that has them).
    func straightLine(from a: String, to b: String) -> Double? {
        guard let p = coordinates(a), let q = coordinates(b) else { return nil }
        let r = 6371.0
        let dLat = (q.0 - p.0) * .pi / 180, dLon = (q.1 - p.1) * .pi / 180
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(p.0 * .pi / 180) * cos(q.0 * .pi / 180) * sin(dLon / 2) * sin(dLon / 2)
        let km = 2 * r * asin(min(1, sqrt(h)))
        return (km / Self.fallbackSpeedKmPerHour * 60).rounded()
    }

    private func coordinates(_ pcode: String) -> (Double, Double)? {
        for code in lineage(of: pcode) {
            if let area = snapshot.areas[code], let lat = area.latitude, let lon = area.longitude { return (lat, lon) }
        }
        return nil
    }
}

/// A node reached after some minutes; the heap pops the nearest first, ties by P-code.
private struct Step: Comparable {
    let minutes: Double
    let node: String

    static func < (a: Step, b: Step) -> Bool { (a.minutes, a.node) < (b.minutes, b.node) }
}
