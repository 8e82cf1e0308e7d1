import { type FragmentType } from '@apollo/client';
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AppointmentPackageBlock_AppointmentFragmentDoc,
  type AppointmentPackageBlock_AppointmentFragment,
} from '../graphql/generated';
import { createTestClient, renderWithProviders } from '../testing/render';
import { AppointmentPackageBlock } from './appointment-package-block';

afterEach(cleanup);

const packageSession: AppointmentPackageBlock_AppointmentFragment = {
  __typename: 'Appointment',
  id: 'appointment-3',
  sessionNumberInPackage: 3,
  packagePurchase: {
    __typename: 'PackagePurchase',
    id: 'purchase-1',
    status: 'ACTIVE',
    totalSessions: 10,
    sessionsUsed: 2,
    sessionsRemaining: 8,
    expiryDate: '2026-12-01',
    package: {
      __typename: 'Package',
      id: 'package-1',
      nameEn: '10 SLP Sessions',
      nameAr: '١٠ جلسات نطق',
      clinic: { __typename: 'Clinic', id: 'clinic-1', timeZone: 'Asia/Riyadh' },
    },
  },
};

function renderBlock(data: AppointmentPackageBlock_AppointmentFragment, today = '2026-11-24') {
  const client = createTestClient();
  client.writeFragment({ fragment: AppointmentPackageBlock_AppointmentFragmentDoc, data });
  const ref = { __typename: 'Appointment', id: data.id } as FragmentType<typeof AppointmentPackageBlock_AppointmentFragmentDoc>;
  return renderWithProviders(<AppointmentPackageBlock appointment={ref} today={today} />, { client });
}

describe('AppointmentPackageBlock', () => {
  it('says which session of the package this appointment is', () => {
    renderBlock(packageSession);
    expect(screen.getByRole('heading', { name: 'Session 3 of 10' })).toBeTruthy();
    expect(screen.getByRole('link', { name: '10 SLP Sessions' }).getAttribute('href')).toBe('/purchases/purchase-1');
  });

  it('shows what remains of the package, its progress and its nearing expiry', () => {
    renderBlock(packageSession);
    expect(screen.getByRole('progressbar').getAttribute('aria-valuetext')).toBe('2 of 10 sessions used');
    expect(screen.getAllByRole('definition').map((dd) => dd.textContent)).toContain('8');
    expect(screen.getByText('Expires in 7 days')).toBeTruthy();
  });

  it('shows nothing for a single appointment', () => {
    const { container } = renderBlock({ ...packageSession, id: 'single', sessionNumberInPackage: null, packagePurchase: null });
    expect(container.textContent).toBe('');
  });
});
