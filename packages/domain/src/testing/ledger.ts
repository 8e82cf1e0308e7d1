import type pg from 'pg';

/**
 * For tests that put a purchase in an ended state straight in the database: the ledger first
 * takes what is left of its liability (RECOGNISED for COMPLETED, BREAKAGE otherwise), as the use
 * cases would, then the status moves; without it the database refuses an ended purchase that
 * still holds a liability.
 */
export async function endPurchaseInDatabase(sql: pg.Pool, purchaseId: string, status: 'COMPLETED' | 'EXPIRED' | 'CANCELLED'): Promise<void> {
  await sql.query(
    `insert into ledger_entry (id, tenant_id, package_purchase_id, kind, amount, occurred_on)
     select gen_random_uuid(), tenant_id, id, $2, liability, purchase_date from package_purchase where id = $1 and liability > 0`,
    [purchaseId, status === 'COMPLETED' ? 'RECOGNISED' : 'BREAKAGE'],
  );
  await sql.query(
    `update package_purchase set status = $2, sessions_used = case when $2 = 'COMPLETED' then total_sessions else sessions_used end where id = $1`,
    [purchaseId, status],
  );
}
