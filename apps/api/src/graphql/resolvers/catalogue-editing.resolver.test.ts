import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EMAILS, NOW, globalIdOf, loadCatalogue, sqlRows, startSeededApi, type SeededApi } from '../../testing/graphql-client.js';

/**
 * The catalogue over HTTP: an ADMIN adds a service and a package with it, the desk sells it, a
 * new price applies to the next sale while the sold purchase keeps its own, retiring takes it
 * off sale; a provider cannot leave a clinic where appointments lie ahead (they are listed);
 * each token names its creator; the desk may not edit the catalogue.
 */

let api: SeededApi;
type Errors = { userErrors: Array<{ code: string; field: string[] | null; reason: string | null }> };

const UPDATE_PACKAGE = /* GraphQL */ `
  mutation ($input: UpdatePackageInput!) { updatePackage(input: $input) { package { id price onSale totalSessions } userErrors { code field reason } } }
`;
const PACKAGES = /* GraphQL */ `query ($all: Boolean) { packages(includeRetired: $all) { id nameEn onSale } }`;

beforeAll(async () => {
  api = await startSeededApi();
});
afterAll(async () => {
  await api?.close();
});

describe('the catalogue over HTTP', () => {
  it('a price change reaches later sales only; retiring takes the package off sale; the desk cannot edit', async () => {
    const admin = await api.as(DEMO_EMAILS.admin);
    const reception = await api.as(DEMO_EMAILS.reception);
    const catalogue = await loadCatalogue(admin);
    const clinicId = Object.values(catalogue.clinics)[0]!;
    const { createService } = await admin.data<{ createService: Errors & { service: { id: string } } }>(
      `mutation ($input: CreateServiceInput!) { createService(input: $input) { service { id } userErrors { code field reason } } }`,
      { input: { clinicId, code: 'API-CAT', nameEn: 'Catalogue check', nameAr: 'فحص', durationMinutes: 30, price: '150.00' } },
    );
    expect(createService.userErrors).toEqual([]);
    const { createPackage } = await admin.data<{ createPackage: Errors & { package: { id: string } } }>(
      `mutation ($input: CreatePackageInput!) { createPackage(input: $input) { package { id } userErrors { code field reason } } }`,
      { input: { nameEn: 'Catalogue pack', nameAr: 'باقة', price: '600.00', validityDays: 30, services: [{ serviceId: createService.service.id, sessions: 3 }] } },
    );
    const packageId = createPackage.package.id;
    const patientId = Object.values(catalogue.patients)[0]!;
    const { purchasePackage } = await reception.data<{ purchasePackage: { invoice: { id: string } } }>(
      `mutation ($input: PurchasePackageInput!) { purchasePackage(input: $input) { invoice { id } userErrors { code } } }`,
      { input: { patientId, packageId } },
    );
    const { payInvoice } = await reception.data<{ payInvoice: { packagePurchase: { id: string } } }>(
      `mutation ($input: PayInvoiceInput!) { payInvoice(input: $input) { packagePurchase { id } userErrors { code } } }`,
      { input: { invoiceId: purchasePackage.invoice.id } },
    );

    const desk = await reception.data<{ updatePackage: Errors }>(UPDATE_PACKAGE, { input: { packageId, price: '1.00' } });
    expect(desk.updatePackage.userErrors.map((e) => e.code)).toEqual(['FORBIDDEN']);
    const changed = await admin.data<{ updatePackage: Errors & { package: { price: string } } }>(UPDATE_PACKAGE, { input: { packageId, price: '750' } });
    expect(changed.updatePackage).toMatchObject({ package: { price: '750.00' }, userErrors: [] });
    const sold = await admin.data<{ updatePackage: Errors }>(UPDATE_PACKAGE, { input: { packageId, services: [{ serviceId: createService.service.id, sessions: 4 }] } });
    expect(sold.updatePackage.userErrors).toEqual([{ code: 'PACKAGE_SOLD', field: ['input', 'services'], reason: 'PACKAGE_SOLD' }]);

    const purchase = await reception.data<{ node: { invoice: { subtotal: string }; totalSessions: number } }>(
      `query ($id: ID!) { node(id: $id) { ... on PackagePurchase { totalSessions invoice { subtotal } } } }`,
      { id: payInvoice.packagePurchase.id },
    );
    expect(purchase.node).toEqual({ totalSessions: 3, invoice: { subtotal: '600.00' } });

    const retired = await admin.data<{ retirePackage: Errors & { package: { onSale: boolean } } }>(
      `mutation ($input: PackageIdInput!) { retirePackage(input: $input) { package { onSale } userErrors { code field reason } } }`,
      { input: { packageId } },
    );
    expect(retired.retirePackage).toEqual({ package: { onSale: false }, userErrors: [] });
    expect((await reception.data<{ packages: Array<{ id: string }> }>(PACKAGES)).packages.map((p) => p.id)).not.toContain(packageId);
    expect((await admin.data<{ packages: Array<{ id: string; onSale: boolean }> }>(PACKAGES, { all: true })).packages).toContainEqual(
      expect.objectContaining({ id: packageId, onSale: false }),
    );
    const deleted = await admin.data<{ deletePackage: Errors }>(
      `mutation ($input: PackageIdInput!) { deletePackage(input: $input) { deletedPackageId userErrors { code field reason } } }`,
      { input: { packageId } },
    );
    expect(deleted.deletePackage.userErrors.map((e) => e.code)).toEqual(['PACKAGE_SOLD']);

    const zones = await reception.data<{ timeZones: string[] }>(`{ timeZones }`);
    expect(zones.timeZones).toContain('Asia/Riyadh');
    const badZone = await admin.data<{ updateClinic: Errors }>(
      `mutation ($input: UpdateClinicInput!) { updateClinic(input: $input) { clinic { id } userErrors { code field reason } } }`,
      { input: { clinicId, timeZone: 'UTC+3' } },
    );
    expect(badZone.updateClinic.userErrors).toEqual([{ code: 'VALIDATION', field: ['input', 'timeZone'], reason: null }]);
  });

  it('a provider with appointments ahead in a clinic cannot leave it: the answer lists them', async () => {
    const admin = await api.as(DEMO_EMAILS.admin);
    const [row] = await sqlRows<{ provider_id: string; clinic_id: string }>(
      api.db,
      `select a.provider_id, a.clinic_id from appointment a where a.status in ('BOOKED', 'CONFIRMED') and a.starts_at > $2::timestamptz + interval '7 days'
        and a.tenant_id = (select tenant_id from app_user where email = $1) order by a.starts_at limit 1`,
      [DEMO_EMAILS.admin, NOW],
    );
    const [other] = await sqlRows<{ id: string }>(api.db, `select id from clinic where tenant_id = (select tenant_id from clinic where id = $1) and id <> $1 limit 1`, [row!.clinic_id]);
    const ahead = await sqlRows<{ id: string }>(
      api.db,
      `select id from appointment where provider_id = $1 and clinic_id = $2 and status in ('BOOKED', 'CONFIRMED', 'ARRIVED', 'IN_PROGRESS') and ends_at > $3 order by starts_at, id`,
      [row!.provider_id, row!.clinic_id, NOW],
    );
    const { updateProvider } = await admin.data<{ updateProvider: Errors & { provider: null; appointmentsInTheWay: Array<{ id: string }> } }>(
      `mutation ($input: UpdateProviderInput!) { updateProvider(input: $input) { provider { id } appointmentsInTheWay { id } userErrors { code field reason } } }`,
      { input: { providerId: globalIdOf('Provider', row!.provider_id), clinicIds: [globalIdOf('Clinic', other!.id)] } },
    );
    expect(updateProvider.userErrors).toEqual([{ code: 'PROVIDER_HAS_APPOINTMENTS', field: ['input', 'clinicIds'], reason: 'PROVIDER_HAS_APPOINTMENTS' }]);
    expect(updateProvider.appointmentsInTheWay.map((a) => a.id)).toEqual(ahead.map((a) => globalIdOf('Appointment', a.id)));
    expect(ahead.length).toBeGreaterThan(0);
  });

  it('each API token names who created it', async () => {
    const admin = await api.as(DEMO_EMAILS.admin);
    await admin.data(`mutation { createApiToken(input: { name: "catalogue check" }) { apiToken { id } userErrors { code } } }`);
    const { apiTokens } = await admin.data<{ apiTokens: Array<{ name: string; createdBy: { email: string } | null }> }>(`{ apiTokens { name createdBy { email } } }`);
    expect(apiTokens.find((token) => token.name === 'catalogue check')?.createdBy).toEqual({ email: DEMO_EMAILS.admin });
  });
});
