import Directory
import Foundation
import GRDB
import Routing
import SOP

/// A record whose columns are snake_case while its Swift properties are camelCase.
public protocol SnakeCaseRecord: Codable, FetchableRecord, PersistableRecord {}

extension SnakeCaseRecord {
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}

/// A case as stored: everything here is queryable and none of it names the person.
public struct CaseFile: Sendable, Equatable, SnakeCaseRecord {
    public static let databaseTableName = "case_file"
    public var code: String
    public var openedAt: Date
    public var openedBy: String
    public var openedByOrganization: String
    public var firstContactAt: Date
    /// How the case came in (an identification channel code).
    public var channel: String?
    /// The routing profile as clear JSON, as stores before the sealed profile kept it; empty
    /// once sealed. Read only through `CaseStore`, which opens `profileSealed`.
    var profile: String
    /// The routing profile (area, exact age, nationality, languages, exploitation, dependents,
    /// police stance, ...), sealed under the case's key; nil once the case is erased.
    var profileSealed: Data?
    /// The region of the person's area (its parent in the area hierarchy), for the report.
    public var region: String?
    public var sex: Sex?
    public var ageBand: String
    public var isChild: Bool
    public var screeningResult: String?
    public var notifiedAt: Date?
    public var erasedAt: Date?
    /// The anonymous notification's own random id (not the case code), once notified.
    public var notificationId: String? = nil
}

/// A referral as stored.
public struct Referral: Sendable, Equatable, SnakeCaseRecord {
    public static let databaseTableName = "referral"
    public var id: String
    public var caseCode: String
    public var serviceId: String
    public var serviceName: String
    public var organizationId: String
    public var organizationName: String
    public var locationId: String?
    /// The receiving service's types, stated and implied, comma-separated.
    public var serviceTypes: String
    public var need: ServiceType
    /// Why it is made; `additional-services` for referrals made before it was asked.
    public var purpose: ReferralPurpose = .additionalServices
    /// Whether the person needs an escort or safe transport to get there; nil when not asked.
    public var escort: Bool? = nil
    public var priority: ReferralPriority
    public var status: ReferralStatus
    /// Why it was declined or withdrawn, sealed under the case's key (free text may name people).
    var statusReasonSealed: Data? = nil
    /// The reason, opened by the case store when it hands the referral out; nil once the case is erased.
    public internal(set) var statusReason: String? = nil
    public var createdAt: Date
    public var createdBy: String
    public var createdByOrganization: String
    public var sentAt: Date?
    public var acknowledgedAt: Date?
    public var acceptedAt: Date?
    public var declinedAt: Date?
    public var serviceStartedAt: Date?
    public var closedAt: Date?
    public var withdrawnAt: Date?
    /// The receiving service as it was at hand-off (JSON).
    public var serviceSnapshot: String?
    var formSealed: Data?
    public var formHash: String?
    public var formVersion: String?
    /// The position of its hand-off entry in the log, and that entry's MAC (from this version on).
    public var handoffSeq: Int64? = nil
    public var handoffMac: String? = nil
    /// Why the receiving organization (or the person) declined it; nil unless declined.
    public var declineReason: DeclineReason? = nil
    /// How it ended, when closed; nil otherwise.
    public var outcome: ReferralOutcome? = nil
    /// The declined referral of the same case this one replaces, if it does.
    public var replaces: String? = nil

    /// Every stored column (the opened reason is not one).
    enum CodingKeys: String, CodingKey {
        case id, caseCode, serviceId, serviceName, organizationId, organizationName, locationId, serviceTypes, need, purpose, escort, priority
        case status, statusReasonSealed, createdAt, createdBy, createdByOrganization, sentAt, acknowledgedAt, acceptedAt
        case declinedAt, serviceStartedAt, closedAt, withdrawnAt, serviceSnapshot, formSealed, formHash, formVersion
        case handoffSeq, handoffMac, declineReason, outcome, replaces
    }

    /// The type codes as a set.
    public var typeSet: Set<String> { Set(serviceTypes.split(separator: ",").map(String.init)) }

    /// Whether it waits past its deadline in any waiting state (`overdue(at:serviceStartDays:)`).
    public func isOverdue(at now: Date, serviceStartDays: Int = ReferralOverdue.defaultServiceStartDays) -> Bool {
        overdue(at: now, serviceStartDays: serviceStartDays) != nil
    }

    /// Why it is overdue now, if it is: a draft not handed off within a day, a hand-off not
    /// acknowledged within its priority's window, an acceptance without the service starting
    /// within `serviceStartDays` (the SOP's `service_start_days`).
    public func overdue(at now: Date, serviceStartDays: Int = ReferralOverdue.defaultServiceStartDays) -> ReferralOverdue? {
        let waiting: (ReferralOverdue.Kind, Date, TimeInterval)
        switch status {
        case .draft: waiting = (.draftNotHandedOff, createdAt, ReferralOverdue.draftWindow)
        case .sent:
            guard let sentAt else { return nil }
            waiting = (.notAcknowledged, sentAt, priority.deadline)
        case .accepted:
            guard let acceptedAt else { return nil }
            waiting = (.serviceNotStarted, acceptedAt, TimeInterval(serviceStartDays) * 24 * 3600)
        default: return nil
        }
        let deadline = waiting.1.addingTimeInterval(waiting.2)
        guard now > deadline else { return nil }
        return ReferralOverdue(kind: waiting.0, since: waiting.1, deadline: deadline, priority: priority, serviceStartDays: serviceStartDays)
    }

    /// The timestamp of a status.
    public func date(of status: ReferralStatus) -> Date? {
        switch status {
        case .draft: return createdAt
        case .sent: return sentAt
        case .acknowledged: return acknowledgedAt
        case .accepted: return acceptedAt
        case .declined: return declinedAt
        case .serviceStarted: return serviceStartedAt
        case .closed: return closedAt
        case .withdrawn: return withdrawnAt
        }
    }

    mutating func setDate(_ date: Date, of status: ReferralStatus) {
        switch status {
        case .draft: createdAt = date
        case .sent: sentAt = date
        case .acknowledged: acknowledgedAt = date
        case .accepted: acceptedAt = date
        case .declined: declinedAt = date
        case .serviceStarted: serviceStartedAt = date
        case .closed: closedAt = date
        case .withdrawn: withdrawnAt = date
        }
    }
}

/// A recorded SOP step as stored; its details are sealed under the case's key.
struct StepRow: Sendable, SnakeCaseRecord {
    static let databaseTableName = "step_record"
    var id: Int64?
    var caseCode: String
    var referralId: String?
    var stepId: StepID
    var summary: String
    var sealedDetails: Data?
    var recordedBy: String
    var recordedByOrganization: String
    var recordedAt: Date
}

/// A consent as stored.
struct ConsentRow: Sendable, SnakeCaseRecord {
    static let databaseTableName = "consent"
    var id: String
    var referralId: String
    var givenBy: ConsentGiver
    var organizationId: String
    var scopes: String
    var interpreterLanguage: String?
    /// What was explained (comma-separated `ConsentExplanation` codes); nil for a consent recorded before this was kept.
    var explained: String? = nil
    /// The language the explanation was given in.
    var explainedIn: String? = nil
    /// The two languages above, sealed under the case's key (the clear columns stay empty for new
    /// consents); opened by `CaseStore.currentConsent`.
    var languagesSealed: Data? = nil
    var obtainedBy: String
    var obtainedByOrganization: String
    var obtainedAt: Date
    var withdrawnAt: Date?
}

/// A need routing could not meet (or met only with a condition), recorded on a case for the report.
struct RecordedNeed: Sendable, SnakeCaseRecord {
    static let databaseTableName = "recorded_need"
    var id: Int64?
    var caseCode: String
    var need: ServiceType
    /// `unmet` or `conditional`.
    var kind: String
    var sex: Sex?
    var ageBand: String
    var recordedAt: Date
}

extension ConsentGiver: DatabaseValueConvertible {}

/// Step ids are stored as their text; a row whose id is not one is an error where it is read.
extension StepID: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { rawValue.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> StepID? {
        String.fromDatabaseValue(dbValue).flatMap(StepID.init(rawValue:))
    }
}

extension StepID {
    /// A step id given by a person (the CLI's argument, the UI's choice), or why it is not one.
    static func given(_ text: String, known: [String]) throws(CaseworkError) -> StepID {
        guard let id = StepID(rawValue: text) else { throw .unknownStep(text, known: known) }
        return id
    }
}
