extension CaseIterable where Self: Equatable {
    /// The case `step` places away in declaration order, stopping at the first and the last: how a
    /// cursor moves over a form's fields or a bar's facets.
    func moved(by step: Int) -> Self {
        let all = Array(Self.allCases)
        guard let index = all.firstIndex(of: self) else { return self }
        return all[min(max(0, index + step), all.count - 1)]
    }
}
