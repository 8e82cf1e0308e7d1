import type { EntityManager } from '@mikro-orm/postgresql';
import { localDateOf } from '../kernel/local-time.js';

/**
 * Human numbers from PostgreSQL sequences, many in one statement: APT-2026-000042.
 * Sequences never hand out a number twice, even to concurrent transactions.
 */
async function nextNumbers(
  em: EntityManager,
  sequence: string,
  prefix: string,
  count: number,
  now: Date,
  zone: string,
): Promise<string[]> {
  if (count === 0) return [];
  const rows = await em.execute<{ n: string }[]>(`select nextval('${sequence}')::text as n from generate_series(1, ?)`, [count]);
  // The clinic's year: a booking at 01:00 on 1 January in Riyadh is numbered in the new year.
  const year = localDateOf(now, zone).slice(0, 4);
  return rows.map((row) => `${prefix}-${year}-${row.n.padStart(6, '0')}`);
}

export const nextAppointmentNumbers = (em: EntityManager, count: number, now: Date, zone: string) =>
  nextNumbers(em, 'appointment_number_seq', 'APT', count, now, zone);

export const nextInvoiceNumber = async (em: EntityManager, now: Date, zone: string) =>
  (await nextNumbers(em, 'invoice_number_seq', 'INV', 1, now, zone))[0] as string;
