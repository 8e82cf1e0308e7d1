import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AtRiskQueryDocument,
  BookAppointmentRouteQueryDocument,
  WaitlistJoinQueryDocument,
  WaitlistRouteQueryDocument,
  type AtRiskQuery,
  type BookAppointmentRouteQuery,
  type WaitlistJoinQuery,
  type WaitlistRouteQuery,
} from '../graphql/generated';
import { type Locale } from '../i18n/locale';
import { type Viewer } from '../layout/viewer';
import { BookAppointmentRoute } from '../appointments/book-appointment.route';
import { createScriptedClient, renderRoutes } from '../testing/render';
import { WaitlistRoute } from './waitlist.route';
import { waitlistJoinHref } from './waitlist-link';

afterEach(cleanup);

const desk = { permissions: ['bookAppointment', 'manageWaitlist', 'readWaitlist'] } as unknown as Viewer;
const clinic = { __typename: 'Clinic', id: 'clinic-1', nameEn: 'Speech', nameAr: 'النطق', timeZone: 'Asia/Riyadh' };
const provider = (id: string, name: string) => ({ __typename: 'Provider', id, name, nameAr: null, clinics: [{ __typename: 'Clinic', id: 'clinic-1' }] });
const service = (id: string, nameEn: string) => ({ __typename: 'Service', id, nameEn, nameAr: nameEn, durationMinutes: 45, clinic: { __typename: 'Clinic', id: 'clinic-1' } });

const joinData = {
  node: { __typename: 'Patient', id: 'patient-1', nameEn: 'Sara Ali', nameAr: 'سارة علي', mrn: 'MRN-1' },
  services: [service('service-1', 'Assessment'), service('service-2', 'Therapy')],
  providers: [provider('provider-1', 'Dr Lina'), provider('provider-2', 'Dr Omar')],
};

/** A server answering the screens' reads; the joins asked for are kept. */
function server(joins: Array<Record<string, unknown>>, screenName: 'booking' | 'waitlist', waitlist: readonly object[] = []) {
  const client = createScriptedClient(({ operationName, variables }) => {
    switch (operationName) {
      case 'BookAppointmentPatientQuery':
        return { node: { __typename: 'Patient', id: 'patient-1', nameEn: 'Sara Ali', nameAr: 'سارة علي', mrn: 'MRN-1' } };
      case 'AvailablePackagesQuery':
        return { availablePackages: [] };
      case 'FreeSlotsQuery':
        return { freeSlots: [] };
      case 'DayStatusQuery':
        return { dayStatus: { __typename: 'DayStatus', status: 'FULL', reason: null } };
      case 'WaitlistRouteQuery':
        return { clinics: [clinic], waitlist };
      case 'AtRiskQuery':
        return { atRiskPackages: [] };
      case 'WaitlistJoinQuery':
        return joinData;
      case 'JoinWaitlistMutation':
        joins.push({ ...(variables['input'] as Record<string, unknown>) });
        return { joinWaitlist: { __typename: 'WaitlistPayload', entry: { __typename: 'WaitlistEntry', id: 'entry-1', status: 'WAITING' }, userErrors: [] } };
      default:
        return null;
    }
  });
  if (screenName === 'booking') {
    client.writeQuery({
      query: BookAppointmentRouteQueryDocument,
      data: { clinics: [clinic], providers: [provider('provider-1', 'Dr Lina')], services: [service('service-1', 'Therapy')] } as BookAppointmentRouteQuery,
    });
    return client;
  }
  // The screens' first reads are in the cache already (no suspense), as after an earlier visit.
  client.writeQuery({ query: WaitlistRouteQueryDocument, variables: { clinicId: null }, data: { clinics: [clinic], waitlist } as WaitlistRouteQuery });
  client.writeQuery({ query: AtRiskQueryDocument, variables: { clinicId: null }, data: { atRiskPackages: [] } as AtRiskQuery });
  client.writeQuery({ query: WaitlistJoinQueryDocument, variables: { patientId: 'patient-1' }, data: joinData as WaitlistJoinQuery });
  return client;
}

function renderAt(address: string, viewer: Viewer, { joins = [] as Array<Record<string, unknown>>, locale = 'en' as Locale, waitlist = [] as readonly object[] } = {}) {
  const client = server(joins, address.startsWith('/waitlist') ? 'waitlist' : 'booking', waitlist);
  renderRoutes(
    address,
    [
      ['/appointments/new', <BookAppointmentRoute />],
      ['/waitlist', <WaitlistRoute />],
    ],
    { client, viewer, locale },
  );
}

const BOOKING = '/appointments/new?patientId=patient-1&clinicId=clinic-1&providerId=provider-1&serviceId=service-1&date=2026-12-03';

describe('"Join the waitlist" links', () => {
  it('an empty booking day links to the join form with its patient, service, provider and day', async () => {
    renderAt(BOOKING, desk);
    const link = await screen.findByRole('link', { name: 'No suitable time? Join the waitlist' });
    expect(link.getAttribute('href')).toBe('/waitlist?patientId=patient-1&serviceId=service-1&providerId=provider-1&date=2026-12-03');
    cleanup();
    // Someone the server does not let manage the waitlist is offered no link.
    renderAt(BOOKING, { permissions: ['bookAppointment'] } as unknown as Viewer);
    await screen.findByTestId('empty-day');
    expect(screen.queryByRole('link', { name: /waitlist/i })).toBeNull();
  });

  it('the join form opens filled in from the link, and sends what it shows', async () => {
    const joins: Array<Record<string, unknown>> = [];
    renderAt(waitlistJoinHref({ patientId: 'patient-1', serviceId: 'service-2', providerId: 'provider-2', date: '2026-12-03' }), desk, { joins });
    const form = await screen.findByRole('form', { name: 'Add Sara Ali to the waitlist' });
    expect((screen.getByLabelText('Service') as HTMLSelectElement).value).toBe('service-2');
    expect((screen.getByLabelText(/^Provider/) as HTMLSelectElement).value).toBe('provider-2');
    expect((screen.getByLabelText(/^From/) as HTMLInputElement).value).toBe('2026-12-03');
    expect((screen.getByLabelText(/^To/) as HTMLInputElement).value).toBe('2026-12-03');
    fireEvent.submit(form);
    await waitFor(() => expect(joins).toHaveLength(1));
    expect(joins[0]).toEqual({ patientId: 'patient-1', serviceId: 'service-2', providerIds: ['provider-2'], from: '2026-12-03', to: '2026-12-03' });
  });

  it('says it in Arabic too', async () => {
    renderAt(BOOKING, desk, { locale: 'ar' });
    expect(await screen.findByRole('link', { name: 'لا يوجد وقت مناسب؟ انضم إلى قائمة الانتظار' })).toBeTruthy();
  });

  it('a waitlist entry for one day shows that day once; a range both ends', async () => {
    const entry = (id: string, name: string, from: string, to: string) => ({
      __typename: 'WaitlistEntry', id, status: 'WAITING', from, to, windowFrom: null, windowTo: null, offeredStartsAt: null, offerExpiresAt: null,
      createdAt: '2026-11-24T05:00:00.000Z', patient: { __typename: 'Patient', id: `p-${id}`, nameEn: name, nameAr: null, mrn: `MRN-${id}` },
      service: { __typename: 'Service', id: 'service-1', nameEn: 'Therapy', nameAr: 'علاج' }, clinic: { __typename: 'Clinic', id: 'clinic-1', timeZone: 'Asia/Riyadh' },
      offeredProvider: null, packagePurchase: null,
    });
    const waitlist = [entry('1', 'One Day', '2026-12-02', '2026-12-02'), entry('2', 'A Week', '2026-12-02', '2026-12-09')];
    renderAt('/waitlist', desk, { waitlist });
    const [day, week] = await screen.findAllByTestId('waitlist-entry');
    expect(day!.textContent).toContain('Therapy · Dec 2, 2026');
    expect(day!.textContent).not.toContain(' to ');
    expect(week!.textContent).toContain('Therapy · Dec 2, 2026 to Dec 9, 2026');
    cleanup();
    renderAt('/waitlist', desk, { waitlist, locale: 'ar' });
    const [dayAr, weekAr] = await screen.findAllByTestId('waitlist-entry');
    expect(dayAr!.textContent).not.toContain('من');
    expect(weekAr!.textContent).toMatch(/من .+ إلى /);
  });
});
