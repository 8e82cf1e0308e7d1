import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EMAILS, loadCatalogue, startSeededApi, type Catalogue, type GraphqlClient, type SeededApi, type UserErrors } from '../../testing/graphql-client.js';

/**
 * Freezing, extending and transferring a purchase over HTTP (the API clock is 2026-11-24): each
 * refusal is a userError with a stable code that changes nothing; the transfer's two purchases
 * point to each other by every path.
 */

let api: SeededApi;
let reception: GraphqlClient;
let finance: GraphqlClient;
let admin: GraphqlClient;
let clinician: GraphqlClient;
let catalogue: Catalogue;

const PURCHASE = 'id status expiryDate frozenDays sessionsRemaining liability transferredFrom { id } transferredTo { id }';
type Purchase = { id: string; status: string; expiryDate: string; frozenDays: number; sessionsRemaining: number; liability: string | null; transferredFrom: { id: string } | null; transferredTo: { id: string } | null };

async function newPatient(mrn: string): Promise<string> {
  const { createPatient } = await reception.data<{ createPatient: { patient: { id: string } } }>(
    'mutation ($i: CreatePatientInput!) { createPatient(input: $i) { patient { id } userErrors { code } } }',
    { i: { mrn, nameEn: `Patient ${mrn}` } },
  );
  return createPatient.patient.id;
}

async function paidPurchase(patientId: string): Promise<string> {
  const { purchasePackage } = await reception.data<{ purchasePackage: { invoice: { id: string } } }>(
    'mutation ($i: PurchasePackageInput!) { purchasePackage(input: $i) { invoice { id } userErrors { code } } }',
    { i: { patientId, packageId: catalogue.packages['10 SLP Sessions'] } },
  );
  const { payInvoice } = await reception.data<{ payInvoice: { packagePurchase: { id: string } } }>(
    'mutation ($i: PayInvoiceInput!) { payInvoice(input: $i) { packagePurchase { id } userErrors { code } } }',
    { i: { invoiceId: purchasePackage.invoice.id } },
  );
  return payInvoice.packagePurchase.id;
}

async function run<T extends string>(client: GraphqlClient, name: T, inputType: string, input: Record<string, unknown>, selection = `packagePurchase { ${PURCHASE} }`) {
  const answer = await client.data<Record<T, Record<string, unknown> & UserErrors>>(
    `mutation ($i: ${inputType}!) { ${name}(input: $i) { ${selection} userErrors { code field } } }`,
    { i: input },
  );
  return answer[name];
}

async function purchaseOf(id: string, client = finance) {
  const { node } = await client.data<{ node: Purchase | null }>(`query ($id: ID!) { node(id: $id) { ... on PackagePurchase { ${PURCHASE} } } }`, { id });
  return node;
}

beforeAll(async () => {
  api = await startSeededApi();
  reception = await api.as(DEMO_EMAILS.reception);
  finance = await api.as(DEMO_EMAILS.finance);
  admin = await api.as(DEMO_EMAILS.admin);
  clinician = await api.as(DEMO_EMAILS.clinician);
  catalogue = await loadCatalogue(reception);
});

afterAll(async () => {
  await api?.close();
});

describe('freeze and extend over HTTP', () => {
  it('freezes at the desk (expiry moves by the inclusive days), extends as ADMIN; refusals change nothing', async () => {
    const id = await paidPurchase(await newPatient('FRZ-1'));
    const before = (await purchaseOf(id))!;
    expect(before).toMatchObject({ status: 'ACTIVE', frozenDays: 0, transferredFrom: null, transferredTo: null });

    const freeze = (input: Record<string, unknown>, client = reception) => run(client, 'freezePackagePurchase', 'FreezePackagePurchaseInput', { packagePurchaseId: id, reason: 'flu', ...input });
    expect((await freeze({ from: '2026-12-01', to: '2027-02-01' })).userErrors).toEqual([{ code: 'FREEZE_LIMIT_EXCEEDED', field: ['input', 'to'] }]);
    expect((await freeze({ from: '2026-11-01', to: '2026-11-30' })).userErrors).toEqual([{ code: 'VALIDATION', field: ['input', 'from'] }]);
    expect((await freeze({ from: '2026-12-01', to: '2026-12-10', reason: ' ' })).userErrors).toEqual([{ code: 'VALIDATION', field: ['input', 'reason'] }]);
    expect((await freeze({ from: '2026-12-01', to: '2026-12-10' }, clinician)).userErrors).toEqual([{ code: 'FORBIDDEN', field: null }]);
    expect(await purchaseOf(id)).toEqual(before);

    const frozen = await freeze({ from: '2026-12-01', to: '2026-12-10' });
    expect(frozen.userErrors).toEqual([]);
    expect(frozen.packagePurchase).toMatchObject({ frozenDays: 10, expiryDate: addDaysIso(before.expiryDate, 10) });

    const extend = (expiryDate: string, client = admin) => run(client, 'extendPackagePurchase', 'ExtendPackagePurchaseInput', { packagePurchaseId: id, expiryDate, reason: 'goodwill' });
    expect((await extend('2027-12-31', finance)).userErrors).toEqual([{ code: 'FORBIDDEN', field: null }]);
    expect((await extend('2026-12-01')).userErrors).toEqual([{ code: 'VALIDATION', field: ['input', 'expiryDate'] }]);
    const extended = await extend('2027-12-31');
    expect(extended).toMatchObject({ userErrors: [], packagePurchase: { expiryDate: '2027-12-31', frozenDays: 10 } });
  });
});

describe('transfer over HTTP', () => {
  it('moves the unused sessions to a sibling; both point to each other by node and by the patient', async () => {
    const patientId = await newPatient('TRF-1');
    const siblingId = await newPatient('TRF-2');
    const id = await paidPurchase(patientId);
    const transfer = (input: Record<string, unknown>, client = finance) =>
      run(client, 'transferPackagePurchase', 'TransferPackagePurchaseInput', { packagePurchaseId: id, reason: 'brother', ...input }, `from { ${PURCHASE} } to { ${PURCHASE} }`);

    expect((await transfer({ toPatientId: siblingId }, reception)).userErrors).toEqual([{ code: 'FORBIDDEN', field: null }]);
    expect((await transfer({ toPatientId: patientId })).userErrors).toEqual([{ code: 'VALIDATION', field: ['input', 'toPatientId'] }]);
    expect((await purchaseOf(id))!.status).toBe('ACTIVE');

    const done = await transfer({ toPatientId: siblingId });
    expect(done.userErrors).toEqual([]);
    const from = done.from as Purchase;
    const to = done.to as Purchase;
    expect(from).toMatchObject({ status: 'CANCELLED', liability: '0.00', transferredTo: { id: to.id }, transferredFrom: null });
    expect(to).toMatchObject({ status: 'ACTIVE', sessionsRemaining: 10, liability: '2700.00', expiryDate: from.expiryDate, transferredFrom: { id: from.id }, transferredTo: null });
    expect(await purchaseOf(to.id)).toEqual(to);

    const { node } = await reception.data<{ node: { packagePurchases: Array<{ id: string; transferredFrom: { id: string } | null }> } }>(
      'query ($id: ID!) { node(id: $id) { ... on Patient { packagePurchases { id transferredFrom { id } } } } }',
      { id: siblingId },
    );
    expect(node.packagePurchases).toEqual([{ id: to.id, transferredFrom: { id: from.id } }]);
    expect((await transfer({ toPatientId: siblingId })).userErrors).toEqual([{ code: 'PACKAGE_NOT_ACTIVE', field: ['input', 'packagePurchaseId'] }]);
  });
});

function addDaysIso(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

describe('what the server offers, and a frozen day, over HTTP', () => {
  const OFFERS = 'allowedActions freezes { startDate endDate days reason } invoice { canVoid voidBlockedBy }';
  type Offers = { allowedActions: string[]; freezes: { startDate: string; endDate: string; days: number; reason: string }[]; invoice: { canVoid: boolean; voidBlockedBy: string | null } };
  const offersOf = async (id: string, client: GraphqlClient) =>
    (await client.data<{ node: Offers | null }>(`query ($id: ID!) { node(id: $id) { ... on PackagePurchase { ${OFFERS} } } }`, { id })).node;

  it('offers each role its changes and says why a paid invoice cannot be voided; a session on a frozen day is refused by code', async () => {
    const patientId = await newPatient('FRZ-OFFER');
    const id = await paidPurchase(patientId);
    expect((await offersOf(id, admin))?.allowedActions).toEqual(['FREEZE', 'EXTEND', 'TRANSFER', 'CANCEL']);
    expect((await offersOf(id, finance))?.allowedActions).toEqual(['FREEZE', 'TRANSFER', 'CANCEL']);
    expect(await offersOf(id, reception)).toMatchObject({ allowedActions: ['FREEZE'], freezes: [], invoice: { canVoid: false, voidBlockedBy: 'FORBIDDEN' } });
    expect((await offersOf(id, finance))?.invoice).toEqual({ canVoid: false, voidBlockedBy: 'INVOICE_ALREADY_PAID' });

    const frozen = await run(reception, 'freezePackagePurchase', 'FreezePackagePurchaseInput', { packagePurchaseId: id, from: '2026-12-01', to: '2026-12-10', reason: 'travel' });
    expect(frozen.userErrors).toEqual([]);
    expect((await offersOf(id, reception))?.freezes).toEqual([{ startDate: '2026-12-01', endDate: '2026-12-10', days: 10, reason: 'travel' }]);

    const book = (startsAt: string) =>
      reception.data<{ bookAppointment: { appointment: { id: string } | null; userErrors: { code: string; reason: string | null; params: { name: string; value: string }[] }[] } }>(
        'mutation ($i: BookAppointmentInput!) { bookAppointment(input: $i) { appointment { id } userErrors { code reason params { name value } } } }',
        { i: { patientId, providerId: catalogue.providers['Huda Al-Otaibi'], serviceId: catalogue.services['SLP-THERAPY'], startsAt, packagePurchaseId: id } },
      );
    const refused = (await book('2026-12-02T07:00:00Z')).bookAppointment;
    expect(refused).toEqual({
      appointment: null,
      userErrors: [{ code: 'PURCHASE_FROZEN', reason: 'PURCHASE_FROZEN', params: [{ name: 'from', value: '2026-12-01' }, { name: 'to', value: '2026-12-10' }] }],
    });
    expect((await purchaseOf(id))?.sessionsRemaining).toBe(10);

    // A new, unpaid invoice: finance may void it, the desk may not.
    const { purchasePackage } = await reception.data<{ purchasePackage: { invoice: { id: string } } }>(
      'mutation ($i: PurchasePackageInput!) { purchasePackage(input: $i) { invoice { id } userErrors { code } } }',
      { i: { patientId, packageId: catalogue.packages['10 SLP Sessions'] } },
    );
    const voidable = (client: GraphqlClient) =>
      client.data<{ node: { canVoid: boolean; voidBlockedBy: string | null } }>('query ($id: ID!) { node(id: $id) { ... on Invoice { canVoid voidBlockedBy } } }', { id: purchasePackage.invoice.id });
    expect((await voidable(finance)).node).toEqual({ canVoid: true, voidBlockedBy: null });
    expect((await voidable(reception)).node).toEqual({ canVoid: false, voidBlockedBy: 'FORBIDDEN' });
  });
});
