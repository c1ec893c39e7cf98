import Foundation

/// The facets of the directory screen, in the order the filter bar shows them.
public enum Facet: Int, Sendable, CaseIterable {
    case area, serviceType, sex, age, language, openNow
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
}
