import Foundation
import Testing
import TestSupport

@Suite("waymark route, as a process")
struct RouteCommandTests {
    @Test("JSON carries profile, pathways, needs, unmet and conditional; an unmet need still exits 0")
    func json() throws {
        let home = WaymarkProcess.newHome().path
        let outcome = try WaymarkProcess.run(["--home", home, "route", "--area", "XA0401", "--sex", "male", "--age", "35",
                                              "--need", "shelter", "--need", "legal.aid:urgent", "--at", "2026-01-15T14:00", "--json"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: outcome.stdoutData) as? [String: Any])
        for key in ["profile", "pathways", "needs", "unmet", "conditional"] { #expect(object[key] != nil, "missing \(key)") }
        let unmet = try #require(object["unmet"] as? [[String: Any]])
        #expect(unmet.contains { $0["need"] as? String == "shelter" && $0["nearest"] is [String: Any] })
        let needs = try #require(object["needs"] as? [[String: Any]])
        let shelter = try #require(needs.first { $0["need"] as? String == "shelter" })
        let excluded = try #require(shelter["excluded"] as? [[String: Any]])
        #expect(excluded.allSatisfy { ($0["reasons"] as? [String])?.isEmpty == false && ($0["explanation"] as? String)?.isEmpty == false })
        let legal = try #require(needs.first { $0["need"] as? String == "legal.aid" })
        let candidate = try #require((legal["candidates"] as? [[String: Any]])?.first)
        for key in ["service_id", "location_id", "score", "travel_minutes", "notes", "speaks_language", "open_at_time", "available", "stale"] {
            #expect(candidate.keys.contains(key), "candidate lacks \(key)")
        }
        if let pathway = (object["pathways"] as? [[String: Any]])?.first, let step = (pathway["steps"] as? [[String: Any]])?.first {
            for key in ["stage", "need", "service_id", "service_name", "organization_name", "location_id", "area", "travel_minutes"] {
                #expect(step.keys.contains(key), "step lacks \(key)")
            }
        }
    }

    @Test("--need takes several needs on one line, as the intake's needs line does")
    func needsOnOneLine() throws {
        let home = try WaymarkProcess.newHome().path
        let oneLine = try WaymarkProcess.run(["--home", home, "route", "--area", "XA0101", "--sex", "male", "--age", "30",
                                              "--need", "shelter:urgent, legal.aid", "--json"])
        let separate = try WaymarkProcess.run(["--home", home, "route", "--area", "XA0101", "--sex", "male", "--age", "30",
                                               "--need", "shelter:urgent", "--need", "legal.aid", "--json"])
        #expect(oneLine.status == 0, "\(oneLine.stderr)")
        #expect(oneLine.stdout == separate.stdout, "the same route either way")
        #expect(oneLine.stdout.contains("legal.aid") && oneLine.stdout.contains("urgent"))
    }

    @Test("Bad input names the value: unknown area (1), unknown code, priority, upside-down range, bad time, age 150 (64)",
          arguments: [
            (["--area", "NOWHERE", "--need", "shelter"], Int32(1), "unknown area 'NOWHERE'"),
            (["--area", "XA0101", "--need", "castle"], Int32(64), "'castle' is not a service type"),
            (["--area", "XA0101", "--need", "shelter:soon"], Int32(64), "is not a priority: write emergency, urgent or normal"),
            (["--area", "XA0101", "--need", "shelter", "--age-range", "19-17"], Int32(64), "upside down"),
            (["--area", "XA0101", "--need", "shelter", "--at", "noon"], Int32(64), "is not a local time"),
            (["--area", "XA0101", "--need", "shelter", "--age", "150"], Int32(64), "out of range"),
            (["--area", "XA0101", "--need", "shelter", "--age=-3"], Int32(64), "out of range"),
          ])
    func badInput(arguments: [String], status: Int32, message: String) throws {
        let outcome = try WaymarkProcess.run(["--home", WaymarkProcess.newHome().path, "route"] + arguments)
        #expect(outcome.status == status, "\(outcome.stderr)")
        #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
    }
}

@Suite("waymark gaps, as a process")
struct GapsCommandTests {
    @Test("Lists unmet cells first and prints every cell in JSON")
    func gaps() throws {
        let home = WaymarkProcess.newHome().path
        let text = try WaymarkProcess.run(["--home", home, "gaps"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("UNMET"))
        let json = try WaymarkProcess.run(["--home", home, "gaps", "--within", "90", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
        #expect((object["cells"] as? [[String: Any]])?.count ?? 0 > 1000)
        let bad = try WaymarkProcess.run(["--home", home, "gaps", "--within", "0"])
        #expect(bad.status == 64)
    }

    @Test("Reports exploitation, nationality and night gaps, and counts a police-conditional shelter as covering no one")
    func newKinds() throws {
        var f = PackageFixture.small()
        f.service("svc-women", org: "org-hope", name: "Women's refuge", at: "loc-hope", types: ["shelter.emergency"], sex: ["female"],
                  conditions: ["open-24-7"])
        f.add("attribute", ["id": PackageFixture.id("attr-svc-women-sexual"), "link_id": PackageFixture.id("svc-women"),
                            "taxonomy_term_id": PackageFixture.id("term-sexual"), "link_type": "eligibility", "link_entity": "service"])
        f.service("svc-clinic", org: "org-hope", name: "Clinic", at: "loc-hope", types: ["health.medical"], conditions: ["nationals-only"],
                  hours: ("MO,TU,WE,TH,FR", "09:00", "17:00"))
        f.service("svc-permit", org: "org-hope", name: "Residence permits", at: "loc-hope", types: ["legal.immigration"],
                  conditions: ["requires-police-cooperation"])
        let home = WaymarkProcess.newHome().path
        let imported = try WaymarkProcess.run(["--home", home, "import", try f.write().path])
        #expect(imported.status == 0, "\(imported.stdout)")

        let json = try WaymarkProcess.run(["--home", home, "gaps", "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
        func rows(_ key: String) -> [[String: Any]] { object[key] as? [[String: Any]] ?? [] }
        func find(_ key: String, _ match: [String: String]) -> [String: Any]? {
            rows(key).first { row in match.allSatisfy { row[$0.key] as? String == $0.value } }
        }
        let labour = find("exploitation_cells", ["district": "XA0101", "service_type": "shelter", "sex": "female", "exploitation": "labour"])
        #expect(labour?["status"] as? String == "unmet" && labour?["baseline"] as? String == "met")
        let sexual = find("exploitation_cells", ["district": "XA0101", "service_type": "shelter", "sex": "female", "exploitation": "sexual"])
        #expect(sexual?["status"] as? String == "met")
        let foreign = find("nationality_cells", ["district": "XA0101", "service_type": "health", "nationality": "foreign-national"])
        #expect(foreign?["status"] as? String == "unmet" && foreign?["baseline"] as? String == "met")
        let night = find("night_cells", ["district": "XA0101", "service_type": "health.medical", "sex": "female", "age_band": "adult"])
        #expect(night?["status"] as? String == "unmet" && night?["baseline"] as? String == "met" && night?["uncovered_hours"] as? Int == 56)
        let refuge = find("night_cells", ["district": "XA0101", "service_type": "shelter", "sex": "female", "age_band": "adult"])
        #expect(refuge?["status"] as? String == "met")
        let permit = find("cells", ["district": "XA0101", "service_type": "legal.immigration", "sex": "male", "age_band": "adult"])
        #expect(permit?["status"] as? String == "conditional")
        let men = find("cells", ["district": "XA0201", "service_type": "shelter", "sex": "male", "age_band": "adult"])
        #expect(men?["status"] as? String == "unmet")

        let text = try WaymarkProcess.run(["--home", home, "gaps"])
        #expect(text.stdout.contains("By exploitation type:"))
        #expect(text.stdout.contains("labour exploitation"))
        #expect(text.stdout.contains("a foreign national without legal residence"))
        #expect(text.stdout.contains("At night (22:00-06:00 local time):"))
    }
}
