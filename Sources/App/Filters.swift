import Directory
import Foundation

/// The facets of the directory screen, in the order the filter bar shows them.
public enum Facet: Int, Sendable, CaseIterable {
    case area, serviceType, sex, age, language, openNow

    /// The facet's name on the filter bar and on its picker.
    func name(_ s: StringTable) -> String {
        switch self {
        case .area: return s[.facetArea]
        case .serviceType: return s[.facetType]
        case .sex: return s[.facetSex]
        case .age: return s[.facetAge]
        case .language: return s[.facetLanguage]
        case .openNow: return s[.facetOpenNow]
        }
    }
}

/// The filters a responder has set.
public struct Filters: Sendable, Equatable {
    public var area: String?
    public var serviceType: String?
    public var sex: String?
    public var age: Int?
    public var language: String?
    public var openNow = false

    public init() {}

    /// Whether no filter is set.
    public var isEmpty: Bool { self == Filters() }

    /// Whether a facet is set.
    func isSet(_ facet: Facet) -> Bool {
        switch facet {
        case .area: return area != nil
        case .serviceType: return serviceType != nil
        case .sex: return sex != nil
        case .age: return age != nil
        case .language: return language != nil
        case .openNow: return openNow
        }
    }

    /// A facet's value as the filter bar shows it ("any" when not set).
    func value(_ facet: Facet, options: FacetOptions, strings s: StringTable) -> String {
        switch facet {
        case .area:
            guard let code = area else { return s[.any] }
            return options.areas.first { $0.pcode == code }?.name ?? code
        case .serviceType: return serviceType.map { s.label($0) } ?? s[.any]
        case .sex: return sex.map { s.label($0) } ?? s[.any]
        case .age: return age.map(String.init) ?? s[.any]
        case .language: return language ?? s[.any]
        case .openNow: return openNow ? s[.yes] : s[.no]
        }
    }

    /// Clears a facet.
    mutating func clear(_ facet: Facet) {
        switch facet {
        case .area: area = nil
        case .serviceType: serviceType = nil
        case .sex: sex = nil
        case .age: age = nil
        case .language: language = nil
        case .openNow: openNow = false
        }
    }
}
