import { type FragmentType } from '@apollo/client';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ScheduleForm_PurchaseFragmentDoc, type SchedulePackageInput } from '../graphql/generated';
import { createTestClient, renderWithProviders } from '../testing/render';
import { ScheduleForm, type ScheduleOutcome } from './schedule-form';

afterEach(cleanup);

const providers = [
  { id: 'provider-1', name: 'Dr. Huda Al-Saleh', nameAr: 'د. هدى الصالح' },
  { id: 'provider-2', name: 'Omar Nasser', nameAr: null },
];

function renderForm(outcome: ScheduleOutcome | null) {
  const client = createTestClient();
  client.writeFragment({
    fragment: ScheduleForm_PurchaseFragmentDoc,
    data: {
      __typename: 'PackagePurchase',
      id: 'purchase-1',
      totalSessions: 4,
      expiryDate: '2026-12-31',
      sessionsUnscheduled: 4,
      package: { __typename: 'Package', id: 'package-1', clinic: { __typename: 'Clinic', id: 'clinic-1', timeZone: 'Asia/Riyadh' } },
    },
  });
  const onSchedule = vi.fn<(input: SchedulePackageInput) => Promise<ScheduleOutcome | null>>().mockResolvedValue(outcome);
  const ref = { __typename: 'PackagePurchase', id: 'purchase-1' } as FragmentType<typeof ScheduleForm_PurchaseFragmentDoc>;
  renderWithProviders(<ScheduleForm purchase={ref} providers={providers} onSchedule={onSchedule} today="2026-11-24" />, { client });
  return onSchedule;
}

const created: ScheduleOutcome['appointments'] = [
  {
    id: 'a1',
    sessionNumberInPackage: 1,
    startsAt: '2026-11-24T06:00:00Z',
    clinic: { timeZone: 'Asia/Riyadh' },
    provider: { name: 'Dr. Huda Al-Saleh', nameAr: null },
  },
  {
    id: 'a2',
    sessionNumberInPackage: 2,
    startsAt: '2026-11-26T07:30:00Z',
    clinic: { timeZone: 'Asia/Riyadh' },
    provider: { name: 'Dr. Huda Al-Saleh', nameAr: null },
  },
];

describe('ScheduleForm', () => {
  it('sends the provider, the dates (end defaulting to expiry) and the ticked week days', async () => {
    const onSchedule = renderForm({ appointments: created, schedulingErrors: [], userErrors: [] });
    expect((screen.getByLabelText('End date') as HTMLInputElement).value).toBe('2026-12-31');
    expect((screen.getByLabelText('End date') as HTMLInputElement).max).toBe('2026-12-31');
    await userEvent.selectOptions(screen.getByLabelText('Provider'), 'provider-1');
    await userEvent.click(screen.getByLabelText('Sunday'));
    await userEvent.click(screen.getByLabelText('Tuesday'));
    await userEvent.click(screen.getByRole('button', { name: 'Schedule' }));
    expect(onSchedule).toHaveBeenCalledWith({
      packagePurchaseId: 'purchase-1',
      providerId: 'provider-1',
      providerAssignments: [],
      startDate: '2026-11-24',
      endDate: '2026-12-31',
      preferredDays: ['SUNDAY', 'TUESDAY'],
    });
    // The result takes focus once it is shown (a timeout after the render): wait for it, do not race it.
    const heading = await screen.findByRole('heading', { name: 'Scheduling result' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(screen.getByText('2 appointments created')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Session 2' }).getAttribute('href')).toBe('/appointments/a2');
    expect(screen.getByText('Every unscheduled session is placed.')).toBeTruthy();
  });

  it('names a provider per session from the session table', async () => {
    const onSchedule = renderForm({ appointments: [], schedulingErrors: [], userErrors: [] });
    await userEvent.selectOptions(screen.getByLabelText('Provider'), 'provider-1');
    await userEvent.click(screen.getByLabelText('A provider per session'));
    await userEvent.selectOptions(screen.getByLabelText('Session 3'), 'provider-2');
    await userEvent.click(screen.getByRole('button', { name: 'Schedule' }));
    expect(onSchedule.mock.calls[0]?.[0].providerAssignments).toEqual([{ sessionNumber: 3, providerId: 'provider-2' }]);
  });

  it('tells, in words, why each session that could not be placed was not', async () => {
    renderForm({
      appointments: created,
      schedulingErrors: [
        { sessionNumber: 3, code: 'PAST_END_DATE', message: 'past end date' },
        { sessionNumber: 4, code: 'PROVIDER_NOT_IN_CLINIC', message: 'provider not in clinic' },
      ],
      userErrors: [],
    });
    await userEvent.click(screen.getByRole('button', { name: 'Schedule' }));
    expect(await screen.findByText('2 sessions could not be placed')).toBeTruthy();
    expect(screen.getByText(/^Session 3: no free time before the end date/)).toBeTruthy();
    expect(screen.getByText("Session 4: the chosen provider does not work in the package's clinic.")).toBeTruthy();
  });

  it('shows a userError beside the field its path names', async () => {
    renderForm({
      appointments: [],
      schedulingErrors: [],
      userErrors: [{ code: 'VALIDATION', message: 'The end date is after the expiry date.', field: ['input', 'endDate'] }],
    });
    await userEvent.click(screen.getByRole('button', { name: 'Schedule' }));
    const message = await screen.findByText('The end date is after the expiry date.');
    const endDate = screen.getByLabelText('End date');
    expect(endDate.getAttribute('aria-invalid')).toBe('true');
    expect(endDate.getAttribute('aria-describedby')).toContain(message.id);
    expect(screen.queryByRole('heading', { name: 'Scheduling result' })).toBeNull();
  });
});
