import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';

/**
 * Each rule here is proved by plain SQL written around the domain code: the database itself
 * must refuse the row, whatever a buggy or hostile caller sends.
 */
let db: TestDatabase;

interface TenantRows {
  tenant: string;
  clinic: string;
  provider: string;
  service: string;
  patient: string;
  package: string;
  invoice: string;
  purchase: string;
}

async function insertTenant(sql: pg.Pool, slug: string): Promise<TenantRows> {
  const ids: TenantRows = {
    tenant: randomUUID(),
    clinic: randomUUID(),
    provider: randomUUID(),
    service: randomUUID(),
    patient: randomUUID(),
    package: randomUUID(),
    invoice: randomUUID(),
    purchase: randomUUID(),
  };
  const t = ids.tenant;
  await sql.query(`insert into tenant (id, slug, name) values ($1, $2, $2)`, [t, slug]);
  await sql.query(`insert into clinic (id, tenant_id, name_en, name_ar) values ($1, $2, 'SLP', 'SLP')`, [ids.clinic, t]);
  await sql.query(`insert into provider (id, tenant_id, name) values ($1, $2, 'Dr A')`, [ids.provider, t]);
  await sql.query(`insert into provider_clinic (id, tenant_id, provider_id, clinic_id) values ($1, $2, $3, $4)`, [
    randomUUID(), t, ids.provider, ids.clinic,
  ]);
  await sql.query(
    `insert into service (id, tenant_id, clinic_id, code, name_en, name_ar, duration_minutes, price)
     values ($1, $2, $3, 'SLP-T', 'Therapy', 'Therapy', 45, '300.00')`,
    [ids.service, t, ids.clinic],
  );
  await sql.query(`insert into patient (id, tenant_id, mrn, name_en) values ($1, $2, 'MRN-1', 'Sara')`, [ids.patient, t]);
  await sql.query(
    `insert into package (id, tenant_id, clinic_id, name_en, name_ar, price, validity_days, total_sessions)
     values ($1, $2, $3, '10 SLP', '10 SLP', '2500.00', 90, 10)`,
    [ids.package, t, ids.clinic],
  );
  await sql.query(
    `insert into invoice (id, tenant_id, number, patient_id, package_id, status, currency, subtotal, tax_rate, tax, total, amount_paid, issued_at, paid_at)
     values ($1, $2, 'INV-1', $3, $4, 'PAID', 'SAR', '2500.00', 0, 0, '2500.00', '2500.00', now(), now())`,
    [ids.invoice, t, ids.patient, ids.package],
  );
  await sql.query(
    `insert into package_purchase (id, tenant_id, patient_id, package_id, invoice_id, purchase_date, expiry_date, total_sessions)
     values ($1, $2, $3, $4, $5, '2026-11-01', '2027-01-30', 10)`,
    [ids.purchase, t, ids.patient, ids.package, ids.invoice],
  );
  return ids;
}

let a: TenantRows;
let b: TenantRows;

function insertAppointment(
  rows: TenantRows,
  overrides: Partial<Record<string, unknown>> = {},
): Promise<pg.QueryResult> {
  const values: Record<string, unknown> = {
    id: randomUUID(),
    tenant_id: rows.tenant,
    number: `APT-${randomUUID().slice(0, 8)}`,
    patient_id: rows.patient,
    provider_id: rows.provider,
    clinic_id: rows.clinic,
    service_id: rows.service,
    starts_at: '2026-12-01T06:00:00Z',
    ends_at: '2026-12-01T06:45:00Z',
    status: 'BOOKED',
    ...overrides,
  };
  const columns = Object.keys(values);
  return db.sql.query(
    `insert into appointment (${columns.join(', ')}) values (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
    Object.values(values),
  );
}

function packageSession(rows: TenantRows, session: number) {
  return {
    package_id: rows.package,
    package_purchase_id: rows.purchase,
    session_number_in_package: session,
    package_total_sessions: 10,
  };
}

/** Runs the statement in a transaction that is always rolled back, so tests stay independent. */
async function refused(statement: () => Promise<unknown>): Promise<{ code: string; constraint?: string }> {
  await db.sql.query('begin');
  try {
    await statement();
  } catch (error) {
    const { code, constraint } = error as { code: string; constraint?: string };
    return { code, constraint };
  } finally {
    await db.sql.query('rollback');
  }
  throw new Error('the database accepted the row');
}

beforeAll(async () => {
  // One plain connection, so that begin/rollback in `refused` wrap the statement itself.
  db = await createTestDatabase({ sqlPoolSize: 1 });
  a = await insertTenant(db.sql, 'tenant-a');
  b = await insertTenant(db.sql, 'tenant-b');
});

afterAll(async () => {
  await db?.drop();
});

describe('tenant keys', () => {
  it('refuses an appointment of one tenant for another tenant\'s patient', async () => {
    const error = await refused(() => insertAppointment(a, { patient_id: b.patient }));
    expect(error.code).toBe('23503');
  });

  it('refuses an appointment with another tenant\'s provider', async () => {
    const error = await refused(() => insertAppointment(a, { provider_id: b.provider }));
    expect(error.code).toBe('23503');
  });

  it('refuses a purchase whose package belongs to another tenant', async () => {
    const invoice = randomUUID();
    const error = await refused(async () => {
      await db.sql.query(
        `insert into invoice (id, tenant_id, number, patient_id, package_id, currency, subtotal, tax_rate, tax, total, issued_at)
         values ($1, $2, 'INV-2', $3, $4, 'SAR', '2500.00', 0, 0, '2500.00', now())`,
        [invoice, a.tenant, a.patient, a.package],
      );
      await db.sql.query(
        `insert into package_purchase (id, tenant_id, patient_id, package_id, invoice_id, purchase_date, expiry_date, total_sessions)
         values ($1, $2, $3, $4, $5, '2026-11-01', '2027-01-30', 10)`,
        [randomUUID(), a.tenant, a.patient, b.package, invoice],
      );
    });
    expect(error.code).toBe('23503');
    expect(error.constraint).toMatch(/tenant_fk$/);
  });

  it('refuses a service line that points at another tenant\'s service', async () => {
    const error = await refused(() =>
      db.sql.query(
        `insert into package_service_line (id, tenant_id, package_id, service_id, sessions) values ($1, $2, $3, $4, 10)`,
        [randomUUID(), a.tenant, a.package, b.service],
      ),
    );
    expect(error.constraint).toBe('package_service_line_service_tenant_fk');
  });

  it('refuses a row without a tenant', async () => {
    const error = await refused(() =>
      db.sql.query(`insert into patient (id, tenant_id, mrn, name_en) values ($1, null, 'X', 'X')`, [randomUUID()]),
    );
    expect(error.code).toBe('23502');
  });

  it('refuses a package session whose patient does not own the purchase', async () => {
    const other = randomUUID();
    await db.sql.query(`insert into patient (id, tenant_id, mrn, name_en) values ($1, $2, 'MRN-OTHER', 'Omar')`, [other, a.tenant]);
    try {
      const error = await refused(() => insertAppointment(a, { patient_id: other, ...packageSession(a, 1) }));
      expect(error.constraint).toBe('appointment_package_session_tenant_fk');
    } finally {
      await db.sql.query('delete from patient where id = $1', [other]);
    }
  });

  it('refuses an appointment with a provider who does not work in its clinic', async () => {
    const clinic = randomUUID();
    await db.sql.query(`insert into clinic (id, tenant_id, name_en, name_ar) values ($1, $2, 'OT', 'OT')`, [clinic, a.tenant]);
    const error = await refused(() => insertAppointment(a, { clinic_id: clinic }));
    expect(error.constraint).toBe('appointment_provider_in_clinic_tenant_fk');
  });
});

describe('package usage bounds', () => {
  it('refuses sessions_used below zero', async () => {
    const error = await refused(() => db.sql.query('update package_purchase set sessions_used = -1 where id = $1', [a.purchase]));
    expect(error.constraint).toBe('package_purchase_sessions_used_range');
  });

  it('refuses sessions_used above total_sessions', async () => {
    const error = await refused(() =>
      db.sql.query(`update package_purchase set sessions_used = 11 where id = $1`, [a.purchase]),
    );
    expect(error.constraint).toBe('package_purchase_sessions_used_range');
  });

  it('refuses session number 0 and a session number past the total', async () => {
    expect((await refused(() => insertAppointment(a, packageSession(a, 0)))).constraint).toBe('appointment_session_number_range');
    expect((await refused(() => insertAppointment(a, packageSession(a, 11)))).constraint).toBe('appointment_session_number_range');
  });

  it('refuses a package total on the appointment that differs from its purchase', async () => {
    const error = await refused(() =>
      insertAppointment(a, { ...packageSession(a, 11), package_total_sessions: 12 }),
    );
    expect(error.constraint).toBe('appointment_package_session_tenant_fk');
  });

  it('refuses a purchase without its package, and a session number without its purchase', async () => {
    const withoutPackage = await refused(() => insertAppointment(a, { ...packageSession(a, 1), package_id: null }));
    expect(withoutPackage.constraint).toBe('appointment_package_fields_together');
    const withoutPurchase = await refused(() =>
      insertAppointment(a, { ...packageSession(a, 1), package_purchase_id: null }),
    );
    expect(withoutPurchase.constraint).toBe('appointment_package_fields_together');
  });

  it('accepts a single appointment with every package field null', async () => {
    await db.sql.query('begin');
    try {
      const result = await insertAppointment(a);
      expect(result.rowCount).toBe(1);
    } finally {
      await db.sql.query('rollback');
    }
  });
});

describe('one live appointment per session', () => {
  it('refuses a second live appointment for the same session number', async () => {
    const error = await refused(async () => {
      await insertAppointment(a, packageSession(a, 3));
      await insertAppointment(a, { ...packageSession(a, 3), starts_at: '2026-12-02T06:00:00Z', ends_at: '2026-12-02T06:45:00Z' });
    });
    expect(error.code).toBe('23505');
    expect(error.constraint).toBe('appointment_one_live_per_session');
  });

  it('accepts the session again once the first appointment is cancelled', async () => {
    await db.sql.query('begin');
    try {
      await insertAppointment(a, { ...packageSession(a, 3), status: 'CANCELLED' });
      const again = await insertAppointment(a, { ...packageSession(a, 3), starts_at: '2026-12-02T06:00:00Z', ends_at: '2026-12-02T06:45:00Z' });
      expect(again.rowCount).toBe(1);
    } finally {
      await db.sql.query('rollback');
    }
  });
});

describe('no double booking', () => {
  it('refuses two live appointments of one provider that overlap', async () => {
    const patient2 = randomUUID();
    const error = await refused(async () => {
      await db.sql.query(`insert into patient (id, tenant_id, mrn, name_en) values ($1, $2, 'MRN-2', 'Ali')`, [patient2, a.tenant]);
      await insertAppointment(a);
      await insertAppointment(a, { patient_id: patient2, starts_at: '2026-12-01T06:30:00Z', ends_at: '2026-12-01T07:15:00Z' });
    });
    expect(error.code).toBe('23P01');
    expect(error.constraint).toBe('appointment_provider_no_overlap');
  });

  it('refuses two live appointments of one patient that overlap, with different providers', async () => {
    const provider2 = randomUUID();
    const error = await refused(async () => {
      await db.sql.query(`insert into provider (id, tenant_id, name) values ($1, $2, 'Dr B')`, [provider2, a.tenant]);
      await db.sql.query(`insert into provider_clinic (id, tenant_id, provider_id, clinic_id) values ($1, $2, $3, $4)`, [
        randomUUID(), a.tenant, provider2, a.clinic,
      ]);
      await insertAppointment(a);
      await insertAppointment(a, { provider_id: provider2, starts_at: '2026-12-01T06:44:00Z', ends_at: '2026-12-01T07:29:00Z' });
    });
    expect(error.code).toBe('23P01');
    expect(error.constraint).toBe('appointment_patient_no_overlap');
  });

  it('accepts back-to-back appointments and an overlap with a cancelled one', async () => {
    await db.sql.query('begin');
    try {
      await insertAppointment(a, { status: 'CANCELLED' });
      await insertAppointment(a);
      const next = await insertAppointment(a, { starts_at: '2026-12-01T06:45:00Z', ends_at: '2026-12-01T07:30:00Z' });
      expect(next.rowCount).toBe(1);
    } finally {
      await db.sql.query('rollback');
    }
  });
});

describe('appointment numbers and indexes', () => {
  it('refuses a number used twice in one tenant', async () => {
    const error = await refused(async () => {
      await insertAppointment(a, { number: 'APT-2026-000001' });
      await insertAppointment(a, { number: 'APT-2026-000001', starts_at: '2026-12-03T06:00:00Z', ends_at: '2026-12-03T06:45:00Z' });
    });
    expect(error.constraint).toBe('appointment_tenant_id_number_unique');
  });

  it('accepts the same number in another tenant', async () => {
    await db.sql.query('begin');
    try {
      await insertAppointment(a, { number: 'APT-2026-000001' });
      expect((await insertAppointment(b, { number: 'APT-2026-000001' })).rowCount).toBe(1);
    } finally {
      await db.sql.query('rollback');
    }
  });

  it('indexes the appointment\'s purchase', async () => {
    const { rows } = await db.sql.query(
      `select indexdef from pg_indexes where tablename = 'appointment' and indexdef like '%(package_purchase_id)%'`,
    );
    expect(rows).toHaveLength(1);
  });
});

describe('audit history', () => {
  it('refuses to change or delete a recorded event', async () => {
    const id = randomUUID();
    await db.sql.query(
      `insert into audit_event (id, tenant_id, occurred_at, operation, entity_type, entity_id) values ($1, $2, now(), 'test', 'Appointment', $3)`,
      [id, a.tenant, randomUUID()],
    );
    expect((await refused(() => db.sql.query(`update audit_event set operation = 'x' where id = $1`, [id]))).code).toBe('P0001');
    expect((await refused(() => db.sql.query('delete from audit_event where id = $1', [id]))).code).toBe('P0001');
  });
});
