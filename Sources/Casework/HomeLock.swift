import Directory
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An advisory lock on a home (`cases.lock`), held while the hand-off log and its head change or are read.
enum HomeLock {
    static func exclusive<T>(in home: URL, _ body: () throws -> T) throws -> T {
        let path = home.appendingPathComponent("cases.lock").path
        let fd = open(path, O_CREAT | O_RDWR, 0o600)
        guard fd >= 0 else { throw CaseworkError.damaged("cannot open \(path) to lock the case store") }
        defer { close(fd) }
        // Every process on the home takes this lock: in a group-shared home the file is the group's (0660).
        WaymarkHome.protect(URL(fileURLWithPath: path))
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw CaseworkError.damaged("cannot lock the case store") }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
