/// Where the responder was when the UI locked, with nothing of the person in it: which case screens were open, and the
/// code of each one's case or referral.
///
/// It is all the UI keeps of its case data while locked; once the passphrase is typed again the screens are read
/// again from the case store, in the order they were opened.
public struct ResumePoint: Sendable, Equatable {
    /// One case screen to open again.
    public enum Step: Sendable, Equatable {
        /// The home's cases.
        case cases
        /// One case, by its code.
        case caseView(caseCode: String)
        /// Every referral.
        case referrals
        /// The incoming referrals.
        case inbox
        /// A referral's SOP checklist, by the referral's id (the screens over it, its forms, are not kept).
        case checklist(referralId: String)
    }

    /// The screens, the one opened first first.
    public var steps: [Step]

    public init(steps: [Step]) {
        self.steps = steps
    }

    /// The case screens of a stack (the forms and boxes over them, and every other screen, are left out).
    init(stack: [Screen]) {
        steps = stack.compactMap { screen in
            switch screen {
            case .cases: return .cases
            case .caseView(let view): return .caseView(caseCode: view.listing.file.code)
            case .referrals: return .referrals
            case .inbox: return .inbox
            case .checklist(let screen): return .checklist(referralId: screen.checklist.referral.id)
            default: return nil
            }
        }
    }

    /// Whether there is no case screen to open again.
    public var isEmpty: Bool { steps.isEmpty }

    /// The reads that open the screens again, in order: each answer opens its screen over the one before.
    var effects: [Effect] {
        steps.map { step in
            switch step {
            case .cases: return .casework(.loadCases)
            case .caseView(let code): return .casework(.loadCase(caseCode: code))
            case .referrals: return .casework(.loadReferrals)
            case .inbox: return .casework(.loadInbox)
            case .checklist(let id): return .casework(.loadChecklist(referralId: id))
            }
        }
    }
}
