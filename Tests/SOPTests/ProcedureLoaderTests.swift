import Foundation
import SOP
import Testing
import WaymarkData

@Suite("Procedure files")
struct ProcedureLoaderTests {
    @Test("The bundled default is the standard procedure; the stricter example adds a step")
    func bundled() throws {
        let folder = try WaymarkData.resourceDirectory().appendingPathComponent("sop")
        let standard = try ProcedureLoader.load(folder.appendingPathComponent("default.yaml"))
        #expect(standard == Procedure.standard)
        let stricter = try ProcedureLoader.load(folder.appendingPathComponent("stricter-example.yaml"))
        #expect(stricter.steps.map(\.id) == Procedure.standard.steps.map(\.id) + ["supervisor-review"])
    }

    func error(_ yaml: String) -> String? {
        do {
            _ = try ProcedureLoader.parse(yaml, file: "national.yaml")
            return nil
        } catch {
            return error.description
        }
    }

    static let header = "name: national\nversion: \"2\"\nsteps:\n"
    static let consent = "  - id: consent\n    scope: referral\n    instruction: Ask.\n"

    @Test("Malformed files are refused naming the file, the line and the field")
    func malformed() {
        #expect(error(Self.header + Self.consent + "  - id: risk\n    scope: person\n    instruction: Assess.\n")
            == "national.yaml:8: scope: 'person' must be case or referral")
        #expect(error(Self.header + Self.consent + "  - id: risk\n    scope: referral\n    instructions: Assess.\n")?
            .hasPrefix("national.yaml:9: instructions: is not a step field") == true)
        #expect(error(Self.header + "  - id: risk\n    scope: referral\n    instruction: Assess.\n")?
            .contains("a procedure must have a consent step") == true)
        #expect(error(Self.header + Self.consent + Self.consent)?.contains("'consent' is used by two steps") == true)
        #expect(error(Self.header + Self.consent + "  - id: x\n    scope: case\n    applies_to: teen\n    instruction: y\n")?
            .contains("applies_to: 'teen' must be any, adult or child") == true)
        #expect(error("name: [unclosed\n")?.hasPrefix("national.yaml:") == true)
        #expect(error("")?.contains("empty") == true)
    }
}
