import ArgumentParser
import Casework
import Directory
import Routing
import SOP

// The domain's vocabularies, read straight from the command line: a value outside the
// vocabulary is a usage error (exit 64) that lists the values allowed.

extension ReferralPriority: ExpressibleByArgument {}
extension ReferralPurpose: ExpressibleByArgument {}
extension ReferralStatus: ExpressibleByArgument {}
extension DeclineReason: ExpressibleByArgument {}
extension ReferralOutcome: ExpressibleByArgument {}
extension ConsentGiver: ExpressibleByArgument {}
extension AgeBasis: ExpressibleByArgument {}
extension UnaccompaniedStatus: ExpressibleByArgument {}
extension PoliceStance: ExpressibleByArgument {}
extension NRMDecision.Stage: ExpressibleByArgument {}
extension DurableSolution.Kind: ExpressibleByArgument {}
extension NRMDecision.Outcome: ExpressibleByArgument {}
extension NRMDecision.Authority: ExpressibleByArgument {}

/// A code of one of the profile's vocabularies (`--sex female`, `--exploitation labour`).
extension VocabularyCode: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.trimmingCharacters(in: .whitespaces).lowercased()) }
    public static var allValueStrings: [String] { Kind.codes.sorted() }
}
