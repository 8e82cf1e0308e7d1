import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createLocaleTools, type Locale } from '../../i18n/locale';
import { type Viewer } from '../../layout/viewer';
import { createScriptedClient, renderRoutes } from '../../testing/render';
import { ProvidersRoute } from './providers.route';

afterEach(cleanup);

const admin = { role: 'ADMIN', permissions: ['manageProviders'], provider: null } as unknown as Viewer;
const clinic = { __typename: 'Clinic', id: 'clinic-1', nameEn: 'Speech', nameAr: 'النطق', timeZone: 'Asia/Riyadh' };
// A week of leave in Riyadh: Sunday 6 to Saturday 12 December 2026, whole days.
const LEAVE = { startsAt: '2026-12-05T21:00:00.000Z', endsAt: '2026-12-12T21:00:00.000Z' };

/**
 * The API as the screen meets it: one provider with that leave; shortenTimeOff refuses new times
 * outside the old ones (TIME_OFF_NOT_SHORTER, as the server does) and otherwise keeps the new end,
 * which the next read of the provider shows. Every shortening asked for is kept.
 */
function server(asked: Array<Record<string, unknown>>) {
  let endsAt = LEAVE.endsAt;
  const timeOff = () => ({ __typename: 'TimeOff', id: 'leave-1', startsAt: LEAVE.startsAt, endsAt, reason: 'Annual leave', appointmentsInside: [] });
  return createScriptedClient(({ operationName, variables }) => {
    switch (operationName) {
      case 'ProvidersSettingsQuery':
        return { clinics: [clinic], providers: [{ __typename: 'Provider', id: 'provider-1', name: 'Dr Lina', nameAr: null, clinics: [clinic] }] };
      case 'EditProviderClinicsQuery':
        return { clinics: [clinic] };
      case 'ProviderSettingsQuery':
        return {
          node: { __typename: 'Provider', id: 'provider-1', name: 'Dr Lina', nameAr: null, clinics: [clinic], workingHours: [], timeOff: [timeOff()], appointmentsOutsideHours: [] },
        };
      case 'ShortenTimeOffSettingsMutation': {
        const input = variables['input'] as { startsAt: string; endsAt: string };
        asked.push({ ...input });
        const inside = input.startsAt >= LEAVE.startsAt && input.endsAt <= endsAt;
        if (inside) endsAt = input.endsAt;
        return {
          shortenTimeOff: {
            __typename: 'TimeOffPayload',
            timeOff: inside ? timeOff() : null,
            userErrors: inside
              ? []
              : [{ __typename: 'UserError', code: 'VALIDATION', reason: 'TIME_OFF_NOT_SHORTER', message: 'A shortened time off lies inside the one it was.', field: ['input', 'startsAt'], params: [] }],
          },
        };
      }
      default:
        return null;
    }
  });
}

/** The screen once its reads are answered (they suspend it until then). */
async function renderProviders(asked: Array<Record<string, unknown>>, locale: Locale = 'en') {
  await act(async () => {
    renderRoutes('/settings/providers?provider=provider-1', [['/settings/providers', <ProvidersRoute />]], { client: server(asked), viewer: admin, locale });
  });
  return createLocaleTools(locale);
}

describe('shortening a time off on the providers screen', () => {
  it('sends the new end (the start kept), says the refusal in words at the field, then shows the shorter leave', async () => {
    const asked: Array<Record<string, unknown>> = [];
    await renderProviders(asked);
    // Role queries over the whole screen are slow in jsdom: found by label, then checked.
    const lastDay = (await screen.findByLabelText('New last day')) as HTMLInputElement;
    const form = lastDay.closest('form')!;
    expect(form.getAttribute('aria-label')).toBe('Shorten the time off Dec 6, 2026 to Dec 12, 2026 (Annual leave)');
    expect(lastDay.value).toBe('2026-12-12');

    // A later last day is not shorter: the server refuses, the screen says why at the field.
    fireEvent.change(lastDay, { target: { value: '2026-12-14' } });
    fireEvent.click(within(form).getByText('Shorten'));
    expect((await within(form).findByRole('alert')).textContent).toBe('The new times must lie inside the old ones.');
    expect(lastDay.getAttribute('aria-invalid')).toBe('true');
    expect(asked).toEqual([{ timeOffId: 'leave-1', startsAt: LEAVE.startsAt, endsAt: '2026-12-14T21:00:00.000Z' }]);

    // Wednesday 9 December, Riyadh: the leave now ends at the midnight after it; the list is read again.
    fireEvent.change(lastDay, { target: { value: '2026-12-09' } });
    fireEvent.click(within(form).getByText('Shorten'));
    await waitFor(() => expect(screen.getByText('Dec 6, 2026 to Dec 9, 2026')).toBeTruthy());
    expect(asked[1]).toEqual({ timeOffId: 'leave-1', startsAt: LEAVE.startsAt, endsAt: '2026-12-09T21:00:00.000Z' });
    const notice = await screen.findByText(
      'Time off shortened (Annual leave): now Dec 6, 2026 to Dec 9, 2026. The days it no longer covers are free again and offered to the waitlist.',
    );
    expect(notice.getAttribute('role')).toBe('status');
    expect(screen.queryByText('The new times must lie inside the old ones.')).toBeNull();
  });

  it('says the refusal in Arabic', async () => {
    const asked: Array<Record<string, unknown>> = [];
    const { t } = await renderProviders(asked, 'ar');
    const lastDay = await screen.findByLabelText(t('providerNewLastDay'));
    fireEvent.change(lastDay, { target: { value: '2026-12-20' } });
    fireEvent.click(screen.getByText(t('providerShortenTimeOff')));
    expect((await within(lastDay.closest('form')!).findByRole('alert')).textContent).toBe('يجب أن تقع الأوقات الجديدة داخل الأوقات السابقة.');
    expect(asked).toHaveLength(1);
  });
});
