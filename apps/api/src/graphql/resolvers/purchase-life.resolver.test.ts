import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EMAILS, loadCatalogue, startSeededApi, type Catalogue, type GraphqlClient, type SeededApi, type UserErrors } from '../../testing/graphql-client.js';

/**
 * A purchase's life beyond use, over HTTP: cancelling with a refund. Refusals are userErrors
 * with stable codes and change nothing.
 */

let api: SeededApi;
let reception: GraphqlClient;
let finance: GraphqlClient;
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
