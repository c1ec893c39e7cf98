import Foundation

/// A hierarchical picker: expand and collapse nodes, move a cursor, choose one node, find by typing.
///
/// Keys: Up/Down move, Right expands or steps into the children, Left
/// collapses or steps out to the parent, Enter (or Space before anything is
/// typed) chooses the node under the cursor (choosing it again clears the
/// choice), Backspace/Delete clears the choice. Typing finds: the tree shows
/// only the nodes whose label or id contains the text (ignoring case and
/// accents), with their ancestors and their children (`Valdora` shows the
/// region and its districts), the cursor on the first; Backspace takes the
/// last character back.
public struct TreePicker: Hashable, Sendable {
    /// One visible row of the tree.
    public struct Row: Hashable, Sendable {
        /// The node on this row.
        public var node: TreeNode
        /// How deep it is: 0 for a root.
        public var depth: Int
        /// Whether its children are shown.
        public var isExpanded: Bool
        /// The parent's id, nil for a root.
        public var parentID: String?
    }

    /// The top-level nodes.
    public private(set) var roots: [TreeNode]
    /// Ids of the expanded nodes.
    public private(set) var expanded: Set<String>
    /// Id of the chosen node, or nil when nothing is chosen.
    public private(set) var chosen: String?
    /// Scrolling and the cursor, over the visible rows.
    public private(set) var list: ListView
    /// The text typed to find a node; empty shows the whole tree.
    public private(set) var query = ""

    /// Creates a picker over `roots`, all collapsed, cursor on the first root.
    public init(roots: [TreeNode], chosen: String? = nil) {
        self.roots = roots
        self.expanded = []
        self.chosen = nil
        self.list = ListView(itemCount: roots.count, vimKeys: false)
        if let chosen { choose(chosen) }
    }

    /// The rows currently shown: roots, and the children of expanded nodes; while finding, the matches with their
    /// ancestors and children.
    public var rows: [Row] {
        guard query.isEmpty else { return foundRows }
        var result: [Row] = []
        func visit(_ nodes: [TreeNode], depth: Int, parent: String?) {
            for node in nodes {
                let open = expanded.contains(node.id) && node.hasChildren
                result.append(Row(node: node, depth: depth, isExpanded: open, parentID: parent))
                if open { visit(node.children, depth: depth + 1, parent: node.id) }
            }
        }
        visit(roots, depth: 0, parent: nil)
        return result
    }

    /// The rows shown while finding: every node that matches, its ancestors (to say where it is) and its children.
    private var foundRows: [Row] {
        let needle = Self.folded(query)
        var result: [Row] = []
        // Whether a node or anything below it matches; a node under a match is shown whatever it is.
        func visit(_ nodes: [TreeNode], depth: Int, parent: String?, underMatch: Bool) -> [Row] {
            var rows: [Row] = []
            for node in nodes {
                let matches = Self.matches(node, needle)
                let below = visit(node.children, depth: depth + 1, parent: node.id, underMatch: underMatch || matches)
                if underMatch || matches || !below.isEmpty {
                    rows.append(Row(node: node, depth: depth, isExpanded: !below.isEmpty, parentID: parent))
                    rows += below
                }
            }
            return rows
        }
        result = visit(roots, depth: 0, parent: nil, underMatch: false)
        return result
    }

    /// Whether a node's label or id contains the folded text.
    private static func matches(_ node: TreeNode, _ needle: String) -> Bool {
        folded(node.label).contains(needle) || folded(node.id).contains(needle)
    }

    /// Text compared without case or accents (`Mirești` is found by `miresti`).
    static func folded(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    /// Sets the text to find and puts the cursor on the first node that matches it.
    public mutating func find(_ text: String) {
        query = text
        list.setItemCount(rows.count)
        let needle = Self.folded(text)
        let first = needle.isEmpty ? nil : rows.firstIndex { Self.matches($0.node, needle) }
        list.select(first ?? (rows.isEmpty ? nil : 0))
    }

    /// The node under the cursor.
    public var current: TreeNode? {
        guard let index = list.selection else { return nil }
        let visible = rows
        return index < visible.count ? visible[index].node : nil
    }

    /// The chosen node and the labels of its ancestors, root first (for "Region › District").
    public var chosenPath: [TreeNode] {
        guard let chosen else { return [] }
        return Self.path(to: chosen, in: roots) ?? []
    }

    /// Replaces the tree (the directory changed), keeping expansion and choice where the ids still exist.
    public mutating func setRoots(_ newRoots: [TreeNode]) {
        let cursorID = current?.id
        roots = newRoots
        if let chosenID = chosen, Self.path(to: chosenID, in: roots) == nil { chosen = nil }
        list.setItemCount(rows.count)
        if let cursorID { moveCursor(to: cursorID) }
    }

    /// Expands a node (and its ancestors, so it shows).
    public mutating func expand(_ id: String) {
        let cursorID = current?.id
        for node in Self.path(to: id, in: roots) ?? [] { expanded.insert(node.id) }
        list.setItemCount(rows.count)
        if let cursorID { moveCursor(to: cursorID) }
    }

    /// Collapses a node; a cursor inside it moves up to it.
    public mutating func collapse(_ id: String) {
        let cursorID = current?.id
        expanded.remove(id)
        list.setItemCount(rows.count)
        if let cursorID {
            let path = Self.path(to: cursorID, in: roots) ?? []
            let stillVisible = path.dropLast().allSatisfy { expanded.contains($0.id) }
            moveCursor(to: stillVisible ? cursorID : id)
        }
    }

    /// Chooses a node by id (expanding its ancestors so it shows); nil clears the choice.
    public mutating func choose(_ id: String?) {
        guard let id else {
            chosen = nil
            return
        }
        guard let path = Self.path(to: id, in: roots) else { return }
        for node in path.dropLast() { expanded.insert(node.id) }
        chosen = id
        list.setItemCount(rows.count)
        moveCursor(to: id)
    }

    /// Puts the cursor on a visible node.
    public mutating func moveCursor(to id: String) {
        if let index = rows.firstIndex(where: { $0.node.id == id }) { list.select(index) }
    }

    /// Handles a key; returns true if it was for the picker.
    @discardableResult
    public mutating func handle(_ key: Key, visibleRows: Int) -> Bool {
        // Typing finds; Backspace takes the typed text back before it clears the choice.
        if case .character(let c) = key, c != " " || !query.isEmpty {
            find(query + String(c))
            list.scrollToSelection(visibleRows: visibleRows)
            return true
        }
        if (key == .backspace || key == .delete), !query.isEmpty {
            find(String(query.dropLast()))
            list.scrollToSelection(visibleRows: visibleRows)
            return true
        }
        let visible = rows
        guard let index = list.selection, index < visible.count else { return false }
        let row = visible[index]
        switch key {
        case .right:
            if row.node.hasChildren && !row.isExpanded {
                expand(row.node.id)
            } else if row.isExpanded {
                list.select(index + 1)
            } else {
                return false
            }
        case .left:
            if row.isExpanded {
                collapse(row.node.id)
            } else if let parent = row.parentID {
                moveCursor(to: parent)
            } else {
                return false
            }
        case .enter, .character(" "):
            chosen = chosen == row.node.id ? nil : row.node.id
        case .backspace, .delete:
            chosen = nil
        default:
            return list.handle(key, visibleRows: visibleRows)
        }
        list.scrollToSelection(visibleRows: visibleRows)
        return true
    }

    /// Draws the visible rows in `rect`: `▸`/`▾` for collapsed/expanded, `✓` beside the chosen node.
    ///
    /// The cursor row is reverse video when focused, bold otherwise.
    public func render(into grid: inout Grid, in rect: Rect, focused: Bool = true) {
        let visible = rows
        list.render(into: &grid, in: rect) { index, line, isCursor, grid in
            let row = visible[index]
            let marker = row.node.hasChildren ? (row.isExpanded ? "▾ " : "▸ ") : "  "
            let check = row.node.id == chosen ? " ✓" : ""
            let indent = String(repeating: "  ", count: min(row.depth, 8))
            var style: Style = isCursor ? (focused ? .selected : .emphasis) : .plain
            if row.node.id == chosen { style.bold = true }
            let labelWidth = max(0, line.width - TextWidth.of(indent + marker + check))
            let label = DisplayText.truncate(row.node.label, toWidth: labelWidth)
            grid.put(indent + marker + label + check, in: line, style: style, padding: true)
        }
    }

    /// The nodes from a root down to the node with `id`, or nil if it is not in the tree.
    static func path(to id: String, in nodes: [TreeNode]) -> [TreeNode]? {
        for node in nodes {
            if node.id == id { return [node] }
            if let below = path(to: id, in: node.children) { return [node] + below }
        }
        return nil
    }
}
