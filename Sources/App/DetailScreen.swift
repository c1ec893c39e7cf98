import Directory
import Foundation
import Terminal

/// The service detail screen: everything known about one service, scrollable.
public struct DetailScreen: Sendable, Equatable {
    /// One line of the detail: text and how it is styled.
    struct Line: Equatable {
        var text: String
        var style: Style
    }

    public var detail: ServiceDetail
    /// The first line shown.
    public var scroll = 0
    /// What the last change did, or why it was refused: shown above the status bar until the next key.
    public var message: String?
    public var messageIsProblem = false

    public init(detail: ServiceDetail) {
        self.detail = detail
    }

    /// Where the detail's lines go on a terminal of `size`.
    static func body(_ size: Size) -> Rect { Rect(x: 1, y: 1, width: size.width - 2, height: size.height - 2) }
}

extension DetailScreen: ScreenModel {
    /// What the screen's keys ask of it.
    enum Action: Sendable {
        case scroll, back, edit, freePlaces, verify, history
    }

    var screen: Screen { .detail(self) }

    func keyMap(_ state: AppState) -> KeyMap<Action> {
        let s = state.strings
        return KeyMap([
            KeyBinding([.up, .down, .character("k"), .character("j")], .scroll, hint: KeyHint("↑↓", s[.hintScroll]),
                       help: KeyHint("↑↓ j k", s[.helpScroll])),
            KeyBinding([.pageUp, .pageDown, .character(" ")], .scroll, help: KeyHint("PgUp PgDn Space", s[.helpPage])),
            KeyBinding([.home, .end, .character("g"), .character("G")], .scroll, help: KeyHint("Home End", s[.helpEnds])),
            KeyBinding([.escape, .backspace, .left, .character("h")], .back, hint: KeyHint("Esc", s[.hintBack]),
                       help: KeyHint("Esc", s[.helpBack])),
            KeyBinding([.character("e")], .edit, hint: KeyHint("e", s[.hintEdit]), help: KeyHint("e", s[.helpEdit])),
            KeyBinding([.character("c")], .freePlaces, hint: KeyHint("c", s[.hintFreePlaces]), help: KeyHint("c", s[.helpFreePlaces])),
            KeyBinding([.character("v")], .verify, hint: KeyHint("v", s[.hintVerify]), help: KeyHint("v", s[.helpVerify])),
            KeyBinding([.character("H")], .history, help: KeyHint("H", s[.helpHistory])),
            KeyBinding([.character("?")], command: .help, hint: KeyHint("?", s[.hintHelp])),
        ])
    }

    mutating func perform(_ action: Action, key: Key, _ state: inout AppState) -> Reply {
        message = nil
        switch action {
        case .back:
            return .pop()
        case .freePlaces:
            // Free places now, in as few keys as the number: `c`, the digits, Enter.
            let maximum = detail.capacities.first?.maximum.map { FieldValue.numberText($0) } ?? "?"
            return Reply(push: .dialog(.text(TextDialog(purpose: .freePlaces(serviceId: detail.serviceId, locationId: detail.locationId),
                                                        title: state.strings[.freePlacesTitle],
                                                        prompt: state.strings.format(.freePlacesPrompt, ["maximum": maximum]),
                                                        input: TextInput(maxLength: 5)))))
        case .history:
            return Reply([.directory(.loadHistory(serviceId: detail.serviceId, name: detail.name))])
        case .edit:
            return Reply([.directory(.loadServiceEdit(serviceId: detail.serviceId, locationId: detail.locationId, origin: .detail))])
        case .verify:
            return Reply(push: .dialog(.verifyMenu(ListView(itemCount: VerificationMethod.allCases.count, selection: 0),
                                                   serviceId: detail.serviceId, locationId: detail.locationId)))
        case .scroll:
            // Never past the last page of the detail.
            let body = Self.body(state.size)
            let total = Self.lines(detail, state.strings, width: max(1, body.width)).count
            scroll = ScrollKeys.offset(after: key, from: scroll, rows: body.height, total: total) ?? scroll
            return Reply()
        }
    }

    func render(_ state: AppState, into grid: inout Grid) {
        let s = state.strings
        TitleBar.render(state, subtitle: detail.name, into: &grid)
        let body = Self.body(grid.size)
        let all = Self.lines(detail, s, width: body.width)
        let top = min(scroll, max(0, all.count - body.height))
        for (offset, line) in all.dropFirst(top).prefix(body.height).enumerated() {
            _ = grid.put(line.text, at: Point(x: body.x, y: body.y + offset), style: line.style, maxWidth: body.width)
        }
        let more = all.count > body.height
            ? " " + s.format(.scrollPosition, ["from": "\(top + 1)", "to": "\(min(all.count, top + body.height))", "count": "\(all.count)"])
            : ""
        if let message {
            // Over the last line of the detail, until the next key.
            grid.fill(Rect(x: 0, y: grid.height - 2, width: grid.width, height: 1))
            _ = grid.put(" " + message, at: Point(x: 0, y: grid.height - 2), style: messageIsProblem ? .warning : .emphasis, maxWidth: grid.width)
        }
        statusBar("\(state.title)\(more)", state, into: &grid)
    }

    /// The detail as wrapped, styled lines.
    static func lines(_ d: ServiceDetail, _ s: StringTable, width: Int) -> [Line] {
        var out: [Line] = []
        func add(_ text: String, _ style: Style = .plain) {
            // Keep an indented line's indentation on every wrapped piece.
            let indent = String(text.prefix { $0 == " " })
            for piece in DisplayText.wrap(String(text.dropFirst(indent.count)), width: max(1, width - indent.count)) {
                out.append(Line(text: indent + piece, style: style))
            }
        }
        func field(_ label: UIString, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            add("\(s[label]): \(value)")
        }

        add(d.name, .emphasis)
        if let alternate = d.alternateName, !alternate.isEmpty { add(alternate, .muted) }
        field(.detailOrganization, d.organizationName)
        var status = s.label(d.status)
        if d.status != "active" { status += " — " + s[.detailNotActive] }
        add("\(s[.detailStatus]): \(status)", d.status == "active" ? .plain : .danger)
        if let alert = d.alert, !alert.isEmpty { add("\(s[.detailAlert]): \(alert)", .warning) }

        // Conditions a responder must weigh with the person, in plain words.
        for (code, key) in [("closed-facility", UIString.warnClosedFacility), ("requires-police-cooperation", .warnPolice),
                            ("requires-formal-identification", .warnFormalID), ("requires-legal-residence", .warnResidence)]
        where d.conditions.contains(code) {
            add("! " + s[key], .danger)
        }
        if d.stale {
            add("! " + (d.assuredDate.map { s.format(.warnStale, ["date": $0]) } ?? s[.warnNeverVerified]), .warning)
        }
        out.append(Line(text: "", style: .plain))

        // Where.
        var place = d.locationName ?? ""
        if !d.areaPath.isEmpty { place += (place.isEmpty ? "" : " — ") + d.areaPath.joined(separator: ", ") }
        field(.detailWhere, place)
        if d.confidential {
            add(s[.detailConfidential], .warning)
        } else {
            field(.detailAddress, d.address.joined(separator: ", "))
            field(.detailDirections, d.transportation)
        }
        field(.detailAreasCovered, d.areasCovered.isEmpty ? s[.detailNoAreaLimit] : d.areasCovered.joined(separator: ", "))

        // Who.
        let types = d.serviceTypes.map { s.label($0) }.joined(separator: ", ")
        field(.detailServices, types)
        var who = d.sex.isEmpty ? s[.detailAnySex] : d.sex.map { s.label($0) }.joined(separator: ", ")
        who += " · " + ages(d, s)
        who += " · " + (d.exploitation.isEmpty ? s[.detailAnyExploitation] : d.exploitation.map { s.label($0) }.joined(separator: ", "))
        field(.detailEligibility, who)
        field(.detailEligibilityNotes, d.eligibilityDescription)
        let otherConditions = d.conditions.filter { !["closed-facility", "requires-police-cooperation",
                                                      "requires-formal-identification", "requires-legal-residence"].contains($0) }
        field(.detailConditions, otherConditions.map { s.label($0) }.joined(separator: ", "))
        field(.detailHowToApply, d.applicationProcess)
        field(.detailFees, d.fees)

        // When.
        let days = [s[.dayMon], s[.dayTue], s[.dayWed], s[.dayThu], s[.dayFri], s[.daySat], s[.daySun]]
        let hoursText = ResultSummary.hours(d.hours, dayNames: days) ?? s[.detailHoursUnknown]
        let now: String
        switch d.openNow {
        case true?: now = s[.detailOpenNow]
        case false?: now = s[.detailClosedNow]
        case nil: now = s[.detailOpenUnknown]
        }
        add("\(s[.detailHours]) (\(d.timezone)): \(hoursText) — \(now)", d.openNow == false ? .warning : .plain)

        // Contact.
        if d.phones.isEmpty {
            add("\(s[.detailPhones]): \(s[.detailNone])")
        } else {
            add("\(s[.detailPhones]):")
            for phone in d.phones {
                var text = "  \(phone.number)"
                if let ext = phone.extensionNumber { text += " ext. \(ext)" }
                text += " (\(s.label("phone." + phone.belongsTo)))"
                if let description = phone.description, !description.isEmpty { text += " — \(description)" }
                add(text)
            }
        }
        let languages = d.languages.map { language in
            [language.code, language.name].compactMap { $0 }.joined(separator: " ")
                + (language.note.map { " (\($0))" } ?? "")
        }
        field(.detailLanguages, languages.isEmpty ? s[.detailNone] : languages.joined(separator: ", "))
        field(.detailInterpretation, d.interpretation)

        // Capacity and verification.
        for capacity in d.capacities {
            let free = capacity.maximum.map { s.format(.detailCapacityOf, ["available": FieldValue.numberText(capacity.available),
                                                                           "maximum": FieldValue.numberText($0)]) }
                ?? FieldValue.numberText(capacity.available)
            let text = s.format(.detailCapacity, ["free": free, "unit": (capacity.unit ?? s[.detailPlaces]).lowercased(),
                                                  "updated": String(capacity.updated.prefix(10))])
            add(text, capacity.available == 0 ? .warning : .plain)
        }
        if d.capacities.isEmpty { field(.detailCapacityLabel, s[.detailCapacityUnknown]) }
        field(.detailVerified, d.assuredDate.map { date in
            date + (d.assurerEmail.map { " " + s.format(.detailVerifiedBy, ["who": $0]) } ?? "")
        } ?? s[.detailNeverVerified])

        if !d.otherServicesHere.isEmpty {
            add("\(s[.detailOtherServices]):")
            for other in d.otherServicesHere {
                add("  \(other.name)" + (other.status == "active" ? "" : " (\(s.label(other.status)))"))
            }
        }
        if let description = d.description, !description.isEmpty {
            out.append(Line(text: "", style: .plain))
            add(description)
        }
        if let about = d.organizationDescription, !about.isEmpty {
            out.append(Line(text: "", style: .plain))
            add("\(s[.detailAboutOrganization]): \(about)", .muted)
        }
        return out
    }

    static func ages(_ d: ServiceDetail, _ s: StringTable) -> String {
        switch (d.minimumAge.map { Int($0) }, d.maximumAge.map { Int($0) }) {
        case (nil, nil): return s[.detailAnyAge]
        case (let low?, nil): return s.format(.detailAgeFrom, ["min": "\(low)"])
        case (nil, let high?): return s.format(.detailAgeTo, ["max": "\(high)"])
        case (let low?, let high?): return s.format(.detailAgeRange, ["min": "\(low)", "max": "\(high)"])
        }
    }
}
