import Foundation
import Testing
import TestSupport

/// Text from a package is data, never terminal commands: every command's text output over a
/// package whose names hold escape sequences, C1 controls, bidi overrides and invisible characters is scanned
/// byte by byte: the command line applies the same rules as the UI (`UntrustedText`).
@Suite("Nothing from a package reaches the terminal raw")
struct HostileTextTests {
    static let osc52 = "\u{1b}]52;c;aGVsbG8=\u{07}"
    static let clear = "\u{1b}[2J"
    static let c1 = "\u{9b}31m"
    static let bidi = "\u{202e}"
    /// What hides or reorders text without being a control: a zero-width space, a left-to-right mark, the Arabic letter mark.
    static let invisible = "\u{200b}\u{200e}\u{061c}"

    /// The small fixture with hostile names on an area, an organization and a service, imported into a new home.
    static func hostileHome() throws -> (URL, URL) {
        var package = PackageFixture.small()
        package.add("area", ["pcode": "XA0103", "name": "Evil\(osc52)ville\(bidi)\(invisible)", "parent_pcode": "XA01", "country": "XA", "level": "2"])
        package.organization("org-evil", name: "Org\(clear)\(c1)\(invisible)")
        package.location("loc-evil", org: "org-evil", pcode: "XA0103")
        package.service("svc-evil", org: "org-evil", name: "Shelter\(osc52)\(bidi)", at: "loc-evil", types: ["shelter"])
        package.add("travel_link", ["from_pcode": "XA0101", "to_pcode": "XA0103", "minutes": "20", "border_crossing": "false"])
        let folder = try package.write()
        let home = WaymarkProcess.newHome()
        let imported = try WaymarkProcess.run(["--home", home.path, "import", folder.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        return (home, folder)
    }

    /// The first forbidden byte sequence in some output, or nil.
    static func forbidden(_ text: String) -> String? {
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x1b: return "ESC"
            case 0x80...0x9f: return String(format: "C1 U+%04X", scalar.value)
            case 0x202a...0x202e, 0x2066...0x2069: return String(format: "bidi U+%04X", scalar.value)
            case 0x200b, 0x200e, 0x200f, 0x061c, 0xfeff: return String(format: "invisible U+%04X", scalar.value)
            case 0x07: return "BEL"
            default: continue
            }
        }
        return nil
    }

    @Test("search, route, gaps, validate, import and export print no escape, C1 or bidi control, nor an invisible character")
    func everyCommand() throws {
        let (home, folder) = try Self.hostileHome()
        let export = TemporaryHome.url("waymark-hostile-export")
        let commands: [[String]] = [
            ["search", "shelter"],
            ["search", "Org"],
            ["route", "--area", "XA0101", "--sex", "female", "--age", "30", "--police", "will", "--need", "shelter"],
            ["route", "--area", "XA0103", "--sex", "male", "--age", "30", "--need", "shelter", "--need", "legal.aid"],
            ["gaps"],
            ["validate", folder.path],
            ["import", "--dry-run", folder.path],
            ["export", export.path],
        ]
        var seen = ""
        for command in commands {
            let outcome = try WaymarkProcess.run(["--home", home.path] + command)
            seen += outcome.stdout + outcome.stderr
            for (stream, text) in [("stdout", outcome.stdout), ("stderr", outcome.stderr)] {
                #expect(Self.forbidden(text) == nil, "\(command.joined(separator: " ")) \(stream): \(Self.forbidden(text) ?? "")")
            }
        }
        // The hostile names did reach the output, made harmless.
        #expect(seen.contains("Evil") && seen.contains("Org"), "\(seen.prefix(2000))")
    }
}
