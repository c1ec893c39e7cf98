import Foundation

/// Finds the data files that ship with Waymark (the sample directory, SOP definitions, language codes).
///
/// The lookup never calls `Bundle.module`, whose accessor stops the process when the
/// resource bundle is missing: a binary copied without its resources gets a clear error.
public enum WaymarkData {
    /// The name SwiftPM gives the resource bundle of this target.
    static let bundleName = "Waymark_WaymarkData"

    /// Why the bundled data could not be found.
    public struct MissingResources: Error, CustomStringConvertible, Sendable {
        /// The places that were searched.
        public let searched: [String]
        public var description: String {
            "Waymark's bundled data (\(WaymarkData.bundleName).resources) was not found next to the program. "
                + "Searched: \(searched.joined(separator: ", ")). "
                + "Reinstall Waymark with its resources, or set WAYMARK_RESOURCES to the folder that holds them."
        }
    }

    /// The folder of the bundled resources, or an error naming where it looked.
    public static func resourceDirectory() throws -> URL {
        try located.get()
    }

    /// Where the resources were found, looked up once per process.
    private static let located = Result<URL, MissingResources> { () throws(MissingResources) -> URL in try locate() }

    /// Looks in the override, beside the executable, then in every loaded bundle, stopping at the
    /// first that holds the sample: the places beside the executable are checked before Foundation
    /// is asked for its bundles (several milliseconds of every process's start).
    private static func locate() throws(MissingResources) -> URL {
        var searched: [URL] = []
        func holds(_ candidate: URL) -> Bool {
            searched.append(candidate)
            return FileManager.default.fileExists(atPath: candidate.appendingPathComponent("sample/datapackage.json").path)
        }
        if let override = ProcessInfo.processInfo.environment["WAYMARK_RESOURCES"], !override.isEmpty,
           holds(URL(fileURLWithPath: override)) {
            return URL(fileURLWithPath: override)
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        let exeDir = executable.deletingLastPathComponent()
        var candidates = [exeDir.appendingPathComponent("\(bundleName).resources"), exeDir.appendingPathComponent("\(bundleName).bundle")]
        if let found = candidates.first(where: holds) { return found }
        candidates = [Bundle.main.bundleURL.appendingPathComponent("\(bundleName).resources")]
        for bundle in Bundle.allBundles + Bundle.allFrameworks {
            candidates.append(bundle.bundleURL.appendingPathComponent("\(bundleName).resources"))
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("\(bundleName).resources"))
        }
        if let found = candidates.first(where: holds) { return found }
        throw MissingResources(searched: searched.map(\.path))
    }

    /// The bundled sample directory package (a folder with `datapackage.json`).
    public static func samplePackage() throws -> URL {
        try resourceDirectory().appendingPathComponent("sample")
    }

    /// The bundled table of ISO 639 language codes (`languages/iso639.tsv`).
    public static func languageTable() throws -> URL {
        try resourceDirectory().appendingPathComponent("languages/iso639.tsv")
    }
}
