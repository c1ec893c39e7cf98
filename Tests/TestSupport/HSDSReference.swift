import Foundation

/// Where the official HSDS 3.0 reference copy is: `$WAYMARK_HSDS_REFERENCE`, else the
/// `shared/standards/hsds-3.0` folder beside the checkout. A fresh clone with nothing beside
/// it has none, and the tests that need it skip with a reason; CI sets
/// `WAYMARK_REQUIRE_HSDS_REFERENCE=1`, so there a missing copy fails them instead.
public enum HSDSReference {
    /// The reference folder (holding `datapackage.json`), or nil when there is none.
    public static var folder: URL? {
        if let given = ProcessInfo.processInfo.environment["WAYMARK_HSDS_REFERENCE"], !given.isEmpty {
            let url = URL(fileURLWithPath: given)
            return FileManager.default.fileExists(atPath: url.appendingPathComponent("datapackage.json").path) ? url : nil
        }
        let beside = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/standards/hsds-3.0")
        return FileManager.default.fileExists(atPath: beside.appendingPathComponent("datapackage.json").path) ? beside : nil
    }

    /// Whether a test that needs the reference copy runs: when there is one, or when it is required.
    public static var available: Bool {
        folder != nil || ProcessInfo.processInfo.environment["WAYMARK_REQUIRE_HSDS_REFERENCE"] == "1"
    }
}
