import Crypto
import Directory
import Foundation
import GRDB
import Routing
import SOP

extension CaseStore {
    /// Creates a draft referral of a case to a service, for one need and a purpose (HTCDS's reason
    /// for an outgoing referral: additional services unless said otherwise).
    ///
    /// A case has one draft per service and need: when a draft for the same case, service and need
    /// is already open, that draft is returned as it is (its priority, purpose and escort kept) and
    /// nothing is written, so referring twice continues the first draft rather than making a second.
    /// The eligibility rules are applied first all the same.
    ///
    /// `escort` says whether the person needs an escort or safe transport: always asked for an
    /// unaccompanied or separated child (refused when not said), not asked otherwise by default.
    /// A case whose safety step last said "in danger now: yes" gets an emergency referral whatever
    /// `priority` says, as the referrals already in preparation were raised when it was recorded:
    /// an override for a life at risk stays possible on this draft.
    public func createReferral(case code: String, serviceId: String, need: String, priority: ReferralPriority = .normal,
                               purpose: ReferralPurpose = .additionalServices, escort: Bool? = nil, replaces: String? = nil,
                               directory: DirectoryStore) throws -> Referral {
        let who = try requireOperator()
        guard let needed = ServiceType(rawValue: need) else {
            throw CaseworkError.invalidInput("'\(need)' is not a service type; use a code such as shelter, health.medical, legal.aid or child-protection.")
        }
        let detail = try directory.referrableService(serviceId, clock: options.clock)
        let now = self.now
        let types = ServiceSnapshot.withParents(detail.serviceTypes)
        guard types.contains(need) else {
            throw CaseworkError.invalidInput("\(detail.name) does not offer \(need) (it offers \(detail.serviceTypes.joined(separator: ", "))): "
                + "refer for one of those, or choose a service that offers \(need).")
        }
        let check = try EligibilityCheck(directory: directory, now: now, routers: routers)
        return try writer.write { db in
            let file = try liveCase(code, db: db)
            let replaced = try replaces.map { try replaceable($0, case: file.code, db: db) }
            let person = try vault.profile(of: file, db: db)
            // The rules routing proposes with: a protective reason refuses the referral here.
            if let eligibility = try check.evaluate(profile: person, serviceId: detail.serviceId, locationId: detail.locationId,
                                                    need: need, priority: priority),
               !eligibility.protective.isEmpty {
                throw CaseworkError.ineligible(EligibilityRefusal(caseCode: file.code, serviceName: detail.name, need: need,
                                                                  reasons: eligibility.protective, unacknowledged: [], overrideProblem: nil))
            }
            let inDanger = try stepDetails(file.code, db: db)["safety"]?.answers["in_danger"] == "yes"
            let priority = inDanger ? ReferralPriority.emergency : priority
            if var open = try openDraft(case: file.code, serviceId: detail.serviceId, need: needed, db: db) {
                // The open draft is continued: asked again at a more urgent priority, it becomes that urgent; continued as
                // the replacement of a declined referral, it is linked (a draft already linked keeps its link).
                let urgent = priority < open.priority
                let link = replaced != nil && open.replaces == nil
                if urgent { open.priority = priority }
                if link { open.replaces = replaced }
                if urgent || link {
                    try open.update(db)
                }
                return open
            }
            if escort == nil && person.isPresumedChild && person.unaccompanied.needsUnaccompaniedShelter {
                throw CaseworkError.invalidInput("An unaccompanied or separated child: say whether an escort or safe transport is needed "
                    + "(--escort yes or --escort no).")
            }
            var id = "R-" + options.random.letters(8)
            while try Referral.exists(db, key: id) { id = "R-" + options.random.letters(8) }
            var referral = Referral(id: id, caseCode: file.code, serviceId: detail.serviceId, serviceName: detail.name,
                                    organizationId: detail.organizationId, organizationName: detail.organizationName,
                                    locationId: detail.confidential ? nil : detail.locationId, serviceTypes: types.sorted().joined(separator: ","),
                                    need: needed, purpose: purpose, escort: escort, priority: priority, status: .draft,
                                    createdAt: now, createdBy: who.name, createdByOrganization: who.organization)
            referral.replaces = replaced
            try referral.insert(db)
            return referral
        }
    }

    /// The id of a declined referral of this case that a new one may replace; refused otherwise.
    func replaceable(_ id: String, case code: String, db: Database) throws -> String {
        let declined = try referral(id, db: db)
        guard declined.caseCode == code else {
            throw CaseworkError.invalidInput("Referral \(declined.id) belongs to another case, not \(code): "
                + "a replacement links a declined referral of the same case.")
        }
        guard declined.status == .declined else {
            throw CaseworkError.invalidInput("Referral \(declined.id) is \(declined.status.spoken), not declined: only a declined referral "
                + "is replaced (record the decline first: waymark referral update \(declined.id) declined --reason CODE).")
        }
        return declined.id
    }

    /// The draft referral of a case to a service for a need, if one is open (the latest, should there be several).
    public func openDraft(case code: String, serviceId: String, need: String) throws -> Referral? {
        guard let needed = ServiceType(rawValue: need) else { return nil }
        return try writer.read { db in try openDraft(case: try caseFile(code, db: db).code, serviceId: serviceId, need: needed, db: db) }
    }

    func openDraft(case code: String, serviceId: String, need: ServiceType, db: Database) throws -> Referral? {
        let draft = try Referral.filter(Column("case_code") == code && Column("service_id") == serviceId
                                        && Column("need") == need.rawValue && Column("status") == ReferralStatus.draft.rawValue)
            .order(Column("created_at").desc, Column("id").desc).fetchOne(db)
        return try draft.map { try revealed($0, db: db) }
    }

    /// What the eligibility rules say of a referral now, for the case's current profile and
    /// the service as it is in the directory: the warnings to show when it is made, and what
    /// must be acknowledged in its risk step. Nil when the directory no longer has the service.
    public func eligibility(of id: String, directory: DirectoryStore) throws -> ReferralEligibility? {
        let check = try EligibilityCheck(directory: directory, now: now, routers: routers)
        return try writer.read { db in
            let referral = try referral(id, db: db)
            let file = try liveCase(referral.caseCode, db: db)
            return try check.evaluate(profile: try vault.profile(of: file, db: db), serviceId: referral.serviceId, locationId: referral.locationId,
                                      need: referral.need.rawValue, priority: referral.priority)
        }
    }

    func referral(_ id: String, db: Database) throws -> Referral {
        let trimmed = id.trimmingCharacters(in: .whitespaces).uppercased()
        // The case's rows verify before any is decoded: a value changed outside Waymark is named as such, not misread.
        guard let caseCode = try String.fetchOne(db, sql: "SELECT case_code FROM referral WHERE id = ?", arguments: [trimmed]) else {
            throw CaseworkError.unknownReferral(id)
        }
        try vault.checkRows(case: caseCode, db: db)
        guard let referral = try Referral.fetchOne(db, key: trimmed) else { throw CaseworkError.unknownReferral(id) }
        return try revealed(referral, db: db)
    }

    /// The referral with its reason opened (when the case still has its key).
    func revealed(_ referral: Referral, db: Database) throws -> Referral {
        guard let sealed = referral.statusReasonSealed, let key = try vault.caseKey(referral.caseCode, db: db) else { return referral }
        var opened = referral
        opened.statusReason = try vault.unseal(String.self, sealed, key: key, context: "reason:\(referral.id)")
        return opened
    }

    /// Seals a status reason under the case's key.
    func seal(reason: String?, on referral: inout Referral, db: Database) throws {
        referral.statusReason = reason
        guard let reason else {
            referral.statusReasonSealed = nil
            return
        }
        guard let key = try vault.caseKey(referral.caseCode, db: db) else { throw CaseworkError.damaged("case \(referral.caseCode) has no key") }
        referral.statusReasonSealed = try vault.seal(reason, key: key, context: "reason:\(referral.id)")
    }

    /// A referral by id.
    public func referral(_ id: String) throws -> Referral {
        try writer.read { db in try referral(id, db: db) }
    }

    /// Records a referral step (risk, best interests, ...).
    public func recordReferralStep(_ id: String, step stepId: String, details given: StepDetails) throws {
        let who = try requireOperator()
        // The person's request to return is recorded when they make it; no procedure owes it.
        if stepId != RecoveryPeriodRule.returnRequestStep.rawValue { _ = try procedureStep(stepId, scope: .perReferral) }
        let details = try given.structured(step: stepId, now: now)
        let now = self.now
        try writer.write { db in
            let referral = try referral(id, db: db)
            let file = try liveCase(referral.caseCode, db: db)
            guard referral.status == .draft else {
                throw CaseworkError.invalidInput("Referral \(referral.id) is already \(referral.status); its SOP steps were recorded before the hand-off.")
            }
            try insertStep(try StepID.given(stepId, known: stepIds), case: file.code, referral: referral.id, summary: StepDetails.summary(stepId, details),
                           details: details, by: who, at: now, db: db)
        }
    }

    /// The SOP's facts for a referral, read from the store (every row of the case verifies).
    ///
    /// Each public entry that decides on them — the gate, the check before a hand-off, the hand-off,
    /// consent, the form, the checklist, the summary — first checks the case against the hand-off
    /// log, once (`checkAgainstLog`): nothing they decide on can have been put back outside Waymark.
    func facts(_ referral: Referral, db: Database) throws -> (CaseFacts, ReferralFacts) {
        let file = try caseFile(referral.caseCode, db: db)
        let rows = try StepRow.filter(Column("case_code") == file.code).order(Column("id")).fetchAll(db)
        let caseSteps = rows.filter { $0.referralId == nil }.map { StepRecord(stepId: $0.stepId, recordedBy: $0.recordedBy, recordedAt: $0.recordedAt) }
        let referralSteps = rows.filter { $0.referralId == referral.id }
            .map { StepRecord(stepId: $0.stepId, recordedBy: $0.recordedBy, recordedAt: $0.recordedAt) }
        let consent = try currentConsent(referral.id, db: db).map { row in
            ConsentRecord(id: row.id, givenBy: row.givenBy, organizationId: row.organizationId,
                          scopes: Set(row.scopes.split(separator: ",").compactMap { DataScope(rawValue: String($0)) }),
                          interpreterLanguage: row.interpreterLanguage, obtainedBy: row.obtainedBy, obtainedAt: row.obtainedAt,
                          withdrawnAt: row.withdrawnAt)
        }
        let caseDetails = try stepDetails(file.code, db: db)
        let ownDetails = try stepDetails(file.code, referral: referral.id, db: db)
        // A guardian recorded before the structured record counts as one not suspected.
        let guardian = caseDetails["guardian"].map { GuardianFacts(suspectedOfInvolvement: $0.guardian?.suspectedOfInvolvement ?? false) }
        let bestInterests = ownDetails["best-interests"]?.bestInterests.map { BestInterestsFacts(outcome: $0.outcome, procedure: $0.procedure) }
        let inRecoveryPeriod = try standing(of: file, db: db, now: now).inRecoveryPeriod
        return (CaseFacts(isChild: file.isChild, steps: caseSteps, guardian: guardian,
                          hasLegalRepresentative: caseDetails["legal-representative"]?.representative != nil,
                          inRecoveryPeriod: inRecoveryPeriod),
                ReferralFacts(referralId: referral.id, receivingOrganizationId: referral.organizationId,
                              serviceTypes: referralTypes(referral, child: file.isChild),
                              priority: referral.priority.rawValue, consent: consent, steps: referralSteps, bestInterests: bestInterests))
    }

    /// The types a referral is for, as the gate judges it: the need and the types it implies;
    /// for a child, also any return, family-tracing, reintegration or consular work the receiving
    /// service does (a child is not sent to such a service under another need without best
    /// interests) — except a referral to child protection, which never waits.
    func referralTypes(_ referral: Referral, child: Bool) -> Set<String> {
        let types = ServiceSnapshot.withParents([referral.need.rawValue])
        guard child, !types.contains("child-protection") else { return types }
        return types.union(referral.typeSet.intersection(ChildLaw.bestInterestsTypes))
    }

    /// Asks the SOP gate whether a referral may be handed off now.
    public func gate(_ id: String, override reason: String? = nil) throws -> GateDecision {
        try writer.read { db in
            let referral = try referral(id, db: db)
            _ = try liveCase(referral.caseCode, db: db)
            try checkAgainstLog(case: referral.caseCode, db: db)
            let (person, facts) = try facts(referral, db: db)
            return Gate.evaluate(procedure, case: person, referral: facts, override: reason)
        }
    }

    /// The steps a referral still owes (empty when the gate would clear it).
    public func stepsOwed(_ id: String) throws -> [MissingStep] {
        if case .refused(let missing) = try gate(id) { return missing }
        return []
    }

    /// Checks a referral for its hand-off and returns the gate's clearance, or throws why not:
    /// first a protective eligibility reason (`ineligible`, no override lifts it), then every
    /// SOP step still owed (`refused`), then a situational reason or a code not acknowledged in
    /// the risk step (`ineligible`, which `override` lifts at emergency priority only). The CLI
    /// and the UI both hand off through this and `handoff`, which checks it all again inside
    /// its transaction.
    public func clear(_ id: String, override reason: String? = nil, directory: DirectoryStore) throws -> Clearance {
        let check = try EligibilityCheck(directory: directory, now: now, routers: routers)
        return try writer.read { db in
            let referral = try referral(id, db: db)
            let file = try liveCase(referral.caseCode, db: db)
            try checkAgainstLog(case: file.code, db: db)
            let (person, facts) = try facts(referral, db: db)
            let eligibility = try check.evaluate(profile: try vault.profile(of: file, db: db), serviceId: referral.serviceId,
                                                 locationId: referral.locationId, need: referral.need.rawValue, priority: referral.priority)
            // Protective reasons first: the person must not go there at all, whatever steps are owed.
            if let eligibility, !eligibility.protective.isEmpty {
                _ = try lifted(by: reason, eligibility, referral: referral, person: person, facts: facts, db: db)
            }
            switch Gate.evaluate(procedure, case: person, referral: facts, override: reason) {
            case .refused(let missing):
                throw CaseworkError.refused(missing)
            case .cleared(let clearance):
                if let eligibility { _ = try lifted(by: reason, eligibility, referral: referral, person: person, facts: facts, db: db) }
                return clearance
            }
        }
    }

    /// What an override lifts of a referral's eligibility, or why the hand-off is refused.
    ///
    /// A protective reason is refused whatever is said; a situational reason, or a code not
    /// acknowledged in the risk step, is refused unless an override reason is given for an
    /// emergency referral — then it is lifted, and the log names it. A child's referral to
    /// child protection (the safety question only) waits for no acknowledgement.
    func lifted(by reason: String?, _ eligibility: ReferralEligibility, referral: Referral, person: CaseFacts, facts: ReferralFacts,
                db: Database) throws -> [String] {
        let overrideText = reason?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        if !eligibility.protective.isEmpty {
            throw CaseworkError.ineligible(EligibilityRefusal(
                caseCode: referral.caseCode, serviceName: referral.serviceName, need: referral.need.rawValue,
                reasons: eligibility.protective + eligibility.situational, unacknowledged: [],
                overrideProblem: overrideText == nil ? nil : "An override lifts only practical obstacles for a life at risk, never a rule that protects the person."))
        }
        let basis = ChildLaw.basis(person: person, referral: facts)
        let owed = basis == .childProtectionDuty ? [] : eligibility.toAcknowledge
        let acknowledged = Set(try stepDetails(referral.caseCode, referral: referral.id, db: db)["risk"]?.acknowledged ?? [])
        let unacknowledged = owed.filter { !acknowledged.contains($0) }
        guard !eligibility.situational.isEmpty || !unacknowledged.isEmpty else { return [] }
        var problem: String?
        if overrideText != nil && referral.priority != .emergency {
            problem = "An override is only for a life at risk: it needs an emergency referral. If the person is in danger now, "
                + "record it at the safety step (this referral becomes an emergency)."
        } else if overrideText != nil && !unacknowledged.isEmpty {
            problem = "No override skips explaining the service's conditions: record them in the risk step first."
        }
        guard overrideText != nil, problem == nil else {
            throw CaseworkError.ineligible(EligibilityRefusal(caseCode: referral.caseCode, serviceName: referral.serviceName, need: referral.need.rawValue,
                                                              reasons: eligibility.situational, unacknowledged: unacknowledged,
                                                              overrideProblem: problem))
        }
        return eligibility.situational.map(\.code)
    }

    /// Logs a hand-off: only with a clearance, re-checked inside the transaction.
    ///
    /// In one transaction: the gate is asked again (consent may have been withdrawn a second
    /// ago), the eligibility rules are applied again to the service as it is now and the case's
    /// current profile (a protective reason refuses; a situational one, or a code not
    /// acknowledged in the risk step, only with `override` at emergency priority), the receiving
    /// service is snapshotted, the form is built from what the legal basis allows and sealed,
    /// the referral becomes `sent`, and the hand-off entry is chained onto the log. The log's
    /// head file is written after the commit.
    public func handoff(_ clearance: Clearance, directory: DirectoryStore, override reason: String? = nil) throws -> Handoff {
        let who = try requireOperator()
        let now = self.now
        let referralNow = try referral(clearance.referralId)
        let detail = try directory.referrableService(referralNow.serviceId, clock: options.clock)
        let snapshot = ServiceSnapshot(detail, at: now)
        let check = try EligibilityCheck(directory: directory, now: now, routers: routers)
        let overrideText = (clearance.overrideReason ?? reason)?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        options.checkpoint?("handoff-before-write")
        return try logged(afterCommit: { self.options.checkpoint?("handoff-after-commit") }) { db -> (Handoff, LogHead?) in
            var referral = try referral(clearance.referralId, db: db)
            let file = try liveCase(referral.caseCode, db: db)
            guard referral.status == .draft else {
                throw CaseworkError.invalidInput("Referral \(referral.id) was already handed off (it is \(referral.status)).")
            }
            guard snapshot.organizationId == referral.organizationId,
                  ServiceSnapshot.withParents(snapshot.types).contains(referral.need.rawValue) else {
                throw CaseworkError.serviceUnavailable("\(snapshot.name) has changed in the directory since this referral was made "
                    + "(it now belongs to \(snapshot.organizationName), or no longer offers \(referral.need)); consent was for "
                    + "\(referral.organizationName). Make a new referral and ask for consent again.")
            }
            try checkAgainstLog(case: file.code, db: db)
            let (person, facts) = try facts(referral, db: db)
            switch Gate.evaluate(procedure, case: person, referral: facts, override: clearance.overrideReason) {
            case .refused(let missing):
                throw CaseworkError.refused(missing)
            case .cleared(let again):
                guard again == clearance else {
                    throw CaseworkError.refused([MissingStep(stepId: "consent",
                        instruction: "The consent or the steps changed since the check; check the referral again before the hand-off.")])
                }
            }
            guard let eligibility = try check.evaluate(profile: try vault.profile(of: file, db: db), serviceId: referral.serviceId,
                                                       locationId: referral.locationId ?? detail.locationId, need: referral.need.rawValue,
                                                       priority: referral.priority) else {
                throw CaseworkError.serviceUnavailable("\(snapshot.name) is no longer in the directory: make a new referral to a service that is.")
            }
            let lifted = try lifted(by: overrideText, eligibility, referral: referral, person: person, facts: facts, db: db)
            let basis = ChildLaw.basis(person: person, referral: facts)
            let consent = try currentConsent(referral.id, db: db).flatMap { $0.id == clearance.consentId ? $0 : nil }
            let form = try formBuilder(file: file, referral: referral, snapshot: snapshot, consent: consent, basis: basis, operator: who,
                                       overrideReason: clearance.overrideReason ?? (lifted.isEmpty ? nil : overrideText), lifted: lifted,
                                       db: db).build()
            guard let key = try vault.caseKey(file.code, db: db) else { throw CaseworkError.damaged("case \(file.code) has no key") }
            let hash = try form.keyedHash(key: key)
            referral.status = .sent
            referral.sentAt = now
            referral.serviceSnapshot = String(decoding: try JSONEncoder().encode(snapshot), as: UTF8.self)
            referral.formSealed = try vault.seal(form, key: key, context: "form:\(referral.id)")
            referral.formHash = hash
            referral.formVersion = ReferralForm.version
            var entry = LogEntry(kind: "handoff", at: now, caseCode: file.code, operator: who, referralId: referral.id)
            entry.serviceId = referral.serviceId
            entry.organizationId = referral.organizationId
            entry.status = ReferralStatus.sent.rawValue
            entry.steps = clearance.steps.map(\.rawValue)
            entry.overridden = clearance.overridden.isEmpty ? nil : clearance.overridden.map(\.rawValue)
            entry.lifted = lifted.isEmpty ? nil : lifted
            // The reason is free text that may name people or places: sealed under the case's key, like the form.
            if let reason = clearance.overrideReason ?? (lifted.isEmpty ? nil : overrideText) {
                entry.overrideReasonSealed = try vault.seal(reason, key: key, context: "override:\(referral.id)").base64EncodedString()
            }
            entry.basis = basis == .childProtectionDuty ? "legal-duty" : basis.rawValue
            entry.consentId = clearance.consentId
            entry.procedureHash = clearance.procedureHash
            entry.formHash = hash
            let head = try HandoffLog.append(entry, db: db, keys: keys)
            // The referral points at its entry: a log cut back to before it is caught by `log verify`.
            referral.handoffSeq = head.count
            referral.handoffMac = head.lastMac
            try referral.update(db)
            options.checkpoint?("handoff-before-commit")
            return (Handoff(referral: referral, form: form, entry: entry, sequence: head.count), head)
        }
    }

    /// Every step's details of a case, by step id (the latest of each), unsealed.
    func stepDetails(_ code: String, referral: String? = nil, db: Database) throws -> [StepID: StepDetails] {
        guard let key = try vault.caseKey(code, db: db) else { return [:] }
        var result: [StepID: StepDetails] = [:]
        for row in try StepRow.filter(Column("case_code") == code && Column("referral_id") == referral).order(Column("id")).fetchAll(db) {
            guard let sealed = row.sealedDetails else { continue }
            result[row.stepId] = try vault.unseal(StepDetails.self, sealed, key: key, context: "step:\(code)")
        }
        return result
    }

    /// The case's screening records, one per set (the latest recording of each), in the order first recorded.
    func screeningRecords(_ code: String, db: Database) throws -> [ScreeningRecord] {
        guard let key = try vault.caseKey(code, db: db) else { return [] }
        var records: [ScreeningRecord] = []
        let rows = try StepRow.filter(Column("case_code") == code && Column("referral_id") == nil && Column("step_id") == "screening")
            .order(Column("id")).fetchAll(db)
        for row in rows {
            guard let sealed = row.sealedDetails,
                  let record = try vault.unseal(StepDetails.self, sealed, key: key, context: "step:\(code)").screening else { continue }
            if let index = records.firstIndex(where: { $0.set == record.set }) { records[index] = record } else { records.append(record) }
        }
        return records
    }

    /// The form of a referral: the one handed off, or (for a draft) a preview of what would be shared now.
    ///
    /// Each form shown or printed is written to the access log (`form-printed`) before it is returned.
    public func form(_ id: String, directory: DirectoryStore? = nil) throws -> ReferralForm {
        try form(id, directory: directory, access: .formPrinted)
    }

    /// The form, recorded in the access log as `access` (printed, saved or sent).
    func form(_ id: String, directory: DirectoryStore? = nil, access: AccessKind?) throws -> ReferralForm {
        let who = try authorize(.workCases)
        let (form, code) = try writer.read { db -> (ReferralForm, String) in
            let referral = try self.referral(id, db: db)
            try checkAgainstLog(case: referral.caseCode, db: db)
            let made = try self.form(of: referral, file: try caseFile(referral.caseCode, db: db), directory: directory, operator: who, db: db)
            return (made, referral.caseCode)
        }
        if let access { try recordAccess(access, case: code, detail: id) }
        return form
    }

    /// The form as an envelope carries it; the access log records it as sent when the envelope is
    /// (`recordEnvelopeSent`), not when one is sealed only to check that it can be.
    public func formToSend(_ id: String, directory: DirectoryStore?) throws -> ReferralForm {
        try form(id, directory: directory, access: nil)
    }

    /// The form's shared fields and legal basis as they stand (field names only, nothing identifying;
    /// not an access): what `referral consent` says the form may now carry.
    public func sharedFields(_ id: String, directory: DirectoryStore?) throws -> (fields: [String], legalBasis: String?) {
        let made = try form(id, directory: directory, access: nil)
        return (made.sharedFields.map(\.rawValue), made.legalBasis)
    }

    /// Writes a handed-off referral's form to a file (text or JSON, mode 0600); a draft's is refused.
    ///
    /// Only the form as handed off leaves the store: a draft's preview is what *would* be shared, and a
    /// file of it would escape the gate, consent withdrawal and erasure alike.
    public func writeForm(_ id: String, format: FormFile.Format, labels: FormLabels, to url: URL, replace: Bool) throws {
        let referral = try self.referral(id)
        guard referral.status != .draft else {
            throw CaseworkError.invalidInput("Referral \(referral.id) is not handed off: its form is written to a file only once the SOP "
                + "has allowed the hand-off. The preview on screen is what would be shared.")
        }
        try FormFile.write(try form(id, access: .formSaved), format: format, labels: labels, to: url, replace: replace)
    }

    /// `form(_:directory:)` inside a read the caller holds.
    func form(of referral: Referral, file: CaseFile, directory: DirectoryStore?, operator who: Operator, db: Database) throws -> ReferralForm {
        if let sealed = referral.formSealed {
            guard let key = try vault.caseKey(file.code, db: db) else { throw CaseworkError.caseErased(CaseCode(file.code) ?? .fallback) }
            return try vault.unseal(ReferralForm.self, sealed, key: key, context: "form:\(referral.id)")
        }
        if referral.status != .draft, let code = CaseCode(file.code) { throw CaseworkError.caseErased(code) }
        _ = try liveCase(file.code, db: db)
        var snapshot: ServiceSnapshot?
        if let directory, let detail = try? directory.serviceDetail(serviceId: referral.serviceId, locationId: nil, clock: options.clock) {
            snapshot = ServiceSnapshot(detail, at: now)
        }
        let (person, facts) = try facts(referral, db: db)
        var consent: ConsentRow?
        if Gate.consentProblem(person: person, referral: facts) == nil { consent = try currentConsent(referral.id, db: db) }
        if consent?.withdrawnAt != nil { consent = nil }
        // The same builder and basis as the hand-off: the preview is what would be shared now.
        return try formBuilder(file: file, referral: referral, snapshot: snapshot, consent: consent,
                               basis: ChildLaw.basis(person: person, referral: facts), operator: who, overrideReason: nil, lifted: [],
                               db: db).build()
    }

    /// The form builder for a referral: the case's profile, identity and steps, on a legal basis.
    func formBuilder(file: CaseFile, referral: Referral, snapshot: ServiceSnapshot?, consent: ConsentRow?, basis: LegalBasis,
                     operator who: Operator, overrideReason: String?, lifted: [String], db: Database) throws -> FormBuilder {
        var builder = FormBuilder(file: file, profile: try vault.profile(of: file, db: db), identity: try identity(of: file, db: db),
                                  steps: try stepDetails(file.code, db: db), referral: referral, snapshot: snapshot,
                                  consent: consent, operator: who, at: now, overrideReason: overrideReason)
        builder.basis = basis
        builder.referralSteps = try stepDetails(file.code, referral: referral.id, db: db)
        builder.lifted = lifted
        builder.screenings = try screeningRecords(file.code, db: db)
        builder.standing = try standing(of: file, db: db, now: now)
        if let questionnaire = options.questionnaire {
            builder.questions = Dictionary(questionnaire.sets.flatMap(\.questions).map { ($0.id, $0.question) }, uniquingKeysWith: { a, _ in a })
        }
        return builder
    }

    /// Moves a referral through its lifecycle (not to `sent`: only a hand-off sends).
    ///
    /// A decline takes a reason code (`declineReason`); `other` needs a note (`reason`), and a
    /// decline given only a note is recorded as `other` with it. Closing takes an outcome. A
    /// withdrawal needs a reason. Notes and reasons are sealed under the case's key. Refused,
    /// with nothing written, when a code is given for another status.
    public func update(_ id: String, to status: ReferralStatus, reason: String? = nil, declineReason: DeclineReason? = nil,
                       outcome: ReferralOutcome? = nil) throws -> Referral {
        let who = try requireOperator()
        let now = self.now
        try StatusChange.checkCodes(for: status, declineReason: declineReason, outcome: outcome)
        return try logged { db -> (Referral, LogHead?) in
            var referral = try referral(id, db: db)
            try checkAgainstLog(case: referral.caseCode, db: db)
            let change = try StatusChange(from: referral.status, to: status, note: reason, declineReason: declineReason, outcome: outcome)
            if let code = change.declineReason { referral.declineReason = code }
            if let outcome = change.outcome { referral.outcome = outcome }
            referral.status = status
            try seal(reason: change.note, on: &referral, db: db)
            referral.setDate(now, of: status)
            try referral.update(db)
            var entry = LogEntry(kind: "status", at: now, caseCode: referral.caseCode, operator: who, referralId: referral.id)
            entry.status = status.rawValue
            return (referral, try HandoffLog.append(entry, db: db, keys: keys))
        }
    }

    /// Referrals, newest first; only overdue ones when asked (`overdue(_:)`).
    public func referrals(overdueOnly: Bool = false, case code: String? = nil) throws -> [Referral] {
        return try writer.read { db in
            if code == nil { try vault.checkAllRows(db: db) }
            var request = Referral.order(Column("created_at").desc, Column("id"))
            if let code { request = request.filter(Column("case_code") == (try caseFile(code, db: db)).code) }
            let all = try request.fetchAll(db).map { try revealed($0, db: db) }
            return overdueOnly ? all.filter { overdue($0) != nil } : all
        }
    }

    /// Why a referral is overdue now, under the SOP's `service_start_days`; nil when it is not.
    public func overdue(_ referral: Referral) -> ReferralOverdue? {
        referral.overdue(at: now, serviceStartDays: procedure.serviceStartDays)
    }
}

/// A logged hand-off: the referral as sent, its form, and its log entry.
public struct Handoff: Sendable, Equatable {
    public var referral: Referral
    public var form: ReferralForm
    public var entry: LogEntry
    /// The entry's number in the log.
    public var sequence: Int64
}

extension String {
    /// Nil for an empty string.
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

extension CaseStore {
    /// The override reason of a hand-off entry: opened under the case's key (or clear, in entries
    /// written before reasons were sealed); nil when there was none or the case was erased.
    public func overrideReason(of entry: LogEntry) throws -> String? {
        if let clear = entry.overrideReason { return clear }
        guard let sealed = entry.overrideReasonSealed.flatMap({ Data(base64Encoded: $0) }), let referral = entry.referralId else { return nil }
        return try writer.read { db in
            let keys = try vault.caseKeys(entry.caseCode, db: db)
            guard !keys.isEmpty else { return nil }
            // Sealed under the key the case had when the entry was written: an earlier one after an account's removal.
            for key in keys.dropLast() {
                if let reason = try? vault.unseal(String.self, sealed, key: key, context: "override:\(referral)") { return reason }
            }
            return try vault.unseal(String.self, sealed, key: keys[keys.count - 1], context: "override:\(referral)")
        }
    }
}
