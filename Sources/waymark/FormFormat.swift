import ArgumentParser

/// How a referral form is printed: text for people, JSON (HTCDS field names) for systems.
enum FormFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json
}
