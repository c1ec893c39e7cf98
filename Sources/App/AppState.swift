import Directory
import Foundation
import Routing
import Terminal

/// Which screen is showing.
public enum Screen: Sendable, Equatable {
    /// The directory: search, facets, results.
    case directory
    /// One service's detail.
    case detail
    /// A new referral: the person and their needs.
    case intake
    /// The proposed pathways for the intake.
    case pathway
    /// Who is left out, district by district.
    case gaps
    /// The SOP checklist of one referral.
    case checklist
    /// The screening questionnaire of the checklist's case.
    case screening
    /// The consent form of the checklist's referral.
    case consent
    /// A referral form: what would be shared now, or what was handed off.
    case formPreview
    /// Every referral and where it is in its lifecycle.
    case referrals
    /// The identifying data of the checklist's case: name, date of birth, contact, account.
    case identity
    /// An anonymous notification just recorded, read-only.
    case notification
}

/// Which pane of the directory screen has the keyboard.
public enum Focus: Sendable, Equatable, CaseIterable {
    case search, filters, results
}

/// The facets of the directory screen, in the order the filter bar shows them.
public enum Facet: Int, Sendable, CaseIterable {
    case area, serviceType, sex, age, language, openNow
}

/// An intake field typed as text.
public enum IntakeText: Sendable, Equatable {
    case nationality, languages
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

/// A picker open over the directory screen, choosing one facet's value.
public enum Picker: Sendable, Equatable {
    /// A hierarchical choice (area, service type); the first row is "any".
    case tree(Facet, TreePicker)
    /// A flat choice (sex, language) among `values` (nil = any).
    case list(Facet, ListView, values: [String?])
    /// A number typed in (age).
    case number(Facet, TextInput, error: String?)
    /// Text typed in for an intake field (nationality, languages).
    case text(IntakeText, TextInput, error: String?)
    /// One of several codes to add to a list (exploitation types), under a title.
    case choices(title: String, ListView, values: [String])
}

/// The whole state of the terminal application: a value, changed only by `update`.
public struct AppState: Sendable, Equatable {
    /// The sentences to show.
    public var strings: StringTable
    /// The terminal's size.
    public var size: Size
    /// The current time (from an injected clock).
    public var now: Date
    /// The directory's name.
    public var title: String
    /// Areas and languages for the pickers.
    public var options: FacetOptions
    public var screen: Screen = .directory
    public var showHelp = false
    /// Set when the program should end.
    public var quitting = false

    // The directory screen.
    public var focus: Focus = .results
    public var search = TextInput()
    public var filters = Filters()
    public var filterCursor: Facet = .area
    public var picker: Picker?
    public var results = SearchResults(results: [], total: 0)
    public var list = ListView(itemCount: 0, selection: nil)
    /// The newest query sent; older answers are ignored.
    public var generation = 0
    /// Whether a further page of results has been asked for and not yet answered.
    public var loadingMore = false
    /// A problem to show on the message line.
    public var message: String?

    // The detail screen.
    public var detail: ServiceDetail?
    public var detailScroll = 0
    /// The screen Esc returns to from the detail.
    public var detailReturn: Screen = .directory

    // The referral screens.
    public var intake = IntakeForm()
    public var route: Route?
    /// Which pathway (alternative) is shown.
    public var pathwayIndex = 0
    /// The selected step of the shown pathway.
    public var stepSelection = 0
    /// Whether the pathway screen lists the excluded services of the selected step's need.
    public var showExcluded = false
    public var gaps: GapReport?
    public var gapsList = ListView(itemCount: 0, selection: nil)

    /// The case data: unlock, checklist, screening, consent, form, referrals.
    public var casework = CaseworkState()

    /// A fresh state on the directory screen.
    public init(strings: StringTable, size: Size, now: Date, title: String, options: FacetOptions) {
        self.strings = strings
        self.size = size
        self.now = now
        self.title = title
        self.options = options
        search.placeholder = strings[.searchPlaceholder]
    }

    /// The smallest terminal the UI draws into.
    public static let minimumSize = Size(width: 80, height: 24)

    /// Whether the terminal is too small to draw the UI.
    public var tooSmall: Bool { size.width < Self.minimumSize.width || size.height < Self.minimumSize.height }

    /// How many result rows the directory screen shows.
    public var visibleResultRows: Int { max(1, size.height - 6) }

    /// The query the current search text and filters mean.
    public var query: SearchQuery {
        var query = SearchQuery(text: search.text, area: filters.area, serviceTypes: filters.serviceType.map { [$0] } ?? [],
                                sex: filters.sex, age: filters.age, language: filters.language, limit: AppState.resultLimit)
        if filters.openNow { query.openAt = .instant(now) }
        return query
    }

    /// How many results the directory screen loads at once: a few screens' worth. More are
    /// loaded as the selection nears the end of what is loaded.
    public static let resultLimit = 40

    /// The result under the selection.
    public var selectedResult: SearchResult? {
        guard let index = list.selection, results.results.indices.contains(index) else { return nil }
        return results.results[index]
    }
}
