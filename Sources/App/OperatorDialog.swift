import Terminal

/// The box that asks, once per home, who the operator is: the name and organization put on every consent, form and hand-off.
public struct OperatorDialog: Sendable, Equatable {
    /// What a key did to the dialog.
    public enum Outcome: Sendable, Equatable {
        case pending
        /// Save these as the home's operator.
        case submit(name: String, organization: String)
        case cancel
    }

    public var name = TextInput(maxLength: 120)
    public var organization = TextInput(maxLength: 120)
    /// Whether the organization field has the keyboard (else the name).
    public var onOrganization = false
    /// Why the last attempt was refused (the domain's sentence).
    public var problem: String?
    /// Whether it changes an operator already set (opened with `O`), rather than asking for the first.
    public var changing = false

    public init() {}

    /// The box prefilled with the operator set now (to change the name or organization), the name's field with the keyboard.
    public init(name: String, organization: String) {
        self.name = TextInput(text: name, maxLength: 120)
        self.organization = TextInput(text: organization, maxLength: 120)
        changing = true
    }

    /// Handles a key: Tab and the arrows move between the two fields; Enter moves on, then saves; Esc cancels.
    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .escape:
            return .cancel
        case .tab, .backTab, .down, .up:
            onOrganization.toggle()
        case .enter:
            if !onOrganization {
                onOrganization = true
                return .pending
            }
            return .submit(name: name.text, organization: organization.text)
        default:
            if onOrganization { organization.handle(key, width: 40) } else { name.handle(key, width: 40) }
        }
        return .pending
    }

    /// Draws the box in the middle of the screen.
    public func render(into grid: inout Grid, strings s: StringTable) {
        PromptBox(title: s[.operatorTitle], message: changing ? s[.operatorChangeExplain] : s[.operatorExplain],
                  fields: [PromptBox.Field(label: s[.operatorName], name, focused: !onOrganization),
                           PromptBox.Field(label: s[.operatorOrganization], organization, focused: onOrganization)],
                  problem: problem, keys: s[.operatorKeys]).render(into: &grid)
    }
}
