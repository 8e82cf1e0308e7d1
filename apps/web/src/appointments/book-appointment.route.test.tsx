import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Suspense } from 'react';
import { MemoryRouter, Outlet, Route, Routes } from 'react-router';
import { of } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { BookAppointmentRouteQueryDocument, type BookAppointmentRouteQuery } from '../graphql/generated';
import { LocaleProvider } from '../i18n/locale';
import { type Viewer } from '../layout/viewer';
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
  const client = new ApolloClient({
    cache: new InMemoryCache(),
    link: new ApolloLink((operation) => {
      switch (operation.operationName) {
        case 'BookAppointmentPatientQuery':
          return of({ data: { node: { __typename: 'Patient', id: 'patient-1', nameEn: 'Sara Ali', nameAr: 'سارة علي', mrn: 'MRN-1' } } });
        case 'AvailablePackagesQuery':
          return of({ data: { availablePackages: [frozenPackage] } });
        case 'FirstAvailableSlotsQuery':
          firstAvailableAsked.push({ ...operation.variables });
          return of({ data: { firstAvailableSlots: [] } });
        default:
          return of({ data: null });
      }
    }),
  });
  // The screen's set-up read is in the cache already, as after the shell's first visit (no suspense).
  client.writeQuery({ query: BookAppointmentRouteQueryDocument, data: setup as BookAppointmentRouteQuery });
  return client;
}

function renderBooking(address: string, firstAvailableAsked: Array<Record<string, unknown>>) {
  render(
    <LocaleProvider initialLocale="en">
      <ApolloProvider client={serverKeeping(firstAvailableAsked)}>
        <MemoryRouter initialEntries={[address]}>
          <Suspense fallback={null}>
            <Routes>
              <Route element={<Outlet context={viewer} />}>
                <Route path="/appointments/new" element={<BookAppointmentRoute />} />
              </Route>
            </Routes>
          </Suspense>
        </MemoryRouter>
      </ApolloProvider>
    </LocaleProvider>,
  );
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
