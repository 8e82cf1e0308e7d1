import { authorize } from '../kernel/actor.js';
import { refuse, type Result } from '../kernel/domain-error.js';
import { findInTenant } from '../kernel/find.js';
import { isValidLocalDate } from '../kernel/local-time.js';
import { inTransaction, type UseCaseContext } from '../kernel/use-case.js';
import { recordAudit } from '../audit/audit-log.js';
import { Patient } from './patient.entity.js';
import { User } from '../tenancy/user.entity.js';
import { languageOf, normalisedEmail, type ContactInput } from '../notifications/contact.js';

/** What to correct: a field left out stays as it is; null clears an optional one. */
export interface UpdatePatientInput extends ContactInput {
  patientId: string;
  mrn?: string | null | undefined;
  nameEn?: string | null | undefined;
  nameAr?: string | null | undefined;
  dateOfBirth?: string | null | undefined;
  phone?: string | null | undefined;
}

const EDITABLE = ['mrn', 'nameEn', 'nameAr', 'dateOfBirth', 'phone', 'email', 'preferredLanguage', 'remindersByEmail', 'remindersBySms'] as const;

const text = (value: string | null | undefined) => value?.trim() || null;

/**
 * Corrects a patient's registration (ADMIN, RECEPTIONIST) under the rules of registering one:
 * MRN and English name required, the MRN unique in the tenant, a past date of birth, a phone of
 * digits. Audited with the fields before and after; nothing changes when a rule is broken.
 */
export function updatePatient(context: UseCaseContext, input: UpdatePatientInput): Promise<Result<Patient>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'managePatients');
    const patient = await findInTenant(em, Patient, input.patientId, actor.tenantId, ['input', 'patientId']);
    const next = {
      mrn: input.mrn === undefined ? patient.mrn : text(input.mrn),
      nameEn: input.nameEn === undefined ? patient.nameEn : text(input.nameEn),
      nameAr: input.nameAr === undefined ? (patient.nameAr ?? null) : text(input.nameAr),
      dateOfBirth: input.dateOfBirth === undefined ? (patient.dateOfBirth ?? null) : text(input.dateOfBirth),
      phone: input.phone === undefined ? (patient.phone ?? null) : text(input.phone),
      email: input.email === undefined ? (patient.email ?? null) : normalisedEmail(input.email),
      preferredLanguage: languageOf(input.preferredLanguage, patient.preferredLanguage),
      remindersByEmail: input.remindersByEmail ?? patient.remindersByEmail,
      remindersBySms: input.remindersBySms ?? patient.remindersBySms,
    };
    if (!next.mrn) refuse('VALIDATION', 'The MRN is required.', ['input', 'mrn'], { reason: 'REQUIRED' });
    if ((next.mrn?.length ?? 0) > 40) refuse('VALIDATION', 'The MRN has at most 40 characters.', ['input', 'mrn'], { reason: 'TOO_LONG', params: { max: 40 } });
    if (!next.nameEn) refuse('VALIDATION', 'The name is required.', ['input', 'nameEn'], { reason: 'REQUIRED' });
    if ((next.nameEn?.length ?? 0) > 200) refuse('VALIDATION', 'The name has at most 200 characters.', ['input', 'nameEn'], { reason: 'TOO_LONG', params: { max: 200 } });
    if ((next.nameAr?.length ?? 0) > 200) refuse('VALIDATION', 'The Arabic name is at most 200 characters.', ['input', 'nameAr'], { reason: 'TOO_LONG', params: { max: 200 } });
    if (next.dateOfBirth && (!isValidLocalDate(next.dateOfBirth) || next.dateOfBirth > now.toISOString().slice(0, 10))) {
      refuse('VALIDATION', 'The date of birth must be a past date such as 2019-05-01.', ['input', 'dateOfBirth'], { reason: 'DATE_OF_BIRTH_NOT_PAST' });
    }
    if (next.phone && !/^\+?[0-9 ()-]{5,20}$/.test(next.phone)) {
      refuse('VALIDATION', 'The phone number may hold digits, spaces, + ( ) and -.', ['input', 'phone'], { reason: 'NOT_A_PHONE' });
    }
    if (next.mrn !== patient.mrn && (await em.count(Patient, { tenant: actor.tenantId, mrn: next.mrn, id: { $ne: patient.id } })) > 0) {
      refuse('CONFLICT', 'A patient with this MRN exists.', ['input', 'mrn']);
    }
    const before: Record<string, string | boolean | null> = {};
    const after: Record<string, string | boolean | null> = {};
    for (const field of EDITABLE) {
      const current = (patient[field] as string | boolean | null | undefined) ?? null;
      if (current === next[field]) continue;
      before[field] = current;
      after[field] = next[field];
    }
    const { mrn, nameEn } = next;
    if (Object.keys(after).length === 0 || !mrn || !nameEn) return patient;
    patient.mrn = mrn;
    patient.nameEn = nameEn;
    patient.nameAr = next.nameAr;
    patient.dateOfBirth = next.dateOfBirth;
    patient.phone = next.phone;
    patient.email = next.email;
    patient.preferredLanguage = next.preferredLanguage;
    if ('remindersByEmail' in after || 'remindersBySms' in after) {
      // Consent given or withdrawn: when and by whom is kept (and audited with the change).
      patient.remindersByEmail = next.remindersByEmail;
      patient.remindersBySms = next.remindersBySms;
      patient.consentRecordedAt = now;
      patient.consentRecordedBy = actor.userId ? em.getReference(User, actor.userId) : null;
    }
    recordAudit(em, actor, now, [{ operation: 'updatePatient', entityType: 'Patient', entityId: patient.id, before, after }]);
    await em.flush();
    return patient;
  });
}
