import Foundation
import Testing

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

    @Test("Bad input names the value: unknown area (1), unknown code, priority, upside-down range, bad time, age 150 (64)",
          arguments: [
            (["--area", "NOWHERE", "--need", "shelter"], Int32(1), "unknown area 'NOWHERE'"),
            (["--area", "XA0101", "--need", "castle"], Int32(64), "'castle' is not a service type"),
            (["--area", "XA0101", "--need", "shelter:soon"], Int32(64), "the priority must be"),
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
}
