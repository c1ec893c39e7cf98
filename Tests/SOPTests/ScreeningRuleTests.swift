import SOP
import Testing

@Suite("The screening combination rule")
struct ScreeningRuleTests {
    @Test("A dimension is present with 2 strong, 1 strong + 1 medium or weak, 3 medium, or 2 medium + 1 weak",
          arguments: [
            ([IndicatorStrength.strong, .strong], true), ([.strong, .medium], true), ([.strong, .weak], true),
            ([.medium, .medium, .medium], true), ([.medium, .medium, .weak], true),
            ([.strong], false), ([.medium, .medium], false), ([.medium, .weak], false),
            ([.weak, .weak, .weak, .weak], false),
          ])
    func dimension(strengths: [IndicatorStrength], present: Bool) {
        #expect(ScreeningRule.isPresent(strengths) == present)
    }

    /// Two strong indicators for each dimension.
    static let indicators: [ScreeningIndicator] = ScreeningDimension.allCases.flatMap { dimension in
        (1...2).map { ScreeningIndicator(id: "\(dimension.rawValue)-\($0)", dimension: dimension, strength: .strong, question: "?") }
    }

    static func answers(yes dimensions: [ScreeningDimension], declined: [ScreeningDimension] = []) -> [String: ScreeningAnswer] {
        var answers: [String: ScreeningAnswer] = [:]
        for indicator in indicators {
            if dimensions.contains(indicator.dimension) { answers[indicator.id] = .yes }
            else if declined.contains(indicator.dimension) { answers[indicator.id] = .declined }
            else { answers[indicator.id] = .no }
        }
        return answers
    }

    @Test("An adult needs recruitment, exploitative conditions and coercion or abuse of vulnerability at destination")
    func adult() {
        let all: [ScreeningDimension] = [.deceptiveRecruitment, .exploitativeConditions, .coercionAtDestination]
        #expect(ScreeningRule.evaluate(Self.indicators, answers: Self.answers(yes: all), child: false) == .presumedVictim)
        #expect(ScreeningRule.evaluate(Self.indicators, answers: Self.answers(yes: [.coerciveRecruitment, .exploitativeConditions,
                                                                                     .abuseOfVulnerabilityAtDestination]), child: false) == .presumedVictim)
        #expect(ScreeningRule.evaluate(Self.indicators, answers: Self.answers(yes: [.deceptiveRecruitment, .exploitativeConditions]),
                                       child: false) == .unclear, "the means are missing")
    }

    @Test("For a child the means are not needed")
    func child() {
        #expect(ScreeningRule.evaluate(Self.indicators, answers: Self.answers(yes: [.deceptiveRecruitment, .exploitativeConditions]),
                                       child: true) == .presumedVictim)
        #expect(ScreeningRule.evaluate(Self.indicators, answers: Self.answers(yes: [.exploitativeConditions]), child: true) == .unclear)
    }

    @Test("No yes answer is no-indicators, never 'not a victim'; declined answers are not yes")
    func noIndicators() {
        #expect(ScreeningRule.evaluate(Self.indicators, answers: Self.answers(yes: []), child: false) == .noIndicators)
        #expect(ScreeningRule.evaluate(Self.indicators, answers: Self.answers(yes: [], declined: Array(ScreeningDimension.allCases.dropFirst())),
                                       child: false) == .noIndicators, "some no, the rest declined")
        #expect(ScreeningResult.allCases == [.presumedVictim, .unclear, .noIndicators, .declined])
    }

    @Test("An empty or wholly declined questionnaire is declined, never no-indicators")
    func declined() {
        for child in [false, true] {
            #expect(ScreeningRule.evaluate(Self.indicators, answers: [:], child: child) == .declined)
            #expect(ScreeningRule.evaluate(Self.indicators, answers: Self.answers(yes: [], declined: ScreeningDimension.allCases), child: child)
                == .declined)
            #expect(ScreeningRule.evaluate(Self.indicators, answers: ["act": .declined], child: child, actQuestion: "act") == .declined)
        }
        #expect(ScreeningRule.isDeclined([:]))
        #expect(!ScreeningRule.isDeclined(["a": .declined, "b": .no]))
    }

    @Test("For a child the act (a yes/no fact) and the exploitation dimension suffice; a declined or unknown act is not an act unless recruitment shows one")
    func childAct() {
        let exploited = Self.answers(yes: [.exploitativeConditions])
        #expect(ScreeningRule.evaluate(Self.indicators, answers: exploited.merging(["act": .yes]) { $1 }, child: true, actQuestion: "act")
            == .presumedVictim, "no recruitment dimension and no means are needed")
        for act in [ScreeningAnswer.no, .declined] {
            #expect(ScreeningRule.evaluate(Self.indicators, answers: exploited.merging(["act": act]) { $1 }, child: true, actQuestion: "act")
                == .unclear, "act \(act.rawValue)")
        }
        #expect(ScreeningRule.evaluate(Self.indicators, answers: exploited, child: true, actQuestion: "act") == .unclear, "act not asked")
        let recruited = Self.answers(yes: [.deceptiveRecruitment, .exploitativeConditions])
        #expect(ScreeningRule.evaluate(Self.indicators, answers: recruited.merging(["act": .declined]) { $1 }, child: true, actQuestion: "act")
            == .presumedVictim, "the act declined: a recruitment dimension present is itself an act")
        #expect(ScreeningRule.evaluate(Self.indicators, answers: recruited.merging(["act": .no]) { $1 }, child: true, actQuestion: "act")
            == .unclear, "the act answered no is taken as said")
        #expect(ScreeningRule.evaluate(Self.indicators, answers: ["act": .yes], child: true, actQuestion: "act") == .unclear,
                "the act answered yes with nothing else is something to look into, not no indicators")
        #expect(ScreeningRule.evaluate(Self.indicators, answers: Self.answers(yes: [.coercionAtDestination]).merging(["act": .yes]) { $1 },
                                       child: true, actQuestion: "act") == .unclear, "the act without exploitation")
        let adultRule = Self.answers(yes: [.deceptiveRecruitment, .exploitativeConditions, .coercionAtDestination])
        #expect(ScreeningRule.evaluate(Self.indicators, answers: adultRule.merging(["act": .declined]) { $1 }, child: true, actQuestion: "act")
            == .presumedVictim, "the child rule never asks more than the adult one")
        #expect(ScreeningRule.evaluate(Self.indicators, answers: exploited.merging(["act": .yes]) { $1 }, child: false, actQuestion: "act")
            == .unclear, "an adult still needs recruitment and the means")
    }

    @Test("The strongest of several sets' results stands: presumed-victim > unclear > no-indicators > declined")
    func strongest() {
        #expect(ScreeningResult.strongest([.noIndicators, .presumedVictim, .unclear]) == .presumedVictim)
        #expect(ScreeningResult.strongest([.noIndicators, .unclear]) == .unclear)
        #expect(ScreeningResult.strongest([.declined, .noIndicators]) == .noIndicators)
        #expect(ScreeningResult.strongest([.declined]) == .declined)
        #expect(ScreeningResult.strongest([]) == nil)
    }

    @Test("Weak indicators alone never make a dimension")
    func weakAlone() {
        let weak = (1...5).map { ScreeningIndicator(id: "w\($0)", dimension: .exploitativeConditions, strength: .weak, question: "?") }
        let answers = Dictionary(uniqueKeysWithValues: weak.map { ($0.id, ScreeningAnswer.yes) })
        #expect(ScreeningRule.presentDimensions(weak, answers: answers).isEmpty)
        #expect(ScreeningRule.evaluate(weak, answers: answers, child: true) == .unclear)
    }
}

@Suite("Consent scopes")
struct DataScopeTests {
    @Test("anonymous stands alone; an empty scope is refused")
    func validity() {
        #expect(DataScope.validate([.anonymous]) == nil)
        #expect(DataScope.validate([.basic, .contact]) == nil)
        #expect(DataScope.validate([.anonymous, .basic]) == .anonymousWithOthers)
        #expect(DataScope.validate([]) == .empty)
    }

    @Test("Each scope adds exactly its fields; identifying fields only with contact, the account only with narrative, safety facts only with safety")
    func fields() {
        #expect(DataScope.fields(for: [.anonymous]) == [.clientCode, .ageBand, .sex, .servicesRequested])
        #expect(!DataScope.fields(for: [.basic, .screening, .narrative]).contains(.name))
        #expect(DataScope.fields(for: [.contact]).isSuperset(of: [.name, .dateOfBirth, .phone, .address]))
        #expect(!DataScope.fields(for: [.basic, .contact, .screening]).contains(.narrative))
        // Safety concerns and a safe way to make contact are their own scope, not the account's.
        #expect(DataScope.fields(for: [.narrative]) == DataScope.fields(for: [.anonymous]).union([.narrative]))
        #expect(DataScope.fields(for: [.safety]).isSuperset(of: [.safetyConcerns, .safeContact, .riskOutcome, .acknowledgedConditions]))
        #expect(!DataScope.fields(for: [.basic, .contact, .screening, .narrative]).contains(.safetyConcerns))
        let every = DataScope.fields(for: [.basic, .contact, .screening, .safety, .narrative])
        #expect(every == Set(FormField.allCases))
    }
}
