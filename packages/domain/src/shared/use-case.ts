import { DriverException, type EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from './actor.js';
import { DomainError, toRefusal, type Refusal, type Result } from './domain-error.js';

/** What every use case receives: where to read and write, who acts, and when "now" is. */
export interface UseCaseContext {
  em: EntityManager;
  actor: Actor;
  now: Date;
}

/**
 * Runs one use case in one transaction. A DomainError, or a constraint the database enforced,
 * rolls everything back and comes out as a Refusal; anything else is a fault and is thrown.
 */
export async function inTransaction<T>(
  context: UseCaseContext,
  work: (em: EntityManager) => Promise<T>,
): Promise<Result<T>> {
  try {
    const value = await context.em.fork().transactional((em) => work(em));
    return { ok: true, value };
  } catch (error) {
    const refusal = asRefusal(error);
    if (refusal) return { ok: false, error: refusal };
    throw error;
  }
}

/** The same for reads: no transaction, same translation of refusals. */
export async function reading<T>(work: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    const refusal = asRefusal(error);
    if (refusal) return { ok: false, error: refusal };
    throw error;
  }
}

/** Translates what PostgreSQL refused into the domain's words; never leaks SQL. */
export function asRefusal(error: unknown): Refusal | undefined {
  if (error instanceof DomainError) return toRefusal(error);
  if (!(error instanceof DriverException)) return undefined;
  const { code, constraint } = error as DriverException & { constraint?: string };
  switch (code) {
    case '23P01':
      return {
        code: 'SLOT_TAKEN',
        message:
          constraint === 'appointment_patient_no_overlap'
            ? 'The patient already has an appointment at that time.'
            : 'The provider already has an appointment at that time.',
      };
    case '23505':
      if (constraint === 'appointment_one_live_per_session') {
        return { code: 'SLOT_TAKEN', message: 'That session of the package is already booked.' };
      }
      return { code: 'CONFLICT', message: 'That record already exists.' };
    case '23503':
      return { code: 'NOT_FOUND', message: 'A referenced record does not exist in this tenant.' };
    case '23514':
      return { code: 'VALIDATION', message: 'The change breaks a rule of the data.' };
    case '40001':
    case '40P01':
      return { code: 'CONFLICT', message: 'A concurrent change interfered; try again.' };
    default:
      // Class 22, "data exception": a NUL character in text, a number out of range...
      if (code?.startsWith('22')) return { code: 'VALIDATION', message: 'The input holds a value that cannot be stored (such as a NUL character).' };
      return undefined;
  }
}
