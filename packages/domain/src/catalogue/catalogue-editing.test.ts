import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClinicFixture, createTestDatabase, ok, type ClinicFixture, type TestDatabase } from '../testing/index.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { Invoice } from '../billing/invoice.entity.js';
import { purchasePackage, payInvoice } from '../purchases/purchase-package.js';
import { bookAppointment } from '../appointments/book-appointment.js';
import { ProviderClinic } from '../providers/provider-clinic.entity.js';
import { WorkingHours } from '../providers/working-hours.entity.js';
import { listPackages, listProviders } from '../queries/catalogue-queries.js';
import { createPackage } from './create-package.js';
import { createClinic, createService, updateClinic, updateService } from './manage-clinics.js';
import { deletePackage, retirePackage, updatePackage } from './manage-packages.js';
import { Package } from './package.entity.js';
import { updateProvider, appointmentsBlockingClinicRemoval } from '../providers/update-provider.js';

const NOW = new Date('2026-11-24T05:00:00Z');
let db: TestDatabase;
let fx: ClinicFixture;

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await createClinicFixture(db.orm);
});
afterAll(() => db?.drop());

const refusal = (result: { ok: boolean; error?: { code: string; field?: string[] | undefined; detail?: { reason: string } | undefined } }) =>
  result.ok ? null : { code: result.error!.code, field: result.error!.field, reason: result.error!.detail?.reason };
const auditOf = (entityId: string) => db.orm.em.fork().find(AuditEvent, { entityId }, { orderBy: { createdAt: 'asc', id: 'asc' } });

describe('clinics and services', () => {
  it('an admin renames a clinic and moves its zone; an offset zone is refused; every change is audited with before and after', async () => {
    const clinic = ok(await createClinic(fx.context('ADMIN', NOW), { nameEn: 'Audiology', nameAr: 'السمعيات', timeZone: 'Asia/Riyadh' }));
    expect(refusal(await updateClinic(fx.context('ADMIN', NOW), { clinicId: clinic.id, timeZone: 'GMT+3' }))).toEqual({ code: 'VALIDATION', field: ['input', 'timeZone'], reason: undefined });
    expect(refusal(await updateClinic(fx.context('RECEPTIONIST', NOW), { clinicId: clinic.id, nameEn: 'X' }))?.code).toBe('FORBIDDEN');
    const updated = ok(await updateClinic(fx.context('ADMIN', NOW), { clinicId: clinic.id, nameEn: 'Audiology & Hearing', timeZone: 'Asia/Dubai' }));
    expect([updated.nameEn, updated.nameAr, updated.timeZone]).toEqual(['Audiology & Hearing', 'السمعيات', 'Asia/Dubai']);
    const events = await auditOf(clinic.id);
    expect(events.map((event) => event.operation).sort()).toEqual(['createClinic', 'updateClinic']);
    expect(events.find((event) => event.operation === 'updateClinic')).toMatchObject({ before: { nameEn: 'Audiology', timeZone: 'Asia/Riyadh' }, after: { nameEn: 'Audiology & Hearing', timeZone: 'Asia/Dubai' } });
  });

  it("a clinic's zone does not change under open appointments ahead", async () => {
    ok(await bookAppointment(fx.context('RECEPTIONIST', NOW), { patientId: fx.patient.id, providerId: fx.secondProvider.id, serviceId: fx.assessment.id, startsAt: fx.at('2026-12-01', '08:00') }));
    expect(refusal(await updateClinic(fx.context('ADMIN', NOW), { clinicId: fx.clinic.id, timeZone: 'Europe/London' }))).toEqual({
      code: 'CONFLICT', field: ['input', 'timeZone'], reason: 'CLINIC_HAS_APPOINTMENTS',
    });
  });

  it('a service changes its code (unique), names, duration and price; a taken code is refused and changes nothing', async () => {
    const service = ok(await createService(fx.context('ADMIN', NOW), { clinicId: fx.clinic.id, code: 'slp-g', nameEn: 'Group', nameAr: 'جماعي', durationMinutes: 60, price: '200' }));
    expect(service.code).toBe('SLP-G');
    expect(refusal(await updateService(fx.context('ADMIN', NOW), { serviceId: service.id, code: 'SLP-T', price: '1.00' }))).toEqual({ code: 'CONFLICT', field: ['input', 'code'], reason: 'CODE_TAKEN' });
    expect(refusal(await updateService(fx.context('ADMIN', NOW), { serviceId: service.id, durationMinutes: 7 }))?.field).toEqual(['input', 'durationMinutes']);
    expect(refusal(await updateService(fx.context('ADMIN', NOW), { serviceId: service.id, price: '1.5.0' }))?.field).toEqual(['input', 'price']);
    const updated = ok(await updateService(fx.context('ADMIN', NOW), { serviceId: service.id, code: 'SLP-GRP', durationMinutes: 90, price: '250.5' }));
    expect([updated.code, updated.durationMinutes, updated.price]).toEqual(['SLP-GRP', 90, '250.50']);
    const events = await auditOf(service.id);
    expect(events.map((event) => event.operation).sort()).toEqual(['createService', 'updateService']);
    expect(events.find((event) => event.operation === 'updateService')!.before).toEqual({ code: 'SLP-G', durationMinutes: 60, price: '200.00' });
  });
});

describe('packages', () => {
  it('a price change applies to the next sale; the sold purchase keeps the price it was invoiced at', async () => {
    const pkg = ok(await createPackage(fx.context('FINANCE', NOW), { nameEn: '4 therapy', nameAr: '٤ جلسات', price: '1000.00', validityDays: 60, services: [{ serviceId: fx.therapy.id, sessions: 4 }] }));
    const patient = await fx.addPatient();
    const first = ok(await purchasePackage(fx.context('RECEPTIONIST', NOW), { patientId: patient.id, packageId: pkg.id }));
    const paid = ok(await payInvoice(fx.context('RECEPTIONIST', NOW), { invoiceId: first.id }));
    ok(await updatePackage(fx.context('FINANCE', NOW), { packageId: pkg.id, price: '1200.00', nameEn: '4 therapy sessions' }));
    const other = await fx.addPatient();
    const second = ok(await purchasePackage(fx.context('RECEPTIONIST', NOW), { patientId: other.id, packageId: pkg.id }));
    const em = db.orm.em.fork();
    const [before, after] = await Promise.all([em.findOneOrFail(Invoice, first.id), em.findOneOrFail(Invoice, second.id)]);
    expect([before.subtotal, after.subtotal]).toEqual(['1000.00', '1200.00']);
    expect(paid.packagePurchase.paid).toBe('1000.00');
    const audit = (await auditOf(pkg.id)).find((event) => event.operation === 'updatePackage');
    expect(audit).toMatchObject({ before: { price: '1000.00', nameEn: '4 therapy' }, after: { price: '1200.00', nameEn: '4 therapy sessions' } });
  });

  it('once sold, its lines and validity stay (PACKAGE_SOLD), it cannot be deleted, and retiring takes it off sale', async () => {
    const pkg = ok(await createPackage(fx.context('ADMIN', NOW), { nameEn: 'Mixed', nameAr: 'مختلط', price: '900', validityDays: 30, services: [{ serviceId: fx.therapy.id, sessions: 2 }] }));
    // Never sold: the lines may change (and the total with them).
    const changed = ok(await updatePackage(fx.context('ADMIN', NOW), { packageId: pkg.id, services: [{ serviceId: fx.therapy.id, sessions: 2 }, { serviceId: fx.assessment.id, sessions: 1 }] }));
    expect(changed.totalSessions).toBe(3);
    expect(refusal(await updatePackage(fx.context('ADMIN', NOW), { packageId: pkg.id, services: [{ serviceId: fx.therapy.id, sessions: 1 }, { serviceId: fx.otherClinicService.id, sessions: 1 }] }))?.field).toEqual(['input', 'services']);
    ok(await purchasePackage(fx.context('RECEPTIONIST', NOW), { patientId: (await fx.addPatient()).id, packageId: pkg.id }));
    expect(refusal(await updatePackage(fx.context('ADMIN', NOW), { packageId: pkg.id, services: [{ serviceId: fx.therapy.id, sessions: 5 }] }))).toEqual({ code: 'PACKAGE_SOLD', field: ['input', 'services'], reason: 'PACKAGE_SOLD' });
    expect(refusal(await updatePackage(fx.context('ADMIN', NOW), { packageId: pkg.id, validityDays: 90, price: '1.00' }))?.code).toBe('PACKAGE_SOLD');
    expect(refusal(await deletePackage(fx.context('ADMIN', NOW), { packageId: pkg.id }))?.code).toBe('PACKAGE_SOLD');
    expect((await db.orm.em.fork().findOneOrFail(Package, pkg.id)).price).toBe('900.00');
    expect(refusal(await retirePackage(fx.context('RECEPTIONIST', NOW), { packageId: pkg.id }))?.code).toBe('FORBIDDEN');
    const retired = ok(await retirePackage(fx.context('FINANCE', NOW), { packageId: pkg.id }));
    expect(retired.active).toBe(false);
    const onSale = ok(await listPackages(fx.context('RECEPTIONIST', NOW)));
    expect(onSale.map((row) => row.id)).not.toContain(pkg.id);
    expect(ok(await listPackages(fx.context('ADMIN', NOW), null, { includeRetired: true })).map((row) => row.id)).toContain(pkg.id);
    expect(refusal(await purchasePackage(fx.context('RECEPTIONIST', NOW), { patientId: fx.patient.id, packageId: pkg.id }))?.reason).toBe('PACKAGE_NOT_SOLD');
  });

  it('a never-sold package may be deleted, audited', async () => {
    const pkg = ok(await createPackage(fx.context('ADMIN', NOW), { nameEn: 'Draft', nameAr: 'مسودة', price: '10', validityDays: 5, services: [{ serviceId: fx.therapy.id, sessions: 1 }] }));
    ok(await deletePackage(fx.context('ADMIN', NOW), { packageId: pkg.id }));
    expect(await db.orm.em.fork().count(Package, { id: pkg.id })).toBe(0);
    expect((await auditOf(pkg.id)).map((event) => event.operation).sort()).toEqual(['createPackage', 'deletePackage']);
  });
});

describe('a package edit and a sale at the same instant', () => {
  /** Each run races the two use cases on their own connections; the outcome must be one of the two serial ones. */
  const RUNS = 20;
  const packages = (count: number, nameEn: string) =>
    Promise.all(
      Array.from({ length: count }, async (_, run) =>
        ok(await createPackage(fx.context('ADMIN', NOW), { nameEn: `${nameEn} ${run}`, nameAr: 'سباق', price: '1000', validityDays: 60, services: [{ serviceId: fx.therapy.id, sessions: 4 }] })),
      ),
    );
  const outcomeCode = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'ok' : result.error!.code);

  it('lines, validity and price change while an invoice is issued: the edit came first (new price on the invoice) or the sale did (PACKAGE_SOLD, nothing changed)', async () => {
    const [raced, patient] = await Promise.all([packages(RUNS, 'Race'), fx.addPatient()]);
    const edits: string[] = [];
    for (const pkg of raced) {
      const [edit, sale] = await Promise.all([
        updatePackage(fx.context('FINANCE', NOW), { packageId: pkg.id, price: '1200', validityDays: 90, services: [{ serviceId: fx.therapy.id, sessions: 6 }] }),
        purchasePackage(fx.context('RECEPTIONIST', NOW), { patientId: patient.id, packageId: pkg.id }),
      ]);
      expect(outcomeCode(sale)).toBe('ok');
      edits.push(outcomeCode(edit));
    }
    const { rows } = await db.sql.query<{ id: string; subtotal: string; validity: number; total: number; lines: number[] }>(
      `select p.id, i.subtotal, p.validity_days as validity, p.total_sessions as total, array(select l.sessions from package_service_line l where l.package_id = p.id order by l.position) as lines
         from package p join invoice i on i.package_id = p.id where p.id = any($1::uuid[])`,
      [raced.map((pkg) => pkg.id)],
    );
    const outcomes = raced.map((pkg, run) => {
      const row = rows.find((r) => r.id === pkg.id);
      return { edit: edits[run], subtotal: row?.subtotal, validity: row?.validity, total: row?.total, lines: row?.lines };
    });
    const editFirst = { edit: 'ok', subtotal: '1200.00', validity: 90, total: 6, lines: [6] };
    const saleFirst = { edit: 'PACKAGE_SOLD', subtotal: '1000.00', validity: 60, total: 4, lines: [4] };
    for (const outcome of outcomes) expect([editFirst, saleFirst]).toContainEqual(outcome);
  });

  it('deleting a never-sold package while selling it: it is gone (NOT_FOUND for the sale) or it was sold and stays (PACKAGE_SOLD)', async () => {
    const [raced, patient] = await Promise.all([packages(RUNS / 2, 'Gone'), fx.addPatient()]);
    const outcomes: Array<[string, string]> = [];
    for (const pkg of raced) {
      const [removal, sale] = await Promise.all([
        deletePackage(fx.context('ADMIN', NOW), { packageId: pkg.id }),
        purchasePackage(fx.context('RECEPTIONIST', NOW), { patientId: patient.id, packageId: pkg.id }),
      ]);
      outcomes.push([outcomeCode(removal), outcomeCode(sale)]);
    }
    const left = new Set((await db.orm.em.fork().find(Package, { id: { $in: raced.map((pkg) => pkg.id) } })).map((pkg) => pkg.id));
    raced.forEach((pkg, run) => expect([['ok', 'NOT_FOUND', false], ['PACKAGE_SOLD', 'ok', true]]).toContainEqual([...outcomes[run]!, left.has(pkg.id)]));
  });
});

describe('editing a provider', () => {
  it('renames in both languages; an unknown clinic or none at all is refused', async () => {
    const provider = await fx.addProvider({ name: 'Dr Old' });
    const renamed = ok(await updateProvider(fx.context('ADMIN', NOW), { providerId: provider.id, name: 'Dr New', nameAr: 'د. جديد' }));
    expect([renamed.name, renamed.nameAr]).toEqual(['Dr New', 'د. جديد']);
    expect(refusal(await updateProvider(fx.context('ADMIN', NOW), { providerId: provider.id, clinicIds: [] }))?.field).toEqual(['input', 'clinicIds']);
    expect(refusal(await updateProvider(fx.context('ADMIN', NOW), { providerId: provider.id, clinicIds: [fx.clinic.id, fx.pkg.id] }))).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'clinicIds', '1'] });
    expect(refusal(await updateProvider(fx.context('RECEPTIONIST', NOW), { providerId: provider.id, name: 'X' }))?.code).toBe('FORBIDDEN');
    expect((await auditOf(provider.id)).find((event) => event.operation === 'updateProvider')).toMatchObject({ before: { name: 'Dr Old', nameAr: null }, after: { name: 'Dr New', nameAr: 'د. جديد' } });
  });

  it('leaving a clinic with open appointments ahead is refused with those appointments; with only past ones the link stays, inactive', async () => {
    const provider = await fx.addProvider({ name: 'Dr Mover' });
    const patient = await fx.addPatient();
    const past = ok(await bookAppointment(fx.context('RECEPTIONIST', new Date('2026-11-01T00:00:00Z')), { patientId: patient.id, providerId: provider.id, serviceId: fx.therapy.id, startsAt: fx.at('2026-11-02', '08:00') }));
    const ahead = ok(await bookAppointment(fx.context('RECEPTIONIST', NOW), { patientId: patient.id, providerId: provider.id, serviceId: fx.therapy.id, startsAt: fx.at('2026-12-02', '09:00') }));
    const leave = { providerId: provider.id, clinicIds: [fx.otherClinic.id] };
    expect(refusal(await updateProvider(fx.context('ADMIN', NOW), leave))).toEqual({ code: 'PROVIDER_HAS_APPOINTMENTS', field: ['input', 'clinicIds'], reason: 'PROVIDER_HAS_APPOINTMENTS' });
    expect(ok(await appointmentsBlockingClinicRemoval(fx.context('ADMIN', NOW), leave)).map((row) => row.id)).toEqual([ahead.id]);

    // After the appointment ahead took place, only the past remains: the provider may leave.
    const later = new Date('2026-12-03T00:00:00Z');
    expect(ok(await appointmentsBlockingClinicRemoval(fx.context('ADMIN', later), leave))).toEqual([]);
    ok(await updateProvider(fx.context('ADMIN', later), leave));
    const links = await db.orm.em.fork().find(ProviderClinic, { provider: provider.id }, { filters: { activeLink: false }, populate: ['clinic'] });
    expect(links.map((link) => [link.clinic.id, link.active]).sort()).toEqual([[fx.clinic.id, false], [fx.otherClinic.id, true]].sort());
    expect(await db.orm.em.fork().count(WorkingHours, { provider: provider.id, clinic: fx.clinic.id })).toBe(0);
    expect(ok(await listProviders(fx.context('RECEPTIONIST', later), fx.clinic.id)).map((row) => row.id)).not.toContain(provider.id);
    const refused = await bookAppointment(fx.context('RECEPTIONIST', later), { patientId: patient.id, providerId: provider.id, serviceId: fx.therapy.id, startsAt: fx.at('2026-12-06', '08:00') });
    expect(refusal(refused)?.code).toBe('PROVIDER_NOT_IN_CLINIC');
    expect(past.id).toBeTruthy();

    // Coming back reactivates the same link.
    ok(await updateProvider(fx.context('ADMIN', later), { providerId: provider.id, clinicIds: [fx.clinic.id, fx.otherClinic.id] }));
    expect(await db.orm.em.fork().count(ProviderClinic, { provider: provider.id })).toBe(2);
    expect(ok(await listProviders(fx.context('RECEPTIONIST', later), fx.clinic.id)).map((row) => row.id)).toContain(provider.id);
  });

  it('a clinic no appointment names loses the link altogether', async () => {
    const provider = await fx.addProvider({ name: 'Dr Brief' });
    ok(await updateProvider(fx.context('ADMIN', NOW), { providerId: provider.id, clinicIds: [fx.otherClinic.id] }));
    const links = await db.orm.em.fork().find(ProviderClinic, { provider: provider.id }, { filters: { activeLink: false }, populate: ['clinic'] });
    expect(links.map((link) => link.clinic.id)).toEqual([fx.otherClinic.id]);
  });
});
