import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Human numbers from PostgreSQL sequences, many in one statement: APT-2026-000042.
 * Sequences never hand out a number twice, even to concurrent transactions.
 */
async function nextNumbers(em: EntityManager, sequence: string, prefix: string, count: number, now: Date): Promise<string[]> {
  if (count === 0) return [];
  const rows = await em
    .getConnection()
    .execute<{ n: string }[]>(`select nextval('${sequence}')::text as n from generate_series(1, ?)`, [count]);
  const year = now.getUTCFullYear();
  return rows.map((row) => `${prefix}-${year}-${row.n.padStart(6, '0')}`);
}

export const nextAppointmentNumbers = (em: EntityManager, count: number, now: Date) =>
  nextNumbers(em, 'appointment_number_seq', 'APT', count, now);

export const nextInvoiceNumber = async (em: EntityManager, now: Date) =>
  (await nextNumbers(em, 'invoice_number_seq', 'INV', 1, now))[0] as string;
