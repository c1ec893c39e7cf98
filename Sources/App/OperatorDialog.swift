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

    public init() {}

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
        let width = min(64, grid.width - 4)
        let lines = DisplayText.wrap(s[.operatorExplain], width: width - 4)
        let problemLines = problem.map { DisplayText.wrap($0, width: width - 4) } ?? []
        let height = lines.count + problemLines.count + 8
        let box = Rect(x: (grid.width - width) / 2, y: max(1, (grid.height - height) / 2), width: width, height: height)
        grid.fill(box)
        grid.drawBox(box, title: " \(s[.operatorTitle]) ", titleStyle: .emphasis)
        var y = box.y + 1
        for line in lines {
            _ = grid.put(line, at: Point(x: box.x + 2, y: y), maxWidth: width - 4)
            y += 1
        }
        y += 1
        let labelWidth = 14
        for (label, input, focused) in [(s[.operatorName], name, !onOrganization), (s[.operatorOrganization], organization, onOrganization)] {
            _ = grid.put(label, at: Point(x: box.x + 2, y: y), style: focused ? .emphasis : .plain, maxWidth: labelWidth)
            let field = Rect(x: box.x + 2 + labelWidth, y: y, width: width - 4 - labelWidth, height: 1)
            input.render(into: &grid, in: field, style: .selected, focused: false)
            if focused { input.render(into: &grid, in: field, style: .selected, focused: true) }
            y += 1
        }
        for line in problemLines {
            _ = grid.put(line, at: Point(x: box.x + 2, y: y), style: .warning, maxWidth: width - 4)
            y += 1
        }
        _ = grid.put(s[.operatorKeys], at: Point(x: box.x + 2, y: box.maxY - 2), style: .muted, maxWidth: width - 4)
    }
}
