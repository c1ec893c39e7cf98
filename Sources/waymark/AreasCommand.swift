import ArgumentParser
import Directory
import Foundation
import Home

/// Lists the directory's areas as a tree: the P-codes `--area` takes, with their names.
struct AreasCommand: HomeCommand {
    static let configuration = CommandConfiguration(
        commandName: "areas",
        abstract: "List the areas of the directory as a tree: each P-code (what --area takes), its name, level and country.",
        discussion: """
            --json prints one document: an array of {pcode, name, parent_pcode, level, country}, parents before children.

            Example: waymark areas --json
            """)

    @OptionGroup var home: HomeOptions
    @ParentCommand var root: Waymark

    @Flag(help: "Print one JSON document.") var json = false

    /// One area as the JSON lists it.
    struct AreaJSON: Encodable {
        var pcode: String
        var name: String
        var parent_pcode: String?
        var level: Int?
        var country: String
    }

    func run() throws {
        let store = try openHome().openDirectory()
        let areas = try store.areaMap().areas
        let ordered = Self.tree(areas)
        if json {
            try Output.json(ordered.map { AreaJSON(pcode: $0.area.pcode, name: $0.area.name, parent_pcode: $0.area.parent,
                                                   level: $0.area.level, country: $0.area.country) })
            return
        }
        for (area, depth) in ordered {
            print(String(repeating: "  ", count: depth) + "\(Sanitized.text(area.pcode))  \(Sanitized.text(area.name))")
        }
    }

    /// The areas depth first, each parent before its children, siblings by P-code; an area whose
    /// parent is not in the directory starts a tree of its own.
    static func tree(_ areas: [String: DirectorySnapshot.Area]) -> [(area: DirectorySnapshot.Area, depth: Int)] {
        var children: [String: [DirectorySnapshot.Area]] = [:]
        var roots: [DirectorySnapshot.Area] = []
        for area in areas.values {
            if let parent = area.parent, areas[parent] != nil { children[parent, default: []].append(area) } else { roots.append(area) }
        }
        var ordered: [(DirectorySnapshot.Area, Int)] = []
        func visit(_ area: DirectorySnapshot.Area, _ depth: Int) {
            ordered.append((area, depth))
            for child in (children[area.pcode] ?? []).sorted(by: { $0.pcode < $1.pcode }) { visit(child, depth + 1) }
        }
        for root in roots.sorted(by: { $0.pcode < $1.pcode }) { visit(root, 0) }
        return ordered
    }
}
