import Foundation

/// What a responder is looking for: text and facets.
public struct SearchQuery: Sendable, Equatable {
    /// When the service must be open.
    public enum OpenAt: Sendable, Equatable {
        /// A wall-clock time, read as local time in each service's own area.
        case wallClock(LocalMoment)
        /// This instant, converted to each service's local time.
        case instant(Date)
    }

    /// Words to find in service and organization names and descriptions.
    public var text: String
    /// Only services at or below this P-code, or whose service areas cover it.
    public var area: String?
    /// Only services of any of these types (a type includes its children).
    public var serviceTypes: [String]
    /// Only services that accept this sex (`female`, `male`, `other`).
    public var sex: String?
    /// Only services whose age bounds include this age.
    public var age: Int?
    /// Only services that list this language code.
    public var language: String?
    /// Only services not known to be closed at this time.
    public var openAt: OpenAt?
    /// Include services that are not `active`.
    public var includeInactive: Bool
    /// At most this many results (the total count is still reported).
    public var limit: Int
    /// Skip this many results first.
    public var offset: Int

    /// A query; everything optional.
    public init(text: String = "", area: String? = nil, serviceTypes: [String] = [], sex: String? = nil,
                age: Int? = nil, language: String? = nil, openAt: OpenAt? = nil,
                includeInactive: Bool = false, limit: Int = 50, offset: Int = 0) {
        self.text = text
        self.area = area
        self.serviceTypes = serviceTypes
        self.sex = sex
        self.age = age
        self.language = language
        self.openAt = openAt
        self.includeInactive = includeInactive
        self.limit = limit
        self.offset = offset
    }
}

/// Why a query cannot be run, in words a responder can act on.
public enum SearchError: Error, Equatable, CustomStringConvertible {
    /// The P-code is not in the directory.
    case unknownArea(String)
    /// The service-type code is not in the vocabulary.
    case unknownServiceType(String)
    /// The sex is not one of the vocabulary's.
    case unknownSex(String)
    /// The age is not plausible.
    case ageOutOfRange(Int)

    public var description: String {
        switch self {
        case .unknownArea(let code):
            return "unknown area '\(Sanitized.short(code))': use a P-code from the directory (waymark areas lists them)"
        case .unknownServiceType(let code):
            return "unknown service type '\(Sanitized.short(code))'; known types: \(Vocabulary.serviceTypes.joined(separator: ", "))"
        case .unknownSex(let sex):
            return "unknown sex '\(Sanitized.short(sex))'; use female, male or other"
        case .ageOutOfRange(let age):
            return "age \(age) is out of range (0–130)"
        }
    }
}

/// One search hit: a service at one location, with what a responder needs to choose.
public struct SearchResult: Sendable, Codable, Equatable {
    public var serviceId: String
    public var serviceName: String
    public var organizationId: String
    public var organizationName: String
    public var locationId: String?
    public var locationName: String?
    /// The location's P-code.
    public var area: String?
    /// The area's name.
    public var areaName: String?
    /// Service-type codes as stated (not their implied parents).
    public var serviceTypes: [String]
    /// Sexes accepted; empty means any.
    public var sex: [String]
    public var minimumAge: Double?
    public var maximumAge: Double?
    /// Language codes spoken.
    public var languages: [String]
    /// Condition codes, the location's `confidential-address` included.
    public var conditions: [String]
    public var status: String
    public var assuredDate: String?
    /// Whether the verification is older than the limit (or missing).
    public var stale: Bool
    /// Free places left, when known (summed over the service's capacities).
    public var available: Double?
    /// Whether it is open at the asked time (now, when no time was asked); nil when its hours are unknown.
    public var open: Bool?
    /// Whether the location's address is confidential.
    public var confidential: Bool
    /// Whether a time was asked, so that `open` is written even when unknown (`null`).
    public var timeAsked: Bool = false

    enum CodingKeys: String, CodingKey {
        case serviceId = "service_id", serviceName = "service_name", organizationId = "organization_id"
        case organizationName = "organization_name", locationId = "location_id", locationName = "location_name"
        case area, areaName = "area_name", serviceTypes = "service_types", sex
        case minimumAge = "minimum_age", maximumAge = "maximum_age", languages, conditions, status
        case assuredDate = "assured_date", stale, available, open, confidential
    }

    /// Writes every key, with `null` for unknown values, and `open` only when a time was asked.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(serviceId, forKey: .serviceId)
        try c.encode(serviceName, forKey: .serviceName)
        try c.encode(organizationId, forKey: .organizationId)
        try c.encode(organizationName, forKey: .organizationName)
        try c.encode(locationId, forKey: .locationId)
        try c.encode(locationName, forKey: .locationName)
        try c.encode(area, forKey: .area)
        try c.encode(areaName, forKey: .areaName)
        try c.encode(serviceTypes, forKey: .serviceTypes)
        try c.encode(sex, forKey: .sex)
        try c.encode(minimumAge.map(AgeValue.init), forKey: .minimumAge)
        try c.encode(maximumAge.map(AgeValue.init), forKey: .maximumAge)
        try c.encode(languages, forKey: .languages)
        try c.encode(conditions, forKey: .conditions)
        try c.encode(status, forKey: .status)
        try c.encode(assuredDate, forKey: .assuredDate)
        try c.encode(stale, forKey: .stale)
        try c.encode(available.map(AgeValue.init), forKey: .available)
        try c.encode(confidential, forKey: .confidential)
        if timeAsked { try c.encode(open, forKey: .open) }
    }
}

/// A number written as an integer when it is whole (`16`, not `16.0`).
struct AgeValue: Encodable {
    let value: Double
    init(_ value: Double) { self.value = value }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        if value == value.rounded(), abs(value) < 1e15 { try c.encode(Int(value)) } else { try c.encode(value) }
    }
}

/// A page of results and how many matched in all.
public struct SearchResults: Sendable, Codable, Equatable {
    /// The results on this page, in order.
    public var results: [SearchResult]
    /// How many service-at-locations matched.
    public var total: Int

    /// A page of results.
    public init(results: [SearchResult], total: Int) {
        self.results = results
        self.total = total
    }
}
