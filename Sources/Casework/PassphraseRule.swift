/// The one rule a passphrase must meet when it is chosen: when a store is created and when the
/// passphrase is changed, whether it was typed at the prompt, in the UI or given in
/// `WAYMARK_PASSPHRASE`. A store made before the rule keeps opening with the passphrase it has.
public enum PassphraseRule {
    /// The fewest characters a new passphrase may have.
    public static let minimumLength = 8

    /// Why the passphrase cannot be chosen, in a sentence; nil when it can.
    public static func problem(_ passphrase: String) -> String? {
        guard passphrase.count < minimumLength else { return nil }
        return CaseworkError.passphraseTooShort(minimum: minimumLength).description
    }

    /// Refuses a passphrase that does not meet the rule.
    public static func check(_ passphrase: String) throws(CaseworkError) {
        guard passphrase.count >= minimumLength else { throw .passphraseTooShort(minimum: minimumLength) }
    }
}
