import ArgumentParser
import SOP

/// Consent scopes given comma-separated (`basic,contact,safety`).
struct ScopeList: ExpressibleByArgument {
    /// The scopes named.
    var scopes: Set<DataScope>

    init?(argument: String) {
        var scopes: Set<DataScope> = []
        for part in argument.split(separator: ",") {
            guard let scope = DataScope(rawValue: part.trimmingCharacters(in: .whitespaces)) else { return nil }
            scopes.insert(scope)
        }
        guard !scopes.isEmpty else { return nil }
        self.scopes = scopes
    }

    static var allValueStrings: [String] { DataScope.allCases.map(\.rawValue) }
}
