import { type FragmentType } from '@apollo/client';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ScheduleForm_PurchaseFragmentDoc, type SchedulePackageInput } from '../graphql/generated';
import { createTestClient, renderWithProviders } from '../testing/render';
import { ScheduleForm, type ScheduleOutcome } from './schedule-form';
import type { BookSuggestion, PreviewPlan } from '../scheduler/schedule-preview';

afterEach(cleanup);

const providers = [
  { id: 'provider-1', name: 'Dr. Huda Al-Saleh', nameAr: 'د. هدى الصالح' },
  { id: 'provider-2', name: 'Omar Nasser', nameAr: null },
];

function renderForm(outcome: ScheduleOutcome | null, extra: Partial<Parameters<typeof ScheduleForm>[0]> = {}) {
  const client = createTestClient();
  client.writeFragment({
    fragment: ScheduleForm_PurchaseFragmentDoc,
    data: {
      __typename: 'PackagePurchase',
      id: 'purchase-1',
      totalSessions: 4,
      expiryDate: '2026-12-31',
      sessionsUnscheduled: 4,
      patient: { __typename: 'Patient', id: 'patient-1' },
      package: { __typename: 'Package', id: 'package-1', clinic: { __typename: 'Clinic', id: 'clinic-1', timeZone: 'Asia/Riyadh' } },
    },
  });
  const onSchedule = vi.fn<(input: SchedulePackageInput) => Promise<ScheduleOutcome | null>>().mockResolvedValue(outcome);
  const ref = { __typename: 'PackagePurchase', id: 'purchase-1' } as FragmentType<typeof ScheduleForm_PurchaseFragmentDoc>;
  renderWithProviders(<ScheduleForm purchase={ref} providers={providers} onSchedule={onSchedule} today="2026-11-24" {...extra} />, { client });
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
      userErrors: [
        {
          code: 'VALIDATION',
          message: 'The end date is after the expiry date.',
          field: ['input', 'endDate'],
          reason: 'END_AFTER_EXPIRY',
          params: [{ name: 'expiryDate', value: '2026-12-24' }],
        },
      ],
    });
    await userEvent.click(screen.getByRole('button', { name: 'Schedule' }));
    // In the user's words (the reason's sentence), not the server's.
    const message = await screen.findByText('The end date may not pass the package’s expiry date, 2026-12-24.');
    const endDate = screen.getByLabelText('End date');
    expect(endDate.getAttribute('aria-invalid')).toBe('true');
    expect(endDate.getAttribute('aria-describedby')).toContain(message.id);
    expect(screen.queryByRole('heading', { name: 'Scheduling result' })).toBeNull();
  });

  it('previews with the preferences, explains each slot, offers a suggestion to book, and commits the same input', async () => {
    const plan: PreviewPlan = {
      sessions: [
        { sessionNumber: 1, startsAt: '2026-11-24T12:00:00Z', endsAt: '2026-11-24T12:45:00Z', reason: 'EARLIEST_FREE', provider: { name: 'Dr. Huda Al-Saleh', nameAr: null } },
        { sessionNumber: 2, startsAt: '2026-12-01T12:00:00Z', endsAt: '2026-12-01T12:45:00Z', reason: 'WEEKLY_SLOT', provider: { name: 'Dr. Huda Al-Saleh', nameAr: null } },
      ],
      schedulingErrors: [
        {
          sessionNumber: 3,
          code: 'PAST_END_DATE',
          message: 'past end date',
          alternatives: [{ startsAt: '2026-12-02T12:00:00Z', endsAt: '2026-12-02T12:45:00Z', note: 'OTHER_PROVIDER', provider: { id: 'provider-2', name: 'Omar Nasser', nameAr: null }, service: { id: 'service-1' } }],
        },
      ],
      userErrors: [],
    };
    const onPreview = vi.fn<(input: SchedulePackageInput) => Promise<PreviewPlan | null>>().mockResolvedValue(plan);
    const onBook = vi.fn<BookSuggestion>().mockResolvedValue([]);
    const moved = [{ ...created[0]!, startsAt: '2026-11-24T12:00:00Z' }, { ...created[1]!, sessionNumberInPackage: 2, startsAt: '2026-12-01T13:00:00Z' }];
    const onSchedule = renderForm({ appointments: moved, schedulingErrors: [], userErrors: [] }, { onPreview, onBook });
    await userEvent.selectOptions(screen.getByLabelText('Provider'), 'provider-1');
    await userEvent.type(screen.getByLabelText('Not before (time)'), '15:00');
    await userEvent.type(screen.getByLabelText('Not after (time)'), '17:00');
    await userEvent.click(screen.getByLabelText('Keep the same day and time every week'));
    await userEvent.type(screen.getByLabelText('Sessions a week (at most)'), '1');
    await userEvent.click(screen.getByRole('button', { name: 'Preview the schedule' }));
    expect(onPreview.mock.calls[0]?.[0]).toMatchObject({ timeWindow: { from: '15:00', to: '17:00' }, keepWeeklySlot: true, maxSessionsPerWeek: 1 });
    expect(onSchedule).not.toHaveBeenCalled();
    expect(await screen.findByText('Same day and time as the first week')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: /^Book: With another provider/ }));
    expect(onBook).toHaveBeenCalledWith(plan.schedulingErrors[0]!.alternatives![0]);
    expect(await screen.findByText('Booked')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Book these 2 sessions' }));
    expect(onSchedule).toHaveBeenCalledWith(onPreview.mock.calls[0]?.[0]);
    expect(await screen.findByText(/session\(s\) 2 were booked at a different time/)).toBeTruthy();
  });
});
