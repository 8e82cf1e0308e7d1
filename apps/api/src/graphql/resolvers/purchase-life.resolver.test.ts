import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_EMAILS,
  globalIdFromSql,
  loadCatalogue,
  sqlRows,
  startSeededApi,
  type Catalogue,
  type GraphqlClient,
  type SeededApi,
  type UserErrors,
} from '../../testing/graphql-client.js';

/**
 * A purchase's life beyond use, over HTTP: cancelling with a refund; a no-show's fee and its waiver. Refusals are userErrors
 * with stable codes and change nothing.
 */

let api: SeededApi;
let reception: GraphqlClient;
let finance: GraphqlClient;
let admin: GraphqlClient;
let catalogue: Catalogue;

const PURCHASE = 'id status liability recognised refunded breakage sessionsRemaining';

async function paidPurchase(mrn: string): Promise<string> {
  const { createPatient } = await reception.data<{ createPatient: { patient: { id: string } } }>(
    'mutation ($i: CreatePatientInput!) { createPatient(input: $i) { patient { id } userErrors { code } } }',
    { i: { mrn, nameEn: `Patient ${mrn}` } },
  );
  const { purchasePackage } = await reception.data<{ purchasePackage: { invoice: { id: string } } }>(
    'mutation ($i: PurchasePackageInput!) { purchasePackage(input: $i) { invoice { id } userErrors { code } } }',
    { i: { patientId: createPatient.patient.id, packageId: catalogue.packages['10 SLP Sessions'] } },
  );
  const { payInvoice } = await reception.data<{ payInvoice: { packagePurchase: { id: string } } }>(
    'mutation ($i: PayInvoiceInput!) { payInvoice(input: $i) { packagePurchase { id } userErrors { code } } }',
    { i: { invoiceId: purchasePackage.invoice.id } },
  );
  return payInvoice.packagePurchase.id;
}

async function cancel(client: GraphqlClient, input: Record<string, unknown>) {
  const { cancelPackagePurchase } = await client.data<{
    cancelPackagePurchase: { packagePurchase: Record<string, unknown> | null } & UserErrors;
  }>(`mutation ($i: CancelPackagePurchaseInput!) { cancelPackagePurchase(input: $i) { packagePurchase { ${PURCHASE} } userErrors { code field } } }`, {
    i: input,
  });
  return cancelPackagePurchase;
}

async function purchaseOf(id: string) {
  const { node } = await finance.data<{ node: Record<string, unknown> }>(`query ($id: ID!) { node(id: $id) { ... on PackagePurchase { ${PURCHASE} } } }`, { id });
  return node;
}

beforeAll(async () => {
  api = await startSeededApi();
  reception = await api.as(DEMO_EMAILS.reception);
  finance = await api.as(DEMO_EMAILS.finance);
  admin = await api.as(DEMO_EMAILS.admin);
  catalogue = await loadCatalogue(reception);
});

afterAll(async () => {
  await api?.close();
});

describe('cancelPackagePurchase over HTTP', () => {
  it('refuses bad input with userErrors that change nothing, then cancels with a lowered refund', async () => {
    const id = await paidPurchase('LIFE-1');
    const before = await purchaseOf(id);
    expect(before).toMatchObject({ status: 'ACTIVE', liability: '2700.00' });

    expect((await cancel(reception, { packagePurchaseId: id, reason: 'x' })).userErrors).toEqual([{ code: 'FORBIDDEN', field: null }]);
    expect((await cancel(finance, { packagePurchaseId: id, reason: ' ' })).userErrors).toEqual([{ code: 'VALIDATION', field: ['input', 'reason'] }]);
    expect((await cancel(finance, { packagePurchaseId: id, reason: 'Moving', refundAmount: '2700.01' })).userErrors).toEqual([
      { code: 'REFUND_TOO_LARGE', field: ['input', 'refundAmount'] },
    ]);
    expect((await cancel(finance, { packagePurchaseId: id, reason: 'Moving', refundAmount: '1e3' })).userErrors).toEqual([
      { code: 'VALIDATION', field: ['input', 'refundAmount'] },
    ]);
    expect(await purchaseOf(id)).toEqual(before);

    const done = await cancel(finance, { packagePurchaseId: id, reason: 'Moving', refundAmount: '2000' });
    expect(done).toMatchObject({ userErrors: [], packagePurchase: { status: 'CANCELLED', liability: '0.00', refunded: '2000.00', breakage: '700.00', sessionsRemaining: 10 } });
    expect((await cancel(finance, { packagePurchaseId: id, reason: 'Again' })).userErrors).toEqual([{ code: 'PACKAGE_NOT_ACTIVE', field: ['input', 'packagePurchaseId'] }]);
  });
});

describe('fees and waiveCharge over HTTP', () => {
  it('invoices the policy fee of a no-show, and a waiver voids it and gives the session back', async () => {
    const { setCancellationPolicy } = await admin.data<{ setCancellationPolicy: { cancellationPolicy: Record<string, unknown> } & UserErrors }>(
      `mutation { setCancellationPolicy(input: { noShowConsumesSession: true, lateCancellationConsumesSession: true, lateCancellationWindowHours: 24, noShowFee: "75" }) {
          cancellationPolicy { noShowFee lateCancellationFee graceAllowance gracePeriodDays } userErrors { code field } } }`,
    );
    expect(setCancellationPolicy).toEqual({ cancellationPolicy: { noShowFee: '75.00', lateCancellationFee: null, graceAllowance: 0, gracePeriodDays: 90 }, userErrors: [] });
    const bad = await admin.data<{ setCancellationPolicy: UserErrors }>(
      'mutation { setCancellationPolicy(input: { noShowConsumesSession: true, lateCancellationConsumesSession: true, lateCancellationWindowHours: 24, noShowFee: "-1" }) { userErrors { code field } } }',
    );
    expect(bad.setCancellationPolicy.userErrors).toEqual([{ code: 'VALIDATION', field: ['input', 'noShowFee'] }]);

    const appointmentId = await globalIdFromSql(
      api.db,
      'Appointment',
      `select id from appointment where package_purchase_id is not null and status = 'BOOKED' order by starts_at limit 1`,
    );
    const { consequence } = await admin.data<{ consequence: { consequenceOf: { fee: string | null; consumesSession: boolean } } }>(
      'query ($id: ID!) { consequence: node(id: $id) { ... on Appointment { consequenceOf(status: NO_SHOW) { fee consumesSession } } } }',
      { id: appointmentId },
    );
    expect(consequence.consequenceOf).toEqual({ fee: '75.00', consumesSession: true });
    const { setAppointmentStatus } = await admin.data<{ setAppointmentStatus: UserErrors }>(
      'mutation ($id: ID!) { setAppointmentStatus(input: { appointmentId: $id, status: NO_SHOW }) { userErrors { code } } }',
      { id: appointmentId },
    );
    expect(setAppointmentStatus.userErrors).toEqual([]);
    const { invoices } = await finance.data<{ invoices: Array<{ kind: string; subtotal: string; total: string; status: string; appointment: { id: string } | null }> }>(
      'query { invoices(status: [ISSUED], first: 100) { kind subtotal total status appointment { id } } }',
    );
    expect(invoices.filter((invoice) => invoice.kind === 'FEE')).toEqual([{ kind: 'FEE', subtotal: '75.00', total: '86.25', status: 'ISSUED', appointment: { id: appointmentId } }]);

    const WAIVE = `mutation ($i: WaiveChargeInput!) { waiveCharge(input: $i) {
        appointment { status incident graceApplied waiveReason } packagePurchase { sessionsUsed } userErrors { code field } } }`;
    const refused = await reception.data<{ waiveCharge: UserErrors }>(WAIVE, { i: { appointmentId, reason: 'Ill' } });
    expect(refused.waiveCharge.userErrors).toEqual([{ code: 'FORBIDDEN', field: null }]);
    const { waiveCharge } = await finance.data<{ waiveCharge: { appointment: Record<string, unknown>; packagePurchase: { sessionsUsed: number } } & UserErrors }>(WAIVE, {
      i: { appointmentId, reason: 'Ill' },
    });
    expect(waiveCharge).toMatchObject({ userErrors: [], appointment: { status: 'NO_SHOW', incident: 'NO_SHOW', graceApplied: false, waiveReason: 'Ill' } });
    const again = await finance.data<{ waiveCharge: UserErrors }>(WAIVE, { i: { appointmentId, reason: 'Ill' } });
    expect(again.waiveCharge.userErrors).toEqual([{ code: 'NOTHING_TO_WAIVE', field: ['input', 'appointmentId'] }]);
  });
});

describe('receipt data over HTTP', () => {
  it('gives each invoice the seller, the VAT number and the ZATCA QR content', async () => {
    await sqlRows(api.db, `update tenant set vat_number = '300000000000003' where name = 'Al Noor Rehabilitation Center'`);
    const { invoices } = await finance.data<{ invoices: Array<{ sellerName: string; vatNumber: string | null; zatcaQr: string | null; total: string; tax: string; issuedAt: string }> }>(
      'query { invoices(first: 1) { sellerName vatNumber zatcaQr total tax issuedAt } }',
    );
    const [invoice] = invoices;
    expect(invoice!.sellerName).toBe('Al Noor Rehabilitation Center');
    expect(invoice!.vatNumber).toBe('300000000000003');
    const bytes = Buffer.from(invoice!.zatcaQr!, 'base64');
    const fields: string[] = [];
    for (let at = 0; at < bytes.length; at += 2 + bytes[at + 1]!) fields.push(`${bytes[at]}:${bytes.subarray(at + 2, at + 2 + bytes[at + 1]!).toString('utf8')}`);
    expect(fields).toEqual([
      '1:Al Noor Rehabilitation Center',
      `2:${invoice!.vatNumber}`,
      `3:${new Date(invoice!.issuedAt).toISOString().replace(/\.\d{3}Z$/, 'Z')}`,
      `4:${invoice!.total}`,
      `5:${invoice!.tax}`,
    ]);
  });

  it('filters invoices by the instant they were issued', async () => {
    const { all } = await finance.data<{ all: Array<{ id: string; issuedAt: string }> }>('query { all: invoices(first: 1) { id issuedAt } }');
    const at = all[0]!.issuedAt;
    const { inside, after } = await finance.data<{ inside: Array<{ id: string }>; after: Array<{ id: string }> }>(
      'query ($from: DateTime, $before: DateTime, $late: DateTime) { inside: invoices(issuedFrom: $from, issuedBefore: $before) { id } after: invoices(issuedFrom: $late) { id } }',
      { from: at, before: new Date(new Date(at).getTime() + 1000).toISOString(), late: '2100-01-01T00:00:00Z' },
    );
    expect(inside.map((invoice) => invoice.id)).toContain(all[0]!.id);
    expect(after).toEqual([]);
  });
});
