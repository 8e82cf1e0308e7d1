import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { type Locale } from '../i18n/locale';
import { createScriptedClient, renderWithProviders } from '../testing/render';
import { SlotPicker } from './slot-picker';

afterEach(cleanup);

/** A server with no free slot on the day, for the reason given. */
function clientAnswering(status: string, reason: string | null) {
  return createScriptedClient(({ operationName }) =>
    operationName === 'DayStatusQuery' ? { dayStatus: { __typename: 'DayStatus', status, reason } } : { freeSlots: [] },
  );
}

function renderEmptyDay(status: string, reason: string | null, locale: Locale = 'en') {
  renderWithProviders(
    <SlotPicker name="slot" providerId="p" serviceId="s" date="2026-11-26" timeZone="Asia/Riyadh" selected={null} onSelect={() => undefined} />,
    { client: clientAnswering(status, reason), locale },
  );
}

describe('an empty day', () => {
  it("says why, in the server's terms, in English and Arabic", async () => {
    renderEmptyDay('CLOSED', 'Staff training');
    expect((await screen.findByText('The clinic is closed on this day: Staff training.')).closest('[role="status"]')).toBeTruthy();
    cleanup();
    renderEmptyDay('PROVIDER_AWAY', null);
    expect(await screen.findByText('The provider is away on this day.')).toBeTruthy();
    cleanup();
    renderEmptyDay('NOT_WORKING_DAY', null, 'ar');
    expect(await screen.findByText('مقدم الخدمة لا يعمل في هذا اليوم من الأسبوع.')).toBeTruthy();
  });
});
