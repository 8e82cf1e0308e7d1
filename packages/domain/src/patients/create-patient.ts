import { authorize } from '../kernel/actor.js';
import { refuse, type Result } from '../kernel/domain-error.js';
import { isValidLocalDate } from '../kernel/local-time.js';
import { inTransaction, type UseCaseContext } from '../kernel/use-case.js';
import { recordAudit } from '../audit/audit-log.js';
import { Patient } from './patient.entity.js';
import { languageOf, normalisedEmail, type ContactInput } from '../notifications/contact.js';

export interface CreatePatientInput extends ContactInput {
  mrn: string;
  nameEn: string;
  nameAr?: string | null | undefined;
  dateOfBirth?: string | null | undefined;
  phone?: string | null | undefined;
}

const text = (value: string | null | undefined) => value?.trim() || null;

export function createPatient(context: UseCaseContext, input: CreatePatientInput): Promise<Result<Patient>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'managePatients');
    const mrn = input.mrn.trim();
    const nameEn = input.nameEn.trim();
    if (!mrn) refuse('VALIDATION', 'The MRN is required.', ['input', 'mrn'], { reason: 'REQUIRED' });
    if (mrn.length > 40) refuse('VALIDATION', 'The MRN has at most 40 characters.', ['input', 'mrn'], { reason: 'TOO_LONG', params: { max: 40 } });
    if (!nameEn) refuse('VALIDATION', 'The name is required.', ['input', 'nameEn'], { reason: 'REQUIRED' });
    if (nameEn.length > 200) refuse('VALIDATION', 'The name has at most 200 characters.', ['input', 'nameEn'], { reason: 'TOO_LONG', params: { max: 200 } });
    if ((input.nameAr?.length ?? 0) > 200) refuse('VALIDATION', 'The Arabic name is at most 200 characters.', ['input', 'nameAr'], { reason: 'TOO_LONG', params: { max: 200 } });
    if (input.dateOfBirth && (!isValidLocalDate(input.dateOfBirth) || input.dateOfBirth > now.toISOString().slice(0, 10))) {
      refuse('VALIDATION', 'The date of birth must be a past date such as 2019-05-01.', ['input', 'dateOfBirth'], { reason: 'DATE_OF_BIRTH_NOT_PAST' });
    }
    if (input.phone && !/^\+?[0-9 ()-]{5,20}$/.test(input.phone)) {
      refuse('VALIDATION', 'The phone number may hold digits, spaces, + ( ) and -.', ['input', 'phone'], { reason: 'NOT_A_PHONE' });
    }
    const email = normalisedEmail(input.email);
    const preferredLanguage = languageOf(input.preferredLanguage, 'en');
    const remindersByEmail = input.remindersByEmail ?? false;
    const remindersBySms = input.remindersBySms ?? false;
    const consented = remindersByEmail || remindersBySms;
    if ((await em.count(Patient, { tenant: actor.tenantId, mrn })) > 0) {
      refuse('CONFLICT', 'A patient with this MRN exists.', ['input', 'mrn']);
    }
    const patient = em.create(Patient, {
      tenant: actor.tenantId,
      mrn,
      nameEn,
      nameAr: text(input.nameAr),
      dateOfBirth: text(input.dateOfBirth),
      phone: text(input.phone),
      email,
      preferredLanguage,
      remindersByEmail,
      remindersBySms,
      consentRecordedAt: consented ? now : null,
      consentRecordedBy: consented ? actor.userId : null,
      createdAt: now,
    });
    recordAudit(em, actor, now, [{ operation: 'createPatient', entityType: 'Patient', entityId: patient.id, after: { mrn, nameEn, ...(consented ? { remindersByEmail, remindersBySms } : {}) } }]);
    await em.flush();
    return patient;
  });
}
