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
        #expect(questionnaire.version == "2")
        for set in questionnaire.sets {
            #expect((20...40).contains(set.indicators.count), "\(set.id) has \(set.indicators.count) questions")
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
            for indicator in set.questions {
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
        #expect(try Self.answers("adult-labour", allNo.merging(["al-dr-wages": "declined"]) { $1 }).result(child: false) == .noIndicators)
        let allDeclined = Dictionary(uniqueKeysWithValues: set.indicators.map { ($0.id, "declined") })
        #expect(try Self.answers("adult-labour", allDeclined).result(child: false) == .declined, "wholly declined is never no-indicators")
        #expect(try Self.answers("adult-labour", [:]).result(child: false) == .declined, "an empty questionnaire is never no-indicators")
    }

    @Test("A child set needs no means")
    func childNeedsNoMeans() throws {
        let sheet = ["cl-act-moved-or-kept": "yes", "cl-dr-nature-of-job": "yes", "cl-dr-education": "yes", "cl-ec-excessive-hours": "yes",
                     "cl-ec-no-education": "yes", "cl-cd-confinement": "no", "cl-cd-violence": "declined"]
        let answers = try Self.answers("child-labour", sheet)
        #expect(answers.result(child: true) == .presumedVictim)
        #expect(answers.result(child: false) == .unclear, "the same answers for an adult lack the means")
        let sexual = try Self.answers("child-sexual", ["cs-act-moved-or-kept": "yes", "cs-cr-abduction": "yes", "cs-cr-threats": "yes",
                                                       "cs-ec-hazardous-work": "yes", "cs-ec-low-or-no-pay": "yes"])
        #expect(sexual.result(child: true) == .presumedVictim)
    }

    @Test("Each child set asks the act as a yes/no question; the act and the exploitation dimension suffice, a declined act does not")
    func childAct() throws {
        let questionnaire = try Self.bundled()
        #expect(questionnaire.childLabour.act?.id == "cl-act-moved-or-kept")
        #expect(questionnaire.childSexual.act?.id == "cs-act-moved-or-kept")
        #expect(questionnaire.adultLabour.act == nil && questionnaire.adultSexual.act == nil)
        #expect(questionnaire.childLabour.questions.first?.id == "cl-act-moved-or-kept", "the act is asked first")
        let exploited = ["cl-ec-excessive-hours": "yes", "cl-ec-no-education": "yes"]
        #expect(try Self.answers("child-labour", exploited.merging(["cl-act-moved-or-kept": "yes"]) { $1 }).result(child: true) == .presumedVictim,
                "no recruitment dimension, no means")
        for act in ["no", "declined"] {
            #expect(try Self.answers("child-labour", exploited.merging(["cl-act-moved-or-kept": act]) { $1 }).result(child: true) == .unclear,
                    "act \(act)")
        }
        #expect(try Self.answers("child-labour", exploited).result(child: true) == .unclear, "the act not asked")
        let sexual = ["cs-ec-hazardous-work": "yes", "cs-ec-excessive-hours": "yes"]
        #expect(try Self.answers("child-sexual", sexual.merging(["cs-act-moved-or-kept": "yes"]) { $1 }).result(child: true) == .presumedVictim)
        #expect(try Self.answers("child-sexual", sexual.merging(["cs-act-moved-or-kept": "declined"]) { $1 }).result(child: true) == .unclear)
        let answers = try Self.answers("child-sexual", ["cs-act-moved-or-kept": "yes"])
        #expect(answers.answer(to: "cs-act-moved-or-kept") == .yes)
        #expect(!answers.notAsked.contains("cs-act-moved-or-kept"))
        #expect(answersError(#"{"set": "adult-labour", "answers": {"cl-act-moved-or-kept": "yes"}}"#)?.contains("not in the adult-labour set") == true)
    }

    @Test("The adult sets ask about forced criminal activity, forced marriage and violence against the family at destination")
    func adultIndicators() throws {
        let questionnaire = try Self.bundled()
        for (set, prefix) in [(questionnaire.adultLabour, "al"), (questionnaire.adultSexual, "as")] {
            #expect(set.indicator(id: "\(prefix)-cd-illicit-activities")?.dimension == .coercionAtDestination, "\(set.id)")
            #expect(set.indicator(id: "\(prefix)-cr-forced-marriage")?.dimension == .coerciveRecruitment, "\(set.id)")
            #expect(set.indicator(id: "\(prefix)-cd-violence-on-family")?.dimension == .coercionAtDestination, "\(set.id)")
            #expect(set.indicator(id: "\(prefix)-cr-forced-marriage")?.question.localizedCaseInsensitiveContains("marry") == true)
            #expect(set.indicator(id: "\(prefix)-cd-illicit-activities")?.question.localizedCaseInsensitiveContains("against the law") == true)
            #expect(set.indicator(id: "\(prefix)-cd-violence-on-family")?.question.localizedCaseInsensitiveContains("family") == true)
        }
    }

    @Test("No child sexual-exploitation question asks whether the child wanted or agreed to it")
    func childSexualWording() throws {
        let set = try Self.bundled().childSexual
        for question in set.questions {
            for word in ["want", "agree", "willing", "consent", "chose", "choice", "did you go", "let them", "allow", "fault", "like it", "enjoy"] {
                #expect(!question.question.localizedCaseInsensitiveContains(word), "\(question.id) says \(word): \(question.question)")
            }
        }
    }

    @Test("The sexual-exploitation sets' strengths are unconfirmed until strengths_checked_against is filled")
    func strengthsUnconfirmed() throws {
        let questionnaire = try Self.bundled()
        #expect(questionnaire.adultSexual.strengthsUnconfirmed && questionnaire.childSexual.strengthsUnconfirmed)
        #expect(!questionnaire.adultLabour.strengthsUnconfirmed && !questionnaire.childLabour.strengthsUnconfirmed)
        let checked = try QuestionnaireLoader.parse(replacing("strengths_checked_against: null", with: "strengths_checked_against: \"ILO/EC 2009, p. 4\"",
                                                              in: Self.yaml(sets: ["adult-sexual", "adult-labour", "child-labour", "child-sexual"])),
                                                    file: "screening.yaml")
        #expect(!checked.adultSexual.strengthsUnconfirmed)
        #expect(checked.childSexual.strengthsUnconfirmed)
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
    /// the adult-sexual set starts at line 57, its first question at line 62. A child set adds 3 lines for its act.
    static func yaml(sets: [String] = setIds, skip: (String, ScreeningDimension) -> Bool = { _, _ in false },
                     setLines: [String: [String]] = [:]) -> String {
        var lines = ["version: \"1\"", "source: test", "sets:"]
        for set in sets {
            let parts = set.split(separator: "-")
            lines += ["  - id: \(set)", "    audience: \(parts[0])", "    exploitation: \(parts[1])",
                      "    strengths_checked_against: null"]
            lines += setLines[set] ?? []
            if parts[0] == "child" { lines += ["    act:", "      id: \(set)-act", "      question: Q?"] }
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

    @Test("A child set must ask the act, an adult set must not, and the act's id is unique across the file")
    func actRequired() throws {
        let questionnaire = try QuestionnaireLoader.parse(Self.yaml(), file: "screening.yaml")
        #expect(questionnaire.childLabour.act == ScreeningQuestion(id: "child-labour-act", question: "Q?"))
        #expect(error(replacing("    act:\n      id: child-labour-act\n      question: Q?\n", with: ""))?
            .contains("act: is missing; a child set asks the act") == true)
        #expect(error(Self.yaml(setLines: ["adult-labour": ["    act:", "      id: al-act", "      question: Q?"]]))?
            .contains("act: only a child set asks the act") == true)
        #expect(error(replacing("id: child-labour-act", with: "id: adult-labour-deceptive-recruitment-1"))?
            .contains("is used by two questions") == true)
        #expect(error(replacing("id: child-labour-act\n      question: Q?", with: "id: child-labour-act\n      question: Q?\n      strength: strong"))?
            .contains("strength: is not an act field") == true)
    }

    @Test("A questionnaire must have the four sets, each once")
    func missingSets() {
        #expect(error(Self.yaml(sets: ["adult-labour", "adult-sexual", "child-labour"]))?
            .hasSuffix("sets: the child-sexual set is missing; a questionnaire has adult-labour, adult-sexual, child-labour, child-sexual") == true)
        #expect(error(Self.yaml(sets: ["adult-labour", "child-labour"]))?.contains("the adult-sexual, child-sexual sets are missing") == true)
        let again = Self.yaml(sets: ["adult-labour"]).replacingOccurrences(of: "version: \"1\"\nsource: test\nsets:\n", with: "")
            .replacingOccurrences(of: "adult-labour-", with: "again-")
        #expect(error(Self.yaml() + again) == "screening.yaml:222: id: the adult-labour set appears twice; each set appears once")
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
