import Directory
import Routing

/// What the responder changed on a case's profile from the checklist (`u`): the form's values before and after.
///
/// Only the facts that differ are applied to the sealed profile, so a fact the form cannot show
/// (an age range, an assessment, facing charges, an interpreter) is never overwritten.
public struct ProfileChange: Sendable, Equatable {
    /// The facts of the intake form that describe the person (not the needs, which are per referral).
    public struct Facts: Sendable, Equatable {
        public var area: String?
        public var sex: String?
        public var age: Int?
        public var ageDisputed: Bool
        public var exploitation: [String]
        public var nationality: String?
        public var languages: [String]
        public var residence: Knowledge
        public var dependents: Int
        public var unaccompanied: UnaccompaniedStatus
        public var police: PoliceStance
        public var closedFacility: Bool
    }

    public var before: Facts
    public var after: Facts

    /// Whether anything changed.
    public var isEmpty: Bool { before == after }

    /// Applies the facts that changed to a profile.
    public func apply(to profile: inout ClientProfile) {
        if after.area != before.area, let area = after.area { profile.area = area }
        if after.sex != before.sex { profile.sex = after.sex.flatMap(Sex.init(rawValue:)) }
        if after.age != before.age || after.ageDisputed != before.ageDisputed {
            profile.setAge(after.age.map { .exact($0) } ?? profile.age, basis: after.ageDisputed ? .disputed : .stated)
        }
        if after.exploitation != before.exploitation { profile.exploitation = after.exploitation.compactMap(ExploitationType.init(rawValue:)) }
        if after.nationality != before.nationality { profile.nationality = after.nationality }
        if after.languages != before.languages { profile.languages = after.languages }
        if after.residence != before.residence { profile.legalResidence = after.residence }
        if after.dependents != before.dependents { profile.dependents = after.dependents }
        if after.unaccompanied != before.unaccompanied { profile.unaccompanied = after.unaccompanied }
        if after.police != before.police { profile.police = after.police }
        if after.closedFacility != before.closedFacility { profile.acceptsClosedFacility = after.closedFacility }
    }
}
