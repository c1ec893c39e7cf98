import Terminal

/// The box that asks where to write an envelope: a new file (nothing is overwritten), and who can open it.
public struct EnvelopeFileDialog: Sendable, Equatable {
    /// What the envelope carries.
    public enum Purpose: Sendable, Equatable {
        /// A handed-off referral, sealed to its receiving organization.
        case referral(referralId: String)
        /// An answer to an incoming referral, sealed to the organization that sent it (`to`, its name).
        case answer(InboxAnswer, to: String)
    }

    /// What a key did to the box.
    public enum Outcome: Sendable, Equatable {
        case pending
        /// Write the envelope to this path.
        case submit(path: String)
        case cancel
    }

    public var purpose: Purpose
    public var path = TextInput(maxLength: 400)
    /// Why the last attempt was refused.
    public var error: String?

    public init(purpose: Purpose) {
        self.purpose = purpose
    }

    /// Handles a key: Enter writes, Esc cancels; any other key edits the path.
    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .escape:
            return .cancel
        case .enter:
            return .submit(path: path.text)
        default:
            path.handle(key, width: 56)
            error = nil
        }
        return .pending
    }

    /// Draws the box: what the file will hold and who can open it, then the path.
    public func render(into grid: inout Grid, strings s: StringTable) {
        let title: String, message: String
        switch purpose {
        case .referral(let id):
            title = s.format(.envelopeFileTitleReferral, ["referral": id])
            message = s[.envelopeFileMessageReferral]
        case .answer(let answer, let sender):
            title = s.format(.envelopeFileTitleAnswer, ["referral": answer.referralId, "status": s.label("status.\(answer.status.rawValue)")])
            message = s.format(.envelopeFileMessageAnswer, ["organization": sender])
        }
        PromptBox(title: title, message: message, fields: [PromptBox.Field(path)], problem: error, keys: s[.envelopeFileKeys], top: 4)
            .render(into: &grid)
    }
}
