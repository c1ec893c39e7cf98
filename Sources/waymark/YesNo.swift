import ArgumentParser
import Routing

/// A yes-or-no answer given as an option's value.
enum YesNo: String, CaseIterable, ExpressibleByArgument {
    case yes, no

    /// The answer as a profile records it.
    var knowledge: Knowledge { self == .yes ? .yes : .no }
}
