import { type FragmentType, type Unmasked } from '@apollo/client';
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PackageCard_PurchaseFragmentDoc, type PackageCard_PurchaseFragment } from '../graphql/generated';
import { type Locale } from '../i18n/locale';
import { createTestClient, renderWithProviders } from '../testing/render';
import { PackageCard } from './package-card';

afterEach(cleanup);

const purchase: Unmasked<PackageCard_PurchaseFragment> = {
  __typename: 'PackagePurchase',
  id: 'purchase-1',
  status: 'ACTIVE',
  liability: '1080.00',
  refunded: '0.00',
  invoice: { __typename: 'Invoice', id: 'invoice-1', number: 'INV-2026-000001', currency: 'SAR' },
  totalSessions: 10,
  sessionsUsed: 6,
  sessionsRemaining: 4,
  sessionsUnscheduled: 1,
  expiryDate: '2026-12-10',
  purchaseDate: '2026-09-11',
  nextSession: {
    __typename: 'NextPackageSession',
    sessionNumber: 10,
    service: { __typename: 'Service', id: 'service-1', nameEn: 'Speech therapy', nameAr: 'علاج النطق' },
  },
  package: {
    __typename: 'Package',
    id: 'package-1',
    nameEn: '10 SLP Sessions',
    nameAr: '١٠ جلسات نطق',
    clinic: { __typename: 'Clinic', id: 'clinic-1', timeZone: 'Asia/Riyadh' },
  },
  patient: { __typename: 'Patient', id: 'patient-1' },
  frozenDays: 0,
  allowedActions: ['FREEZE'],
  freezes: [],
  transferredTo: null,
  transferredFrom: null,
};

function renderCard(data: Unmasked<PackageCard_PurchaseFragment>, { today = '2026-11-24', canBook = true, locale = 'en' as Locale } = {}) {
  const client = createTestClient();
  client.writeFragment({ fragment: PackageCard_PurchaseFragmentDoc, fragmentName: 'PackageCard_purchase', data });
  const ref = { __typename: 'PackagePurchase', id: data.id } as FragmentType<typeof PackageCard_PurchaseFragmentDoc>;
  return renderWithProviders(<PackageCard purchase={ref} patientId="patient-1" canBook={canBook} today={today} />, { client, locale });
}

describe('PackageCard', () => {
  it('shows the package name, its status and the sessions used as an accessible progressbar', () => {
    renderCard(purchase);
    expect(screen.getByRole('heading', { name: '10 SLP Sessions' })).toBeTruthy();
    expect(screen.getByText('Active')).toBeTruthy();
    const bar = screen.getByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('6');
    expect(bar.getAttribute('aria-valuemax')).toBe('10');
    expect(bar.getAttribute('aria-valuetext')).toBe('6 of 10 sessions used');
  });

  it('shows the remaining and unscheduled sessions', () => {
    renderCard(purchase);
    const facts = screen.getAllByRole('definition').map((dd) => dd.textContent);
    expect(facts).toContain('4');
    expect(facts).toContain('1');
  });

  it('warns when the expiry is within 14 days', () => {
    renderCard(purchase, { today: '2026-11-30' });
    expect(screen.getByText('Expires in 10 days')).toBeTruthy();
  });

  it('does not warn while the expiry is far', () => {
    renderCard(purchase, { today: '2026-11-01' });
    expect(screen.queryByText(/Expires in/)).toBeNull();
  });

  it('offers scheduling, booking one session and the progress to the front desk', () => {
    renderCard(purchase);
    expect(screen.getByRole('link', { name: 'Schedule sessions' }).getAttribute('href')).toBe('/purchases/purchase-1/schedule');
    expect(screen.getByRole('link', { name: 'Book one session' }).getAttribute('href')).toContain('purchaseId=purchase-1');
    expect(screen.getByRole('link', { name: 'View progress' }).getAttribute('href')).toBe('/purchases/purchase-1');
  });

  it('offers only the progress to a clinician, who cannot book', () => {
    renderCard(purchase, { canBook: false });
    expect(screen.queryByRole('link', { name: 'Schedule sessions' })).toBeNull();
    expect(screen.getByRole('link', { name: 'View progress' })).toBeTruthy();
  });

  it("speaks Arabic, with the numbers Intl writes for 'ar'", () => {
    renderCard(purchase, { locale: 'ar' });
    const n = new Intl.NumberFormat('ar');
    expect(screen.getByRole('heading', { name: '١٠ جلسات نطق' })).toBeTruthy();
    expect(screen.getByRole('progressbar').getAttribute('aria-valuetext')).toBe(`استُخدمت ${n.format(6)} من ${n.format(10)} جلسات`);
  });

  it('offers exactly the changes the server lists, and shows the pauses and where the sessions went', () => {
    renderCard(purchase);
    expect(screen.getByRole('button', { name: 'Freeze' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Extend' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Transfer' })).toBeNull();
    cleanup();
    renderCard({
      ...purchase,
      status: 'CANCELLED',
      allowedActions: [],
      frozenDays: 5,
      freezes: [{ __typename: 'PackageFreezePeriod', startDate: '2026-11-29', endDate: '2026-12-03', days: 5, reason: 'travel' }],
      transferredTo: { __typename: 'PackagePurchase', id: 'purchase-2', patient: { __typename: 'Patient', id: 'patient-2', nameEn: 'Omar Haddad', nameAr: null } },
    });
    expect(screen.queryByRole('button', { name: 'Freeze' })).toBeNull();
    expect(screen.getByText('Frozen 5 days in all')).toBeTruthy();
    expect(screen.getByText(/travel/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Omar Haddad' }).getAttribute('href')).toBe('/patients/patient-2');
  });

  it('shows what was refunded of a cancelled purchase, and offers no cancellation outside the app shell', () => {
    renderCard({ ...purchase, status: 'CANCELLED', refunded: '500.00', liability: '0.00', nextSession: null });
    expect(screen.getByText(/^Refunded: SAR\s500\.00$/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Cancel with a refund' })).toBeNull();
  });
});
