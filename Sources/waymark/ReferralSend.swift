import ArgumentParser
import Casework
import Directory
import Exchange
import Foundation
import Home

extension ReferralCommand {
    /// Writes a handed-off referral as an envelope for its receiving organization.
    struct Send: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "send",
            abstract: "Write a handed-off referral as an envelope only the receiving organization can open (or, --withdrawal, a withdrawal notice).",
            discussion: """
                The envelope holds the form exactly as handed off (only what was consented or shared by legal duty) and the \
                steps you recorded, sealed to the receiving organization's referral key and signed with this home's publisher \
                key. Carry it by USB, e-mail or a shared folder: nothing identifying can be read from the file without the \
                receiver's key. The receiving organization needs a referral key in the directory; without one, print the form \
                as before. After consent is withdrawn, --withdrawal writes the notice that makes the receiver erase what it got.

                Example: waymark referral send R-7K3QM9TX --out /media/usb/R-7K3QM9TX.envelope
                """)

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark
        @Argument(help: "The referral id.") var referralId: String
        @Option(help: ArgumentHelp("The envelope file to write (must not exist).", valueName: "file")) var out: String
        @Flag(help: "Write a withdrawal notice: the person withdrew consent after the referral was sent.") var withdrawal = false

        func run() throws {
            let url = try EnvelopeFile.destination(out)
            let home = try openHome()
            let cases = try home.openCases()
            let directory = try home.openDirectory()
            let envelope = withdrawal ? try EnvelopeSender.withdrawal(referralId, cases: cases, directory: directory)
                                      : try EnvelopeSender.referral(referralId, cases: cases, directory: directory)
            try envelope.write(to: url)
            try cases.recordEnvelopeSent(referralId, envelopeID: envelope.header.envelopeID, withdrawal: withdrawal)
            print(withdrawal ? "Withdrawal notice for \(referralId) written to \(out), sealed to the receiving organization."
                             : "Referral \(referralId) written to \(out), sealed to the receiving organization (\(envelope.header.recipient.fingerprint)).")
        }
    }
}
