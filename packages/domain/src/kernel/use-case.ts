import { DriverException, type EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from './actor.js';
import { DomainError, toRefusal, type Refusal, type Result } from './domain-error.js';
import { isDatabaseUnavailable } from './database-unavailable.js';
import { claimKey, storeAnswer, type IdempotencyClaim } from '../idempotency/claim.js';

/** What every use case receives: where to read and write, who acts, and when "now" is. */
export interface UseCaseContext {
  em: EntityManager;
  actor: Actor;
  now: Date;
  /**
   * Set by `idempotently` when the caller sent an Idempotency-Key: the transaction claims the
   * key first and stores the answer last. Only for use cases that commit one transaction.
   */
  idempotency?: IdempotencyClaim | undefined;
}

/**
 * Runs one use case in one transaction. A DomainError, or a constraint the database enforced,
 * rolls everything back and comes out as a Refusal; anything else is thrown: a fault, or the
 * database being unreachable (`isDatabaseUnavailable`), which the transport answers as "try
 * again later", never as a refusal.
 */
export async function inTransaction<T>(
  context: UseCaseContext,
  work: (em: EntityManager) => Promise<T>,
): Promise<Result<T>> {
  try {
    const { idempotency } = context;
    const value = await context.em.fork().transactional(async (em) => {
      if (idempotency) await claimKey(em, idempotency);
      const done = await work(em);
      if (idempotency) await storeAnswer(em, idempotency, done);
      return done;
    });
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
  // An unreachable database refused nothing: the caller is told to try again instead.
  if (isDatabaseUnavailable(error)) return undefined;
  if (!(error instanceof DriverException)) return undefined;
  const { code, constraint } = error as DriverException & { constraint?: string };
  switch (code) {
    case '23P01':
      if (constraint === 'appointment_slot_held') {
        return { code: 'SLOT_TAKEN', message: 'The time is held for a waitlist offer.', detail: { reason: 'SLOT_HELD' } };
      }
      if (constraint === 'waitlist_entry_one_hold_per_slot' || constraint === 'waitlist_hold_slot_taken') {
        return { code: 'SLOT_TAKEN', message: 'The time is no longer free.', detail: { reason: 'SLOT_NO_LONGER_FREE' } };
      }
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
