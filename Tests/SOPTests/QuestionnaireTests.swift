import Foundation
import SOP
import Testing
import WaymarkData

@Suite("The screening questionnaire")
struct QuestionnaireTests {
    static func bundled() throws -> Questionnaire {
        try QuestionnaireLoader.load(WaymarkData.resourceDirectory().appendingPathComponent("sop/screening.yaml"))
    }

    // MARK: The bundled file

    @Test("The bundled questionnaire loads with its four sets")
    func loads() throws {
        let questionnaire = try Self.bundled()
        #expect(questionnaire.sets.map(\.id) == ["adult-labour", "adult-sexual", "child-labour", "child-sexual"])
        #expect(questionnaire.source.contains("ILO"))
        for set in questionnaire.sets {
            #expect((20...35).contains(set.indicators.count), "\(set.id) has \(set.indicators.count) questions")
            #expect(set.strengthsCheckedAgainst == nil, "\(set.id): a confirmation must name the page it was checked against")
        }
    }

    @Test("Every bundled set covers the six dimensions, each able to be present")
    func coversDimensions() throws {
        for set in try Self.bundled().sets {
            #expect(set.notInPublication.isEmpty)
            for dimension in ScreeningDimension.allCases {
                let strengths = set.indicators(in: dimension).map(\.strength)
                #expect(ScreeningRule.isPresent(strengths), "\(set.id) cannot make \(dimension.rawValue) present")
            }
            #expect(set.indicators.contains { $0.strength == .strong })
        }
    }

    @Test("Question ids are unique across the file and name their set")
    func uniqueIds() throws {
        let questionnaire = try Self.bundled()
        let ids = questionnaire.sets.flatMap { $0.indicators.map(\.id) }
        #expect(Set(ids).count == ids.count)
        let prefixes = ["adult-labour": "al-", "adult-sexual": "as-", "child-labour": "cl-", "child-sexual": "cs-"]
        for set in questionnaire.sets {
            for indicator in set.indicators {
                #expect(indicator.id.hasPrefix(prefixes[set.id] ?? "?"), "\(indicator.id) in \(set.id)")
            }
        }
    }

    @Test("The bundled file's strengths are strong, medium or weak, and the child sets grade none weak")
    func strengths() throws {
        let url = try WaymarkData.resourceDirectory().appendingPathComponent("sop/screening.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        let values = text.split(separator: "\n").compactMap { line -> String? in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return trimmed.hasPrefix("strength:") ? String(trimmed.dropFirst("strength:".count)).trimmingCharacters(in: .whitespaces) : nil
        }
        let questionnaire = try Self.bundled()
        #expect(values.count == questionnaire.sets.reduce(0) { $0 + $1.indicators.count })
        #expect(Set(values).isSubset(of: ["strong", "medium", "weak"]))
        #expect(!questionnaire.childLabour.indicators.contains { $0.strength == .weak })
        #expect(!questionnaire.childSexual.indicators.contains { $0.strength == .weak })
    }

    @Test("Every question is a short question in plain words")
    func questions() throws {
        for set in try Self.bundled().sets {
            for indicator in set.indicators {
                #expect(indicator.question.hasSuffix("?"), "\(indicator.id)")
                #expect(indicator.question.count <= 120, "\(indicator.id) is long")
                #expect(indicator.question.localizedCaseInsensitiveContains("you"), "\(indicator.id) should speak to the person")
                for jargon in ["indicator", "victim", "exploitation", "trafficking", "recruitment"] {
                    #expect(!indicator.question.localizedCaseInsensitiveContains(jargon), "\(indicator.id) says \(jargon)")
                }
            }
        }
    }

    // MARK: Choosing a set

    @Test("A person's set follows their age and the kind of exploitation")
    func choosing() throws {
        let questionnaire = try Self.bundled()
        #expect(questionnaire.set(child: false, exploitation: .labour).id == "adult-labour")
        #expect(questionnaire.set(child: false, exploitation: .sexual).id == "adult-sexual")
        #expect(questionnaire.set(child: true, exploitation: .labour).id == "child-labour")
        #expect(questionnaire.set(child: true, exploitation: .sexual).id == "child-sexual")
        for code in ["labour", "domestic-servitude", "forced-criminality", "begging", "forced-marriage", "organ-removal",
                     "other-exploitation", "something-new", ""] {
            #expect(ExploitationKind(exploitationType: code) == .labour, "\(code)")
        }
        #expect(ExploitationKind(exploitationType: "sexual") == .sexual)
        #expect(questionnaire.sets(child: true, exploitationTypes: ["sexual", "begging", "sexual"]).map(\.id) == ["child-labour", "child-sexual"])
        #expect(questionnaire.sets(child: false, exploitationTypes: []).map(\.id) == ["adult-labour"])
        #expect(questionnaire.set(id: "adult-labor") == nil)
    }

    // MARK: Results from answer sheets

    static func answers(_ set: String, _ answers: [String: String]) throws -> ScreeningAnswers {
        let pairs = answers.keys.sorted().map { "\"\($0)\": \"\(answers[$0] ?? "")\"" }.joined(separator: ", ")
        return try ScreeningAnswers.parse("{\"set\": \"\(set)\", \"answers\": {\(pairs)}}", file: "answers.json", questionnaire: bundled())
    }

    static let recruitedAndExploited = ["al-dr-nature-of-job": "yes", "al-dr-wages": "yes",
                                        "al-ec-excessive-hours": "yes", "al-ec-low-or-no-pay": "yes", "al-cr-violence": "no"]

    @Test("A scripted adult-labour sheet gives the result the rule says")
    func adultLabour() throws {
        let presumed = Self.recruitedAndExploited.merging(["al-cd-documents": "yes", "al-cd-confinement": "yes", "al-vd-economic": "declined"]) { $1 }
        #expect(try Self.answers("adult-labour", presumed).result(child: false) == .presumedVictim)

        #expect(try Self.answers("adult-labour", Self.recruitedAndExploited).result(child: false) == .unclear,
                "an adult needs coercion or abuse of vulnerability at destination")

        let twoMediumOneWeak = Self.recruitedAndExploited.merging(["al-cd-threats": "yes", "al-cd-withheld-wages": "yes",
                                                                   "al-cd-inform-family": "yes"]) { $1 }
        #expect(try Self.answers("adult-labour", twoMediumOneWeak).result(child: false) == .presumedVictim)

        let weakAlone = Self.recruitedAndExploited.merging(["al-cd-inform-family": "yes"]) { $1 }
        #expect(try Self.answers("adult-labour", weakAlone).result(child: false) == .unclear, "a weak indicator alone never counts")

        let vulnerable = Self.recruitedAndExploited.merging(["al-vd-dependency": "yes", "al-vd-unknown-area": "yes",
                                                             "al-vd-legal-status": "yes"]) { $1 }
        #expect(try Self.answers("adult-labour", vulnerable).result(child: false) == .presumedVictim)

        let declinedTheMeans = Self.recruitedAndExploited.merging(["al-cd-documents": "declined", "al-cd-confinement": "declined"]) { $1 }
        #expect(try Self.answers("adult-labour", declinedTheMeans).result(child: false) == .unclear, "declined is not yes")

        let set = try Self.bundled().adultLabour
        let allNo = Dictionary(uniqueKeysWithValues: set.indicators.map { ($0.id, "no") })
        #expect(try Self.answers("adult-labour", allNo).result(child: false) == .noIndicators)
        let allDeclined = Dictionary(uniqueKeysWithValues: set.indicators.map { ($0.id, "declined") })
        #expect(try Self.answers("adult-labour", allDeclined).result(child: false) == .noIndicators)
        #expect(try Self.answers("adult-labour", [:]).result(child: false) == .noIndicators)
    }

    @Test("A child set needs no means")
    func childNeedsNoMeans() throws {
        let sheet = ["cl-dr-nature-of-job": "yes", "cl-dr-education": "yes", "cl-ec-excessive-hours": "yes", "cl-ec-no-education": "yes",
                     "cl-cd-confinement": "no", "cl-cd-violence": "declined"]
        let answers = try Self.answers("child-labour", sheet)
        #expect(answers.result(child: true) == .presumedVictim)
        #expect(answers.result(child: false) == .unclear, "the same answers for an adult lack the means")
        let sexual = try Self.answers("child-sexual", ["cs-cr-abduction": "yes", "cs-cr-threats": "yes",
                                                       "cs-ec-hazardous-work": "yes", "cs-ec-low-or-no-pay": "yes"])
        #expect(sexual.result(child: true) == .presumedVictim)
    }

    @Test("Unanswered questions are recorded as not asked, and the sheet round-trips as JSON")
    func notAskedAndStored() throws {
        let answers = try Self.answers("adult-labour", ["al-dr-wages": "yes", "al-ec-excessive-hours": "declined"])
        #expect(answers.answer(to: "al-dr-wages") == .yes)
        #expect(answers.answer(to: "al-ec-excessive-hours") == .declined)
        #expect(answers.answer(to: "al-cd-documents") == nil)
        #expect(answers.notAsked.count == answers.set.indicators.count - 2)
        #expect(!answers.notAsked.contains("al-dr-wages"))

        let data = try JSONEncoder().encode(answers.sheet)
        let sheet = try JSONDecoder().decode(ScreeningAnswerSheet.self, from: data)
        #expect(sheet == ScreeningAnswerSheet(set: "adult-labour", answers: ["al-dr-wages": .yes, "al-ec-excessive-hours": .declined]))
        #expect(try ScreeningAnswers(sheet: sheet, questionnaire: Self.bundled()) == answers)
        let reparsed = try ScreeningAnswers.parse(String(decoding: data, as: UTF8.self), file: "stored.json", questionnaire: Self.bundled())
        #expect(reparsed == answers)
    }

    // MARK: Refused answer files

    func answersError(_ text: String, file: String = "answers.json") -> String? {
        do {
            _ = try ScreeningAnswers.parse(text, file: file, questionnaire: Self.bundled())
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test("Answer files with an unknown question, an invalid answer or an unknown set are refused, naming it")
    func refusedAnswers() throws {
        #expect(answersError(#"{"set": "adult-labour", "answers": {"al-xx": "yes"}}"#)
            == #"answers.json:1: question "al-xx" is not in the adult-labour set"#)
        #expect(answersError(#"{"set": "adult-labour", "answers": {"cl-dr-education": "yes"}}"#)
            == #"answers.json:1: question "cl-dr-education" is not in the adult-labour set"#, "a question of another set")
        #expect(answersError(#"{"set": "adult-labour", "answers": {"al-dr-wages": "maybe"}}"#)
            == #"answers.json:1: question "al-dr-wages": the answer is "maybe"; use yes, no or declined (leave the question out if it was not asked)"#)
        #expect(answersError(#"{"set": "adult-labour", "answers": {"al-dr-wages": null}}"#)?.contains(#"question "al-dr-wages": the answer is nothing"#) == true)
        #expect(answersError(#"{"set": "adult-labour", "answers": {"al-dr-wages": ["yes"]}}"#)?.contains(#"question "al-dr-wages""#) == true)
        #expect(answersError(#"{"set": "adult-labor", "answers": {}}"#)
            == #"answers.json:1: set: "adult-labor" is not a questionnaire set; use adult-labour, adult-sexual, child-labour, child-sexual"#)
        #expect(answersError(#"{"set": "adult-labour", "answers": {"al-dr-wages": "yes", "al-dr-wages": "no"}}"#)?
            .contains(#""al-dr-wages" appears twice"#) == true)
        #expect(answersError(#"{"answers": {}}"#) == "answers.json:1: set: is missing")
        #expect(answersError(#"{"set": "adult-labour"}"#)?.hasPrefix("answers.json:1: answers: is missing") == true)
        #expect(answersError(#"{"set": "adult-labour", "answers": {}, "child": true}"#)?.hasPrefix("answers.json:1: child: is not an answers field") == true)
        #expect(answersError(#"{"set": "adult-labour", "answers": {"#)?.hasPrefix("answers.json:") == true)
        #expect(answersError("set: adult-labour\nanswers:\n  al-dr-wages: yes\n  al-zz: no\n", file: "answers.yaml")
            == #"answers.yaml:4: question "al-zz" is not in the adult-labour set"#)
        #expect(answersError("set: adult-labour\nanswers:\n  al-dr-wages: yes\n") == nil, "YAML is accepted as well as JSON")

        let questionnaire = try Self.bundled()
        #expect(throws: QuestionnaireFileError(file: "stored", line: nil, field: nil, problem: #"question "al-xx" is not in the adult-labour set"#)) {
            try ScreeningAnswers(sheet: ScreeningAnswerSheet(set: "adult-labour", answers: ["al-xx": .yes]), questionnaire: questionnaire, file: "stored")
        }
        #expect(throws: QuestionnaireFileError.self) {
            try ScreeningAnswers(sheet: ScreeningAnswerSheet(set: "teen-labour", answers: [:]), questionnaire: questionnaire)
        }
    }

    // MARK: Refused questionnaire files

    static let setIds = ["adult-labour", "adult-sexual", "child-labour", "child-sexual"]

    /// A valid questionnaire: every set asks two strong questions in each dimension, `Q?`.
    ///
    /// Lines: 1–3 the top, then each set takes 5 lines and 4 per question; the adult-labour set
    /// starts at line 4, its first question at line 9 (id), 10 (dimension), 11 (strength), 12 (question);
    /// the adult-sexual set starts at line 57, its first question at line 62.
    static func yaml(sets: [String] = setIds, skip: (String, ScreeningDimension) -> Bool = { _, _ in false },
                     setLines: [String: [String]] = [:]) -> String {
        var lines = ["version: \"1\"", "source: test", "sets:"]
        for set in sets {
            let parts = set.split(separator: "-")
            lines += ["  - id: \(set)", "    audience: \(parts[0])", "    exploitation: \(parts[1])",
                      "    strengths_checked_against: null"]
            lines += setLines[set] ?? []
            lines.append("    questions:")
            for dimension in ScreeningDimension.allCases where !skip(set, dimension) {
                for number in 1...2 {
                    lines += ["      - id: \(set)-\(dimension.rawValue)-\(number)", "        dimension: \(dimension.rawValue)",
                              "        strength: strong", "        question: Q?"]
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func error(_ yaml: String) -> String? {
        do {
            _ = try QuestionnaireLoader.parse(yaml, file: "screening.yaml")
            return nil
        } catch {
            return error.description
        }
    }

    /// The text with the first occurrence of `old` replaced.
    func replacing(_ old: String, with new: String, in original: String? = nil) -> String {
        let text = original ?? Self.yaml()
        guard let range = text.range(of: old) else { return text }
        return text.replacingCharacters(in: range, with: new)
    }

    @Test("The test questionnaire itself loads")
    func testQuestionnaireLoads() throws {
        let questionnaire = try QuestionnaireLoader.parse(Self.yaml(), file: "screening.yaml")
        #expect(questionnaire.childSexual.indicators.count == 12)
    }

    @Test("Malformed questionnaires are refused naming the file, the line and the field")
    func malformed() {
        #expect(error("version: \"1\"\nsets: [unclosed\n")?.hasPrefix("screening.yaml:") == true)
        #expect(error("")?.contains("empty") == true)
        #expect(error(replacing("dimension: deceptive-recruitment", with: "dimension: deception"))?
            .hasPrefix("screening.yaml:10: dimension: 'deception' is not a dimension; use deceptive-recruitment,") == true)
        #expect(error(replacing("strength: strong", with: "strength: very-strong"))
            == "screening.yaml:11: strength: 'very-strong' must be strong, medium or weak")
        #expect(error(replacing("id: adult-sexual-deceptive-recruitment-1", with: "id: adult-labour-deceptive-recruitment-1"))
            == "screening.yaml:62: id: 'adult-labour-deceptive-recruitment-1' is used by two questions (the other is on line 9); ids are unique across the file")
        #expect(error(replacing("question: Q?", with: "question: \"\""))
            == "screening.yaml:12: question: must be a non-empty text")
        #expect(error(replacing("        question: Q?\n", with: ""))
            == "screening.yaml:9: question: is missing")
        #expect(error(replacing("strength: strong", with: "weight: strong"))?
            .hasPrefix("screening.yaml:11: weight: is not a question field; use dimension, id, question, strength") == true)
        #expect(error(replacing("id: adult-labour-deceptive-recruitment-1", with: "id: Al DR 1"))?
            .hasPrefix("screening.yaml:9: id: 'Al DR 1' may use only lowercase letters") == true)
        #expect(error(replacing("audience: adult", with: "audience: teen"))
            == "screening.yaml:5: audience: 'teen' must be adult or child")
        #expect(error(replacing("exploitation: labour", with: "exploitation: begging"))?
            .hasPrefix("screening.yaml:6: exploitation: 'begging' must be labour or sexual") == true)
        #expect(error(replacing("  - id: adult-labour\n", with: "  - id: adults\n"))
            == "screening.yaml:4: id: 'adults' must be adult-labour for the adult labour set")
        #expect(error(replacing("    strengths_checked_against: null\n", with: ""))?
            .hasPrefix("screening.yaml:4: strengths_checked_against: is missing") == true)
        #expect(error(replacing("strengths_checked_against: null", with: "strengths_checked_against: [p3]"))?
            .hasPrefix("screening.yaml:7: strengths_checked_against: must be a text") == true)
        #expect(error(replacing("source: test", with: "source: test\nauthor: me"))?.hasPrefix("screening.yaml:3: author: is not a questionnaire field") == true)
    }

    @Test("A questionnaire must have the four sets, each once")
    func missingSets() {
        #expect(error(Self.yaml(sets: ["adult-labour", "adult-sexual", "child-labour"]))?
            .hasSuffix("sets: the child-sexual set is missing; a questionnaire has adult-labour, adult-sexual, child-labour, child-sexual") == true)
        #expect(error(Self.yaml(sets: ["adult-labour", "child-labour"]))?.contains("the adult-sexual, child-sexual sets are missing") == true)
        let again = Self.yaml(sets: ["adult-labour"]).replacingOccurrences(of: "version: \"1\"\nsource: test\nsets:\n", with: "")
            .replacingOccurrences(of: "adult-labour-", with: "again-")
        #expect(error(Self.yaml() + again) == "screening.yaml:216: id: the adult-labour set appears twice; each set appears once")
    }

    @Test("Every set covers the six dimensions unless the publication's set has none for one")
    func dimensions() throws {
        let skipping: (String, ScreeningDimension) -> Bool = { $0 == "child-sexual" && $1 == .coercionAtDestination }
        #expect(error(Self.yaml(skip: skipping))?
            .contains("questions: the child-sexual set has no question for coercion-at-destination; add one, or list the dimension under not_in_publication") == true)
        let declared = Self.yaml(skip: skipping, setLines: ["child-sexual": ["    not_in_publication: [coercion-at-destination]"]])
        let questionnaire = try QuestionnaireLoader.parse(declared, file: "screening.yaml")
        #expect(questionnaire.childSexual.notInPublication == [.coercionAtDestination])
        #expect(questionnaire.childSexual.indicators(in: .coercionAtDestination).isEmpty)

        #expect(error(Self.yaml(setLines: ["adult-labour": ["    not_in_publication: [coercion-at-destination]"]]))?
            .contains("lists coercion-at-destination under not_in_publication but asks 2 questions in it") == true)
        #expect(error(Self.yaml(setLines: ["adult-labour": ["    not_in_publication: [coercion]"]]))?
            .hasPrefix("screening.yaml:8: not_in_publication: 'coercion' is not a dimension") == true)

        let weak = replacing("strength: strong", with: "strength: weak", in: replacing("strength: strong", with: "strength: weak"))
        #expect(error(weak)?.contains("the adult-labour set's deceptive-recruitment questions could never make the dimension present") == true)
    }
}
