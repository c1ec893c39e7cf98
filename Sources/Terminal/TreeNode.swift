/// One entry of a hierarchy shown by a `TreePicker` (a region and its districts, a service type and its kinds).
public struct TreeNode: Hashable, Sendable, Identifiable {
    /// A stable identifier, unique in the whole tree (a P-code, a taxonomy code).
    public var id: String
    /// The text shown for the node.
    public var label: String
    /// The nodes under this one, in display order.
    public var children: [TreeNode]

    /// Creates a node.
    public init(id: String, label: String, children: [TreeNode] = []) {
        self.id = id
        self.label = label
        self.children = children
    }

    /// True when the node has children to expand.
    public var hasChildren: Bool { !children.isEmpty }
}
