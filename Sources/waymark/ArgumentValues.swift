import ArgumentParser
import Casework
import Routing
import SOP

// The domain's vocabularies, read straight from the command line: a value outside the
// vocabulary is a usage error (exit 64) that lists the values allowed.

extension ReferralPriority: ExpressibleByArgument {}
extension ReferralPurpose: ExpressibleByArgument {}
extension ReferralStatus: ExpressibleByArgument {}
extension ConsentGiver: ExpressibleByArgument {}
extension AgeBasis: ExpressibleByArgument {}
extension UnaccompaniedStatus: ExpressibleByArgument {}
extension PoliceStance: ExpressibleByArgument {}
