import Foundation

/// Where the synthetic country's regions and districts lie: a plausible box of latitude and longitude.
///
/// The regions tile the box in a grid, and each district lies somewhere in its region's
/// cell, so that however many districts there are, every one is inside the box (latitude
/// 41.5 to 47.5 north, longitude 21 to 29.5 east) and none drifts with its index.
struct CountryBox: Sendable {
    static let south = 41.5, north = 47.5, west = 21.0, east = 29.5

    /// Grid columns and rows, enough cells for every region.
    let columns: Int
    let rows: Int

    /// A grid of at least `regions` cells, of about the box's shape.
    init(regions: Int) {
        let count = max(1, regions)
        let aspect = (CountryBox.east - CountryBox.west) / (CountryBox.north - CountryBox.south)
        columns = max(1, Int((Double(count) * aspect).squareRoot().rounded(.up)))
        rows = (count + columns - 1) / columns
    }

    /// A point in region `index`'s cell (0-based), drawn from `random`.
    func place(inRegion index: Int, using random: inout SeededRandom) -> (latitude: Double, longitude: Double) {
        let height = (CountryBox.north - CountryBox.south) / Double(rows)
        let width = (CountryBox.east - CountryBox.west) / Double(columns)
        let row = (index / columns) % rows, column = index % columns
        // Within the middle 90% of the cell, so that neighbouring regions do not touch.
        let y = 0.05 + 0.9 * CountryBox.unit(random.next()), x = 0.05 + 0.9 * CountryBox.unit(random.next())
        return (CountryBox.south + (Double(row) + y) * height, CountryBox.west + (Double(column) + x) * width)
    }

    /// A number in [0, 1) from 64 random bits.
    static func unit(_ bits: UInt64) -> Double { Double(bits >> 11) / Double(UInt64(1) << 53) }

    /// `value` with exactly `places` decimals (`41.5` with 4 places is `41.5000`), without a formatter.
    static func decimal(_ value: Double, places: Int) -> String {
        var scale = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((abs(value) * Double(scale)).rounded())
        let fraction = String(scaled % scale)
        return (value < 0 && scaled != 0 ? "-" : "") + String(scaled / scale) + "."
            + String(repeating: "0", count: places - fraction.count) + fraction
    }
}
