import Casework
import Terminal

/// The box that writes a referral form to a file: where (a path typed), as text or JSON, and a warning that the file holds personal data.
public struct FormFileDialog: Sendable, Equatable {
    /// What a key did to the box.
    public enum Outcome: Sendable, Equatable {
        case pending
        /// Write the form to this path in this format.
        case submit(path: String, format: FormFile.Format)
        case cancel
    }

    public var referralId: String
    public var path = TextInput(maxLength: 400)
    public var format: FormFile.Format = .text
    /// Why the last attempt was refused.
    public var error: String?

    public init(referralId: String) {
        self.referralId = referralId
    }

    /// Handles a key: Tab switches text and JSON, Enter writes, Esc cancels; any other key edits the path.
    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .escape:
            return .cancel
        case .enter:
            return .submit(path: path.text, format: format)
        case .tab, .backTab:
            format = format == .text ? .json : .text
        default:
            path.handle(key, width: 56)
            error = nil
        }
        return .pending
    }

    /// Draws the box: the warning, the format, the path.
    public func render(into grid: inout Grid, strings s: StringTable) {
        let formats = FormFile.Format.allCases.map { ($0 == format ? "(•) " : "( ) ") + ($0 == .text ? s[.formFileText] : s[.formFileJSON]) }
        let message = s[.formFileWarning] + "\n" + s.format(.formFileFormat, ["formats": formats.joined(separator: " · ")])
        PromptBox(title: s.format(.formFileTitle, ["referral": referralId]), message: message, fields: [PromptBox.Field(path)],
                  problem: error, keys: s[.formFileKeys], top: 4).render(into: &grid)
    }
}
