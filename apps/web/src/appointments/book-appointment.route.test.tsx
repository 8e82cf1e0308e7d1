import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BookAppointmentRouteQueryDocument, type BookAppointmentRouteQuery } from '../graphql/generated';
import { type Viewer } from '../layout/viewer';
import { createScriptedClient, renderRoutes } from '../testing/render';
import { BookAppointmentRoute } from './book-appointment.route';

afterEach(cleanup);

const viewer = { permissions: ['bookAppointment'] } as unknown as Viewer;

const setup = {
  clinics: [{ __typename: 'Clinic', id: 'clinic-1', nameEn: 'Speech', nameAr: 'النطق', timeZone: 'Asia/Riyadh' }],
  providers: [{ __typename: 'Provider', id: 'provider-1', name: 'Dr Lina', nameAr: null, clinics: [{ __typename: 'Clinic', id: 'clinic-1' }] }],
  services: [
    { __typename: 'Service', id: 'service-1', nameEn: 'Therapy', nameAr: 'جلسة', durationMinutes: 45, clinic: { __typename: 'Clinic', id: 'clinic-1' } },
  ],
};

const frozenPackage = {
  __typename: 'PackagePurchase',
  id: 'purchase-1',
  totalSessions: 10,
  sessionsRemaining: 6,
  sessionsUnscheduled: 6,
  expiryDate: '2027-02-01',
  package: {
    __typename: 'Package',
    id: 'package-1',
    nameEn: '10 SLP sessions',
    nameAr: '10 جلسات',
    services: [{ __typename: 'PackageServiceLine', sessions: 10, service: { __typename: 'Service', id: 'service-1' } }],
  },
  nextSession: { __typename: 'NextPackageSession', sessionNumber: 5, service: { __typename: 'Service', id: 'service-1' } },
};

/** A server answering the screen's reads; every "first available" request's variables are kept. */
function serverKeeping(firstAvailableAsked: Array<Record<string, unknown>>) {
  const client = createScriptedClient(({ operationName, variables }) => {
    switch (operationName) {
      case 'BookAppointmentPatientQuery':
        return { node: { __typename: 'Patient', id: 'patient-1', nameEn: 'Sara Ali', nameAr: 'سارة علي', mrn: 'MRN-1' } };
      case 'AvailablePackagesQuery':
        return { availablePackages: [frozenPackage] };
      case 'FirstAvailableSlotsQuery':
        firstAvailableAsked.push({ ...variables });
        return { firstAvailableSlots: [] };
      default:
        return null;
    }
  });
  // The screen's set-up read is in the cache already, as after the shell's first visit (no suspense).
  client.writeQuery({ query: BookAppointmentRouteQueryDocument, data: setup as BookAppointmentRouteQuery });
  return client;
}

function renderBooking(address: string, firstAvailableAsked: Array<Record<string, unknown>>) {
  renderRoutes(address, [['/appointments/new', <BookAppointmentRoute />]], { client: serverKeeping(firstAvailableAsked), viewer });
}

describe('first available on the booking screen', () => {
  it('asks for the times of the chosen package (its pauses and expiry left out), and of no package once "No package" is chosen', async () => {
    const asked: Array<Record<string, unknown>> = [];
    renderBooking('/appointments/new?patientId=patient-1&purchaseId=purchase-1', asked);
    fireEvent.click(await screen.findByRole('button', { name: 'Show the first available times' }));
    await waitFor(() => expect(asked).toHaveLength(1));
    expect(asked[0]).toMatchObject({ clinicId: 'clinic-1', serviceId: 'service-1', packagePurchaseId: 'purchase-1' });
    fireEvent.click(screen.getByRole('radio', { name: /^No package/ }));
    await waitFor(() => expect(asked).toHaveLength(2));
    expect(asked[1]).toMatchObject({ clinicId: 'clinic-1', serviceId: 'service-1', packagePurchaseId: null });
  });
});
