import { refuse } from '../kernel/domain-error.js';
import { PATIENT_LANGUAGES, type PatientLanguage } from '../patients/patient.entity.js';

/** A patient's contact details for messages, as a use case receives them (undefined: not given). */
export interface ContactInput {
  email?: string | null | undefined;
  preferredLanguage?: string | null | undefined;
  remindersByEmail?: boolean | null | undefined;
  remindersBySms?: boolean | null | undefined;
}

/** One address, no spaces, a dot in the domain; at most 254 characters (RFC 5321). */
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export function normalisedEmail(value: string | null | undefined): string | null {
  const email = value?.trim() || null;
  if (email === null) return null;
  if (email.length > 254 || !EMAIL.test(email)) {
    refuse('VALIDATION', 'The e-mail address must look like name@example.com.', ['input', 'email'], { reason: 'NOT_AN_EMAIL' });
  }
  return email.toLowerCase();
}

export function languageOf(value: string | null | undefined, fallback: PatientLanguage): PatientLanguage {
  if (value === undefined || value === null) return fallback;
  if (!(PATIENT_LANGUAGES as readonly string[]).includes(value)) {
    refuse('VALIDATION', 'The language must be en or ar.', ['input', 'preferredLanguage'], { reason: 'UNKNOWN_LANGUAGE' });
  }
  return value as PatientLanguage;
}
