import Casework
import Directory
import Exchange
import Foundation
import Home
import SOP

extension AppRunner {
    /// Does one casework effect against the case store; returns the message carrying its answer.
    ///
    /// Every decision is the domain's: the gate says what is owed, `handoff` is called only with
    /// the gate's clearance, and a refusal comes back as the domain's own sentence.
    func performCasework(_ effect: CaseworkEffect) -> CaseworkMessage? {
        switch effect {
        case .unlock(let typed): return unlock(typed)
        case .lock: return lock()
        case .saveOperator(let name, let organization): return saveOperator(name: name, organization: organization)
        case .loadOperator: return loadOperator()
        case .refer, .loadChecklist, .recordStep, .giveConsent, .withdrawConsent, .loadForm, .writeForm, .handoff, .loadReferrals, .loadCases,
             .updateReferral, .loadIdentity, .updateProfile, .saveIdentity, .notify, .loadInbox, .loadCase, .checkSend, .sendReferral,
             .checkAnswer, .answer:
            break
        }
        guard let (cases, sop) = self.cases.value else {
            return .caseworkUnavailable(CaseworkError.invalidInput("the case store is not open").description)
        }
        func checklist(_ id: String) throws -> Checklist {
            try cases.checklist(id, questionnaire: sop.questionnaire, directory: store)
        }
        do {
            switch effect {
            case .refer(let request):
                let code: String
                if let existing = request.caseCode {
                    code = existing
                } else {
                    code = try cases.openCase(profile: request.profile,
                                              region: try store.areaMap().areas[request.profile.area]?.parent).rawValue
                    // Who is left out: the needs this route could not meet count in the report.
                    try cases.recordNeeds(code, unmet: request.unmetNeeds, conditional: request.conditionalNeeds)
                }
                // An unaccompanied or separated child is escorted: the safe answer until the responder says otherwise.
                let unaccompanied = request.profile.isPresumedChild && request.profile.unaccompanied.needsUnaccompaniedShelter
                let referral = try cases.createReferral(case: code, serviceId: request.serviceId, need: request.need,
                                                        priority: request.priority, purpose: .additionalServices,
                                                        escort: unaccompanied ? true : nil, directory: store)
                return .referred(try checklist(referral.id))
            case .loadChecklist(let id):
                return .checklistLoaded(try checklist(id))
            case .recordStep(let id, let stepId, let scope, let details):
                if scope == .perCase {
                    try cases.recordCaseStep(try cases.referral(id).caseCode, step: stepId, details: details)
                } else {
                    try cases.recordReferralStep(id, step: stepId, details: details)
                }
                return .recorded(try checklist(id), stepId: stepId)
            case .giveConsent(let id, let givenBy, let scopes, let explained, let explainedIn, let language):
                _ = try cases.giveConsent(id, givenBy: givenBy, scopes: scopes, explained: explained, explainedIn: explainedIn,
                                          interpreterLanguage: language)
                return .recorded(try checklist(id), stepId: "consent")
            case .withdrawConsent(let id):
                try cases.withdrawConsent(id)
                return .consentWithdrawn(try checklist(id))
            case .loadForm(let id):
                let referral = try cases.referral(id)
                return .formLoaded(try cases.form(id, directory: store), sent: referral.status != .draft)
            case .writeForm(let id, let path, let format, let replace):
                let url = try FormFile.url(path)
                // The same form and labels as `waymark referral form`, so the file holds what the command prints; a draft's is refused.
                do {
                    try cases.writeForm(id, format: format, labels: try StringTable.bundled().formLabels, to: url, replace: replace)
                } catch FormFile.Problem.exists(let existing) {
                    return .formFileExists(referralId: id, path: existing, format: format)
                }
                return .formWritten(path: url.path, format: format)
            case .handoff(let id, let reason):
                // The same checks as the CLI's: eligibility, the gate, acknowledgements, then the hand-off.
                let clearance = try cases.clear(id, override: reason, directory: store)
                let handed = try cases.handoff(clearance, directory: store, override: reason)
                // The sent form goes on the screen: shown, so in the access log.
                try cases.recordAccess(.formPrinted, case: handed.referral.caseCode, detail: id)
                return .handedOff(handed.form)
            case .loadCases:
                return .casesLoaded(try cases.caseListings().filter { $0.file.erasedAt == nil })
            case .loadReferrals:
                return .referralsLoaded(try cases.referrals(), serviceStartDays: cases.procedure.serviceStartDays)
            case .updateReferral(let id, let status, let reason, let declineReason, let outcome):
                _ = try cases.update(id, to: status, reason: reason, declineReason: declineReason, outcome: outcome)
                return .referralsLoaded(try cases.referrals(), serviceStartDays: cases.procedure.serviceStartDays)
            case .loadIdentity(let code):
                // Decrypted into the form's state only: never logged, never written anywhere else.
                return .identityLoaded(caseCode: code, try cases.identity(code))
            case .updateProfile(let id, let code, let change):
                // The region follows the area (the report's disaggregation); the domain seals and logs the change.
                let region = change.after.area.flatMap { try? store.areaMap().areas[$0]?.parent }
                let refused = try cases.updateProfile(code, region: region, directory: store) { change.apply(to: &$0) }.refused
                return .profileUpdated(try checklist(id), nowRefused: refused.filter(\.sinceThisChange))
            case .saveIdentity(let code, let identity):
                let refused = try cases.identify(code, identity: identity, directory: store)
                return .identitySaved(caseCode: code, nowRefused: refused.filter(\.sinceThisChange))
            case .notify(let code):
                return .notified(try cases.notify(code))
            case .loadInbox:
                let (incoming, names) = try inbox(cases)
                return .inboxLoaded(incoming, serviceNames: names)
            case .loadCase(let code):
                guard let listing = try cases.caseListings().first(where: { $0.file.code == code && $0.file.erasedAt == nil }) else {
                    throw CaseworkError.unknownCase(code)
                }
                return .caseLoaded(listing)
            case .checkSend(let id):
                // Sealed and thrown away: the same refusals as `referral send`, before a path is asked.
                _ = try EnvelopeSender.referral(id, cases: cases, directory: store)
                return .sendAllowed(referralId: id)
            case .sendReferral(let id, let path):
                // The same order as `waymark referral send`: a new file, the envelope, the file written, the sending recorded.
                let url = try Envelope.destination(path)
                let envelope = try EnvelopeSender.referral(id, cases: cases, directory: store)
                try envelope.write(to: url)
                try cases.recordEnvelopeSent(id, envelopeID: envelope.header.envelopeID, withdrawal: false)
                return .envelopeWritten(referralId: id, path: url.path)
            case .checkAnswer(let answer):
                _ = try EnvelopeSender.answerSealer(for: answer.referralId, cases: cases, directory: store)
                return .answerAllowed(answer, to: try cases.incomingReferral(answer.referralId).from)
            case .answer(let answer, let path):
                // The same order as `waymark inbox respond`: a new file, the sender's key, then the answer recorded with its envelope
                // written inside the same transaction (a file that cannot be written leaves the answer unrecorded).
                let url = try Envelope.destination(path)
                let sealer = try EnvelopeSender.answerSealer(for: answer.referralId, cases: cases, directory: store)
                _ = try cases.respond(to: answer.referralId, status: answer.status, declineReason: answer.declineReason,
                                      outcome: answer.outcome, note: answer.note) { notice in try sealer.seal(notice).write(to: url) }
                let (incoming, names) = try inbox(cases)
                return .answered(answer, path: url.path, incoming, serviceNames: names)
            case .unlock, .lock, .saveOperator, .loadOperator:
                return nil
            }
        } catch CaseworkError.ineligible(let refusal) {
            let lines = (try? StringTable.bundled())?.refusalLines(refusal) ?? [CaseworkError.ineligible(refusal).description]
            // One line each (what was refused, each reason by its code, what to do instead), wrapped on the screen.
            return .caseworkRefused(lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "\n"))
        } catch CaseworkError.keysReplaced {
            // Another process removed an account: these keys are spent. Let them go; the next case action asks again.
            self.cases.value = nil
            return .caseworkRefused(CaseworkError.keysReplaced.description)
        } catch CaseworkError.refused(let missing) {
            // The hand-off asks the gate again inside its transaction: consent may have changed since.
            return .handoffRefused(missing)
        } catch {
            return .caseworkRefused(String(describing: error))
        }
    }

    /// The incoming referrals and their receiving services' names, as the directory has them.
    private func inbox(_ cases: CaseStore) throws -> ([IncomingReferral], [String: String]) {
        let incoming = try cases.incomingReferrals()
        var names: [String: String] = [:]
        for id in Set(incoming.map(\.serviceId)) { names[id] = try store.serviceRecord(id, changes: 0)?.name }
        return (incoming, names)
    }

    /// Closes the case store after the UI locked: the store and its keys are let go, and the environment's passphrase is
    /// not used again. Asks for the passphrase when the home has a case store.
    private func lock() -> CaseworkMessage? {
        cases.value = nil
        hasLocked.value = true
        guard let home, Home(WaymarkHome(url: home)).hasCaseStore else { return nil }
        return .caseStoreLocked(newStore: false, problem: nil)
    }

    /// Opens the case store with the typed passphrase, else the environment's (until the UI first locks); asks for one
    /// when neither opens it.
    private func unlock(_ typed: String?) -> CaseworkMessage {
        if cases.value != nil { return .caseStoreOpened(operatorSet: operatorIsSet) }
        guard let home else { return .caseworkUnavailable(CaseworkError.invalidInput("no home folder was given").description) }
        var place = Home(WaymarkHome(url: home))
        place.account = account
        let newStore = !place.hasCaseStore
        // After a lock, a person types it: the environment's is not used again.
        let given = typed ?? (hasLocked.value ? nil : environmentPassphrase)
        guard let passphrase = given else { return .caseStoreLocked(newStore: newStore, problem: nil) }
        do {
            // The same opening as the CLI's: the passphrase rule, and a home's own SOP files only once accepted.
            let (store, inForce) = try place.openCases(passphrase: passphrase, options: caseOptions, definitions: try self.sop ?? place.definitions())
            cases.value = (store, inForce)
            return .caseStoreOpened(operatorSet: operatorIsSet)
        } catch CaseworkError.wrongPassphrase {
            // The wait after wrong guesses is the domain's; the box says it before the next try.
            var problem = CaseworkError.wrongPassphrase.description
            let wait = place.nextUnlockWait
            if wait > 0 { problem += " The next try waits \(Int(wait)) s first." }
            return .caseStoreLocked(newStore: false, problem: problem)
        } catch {
            return .caseworkUnavailable(String(describing: error))
        }
    }

    /// Whether the signed-in account has its organization set (every form and entry names one).
    private var operatorIsSet: Bool { cases.value?.store.account.organization != nil }

    private func loadOperator() -> CaseworkMessage {
        .operatorLoaded(try? cases.value?.store.account.asOperator())
    }

    private func saveOperator(name: String, organization: String) -> CaseworkMessage {
        guard let store = cases.value?.store else { return unlock(nil) }
        do {
            // The box asks the name and organization only: a contact set with `waymark account edit` stays.
            let saved = try store.editAccount(name: name, organization: organization).asOperator()
            return .operatorSaved(saved)
        } catch {
            return .caseworkRefused(String(describing: error))
        }
    }
}
