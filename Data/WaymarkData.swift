import Foundation

/// Finds the data files that ship with Waymark (the sample directory, SOP definitions, language codes).
///
/// The lookup never calls `Bundle.module`, whose accessor stops the process when the
/// resource bundle is missing: a binary copied without its resources gets a clear error.
public enum WaymarkData {
    /// The name SwiftPM gives the resource bundle of this target.
    static let bundleName = "Waymark_WaymarkData"

    /// Why the bundled data could not be found.
    public struct MissingResources: Error, CustomStringConvertible {
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
        var candidates: [URL] = []
        if let override = ProcessInfo.processInfo.environment["WAYMARK_RESOURCES"], !override.isEmpty {
            candidates.append(URL(fileURLWithPath: override))
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        let exeDir = executable.deletingLastPathComponent()
        candidates.append(exeDir.appendingPathComponent("\(bundleName).resources"))
        candidates.append(exeDir.appendingPathComponent("\(bundleName).bundle"))
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("\(bundleName).resources"))
        for bundle in Bundle.allBundles + Bundle.allFrameworks {
            candidates.append(bundle.bundleURL.appendingPathComponent("\(bundleName).resources"))
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("\(bundleName).resources"))
        }
        let fm = FileManager.default
        for candidate in candidates where fm.fileExists(atPath: candidate.appendingPathComponent("sample/datapackage.json").path) {
            return candidate
        }
        throw MissingResources(searched: candidates.map(\.path))
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
