/// The changes to make to one service; a nil field (or an empty list of additions) is left as it is.
public struct ServiceEdit: Sendable, Equatable {
    /// A bound that is set to a value or cleared.
    public enum Bound: Sendable, Equatable {
        case set(Double)
        case clear
    }

    public var name: String?
    public var description: String?
    /// The id of the organization the service moves to.
    public var organizationId: String?
    /// `active`, `inactive`, `defunct` or `temporarily-closed` (stored as HSDS's `temporarily closed`).
    public var status: String?
    /// Free places now.
    public var capacityAvailable: Double?
    /// Places in all.
    public var capacityMaximum: Double?
    public var minimumAge: Bound?
    public var maximumAge: Bound?
    /// Service-type codes to add and to remove.
    public var addTypes: [String] = []
    public var removeTypes: [String] = []
    /// Condition codes to add and to remove.
    public var addConditions: [String] = []
    public var removeConditions: [String] = []
    /// Exploitation-type codes to add and to remove (none linked means any exploitation type).
    public var addExploitation: [String] = []
    public var removeExploitation: [String] = []
    /// The sexes accepted; empty means any sex.
    public var sex: [String]?
    /// The languages spoken (codes such as `ro`); replaces the list, empty clears it.
    public var languages: [String]?
    /// Weekly hours such as `MO-FR 09:00-17:00` in the area's local time; replaces the list, empty clears it.
    public var hours: [String]?
    /// Phone numbers; replaces the list, empty clears it.
    public var phones: [String]?
    /// P-codes of the areas the service covers (`service_areas`); replaces the list, empty means no limit.
    public var serviceAreas: [String]?
    /// The unit capacity is counted in (`Bed`, `Place`): a unit of that name, made when there is none.
    public var capacityUnit: String?
    /// Which of the service's locations the location fields below change: its id; nil for the first.
    public var locationId: String?
    /// The location's name.
    public var locationName: String?
    /// The location's street address (`address_1` of its physical address); empty removes the address.
    public var address: String?
    /// Whether the location's address is confidential: left out of the detail's general view and of exports.
    public var confidential: Bool?
    /// Why the change was made, kept in the history.
    public var note: String?

    /// An edit that changes nothing yet.
    public init() {}

    /// Whether the edit names no change at all.
    public var isEmpty: Bool {
        var bare = self
        bare.locationId = nil
        return bare == ServiceEdit()
    }

    /// Whether the edit changes one of the service's locations (its name, address or confidential flag).
    public var changesLocation: Bool { locationName != nil || address != nil || confidential != nil }

    /// The stored form of a status as typed (`temporarily-closed` is HSDS's `temporarily closed`).
    public static func storedStatus(_ text: String) -> String {
        text == "temporarily-closed" ? "temporarily closed" : text
    }
}

/// A new service: its organization, name, types, one location with its P-code and the areas it covers.
public struct NewService: Sendable, Equatable {
    public var organizationId: String
    public var name: String
    public var types: [String]
    /// The P-code of the new location.
    public var area: String
    /// The new location's name; the service's name when nil.
    public var locationName: String?
    /// P-codes of the areas the service covers (`service_areas`).
    public var covers: [String] = []
    /// The other facts, as an edit of the new service sets them.
    public var details = ServiceEdit()

    /// A new service.
    public init(organizationId: String, name: String, types: [String], area: String) {
        self.organizationId = organizationId
        self.name = name
        self.types = types
        self.area = area
    }
}

/// How a verification was made.
public enum VerificationMethod: String, Sendable, Codable, CaseIterable {
    case phone, visit, email, provider, document
}
