import ArgumentParser
import Directory

/// A sex as eligibility rules use it: female, male or other (the directory's `waymark-sex` codes).
enum SexArgument: String, CaseIterable, ExpressibleByArgument {
    case female, male, other
}
