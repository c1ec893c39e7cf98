import Directory

/// What the add form asks the directory to add.
public enum ServiceAddition: Sendable, Equatable {
    /// A new organization alone.
    case organization(name: String)
    /// A service with one location, of an organization of the directory or (named) a new one added with it.
    case service(NewService, newOrganization: String?)
}
