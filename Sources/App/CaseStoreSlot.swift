import Casework
import Foundation

/// Where the runner keeps the case store once the passphrase has opened it, for the rest of the session.
///
/// The runner is a value shared by reference to this one slot; the lock makes it safe to read
/// from any thread. Nothing else holds the store, and it is never written to disk.
final class CaseStoreSlot: @unchecked Sendable {
    private let lock = NSLock()
    private var opened: (store: CaseStore, sop: SOPDefinitions)?

    /// The open store and the SOP definitions it was opened with; nil until the unlock.
    var current: (store: CaseStore, sop: SOPDefinitions)? {
        lock.lock()
        defer { lock.unlock() }
        return opened
    }

    func set(_ store: CaseStore, sop: SOPDefinitions) {
        lock.lock()
        defer { lock.unlock() }
        opened = (store, sop)
    }
}
