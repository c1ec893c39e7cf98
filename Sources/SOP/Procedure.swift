/// Whether a step is recorded once for the person or once for each referral.
public enum StepScope: String, Sendable, Codable {
    case perCase = "case"
    case perReferral = "referral"
}

/// Who a step applies to.
public enum PersonCondition: String, Sendable, Codable {
    case any
    case adult
    /// A child: stated under 18, or an age that is disputed (presumption of minority).
    case child
}

/// One step of a standard operating procedure, as a coordinator writes it.
public struct ProcedureStep: Sendable, Equatable, Codable {
    /// A stable id (`safety`, `screening`, `consent`, ...).
    public var id: StepID
    public var scope: StepScope
    public var appliesTo: PersonCondition
    /// When not empty: the step applies only to referrals to a service of one of these types.
    public var onlyForServiceTypes: [String]
    /// Referrals to a service of one of these types never wait for this step.
    public var neverWaitsFor: [String]
    /// Referrals with one of these priorities never wait for this step, for the types in `neverWaitsForAtPriority`.
    public var neverWaitsAtPriority: [String]
    /// The types `neverWaitsAtPriority` concerns (emergency safety or health care).
    public var neverWaitsForAtPriority: [String]
    /// What the responder must do, in a sentence.
    public var instruction: String
    /// Whether a life-at-risk override may clear this step when it is owed (never for best interests).
    public var overridable: Bool

    public init(id: StepID, scope: StepScope, appliesTo: PersonCondition = .any, onlyForServiceTypes: [String] = [],
                neverWaitsFor: [String] = [], neverWaitsAtPriority: [String] = [], neverWaitsForAtPriority: [String] = [],
                instruction: String, overridable: Bool = true) {
        self.id = id
        self.scope = scope
        self.appliesTo = appliesTo
        self.onlyForServiceTypes = onlyForServiceTypes
        self.neverWaitsFor = neverWaitsFor
        self.neverWaitsAtPriority = neverWaitsAtPriority
        self.neverWaitsForAtPriority = neverWaitsForAtPriority
        self.instruction = instruction
        self.overridable = overridable
    }
}

/// A standard operating procedure: the steps owed before a hand-off is logged.
public struct Procedure: Sendable, Equatable, Codable {
    public var name: String
    public var version: String
    public var steps: [ProcedureStep]
    /// The recovery and reflection period: its length and when it starts.
    public var recoveryPeriod: RecoveryPeriodRule = RecoveryPeriodRule()
    /// What follows a negative decision (`after_negative_decision`): a negative decision never closes assistance by itself.
    public var afterNegativeDecision: [String] = Procedure.defaultAfterNegativeDecision

    /// How many days an accepted referral may wait for its service to start before it is overdue (`service_start_days`).
    public var serviceStartDays: Int = Procedure.defaultServiceStartDays
    /// How many days after its opening a case is listed for the coordinator to erase (`retention_days`); nil keeps cases.
    public var retentionDays: Int? = nil
    /// How many days a service's verification holds before search and routing flag it stale and it
    /// joins the verification queue (`stale_after_days`).
    public var staleAfterDays: Int = Procedure.defaultStaleAfterDays

    /// How many days a verification holds unless the SOP file says otherwise.
    public static let defaultStaleAfterDays = 180
    /// The most a SOP file may set: two years.
    public static let maximumStaleAfterDays = 730

    /// How many days an accepted referral may wait for its service unless the SOP file says otherwise.
    public static let defaultServiceStartDays = 7

    /// What follows a negative decision unless the SOP file says otherwise.
    public static let defaultAfterNegativeDecision = ["review", "appeal", "exit-support"]

    public init(name: String, version: String, steps: [ProcedureStep], recoveryPeriod: RecoveryPeriodRule = RecoveryPeriodRule(),
                afterNegativeDecision: [String] = Procedure.defaultAfterNegativeDecision) {
        self.name = name
        self.version = version
        self.steps = steps
        self.recoveryPeriod = recoveryPeriod
        self.afterNegativeDecision = afterNegativeDecision
    }

    /// An identity of the procedure's content (FNV-1a 64 over a canonical text), so a
    /// clearance says which procedure cleared it. Not a security measure: the hand-off log's
    /// MAC protects what was logged.
    public var contentHash: String {
        var text = "\(name)\u{1F}\(version)"
        for step in steps {
            text += "\u{1E}" + [step.id.rawValue, step.scope.rawValue, step.appliesTo.rawValue, step.onlyForServiceTypes.joined(separator: ","),
                                step.neverWaitsFor.joined(separator: ","), step.neverWaitsAtPriority.joined(separator: ","),
                                step.neverWaitsForAtPriority.joined(separator: ","), step.instruction,
                                step.overridable ? "overridable" : "not-overridable"].joined(separator: "\u{1F}")
        }
        // Settings at their defaults leave the hash of a procedure written before them unchanged.
        if recoveryPeriod != RecoveryPeriodRule() || afterNegativeDecision != Self.defaultAfterNegativeDecision {
            text += "\u{1D}\(recoveryPeriod.days)\u{1F}\(recoveryPeriod.starts.rawValue)\u{1F}" + afterNegativeDecision.joined(separator: ",")
        }
        if serviceStartDays != Self.defaultServiceStartDays || retentionDays != nil {
            text += "\u{1D}\(serviceStartDays)\u{1F}\(retentionDays.map(String.init) ?? "-")"
        }
        if staleAfterDays != Self.defaultStaleAfterDays { text += "\u{1D}stale\u{1F}\(staleAfterDays)" }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// DOMAIN.md's default procedure: safety, screening, age (with the child pathway),
    /// informed consent, risk; the hand-off is what the gate then allows.
    public static let standard = Procedure(name: "default", version: "2", steps: [
        ProcedureStep(id: "safety", scope: .perCase,
                      instruction: "Ask whether the person is in danger now; if so, call emergency services first and record the override."),
        ProcedureStep(id: "screening", scope: .perCase,
                      instruction: "Record the screening questionnaire; every question may be declined."),
        ProcedureStep(id: "age", scope: .perCase,
                      instruction: "Record the age as stated, estimated (a range), assessed (by whom, when, how) or disputed."),
        ProcedureStep(id: "guardian", scope: .perCase, appliesTo: .child, neverWaitsFor: ["child-protection", "shelter", "health"],
                      instruction: "Record the child's guardian or representative: the relationship, who appointed them, and whether they are suspected of involvement (not a parent by default)."),
        ProcedureStep(id: "child-views", scope: .perReferral, appliesTo: .child, neverWaitsFor: ["child-protection"],
                      neverWaitsAtPriority: ["emergency"], neverWaitsForAtPriority: ["shelter", "health"],
                      instruction: "Record the child's own views on this referral (a child may accept one referral and refuse another)."),
        ProcedureStep(id: "best-interests", scope: .perReferral, appliesTo: .child,
                      onlyForServiceTypes: ["return", "family-tracing", "reintegration", "consular"],
                      instruction: "Record the best-interests outcome (in the child's interest, not, or pending), who decided and when, before any return, family tracing, reintegration or consular referral.",
                      overridable: false),
        ProcedureStep(id: "consent", scope: .perReferral, neverWaitsFor: [],
                      instruction: "Record informed consent for this organization and the data to share (by the guardian for a child)."),
        ProcedureStep(id: "risk", scope: .perReferral,
                      instruction: "Record the risk assessment: traffickers, and the receiving service (closed facility, police condition)."),
    ])
}
