import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EMAILS, GraphqlClient, loadCatalogue, startSeededApi, type Catalogue, type SeededApi } from '../testing/graphql-client.js';

/**
 * Efficiency (issue 4, item 5): the appointments connection of 50 package sessions, with each
 * session's patient, provider, service and package purchase, takes at most 4 SQL statements for
 * the whole HTTP request, sign-in check included. The test database logs every statement the
 * ORM sends; the 50 sessions are made over the API by auto-scheduling a 50-session package.
 */

let api: SeededApi;
let admin: GraphqlClient;
let catalogue: Catalogue;
let purchaseId: string;
let patientId: string;

const CONNECTION = /* GraphQL */ `
  query ($f: AppointmentFilter) {
    appointments(filter: $f, first: 50) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        node {
          id number startsAt endsAt status sessionNumberInPackage
          patient { id mrn nameEn nameAr }
          provider { id name }
          service { id code durationMinutes }
          packagePurchase { id status totalSessions sessionsUsed }
        }
      }
    }
  }
`;

interface Connection {
  appointments: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string };
    edges: Array<{
      cursor: string;
      node: {
        id: string;
        sessionNumberInPackage: number;
        startsAt: string;
        patient: { id: string; mrn: string };
        provider: { id: string; name: string };
        service: { id: string; code: string; durationMinutes: number };
        packagePurchase: { id: string; totalSessions: number; sessionsUsed: number };
      };
    }>;
  };
}

/** The statements the ORM sent while `work` ran, and its result. */
async function statementsOf<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  api.db.resetQueryLog();
  const result = await work();
  return { result, statements: [...api.db.queries] };
}

beforeAll(async () => {
  api = await startSeededApi();
  admin = await api.as(DEMO_EMAILS.admin);
  catalogue = await loadCatalogue(admin);

  const { createPackage } = await admin.data<{ createPackage: { package: { id: string; totalSessions: number } } }>(
    `mutation ($input: CreatePackageInput!) { createPackage(input: $input) { package { id totalSessions } userErrors { code message } } }`,
    { input: { nameEn: '50 SLP Sessions', nameAr: '50 جلسة نطق', price: '12000.00', validityDays: 365, services: [{ serviceId: catalogue.services['SLP-THERAPY'], sessions: 50 }] } },
  );
  expect(createPackage.package.totalSessions).toBe(50);
  const { createPatient } = await admin.data<{ createPatient: { patient: { id: string } } }>(
    'mutation { createPatient(input: { mrn: "MRN-950050", nameEn: "Fifty Sessions", nameAr: "خمسون جلسة" }) { patient { id } userErrors { code } } }',
  );
  patientId = createPatient.patient.id;
  const { purchasePackage } = await admin.data<{ purchasePackage: { invoice: { id: string } } }>(
    'mutation ($p: ID!, $k: ID!) { purchasePackage(input: { patientId: $p, packageId: $k }) { invoice { id } userErrors { code } } }',
    { p: patientId, k: createPackage.package.id },
  );
  const { payInvoice } = await admin.data<{ payInvoice: { packagePurchase: { id: string } } }>(
    'mutation ($i: ID!) { payInvoice(input: { invoiceId: $i }) { packagePurchase { id } userErrors { code } } }',
    { i: purchasePackage.invoice.id },
  );
  purchaseId = payInvoice.packagePurchase.id;
  // Two providers, so that the providers of the page are more than one row.
  const nada = catalogue.providers['Nada Al-Shammari']!;
  const { schedulePackage } = await admin.data<{ schedulePackage: { appointments: unknown[]; schedulingErrors: unknown[]; userErrors: unknown[] } }>(
    `mutation ($input: SchedulePackageInput!) { schedulePackage(input: $input) { appointments { id } schedulingErrors { sessionNumber code } userErrors { code message } } }`,
    {
      input: {
        packagePurchaseId: purchaseId,
        providerId: catalogue.providers['Huda Al-Otaibi'],
        providerAssignments: Array.from({ length: 25 }, (_, index) => ({ sessionNumber: 2 * index + 2, providerId: nada })),
        startDate: '2026-11-25',
      },
    },
  );
  expect(schedulePackage.userErrors).toEqual([]);
  expect(schedulePackage.schedulingErrors).toEqual([]);
  expect(schedulePackage.appointments).toHaveLength(50);
});
afterAll(() => api?.close());

describe('the appointments connection of 50 package sessions', () => {
  it('answers all 50 with patient, provider, service and purchase in at most 4 SQL statements', async () => {
    const { result, statements } = await statementsOf(() => admin.data<Connection>(CONNECTION, { f: { packagePurchaseId: purchaseId } }));
    const { appointments } = result;
    expect(appointments.totalCount).toBe(50);
    expect(appointments.pageInfo.hasNextPage).toBe(false);
    expect(appointments.edges.map((e) => e.node.sessionNumberInPackage)).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
    for (const { node } of appointments.edges) {
      expect(node.patient).toMatchObject({ id: patientId, mrn: 'MRN-950050' });
      expect(node.service).toMatchObject({ code: 'SLP-THERAPY', durationMinutes: 45 });
      expect(node.packagePurchase).toMatchObject({ id: purchaseId, totalSessions: 50, sessionsUsed: 0 });
      expect(node.provider.name).toBe(node.sessionNumberInPackage % 2 === 0 ? 'Nada Al-Shammari' : 'Huda Al-Otaibi');
    }
    console.log(`statement count, 50 package sessions with patient, provider, service, purchase: ${statements.length}\n${statements.join('\n')}`);
    expect(statements.length, statements.join('\n')).toBeGreaterThan(0);
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(4);
  });

  it('takes as many statements for 50 sessions as for 5: nothing is fetched per row', async () => {
    const small = await statementsOf(() =>
      admin.data<Connection>(CONNECTION.replace('first: 50', 'first: 5'), { f: { packagePurchaseId: purchaseId } }),
    );
    const large = await statementsOf(() => admin.data<Connection>(CONNECTION, { f: { packagePurchaseId: purchaseId } }));
    expect(small.result.appointments.edges).toHaveLength(5);
    expect(large.statements.length).toBe(small.statements.length);
  });

  it('takes at most 4 statements too when the caller signs in with an API token', async () => {
    const { createApiToken } = await admin.data<{ createApiToken: { secret: string } }>('mutation { createApiToken(input: { name: "statement count" }) { secret } }');
    const integration = new GraphqlClient(api.url, createApiToken.secret);
    const { result, statements } = await statementsOf(() => integration.data<Connection>(CONNECTION, { f: { packagePurchaseId: purchaseId } }));
    expect(result.appointments.edges).toHaveLength(50);
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(4);
  });
});

describe('other lists with their relations', () => {
  /** Statements for a page of `first` rows of `document`. */
  async function countFor(document: string, first: number) {
    const { statements } = await statementsOf(() => admin.data(document.replace('$FIRST', String(first))));
    return statements.length;
  }

  it('the purchase progress of a page of appointments is batched too', async () => {
    const document = '{ appointments(first: $FIRST) { edges { node { id packagePurchase { sessionsUnscheduled progress { totalSessions } } } } } }';
    expect(await countFor(document, 50)).toBe(await countFor(document, 3));
  });

  it('patients with their purchases take as many statements for 20 patients as for 2', async () => {
    const document = '{ patients(first: $FIRST) { id packagePurchases { id status } } }';
    expect(await countFor(document, 20)).toBe(await countFor(document, 2));
  });

  it('appointments with their history take as many statements for 20 as for 2', async () => {
    const document = '{ appointments(first: $FIRST) { edges { node { id history { operation actor { email } } } } } }';
    expect(await countFor(document, 20)).toBe(await countFor(document, 2));
  });
});
