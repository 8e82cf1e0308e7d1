import { DEMO_EMAILS, loadCatalogue, startSeededApi, type Catalogue, type GraphqlClient, type SeededApi } from './graphql-client.js';

/**
 * The seeded API as the front desk uses it in the scheduler's resolver tests: the server, the
 * receptionist signed in, the demo catalogue's ids, and a way to sell a paid package to a new patient.
 */
export interface DeskApi {
  readonly api: SeededApi;
  readonly reception: GraphqlClient;
  readonly catalogue: Catalogue;
  /** A new patient of that MRN who bought and paid a package of the demo catalogue ("10 SLP Sessions" unless told). */
  paidPurchase(mrn: string, packageName?: string): Promise<{ patientId: string; purchaseId: string }>;
  close(): Promise<void>;
}

export async function startDeskApi(): Promise<DeskApi> {
  const api = await startSeededApi();
  const reception = await api.as(DEMO_EMAILS.reception);
  const catalogue = await loadCatalogue(reception);
  return {
    api,
    reception,
    catalogue,
    async paidPurchase(mrn, packageName = '10 SLP Sessions') {
      const { createPatient } = await reception.data<{ createPatient: { patient: { id: string } } }>(
        'mutation ($i: CreatePatientInput!) { createPatient(input: $i) { patient { id } } }',
        { i: { mrn, nameEn: `Patient ${mrn}` } },
      );
      const patientId = createPatient.patient.id;
      const { purchasePackage } = await reception.data<{ purchasePackage: { invoice: { id: string } } }>(
        'mutation ($i: PurchasePackageInput!) { purchasePackage(input: $i) { invoice { id } } }',
        { i: { patientId, packageId: catalogue.packages[packageName] } },
      );
      const { payInvoice } = await reception.data<{ payInvoice: { packagePurchase: { id: string } } }>(
        'mutation ($id: ID!) { payInvoice(input: { invoiceId: $id }) { packagePurchase { id } } }',
        { id: purchasePackage.invoice.id },
      );
      return { patientId, purchaseId: payInvoice.packagePurchase.id };
    },
    close: () => api.close(),
  };
}
