import Foundation
import Terminal

/// The UI's lock: after a while without a key (or at `L`), every piece of case data leaves the state and the screen,
/// the case store is closed, and only a passphrase typed by a person opens it again.
///
/// While locked the directory can still be browsed; what is kept is a `ResumePoint` (screens and codes, never the
/// person), so that the passphrase brings the responder back where they were.
public struct ScreenLock: Sendable, Equatable {
    /// How long without a key before the UI locks itself: five minutes unless set (`--lock-after`, `WAYMARK_LOCK_AFTER`).
    public var idleLimit: TimeInterval
    /// When the last key was pressed (when the UI started, before any).
    public var lastKey: Date
    /// Whether the UI is locked: case data closed until the passphrase is typed.
    public private(set) var isLocked = false
    /// Where to go back to once the passphrase is typed; nil when no case screen was open.
    public private(set) var resume: ResumePoint?

    /// Five minutes.
    public static let defaultIdleLimit: TimeInterval = 5 * 60

    /// The key that locks at once, from any screen outside text: `L`.
    public static let key = Key.character("L")

    public init(idleLimit: TimeInterval = ScreenLock.defaultIdleLimit, lastKey: Date) {
        self.idleLimit = idleLimit
        self.lastKey = lastKey
    }

    /// The longest idle limit that can be set: a day.
    public static let longestIdleLimit: TimeInterval = 24 * 3600

    /// The idle limit for a number of minutes as typed (`5`, `0.5`); nil unless it is more than 0 and at most a day.
    public static func idleLimit(minutes text: String) -> TimeInterval? {
        guard let minutes = Double(text.trimmingCharacters(in: .whitespaces)), minutes.isFinite, minutes > 0 else { return nil }
        let seconds = minutes * 60
        return seconds <= longestIdleLimit ? seconds : nil
    }

    /// When the UI locks itself if no key comes first.
    public var deadline: Date { lastKey.addingTimeInterval(idleLimit) }

    /// Whether the idle limit has passed at `now`.
    public func isIdle(at now: Date) -> Bool { now >= deadline }

    /// Locks, remembering `point` (or, when it has no case screen, the point remembered before).
    mutating func engage(_ point: ResumePoint) {
        isLocked = true
        if !point.isEmpty { resume = point }
    }

    /// Unlocks: the point to resume, forgotten here.
    mutating func release() -> ResumePoint? {
        isLocked = false
        defer { resume = nil }
        return resume
    }
}

extension AppState {
    /// Whether the state holds case data the lock must drop: the case store is open, or a screen shows a person's data
    /// (an intake, a pathway, a case screen). Only then does the idle limit lock the UI.
    public var holdsCaseData: Bool { casework.unlocked || stack.contains(where: \.holdsCaseData) }

    /// When the UI locks itself if no key comes first; nil when there is nothing to lock.
    public var lockDeadline: Date? { holdsCaseData ? lock.deadline : nil }

    /// Locks the UI now: every screen over the directory closes (the directory stays as it was), the case data of the
    /// session is forgotten, and the runner is asked to close the case store and ask for the passphrase.
    mutating func lockNow() -> [Effect] {
        lock.engage(ResumePoint(stack: stack))
        popToDirectory()
        casework = CaseworkState()
        return [.casework(.lock)]
    }

    /// Locks the UI when the idle limit has passed and there is case data to drop.
    mutating func lockIfIdle() -> [Effect] {
        guard let deadline = lockDeadline, now >= deadline else { return [] }
        return lockNow()
    }
}

extension Screen {
    /// Whether the screen shows a person's data or the case store's (the lock closes it). A box holding case data
    /// (a step's form, a referral's menu) is always over a screen that does.
    var holdsCaseData: Bool {
        switch self {
        case .intake, .pathway, .checklist, .screening, .consent, .formPreview, .referrals, .identity, .notification, .cases, .caseView,
             .inbox:
            return true
        case .directory, .detail, .gaps, .help, .dialog, .quitConfirm, .history, .staleQueue, .serviceEdit, .serviceAdd, .conflicts:
            return false
        }
    }
}
