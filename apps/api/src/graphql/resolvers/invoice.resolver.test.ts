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
 * The money side over HTTP: an invoice with subtotal, tax and total; partial payments; the
 * payment that settles it creates the purchase and its liability; void; the open-invoice rule;
 * invoices and a patient's balance; each refusal a userError that changes nothing.
 */

let api: SeededApi;
let reception: GraphqlClient;
let finance: GraphqlClient;
let catalogue: Catalogue;

const INVOICE = /* GraphQL */ `
  fragment I on Invoice {
    id status currency subtotal tax total amountPaid balance
    payments { id amount method reference receivedAt }
  }
`;

interface Invoice {
  id: string;
  status: string;
  currency: string;
  subtotal: string;
  tax: string;
  total: string;
  amountPaid: string;
  balance: string;
  payments: Array<{ id: string; amount: string; method: string; reference: string | null }>;
}

async function newPatient(mrn: string): Promise<string> {
  const { createPatient } = await reception.data<{ createPatient: { patient: { id: string } } & UserErrors }>(
    'mutation ($i: CreatePatientInput!) { createPatient(input: $i) { patient { id } userErrors { code } } }',
    { i: { mrn, nameEn: `Patient ${mrn}` } },
  );
  return createPatient.patient.id;
}

async function issue(patientId: string, allowAnotherOpenInvoice?: boolean) {
  const { purchasePackage } = await reception.data<{ purchasePackage: { invoice: Invoice | null } & UserErrors }>(
    `${INVOICE} mutation ($i: PurchasePackageInput!) { purchasePackage(input: $i) { invoice { ...I } userErrors { code field } } }`,
    { i: { patientId, packageId: catalogue.packages['10 SLP Sessions'], allowAnotherOpenInvoice } },
  );
  return purchasePackage;
}

async function pay(client: GraphqlClient, invoiceId: string, amount: string, method = 'CASH', reference?: string) {
  const { recordPayment } = await client.data<{
    recordPayment: {
      payment: { amount: string; method: string } | null;
      invoice: Invoice | null;
      packagePurchase: { id: string; status: string; liability: string; recognised: string; refunded: string; breakage: string; frozenDays: number; transferredTo: null } | null;
    } & UserErrors;
  }>(
    `${INVOICE} mutation ($i: RecordPaymentInput!) {
      recordPayment(input: $i) {
        payment { amount method } invoice { ...I }
        packagePurchase { id status liability recognised refunded breakage frozenDays transferredTo { id } transferredFrom { id } }
        userErrors { code field }
      }
    }`,
    { i: { invoiceId, amount, method, reference } },
  );
  return recordPayment;
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

describe('invoices and payments over HTTP', () => {
  it('issues with subtotal, tax and total; partial payments settle it and create the purchase with its liability', async () => {
    const patientId = await newPatient('MONEY-1');
    const issued = await issue(patientId);
    expect(issued.userErrors).toEqual([]);
    expect(issued.invoice).toMatchObject({ status: 'ISSUED', currency: 'SAR', subtotal: '2700.00', tax: '405.00', total: '3105.00', amountPaid: '0.00', balance: '3105.00', payments: [] });
    const invoiceId = issued.invoice!.id;

    const first = await pay(reception, invoiceId, '1000');
    expect(first).toMatchObject({ userErrors: [], payment: { amount: '1000.00', method: 'CASH' }, packagePurchase: null });
    expect(first.invoice).toMatchObject({ status: 'ISSUED', amountPaid: '1000.00', balance: '2105.00' });

    const { patient } = await finance.data<{ patient: { balance: string } }>('query ($id: ID!) { patient: node(id: $id) { ... on Patient { balance } } }', { id: patientId });
    expect(patient.balance).toBe('2105.00');

    const over = await pay(reception, invoiceId, '2105.01');
    expect(over.userErrors).toEqual([{ code: 'OVERPAYMENT', field: ['input', 'amount'] }]);

    const last = await pay(finance, invoiceId, '2105.00', 'CARD', 'slip 7');
    expect(last.userErrors).toEqual([]);
    expect(last.invoice).toMatchObject({ status: 'PAID', amountPaid: '3105.00', balance: '0.00' });
    expect(last.invoice!.payments.map((p) => [p.amount, p.method, p.reference])).toEqual([
      ['1000.00', 'CASH', null],
      ['2105.00', 'CARD', 'slip 7'],
    ]);
    // The ledger holds the net amount: tax is owed to the state.
    expect(last.packagePurchase).toMatchObject({ status: 'ACTIVE', liability: '2700.00', recognised: '0.00', refunded: '0.00', breakage: '0.00', frozenDays: 0, transferredTo: null });

    const { invoices } = await finance.data<{ invoices: Array<{ id: string; status: string }> }>(
      'query ($p: ID) { invoices(patientId: $p) { id status } }',
      { p: patientId },
    );
    expect(invoices).toEqual([{ id: invoiceId, status: 'PAID' }]);
  });

  it('refuses a second open invoice unless asked, voids with a reason, and answers bad input with userErrors', async () => {
    const patientId = await newPatient('MONEY-2');
    const first = await issue(patientId);
    expect((await issue(patientId)).userErrors).toEqual([{ code: 'OPEN_INVOICE_EXISTS', field: ['input', 'packageId'] }]);
    const second = await issue(patientId, true);
    expect(second.userErrors).toEqual([]);

    const voidAs = (client: GraphqlClient, invoiceId: string, reason: string) =>
      client.data<{ voidInvoice: { invoice: { status: string } | null } & UserErrors }>(
        'mutation ($i: VoidInvoiceInput!) { voidInvoice(input: $i) { invoice { status } userErrors { code field } } }',
        { i: { invoiceId, reason } },
      );
    expect((await voidAs(reception, first.invoice!.id, 'Duplicate')).voidInvoice.userErrors).toEqual([{ code: 'FORBIDDEN', field: null }]);
    expect((await voidAs(finance, first.invoice!.id, ' ')).voidInvoice.userErrors).toEqual([{ code: 'VALIDATION', field: ['input', 'reason'] }]);
    expect((await voidAs(finance, first.invoice!.id, 'Duplicate')).voidInvoice).toEqual({ invoice: { status: 'VOID' }, userErrors: [] });
    expect((await pay(reception, first.invoice!.id, '1.00')).userErrors).toEqual([{ code: 'INVOICE_VOID', field: ['input', 'invoiceId'] }]);
    expect((await pay(reception, second.invoice!.id, '1.005')).userErrors).toEqual([{ code: 'VALIDATION', field: ['input', 'amount'] }]);
    const [row] = await sqlRows<{ n: number }>(api.db, `select count(*)::int as n from payment where invoice_id in (select id from invoice where patient_id = (select id from patient where mrn = 'MONEY-2'))`);
    expect(row!.n).toBe(0);

    const { invoices } = await finance.data<{ invoices: Array<{ status: string }> }>('query ($p: ID) { invoices(patientId: $p, status: [VOID]) { status } }', { p: patientId });
    expect(invoices).toEqual([{ status: 'VOID' }]);
  });

  it('shows the demo purchases\' ledger and keeps money from a clinician', async () => {
    const purchaseId = await globalIdFromSql(api.db, 'PackagePurchase', `select id from package_purchase where status = 'COMPLETED' limit 1`);
    const { node } = await finance.data<{ node: { liability: string; recognised: string; invoice: { subtotal: string } } }>(
      'query ($id: ID!) { node(id: $id) { ... on PackagePurchase { liability recognised invoice { subtotal } } } }',
      { id: purchaseId },
    );
    expect(node.liability).toBe('0.00');
    expect(node.recognised).toBe(node.invoice.subtotal);

    const clinician = await api.as(DEMO_EMAILS.clinician);
    const answer = await clinician.failure('{ invoices { id } }');
    expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
