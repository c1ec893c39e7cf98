import Directory
import Foundation

/// The receiving service as it was when the hand-off was logged, kept with the referral.
///
/// A confidential shelter's address is never part of it: only the phones that are its front door.
public struct ServiceSnapshot: Sendable, Equatable, Codable {
    public var serviceId: String
    public var name: String
    public var organizationId: String
    public var organizationName: String
    public var locationId: String?
    /// The location's name, or "confidential address".
    public var location: String?
    public var area: String?
    public var types: [String]
    public var conditions: [String]
    public var phones: [String]
    public var status: String
    public var takenAt: Date

    init(_ detail: ServiceDetail, at date: Date) {
        serviceId = detail.serviceId
        name = detail.name
        organizationId = detail.organizationId
        organizationName = detail.organizationName
        locationId = detail.confidential ? nil : detail.locationId
        location = detail.confidential ? "confidential address" : detail.locationName
        area = detail.area
        types = detail.serviceTypes
        conditions = detail.conditions
        phones = detail.phones.map(\.number)
        status = detail.status
        takenAt = date
    }

    /// The types stated and implied by them (`shelter.children` implies `shelter`).
    static func withParents(_ types: [String]) -> Set<String> {
        var all = Set(types)
        for type in types {
            if let dot = type.firstIndex(of: ".") { all.insert(String(type[..<dot])) }
        }
        return all
    }
}

extension DirectoryStore {
    /// The service a referral may go to now, or why not (removed or not active).
    func referrableService(_ serviceId: String, clock: any TimeSource) throws -> ServiceDetail {
        guard let detail = try serviceDetail(serviceId: serviceId, locationId: nil, clock: clock) else {
            if let tombstone = try tombstones().first(where: { $0.serviceId == serviceId }) {
                throw CaseworkError.serviceUnavailable(
                    "\(tombstone.name) (\(serviceId)) was removed from the directory on \(tombstone.removedAt.prefix(10)); choose another service.")
            }
            throw CaseworkError.serviceUnavailable("There is no service \(serviceId) in the directory; `waymark search` finds services and their ids.")
        }
        guard detail.status == "active" else {
            throw CaseworkError.serviceUnavailable("\(detail.name) (\(serviceId)) is \(detail.status) in the directory and takes no referrals; choose another service.")
        }
        return detail
    }
}
