import Directory
import Terminal

/// The area hierarchy as picker nodes: "any" first, then countries → regions → districts.
enum AreaTree {
    /// The id of the "any area" / "any type" row.
    static let anyID = "*"

    static func nodes(_ areas: [FacetOptions.Area], any: String) -> [TreeNode] {
        var children: [String: [FacetOptions.Area]] = [:]
        var roots: [FacetOptions.Area] = []
        let known = Set(areas.map(\.pcode))
        for area in areas {
            if let parent = area.parent, known.contains(parent) {
                children[parent, default: []].append(area)
            } else {
                roots.append(area)
            }
        }
        func node(_ area: FacetOptions.Area) -> TreeNode {
            TreeNode(id: area.pcode, label: "\(area.name) (\(area.pcode))", children: (children[area.pcode] ?? []).map(node))
        }
        return [TreeNode(id: anyID, label: any)] + roots.map(node)
    }
}

/// The service-type vocabulary as picker nodes: "any" first, then types with their sub-types.
enum ServiceTypeTree {
    static func nodes(any: String, strings: StringTable? = nil) -> [TreeNode] {
        func label(_ code: String) -> String { strings?.label(code) ?? code }
        let parents = Vocabulary.serviceTypes.filter { Vocabulary.parent(of: $0) == nil }
        return [TreeNode(id: AreaTree.anyID, label: any)] + parents.map { parent in
            TreeNode(id: parent, label: label(parent),
                     children: Vocabulary.serviceTypes.filter { Vocabulary.parent(of: $0) == parent }.map { TreeNode(id: $0, label: label($0)) })
        }
    }
}
