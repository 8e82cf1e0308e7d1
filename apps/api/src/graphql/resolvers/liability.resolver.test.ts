import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EMAILS, globalIdFromSql, sqlRows, startSeededApi, uuidOf, type SeededApi } from '../../testing/graphql-client.js';

/**
 * The package liability report over HTTP, on the demo data: ADMIN and FINANCE read it; the
 * closing balance is what the open purchases hold; other roles are refused and another tenant
 * sees nothing of it.
 */

let api: SeededApi;
let alNoorClinic: string;

const REPORT = /* GraphQL */ `
  query ($from: Date!, $to: Date!, $clinicId: ID) {
    packageLiability(from: $from, to: $to, clinicId: $clinicId) {
      currency from to opening sold recognised sessionsRecognised breakage refunded transferredIn transferredOut closing csv
      entries { kind amount occurredOn transferDirection packagePurchase { id status } }
    }
  }
`;

interface Report {
  currency: string;
  opening: string;
  sold: string;
  recognised: string;
  closing: string;
  csv: string;
  entries: Array<{ kind: string; amount: string; occurredOn: string; packagePurchase: { id: string } }>;
}

/** The year up to the demo's "now" (2026-11-24). */
const PERIOD = { from: '2026-01-01', to: '2026-11-24' };

beforeAll(async () => {
  api = await startSeededApi();
  alNoorClinic = await globalIdFromSql(
    api.db,
    'Clinic',
    `select c.id from clinic c join tenant t on t.id = c.tenant_id where t.slug = 'al-noor' order by c.created_at limit 1`,
  );
});

afterAll(async () => {
  await api?.close();
});

describe('packageLiability over HTTP', () => {
  it("answers FINANCE and ADMIN the same report, closing at what Al Noor's open purchases hold", async () => {
    const finance = await api.as(DEMO_EMAILS.finance);
    const { packageLiability: report } = await finance.data<{ packageLiability: Report }>(REPORT, PERIOD);
    const [held] = await sqlRows<{ liability: string; purchases: string[] }>(
      api.db,
      `select coalesce(sum(p.liability), 0)::numeric(12,2)::text as liability, array_agg(p.id) filter (where p.liability > 0) as purchases
         from package_purchase p join tenant t on t.id = p.tenant_id where t.slug = 'al-noor' and p.status = 'ACTIVE'`,
    );
    expect(report.currency).toBe('SAR');
    expect(report.opening).toBe('0.00');
    expect(Number(report.sold)).toBeGreaterThan(0);
    expect(report.closing).toBe(held!.liability);
    expect(report.entries.length).toBeGreaterThan(0);
    expect(report.entries.every((entry) => /^\d+\.\d{2}$/.test(entry.amount))).toBe(true);
    const reported = new Set(report.entries.map((entry) => uuidOf(entry.packagePurchase.id)));
    for (const purchase of held!.purchases ?? []) expect(reported.has(purchase)).toBe(true);
    const lines = report.csv.split('\r\n');
    expect(lines[0]).toBe('record,date,kind,direction,package_purchase_id,clinic_id,sessions,amount,currency');
    expect(lines).toContain(`figure,2026-11-24,CLOSING,,,,,${report.closing},SAR`);
    expect(lines.filter((line) => line.startsWith('entry,'))).toHaveLength(report.entries.length);

    const admin = await api.as(DEMO_EMAILS.admin);
    expect((await admin.data<{ packageLiability: Report }>(REPORT, PERIOD)).packageLiability).toEqual(report);
    const oneClinic = (await admin.data<{ packageLiability: Report }>(REPORT, { ...PERIOD, clinicId: alNoorClinic })).packageLiability;
    expect(Number(oneClinic.closing)).toBeLessThanOrEqual(Number(report.closing));
  });

  it('refuses RECEPTIONIST and CLINICIAN with FORBIDDEN', async () => {
    for (const email of [DEMO_EMAILS.reception, DEMO_EMAILS.clinician]) {
      const answer = await (await api.as(email)).failure(REPORT, PERIOD);
      expect(answer.status).toBe(200);
      expect(answer.data).toBeNull();
      expect(answer.errors.map((error) => error.extensions?.['code'])).toEqual(['FORBIDDEN']);
    }
  });

  it("shows another tenant nothing of Al Noor's ledger", async () => {
    const other = await api.as(DEMO_EMAILS.otherAdmin);
    const foreign = await other.failure(REPORT, { ...PERIOD, clinicId: alNoorClinic });
    expect(foreign.errors.map((error) => [error.extensions?.['code'], error.extensions?.['field']])).toEqual([['NOT_FOUND', ['clinicId']]]);
    const { packageLiability: theirs } = await other.data<{ packageLiability: Report }>(REPORT, PERIOD);
    const alNoorPurchases = new Set(
      (await sqlRows<{ id: string }>(api.db, `select p.id from package_purchase p join tenant t on t.id = p.tenant_id where t.slug = 'al-noor'`)).map((row) => row.id),
    );
    expect(theirs.entries.filter((entry) => alNoorPurchases.has(uuidOf(entry.packagePurchase.id)))).toEqual([]);
  });

  it('answers a bad period with VALIDATION, not a fault', async () => {
    const finance = await api.as(DEMO_EMAILS.finance);
    const answer = await finance.failure(REPORT, { from: '2026-11-24', to: '2026-11-01' });
    expect(answer.errors.map((error) => [error.extensions?.['code'], error.extensions?.['field']])).toEqual([['VALIDATION', ['to']]]);
  });
});
