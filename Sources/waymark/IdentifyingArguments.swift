import ArgumentParser

/// Options that would put identifying data on the command line: accepted only to refuse them.
struct IdentifyingArguments: ParsableArguments {
    @Option(help: .hidden) var name: String?
    @Option(name: [.customLong("date-of-birth"), .customLong("dob")], help: .hidden) var dateOfBirth: String?
    @Option(help: .hidden) var phone: String?
    @Option(help: .hidden) var address: String?
    @Option(help: .hidden) var narrative: String?

    /// Refuses when any was given: arguments land in shell history and process lists.
    func refuse(command: String) throws {
        guard name != nil || dateOfBirth != nil || phone != nil || address != nil || narrative != nil else { return }
        Output.error("""
            waymark \(command): identifying data (a name, a date of birth, a phone, an address, an account) is never taken \
            from the command line, where it would stay in shell history. Nothing was written. Give it with \
            `waymark case identify CASE`, which asks for it, or pipe JSON to its standard input.
            """)
        throw ExitCode(1)
    }
}
